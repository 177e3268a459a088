#include "restore/tokenize.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "core/utf8.h"

namespace vanban::restore {
namespace {

struct Cp {
  char32_t c;
  size_t begin, end;
};

std::vector<Cp> Decode(std::string_view s) {
  std::vector<Cp> out;
  out.reserve(s.size());
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(s.size());
  while (i < n) {
    int32_t b = i;
    UChar32 c;
    U8_NEXT(s.data(), i, n, c);
    out.push_back({c < 0 ? U'\uFFFD' : static_cast<char32_t>(c), static_cast<size_t>(b), static_cast<size_t>(i)});
  }
  return out;
}

bool IsSpace(char32_t c) { return c == U' ' || c == U'\t' || c == U'\f' || c == U'\n' || c == U'\r' || c == 0xA0; }
bool IsAlnum(char32_t c) {
  if (c < 0x80) return (c >= U'0' && c <= U'9') || ((c | 0x20) >= U'a' && (c | 0x20) <= U'z');
  return u_isalnum(static_cast<UChar32>(c));
}
bool IsDigit(char32_t c) { return c >= U'0' && c <= U'9'; }
bool IsJoiner(char32_t c) { return c == U'-' || c == U'/' || c == U'.' || c == U','; }

void ClassifyCore(std::string_view line, const std::vector<Cp>& cps, size_t a, size_t b,
                  std::vector<Token>* out) {
  // cps[a, b) has no space and starts and ends with an alphanumeric.
  std::string_view text = line.substr(cps[a].begin, cps[b - 1].end - cps[a].begin);
  auto emit = [&](TokenKind k, size_t x, size_t y) {
    out->push_back({k, cps[x].begin, cps[y - 1].end,
                    std::string(line.substr(cps[x].begin, cps[y - 1].end - cps[x].begin))});
  };
  if (text.find('@') != std::string_view::npos || text.find("://") != std::string_view::npos ||
      text.substr(0, 4) == "www.") {
    emit(TokenKind::kUrl, a, b);
    return;
  }
  bool all_digits = true, has_joiner = false, has_letter = false, has_other = false;
  for (size_t i = a; i < b; ++i) {
    char32_t c = cps[i].c;
    if (IsDigit(c)) continue;
    all_digits = false;
    if (IsJoiner(c)) has_joiner = true;
    else if (IsAlnum(c)) has_letter = true;
    else has_other = true;
  }
  if (!has_other) {
    if (all_digits) { emit(TokenKind::kNumber, a, b); return; }
    if (!has_letter) {
      // digits and joiners: 77,39 and 1.000 are numbers; 2024-2025 and
      // 05/01/2024 are symbols (ranges, dates).
      bool dash = text.find('-') != std::string_view::npos || text.find('/') != std::string_view::npos;
      emit(dash ? TokenKind::kSymbol : TokenKind::kNumber, a, b);
      return;
    }
    if (!has_joiner) { emit(TokenKind::kWord, a, b); return; }
    // Letters joined by '-' or '/': a symbol (KH-BQL). A '.' or ',' between
    // letters is punctuation lost its space: split there instead.
    bool slash_dash = text.find('-') != std::string_view::npos || text.find('/') != std::string_view::npos;
    if (slash_dash) { emit(TokenKind::kSymbol, a, b); return; }
  }
  // Split into alphanumeric runs and single punctuation characters.
  size_t i = a;
  while (i < b) {
    if (IsAlnum(cps[i].c)) {
      size_t j = i;
      bool digits = true;
      while (j < b && IsAlnum(cps[j].c)) { if (!IsDigit(cps[j].c)) digits = false; ++j; }
      emit(digits ? TokenKind::kNumber : TokenKind::kWord, i, j);
      i = j;
    } else {
      emit(TokenKind::kPunct, i, i + 1);
      ++i;
    }
  }
}

}  // namespace

std::vector<Token> Tokenize(std::string_view line) {
  std::vector<Token> out;
  std::vector<Cp> cps = Decode(line);
  size_t i = 0;
  while (i < cps.size()) {
    if (IsSpace(cps[i].c)) { ++i; continue; }
    size_t j = i;
    while (j < cps.size() && !IsSpace(cps[j].c)) ++j;
    // [i, j) is a chunk: peel punctuation off both ends.
    size_t a = i, b = j;
    while (a < b && !IsAlnum(cps[a].c)) {
      out.push_back({TokenKind::kPunct, cps[a].begin, cps[a].end,
                     std::string(line.substr(cps[a].begin, cps[a].end - cps[a].begin))});
      ++a;
    }
    size_t tail = b;
    while (tail > a && !IsAlnum(cps[tail - 1].c)) --tail;
    if (a < tail) ClassifyCore(line, cps, a, tail, &out);
    for (size_t k = tail; k < b; ++k)
      out.push_back({TokenKind::kPunct, cps[k].begin, cps[k].end,
                     std::string(line.substr(cps[k].begin, cps[k].end - cps[k].begin))});
    i = j;
  }
  return out;
}

std::string LmKey(const Token& t) {
  switch (t.kind) {
    case TokenKind::kNumber: return "<num>";
    case TokenKind::kSymbol: {
      // 2024-2025 and 05/01/2024 read like numbers; KH-BQL is a symbol.
      for (char c : t.text)
        if (!(c >= '0' && c <= '9') && c != '-' && c != '/' && c != '.' && c != ',') return "<sym>";
      return "<num>";
    }
    case TokenKind::kUrl: return "<sym>";
    case TokenKind::kPunct: return t.text;
    case TokenKind::kWord: {
      bool digit = false;
      for (char c : t.text) if (c >= '0' && c <= '9') digit = true;
      if (digit) return "<unk>";
      std::string out = t.text;
      bool ascii = true;
      for (char& c : out) {
        if (static_cast<unsigned char>(c) >= 0x80) ascii = false;
        if (c >= 'A' && c <= 'Z') c += 32;
      }
      return ascii ? out : utf8::Lower(t.text);
    }
  }
  return t.text;
}

}  // namespace vanban::restore
