// The lines of a document as extractors read them.
//
// Paragraph lines come as they are; a blank line marks the gap between
// blocks. Two-column tables (a two-column header, Nơi nhận beside the
// signer) and small three-column ones are read column by column, so the agency block
// and the motto do not interleave; larger tables row by row, cells joined
// with TAB. Markdown emphasis (**) left by converters is dropped.
#ifndef VANBAN_EXTRACT_TEXT_LINES_H_
#define VANBAN_EXTRACT_TEXT_LINES_H_

#include <string>
#include <vector>

#include "core/document.h"

namespace vanban::extract {

struct TextLine {
  std::string text;  // "" for a gap
  int page = 1;
  bool from_table = false;
};

std::vector<TextLine> FlattenLines(const Document& doc);

}  // namespace vanban::extract

#endif  // VANBAN_EXTRACT_TEXT_LINES_H_
