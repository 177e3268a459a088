#include "core/utf8.h"

#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <memory>

namespace vanban::utf8 {

bool IsValid(std::string_view s) {
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(s.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(s.data(), i, n, c);
    if (c < 0) return false;
  }
  return true;
}

namespace {
// Built once: these run once a word in the extractors and the restorer.
const icu::Locale& Vietnamese() {
  static const icu::Locale vi("vi");
  return vi;
}
}  // namespace

std::string Lower(std::string_view s) {
  std::string out;
  icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), s.size()))
      .toLower(Vietnamese())
      .toUTF8String(out);
  return out;
}

std::string Upper(std::string_view s) {
  std::string out;
  icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), s.size()))
      .toUpper(Vietnamese())
      .toUTF8String(out);
  return out;
}

std::string Nfc(std::string_view s) {
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(err);
  if (U_FAILURE(err)) return std::string(s);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), s.size()));
  icu::UnicodeString n = nfc->normalize(u, err);
  if (U_FAILURE(err)) return std::string(s);
  std::string out;
  n.toUTF8String(out);
  return out;
}

std::string MarkKey(std::string_view s) {
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(err);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), s.size()));
  u.toLower(Vietnamese());
  if (U_SUCCESS(err)) {
    icu::UnicodeString d = nfd->normalize(u, err);
    if (U_SUCCESS(err)) u = d;
  }
  icu::UnicodeString out;
  UChar32 tone = 0;
  for (int32_t i = 0; i < u.length();) {
    UChar32 c = u.char32At(i);
    i += U16_LENGTH(c);
    if (c == 0x0300 || c == 0x0301 || c == 0x0303 || c == 0x0309 || c == 0x0323) {
      tone = c;
    } else {
      out.append(c);
    }
  }
  if (tone != 0) out.append(tone);
  std::string r;
  out.toUTF8String(r);
  return r;
}

namespace {

// Appends the folded form of one code point.
void AppendFolded(UChar32 c, const icu::Normalizer2* nfd, std::string* out) {
  if (c < 0x80) {
    out->push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
    return;
  }
  if (c == 0x0110 || c == 0x0111 || c == 0x00D0) {  // Đ đ Ð
    out->push_back('d');
    return;
  }
  icu::UnicodeString decomposed;
  UErrorCode err = U_ZERO_ERROR;
  if (nfd == nullptr || !nfd->getDecomposition(c, decomposed)) {
    decomposed = icu::UnicodeString(c);
  }
  (void)err;
  for (int32_t i = 0; i < decomposed.length();) {
    UChar32 d = decomposed.char32At(i);
    i += U16_LENGTH(d);
    int8_t type = u_charType(d);
    if (type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK ||
        type == U_ENCLOSING_MARK) {
      continue;
    }
    d = u_tolower(d);
    char buf[4];
    int32_t len = 0;
    UBool error = false;
    U8_APPEND(buf, len, 4, d, error);
    if (!error) out->append(buf, len);
  }
}

}  // namespace

std::string FoldWithOffsets(std::string_view s, std::vector<size_t>* offsets) {
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(err);
  if (U_FAILURE(err)) nfd = nullptr;
  std::string out;
  out.reserve(s.size());
  if (offsets) offsets->clear();
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(s.size());
  while (i < n) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(s.data(), i, n, c);
    size_t before = out.size();
    if (c < 0) {
      out.push_back('?');
    } else {
      AppendFolded(c, nfd, &out);
    }
    if (offsets) offsets->insert(offsets->end(), out.size() - before, static_cast<size_t>(start));
  }
  if (offsets) offsets->push_back(s.size());
  return out;
}

std::string Fold(std::string_view s) { return FoldWithOffsets(s, nullptr); }

size_t Graphemes(std::string_view s) {
  // One character iterator per thread, reused: creating one loads ICU's
  // break rules.
  thread_local std::unique_ptr<icu::BreakIterator> it = [] {
    UErrorCode err = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> made(icu::BreakIterator::createCharacterInstance(Vietnamese(), err));
    if (U_FAILURE(err)) made.reset();
    return made;
  }();
  if (!it) return s.size();
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), s.size()));
  it->setText(u);
  size_t count = 0;
  for (int32_t p = it->next(); p != icu::BreakIterator::DONE; p = it->next()) ++count;
  return count;
}

size_t DisplayWidth(std::string_view s) {
  size_t width = 0;
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(s.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(s.data(), i, n, c);
    if (c < 0) { ++width; continue; }
    int8_t type = u_charType(c);
    if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK || type == U_FORMAT_CHAR ||
        type == U_CONTROL_CHAR) {
      continue;
    }
    int ea = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
    width += (ea == U_EA_WIDE || ea == U_EA_FULLWIDTH) ? 2 : 1;
  }
  return width;
}

std::string_view Trim(std::string_view s) {
  auto is_space = [](std::string_view t, size_t pos, size_t* len) {
    unsigned char c = static_cast<unsigned char>(t[pos]);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      *len = 1;
      return true;
    }
    if (c == 0xC2 && pos + 1 < t.size() && static_cast<unsigned char>(t[pos + 1]) == 0xA0) {
      *len = 2;
      return true;
    }
    return false;
  };
  size_t len = 0;
  while (!s.empty() && is_space(s, 0, &len)) s.remove_prefix(len);
  while (!s.empty()) {
    if (is_space(s, s.size() - 1, &len)) { s.remove_suffix(1); continue; }
    if (s.size() >= 2 && is_space(s, s.size() - 2, &len) && len == 2) { s.remove_suffix(2); continue; }
    break;
  }
  return s;
}

std::string CollapseSpace(std::string_view s) {
  s = Trim(s);
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    bool is_space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {
      is_space = true;
      ++i;
    }
    if (is_space) {
      space = true;
      continue;
    }
    if (space && !out.empty()) out.push_back(' ');
    space = false;
    out.push_back(static_cast<char>(c));
  }
  return out;
}

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == sep) {
      parts.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  return parts;
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

}  // namespace vanban::utf8
