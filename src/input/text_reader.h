// Reads a text file into a Document.
//
// Encodings: whatever normalize::DecodeText recognises (UTF-8 with or without
// BOM, UTF-16, VIQR, Windows-1258, TCVN3, VNI-Windows). Line ends
// CRLF/CR/LF. A line holding only a form feed (\f) starts a new page. Runs of
// lines that contain TABs become table blocks (a row per line, a cell per
// TAB-separated field, the way a word processor exports a table); other lines
// form paragraph blocks separated by blank lines.
#ifndef VANBAN_INPUT_TEXT_READER_H_
#define VANBAN_INPUT_TEXT_READER_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/document.h"
#include "core/status.h"

namespace vanban::input {

struct DecodedText {
  std::string utf8;
  std::string encoding;  // "UTF-8", "UTF-8 (BOM)", "UTF-16LE", "TCVN3", ... (normalize/decode.h)
};

// Unsupported when the bytes are not text in an encoding vanban reads.
Result<DecodedText> DecodeText(std::string_view bytes);

// Pages of blocks from already decoded text (also used for text layers).
std::vector<Page> PagesFromText(std::string_view utf8, TextSource source);

// Blocks from the lines of one page (see the header comment).
std::vector<Block> BlocksFromLines(const std::vector<std::string>& lines);

Result<Document> ReadTextDocument(std::string_view bytes);

}  // namespace vanban::input

#endif  // VANBAN_INPUT_TEXT_READER_H_
