#include "core/document.h"

namespace vanban {

std::string Cell::Text() const {
  std::string out;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (i) out += '\n';
    out += lines[i].text;
  }
  return out;
}

const char* TextSourceName(TextSource source) {
  switch (source) {
    case TextSource::kText: return "text";
    case TextSource::kTextLayer: return "text-layer";
    case TextSource::kOcr: return "ocr";
  }
  return "text";
}

TextSource Document::text_source() const {
  bool any_layer = false;
  for (const Page& p : pages) {
    if (p.source == TextSource::kOcr) return TextSource::kOcr;
    if (p.source == TextSource::kTextLayer) any_layer = true;
  }
  return any_layer ? TextSource::kTextLayer : TextSource::kText;
}

std::string Page::PlainText() const {
  std::string out;
  for (const Block& b : blocks) {
    if (b.kind == Block::Kind::kParagraph) {
      for (const Line& l : b.lines) {
        out += l.text;
        out += '\n';
      }
      continue;
    }
    for (const auto& row : b.table.rows) {
      for (size_t c = 0; c < row.size(); ++c) {
        if (c) out += '\t';
        std::string t = row[c].Text();
        for (char& ch : t) if (ch == '\n') ch = ' ';
        out += t;
      }
      out += '\n';
    }
  }
  return out;
}

std::string Document::PlainText() const {
  std::string out;
  for (size_t p = 0; p < pages.size(); ++p) {
    if (p) out += '\f';
    out += pages[p].PlainText();
  }
  return out;
}

}  // namespace vanban
