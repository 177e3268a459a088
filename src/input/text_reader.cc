#include "input/text_reader.h"

#include <unicode/ucnv.h>
#include <unicode/unistr.h>

#include <memory>

#include "core/utf8.h"

namespace vanban::input {

namespace {

Result<std::string> FromUtf16(std::string_view bytes, const char* charset) {
  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<UConverter, void (*)(UConverter*)> conv(ucnv_open(charset, &err), ucnv_close);
  if (U_FAILURE(err)) return Internal(std::string("ICU cannot open ") + charset);
  ucnv_setToUCallBack(conv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &err);
  std::u16string wide(bytes.size() / 2 + 2, u'\0');
  const char* src = bytes.data();
  UChar* dst = reinterpret_cast<UChar*>(wide.data());
  ucnv_toUnicode(conv.get(), &dst, dst + wide.size(), &src, bytes.data() + bytes.size(), nullptr, true, &err);
  if (U_FAILURE(err)) return Unsupported(std::string("not valid ") + charset + " text");
  wide.resize(dst - reinterpret_cast<UChar*>(wide.data()));
  std::string out;
  icu::UnicodeString(false, reinterpret_cast<const UChar*>(wide.data()), wide.size()).toUTF8String(out);
  return out;
}

}  // namespace

Result<DecodedText> DecodeText(std::string_view bytes) {
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") {
    bytes.remove_prefix(3);
    if (!utf8::IsValid(bytes)) return Unsupported("UTF-8 BOM but invalid UTF-8 bytes");
    return DecodedText{std::string(bytes), "UTF-8 (BOM)"};
  }
  if (bytes.substr(0, 2) == "\xFF\xFE" || bytes.substr(0, 2) == "\xFE\xFF") {
    const char* charset = bytes[0] == '\xFF' ? "UTF-16LE" : "UTF-16BE";
    Result<std::string> s = FromUtf16(bytes.substr(2), charset);
    if (!s.ok()) return s.status();
    return DecodedText{std::move(s).value(), charset};
  }
  if (!utf8::IsValid(bytes)) {
    return Unsupported("not UTF-8 or UTF-16 text (an 8-bit encoding vanban does not read yet)");
  }
  return DecodedText{std::string(bytes), "UTF-8"};
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
