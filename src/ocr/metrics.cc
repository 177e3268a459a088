#include "ocr/metrics.h"

#include <algorithm>
#include <vector>

#include "core/utf8.h"

namespace vanban::ocr {

namespace {

std::vector<char32_t> CodePoints(std::string_view s) {
  std::vector<char32_t> out;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
    if (i + static_cast<size_t>(len) > s.size()) len = 1;
    char32_t cp = len == 1 ? c : c & (0x7F >> len);
    for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out.push_back(cp);
    i += static_cast<size_t>(len);
  }
  return out;
}

template <typename T>
size_t Distance(const std::vector<T>& a, const std::vector<T>& b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

}  // namespace

std::string NormalizeForScoring(std::string_view text) {
  std::string nfc = utf8::Nfc(text);
  std::string out;
  bool space = false;
  for (char c : nfc) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

ErrorCount CharacterErrors(std::string_view reference, std::string_view hypothesis) {
  auto r = CodePoints(NormalizeForScoring(reference));
  auto h = CodePoints(NormalizeForScoring(hypothesis));
  return {Distance(r, h), r.size()};
}

ErrorCount WordErrors(std::string_view reference, std::string_view hypothesis) {
  auto words = [](std::string_view s) {
    std::vector<std::string> out;
    std::string n = NormalizeForScoring(s);
    for (auto w : utf8::Split(n, ' '))
      if (!w.empty()) out.emplace_back(w);
    return out;
  };
  auto r = words(reference), h = words(hypothesis);
  return {Distance(r, h), r.size()};
}

}  // namespace vanban::ocr
