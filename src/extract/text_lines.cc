#include "extract/text_lines.h"

#include <algorithm>

#include "core/utf8.h"

namespace vanban::extract {

namespace {

std::string Clean(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '*' && i + 1 < s.size() && s[i + 1] == '*') {
      ++i;
      continue;
    }
    out += s[i];
  }
  return std::string(utf8::Trim(out));
}

}  // namespace

std::vector<TextLine> FlattenLines(const Document& doc) {
  std::vector<TextLine> out;
  auto gap = [&](int page) {
    if (!out.empty() && !out.back().text.empty()) out.push_back(TextLine{"", page, false});
  };
  for (const Page& page : doc.pages) {
    for (const Block& block : page.blocks) {
      gap(page.number);
      if (block.kind == Block::Kind::kParagraph) {
        for (const Line& l : block.lines) out.push_back(TextLine{Clean(l.text), page.number, false});
        continue;
      }
      const auto& rows = block.table.rows;
      size_t columns = 0;
      for (const auto& r : rows) columns = std::max(columns, r.size());
      if ((columns <= 2 && rows.size() <= 60) || (columns == 3 && rows.size() <= 12)) {
        for (size_t c = 0; c < columns; ++c) {
          for (const auto& r : rows) {
            if (c >= r.size()) continue;
            for (const Line& l : r[c].lines) {
              std::string t = Clean(l.text);
              if (!t.empty()) out.push_back(TextLine{t, page.number, true});
            }
          }
          gap(page.number);
        }
      } else {
        for (const auto& r : rows) {
          std::string joined;
          for (size_t c = 0; c < r.size(); ++c) {
            if (c) joined += '\t';
            std::string t = r[c].Text();
            std::replace(t.begin(), t.end(), '\n', ' ');
            joined += Clean(t);
          }
          out.push_back(TextLine{joined, page.number, true});
        }
      }
    }
  }
  return out;
}

}  // namespace vanban::extract
