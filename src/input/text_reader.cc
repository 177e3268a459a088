#include "input/text_reader.h"

#include "core/utf8.h"
#include "normalize/decode.h"

namespace vanban::input {

Result<DecodedText> DecodeText(std::string_view bytes) {
  // Encoding detection lives in the normalize stage (UTF-8/16, VIQR,
  // Windows-1258, TCVN3, VNI, decided by content).
  Result<normalize::Decoded> d = normalize::DecodeText(bytes);
  if (!d.ok()) return d.status();
  return DecodedText{std::move(d->utf8), std::move(d->encoding)};
}

std::vector<Block> BlocksFromLines(const std::vector<std::string>& lines) {
  std::vector<Block> blocks;
  Block* open = nullptr;  // the block the next line joins, if any
  for (const std::string& raw : lines) {
    std::string_view trimmed = utf8::Trim(raw);
    if (trimmed.empty()) {
      open = nullptr;
      continue;
    }
    const bool is_row = raw.find('\t') != std::string::npos;
    const Block::Kind kind = is_row ? Block::Kind::kTable : Block::Kind::kParagraph;
    if (open == nullptr || open->kind != kind) {
      blocks.emplace_back();
      blocks.back().kind = kind;
      open = &blocks.back();
    }
    if (is_row) {
      std::vector<Cell> row;
      int col = 0;
      for (std::string_view field : utf8::Split(raw, '\t')) {
        Cell cell;
        cell.row = static_cast<int>(open->table.rows.size());
        cell.col = col++;
        std::string text(utf8::Trim(field));
        if (!text.empty()) cell.lines.push_back(Line{text, "", {}, {}, -1});
        row.push_back(std::move(cell));
      }
      open->table.rows.push_back(std::move(row));
    } else {
      open->lines.push_back(Line{std::string(utf8::Trim(raw)), "", {}, {}, -1});
    }
  }
  return blocks;
}

std::vector<Page> PagesFromText(std::string_view text, TextSource source) {
  std::vector<Page> pages;
  std::vector<std::string> lines;
  auto flush = [&]() {
    Page page;
    page.number = static_cast<int>(pages.size()) + 1;
    page.source = source;
    page.blocks = BlocksFromLines(lines);
    pages.push_back(std::move(page));
    lines.clear();
  };
  std::string line;
  for (size_t i = 0; i <= text.size(); ++i) {
    char c = i < text.size() ? text[i] : '\n';
    if (c == '\r') {
      if (i + 1 < text.size() && text[i + 1] == '\n') continue;
      c = '\n';
    }
    if (c == '\f') {
      if (!utf8::Trim(line).empty()) lines.push_back(line);
      line.clear();
      flush();
      continue;
    }
    if (c == '\n') {
      lines.push_back(line);
      line.clear();
      continue;
    }
    line.push_back(c);
  }
  flush();
  // A trailing form feed leaves an empty last page: drop it.
  while (pages.size() > 1 && pages.back().blocks.empty()) pages.pop_back();
  return pages;
}

Result<Document> ReadTextDocument(std::string_view bytes) {
  Result<DecodedText> decoded = DecodeText(bytes);
  if (!decoded.ok()) return decoded.status();
  Document doc;
  doc.format = "text";
  doc.encoding = decoded->encoding;
  doc.pages = PagesFromText(decoded->utf8, TextSource::kText);
  return doc;
}

}  // namespace vanban::input
