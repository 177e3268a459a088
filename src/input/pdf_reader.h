// Reads the text layer of a PDF through poppler-cpp, page by page.
//
// Words are grouped into lines by their boxes (top to bottom, left to right);
// within a line, a wide horizontal gap separates columns and becomes a TAB,
// so a two-column header or a table row reads like a text export (see
// text_reader.h). A page with no usable text layer (empty, a few characters,
// or mostly unmappable glyphs) is returned with needs_ocr = true and no blocks.
//
// Thread-safety: each call opens its own poppler document; calls may run in
// parallel.
#ifndef VANBAN_INPUT_PDF_READER_H_
#define VANBAN_INPUT_PDF_READER_H_

#include <string_view>

#include "core/document.h"
#include "core/status.h"

namespace vanban::input {

struct PdfLimits {
  int max_pages = 2000;
};

// Corrupt (cannot be parsed), Encrypted (needs a password: an empty user
// password is tried), ResourceLimit (too many pages).
Result<Document> ReadPdfDocument(std::string_view bytes, const PdfLimits& limits = {});

}  // namespace vanban::input

#endif  // VANBAN_INPUT_PDF_READER_H_
