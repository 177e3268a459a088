#include "review/word_diff.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <set>

#include "core/utf8.h"

namespace vanban::review {

namespace {

std::vector<std::string> Words(std::string_view s) {
  std::vector<std::string> out;
  std::string collapsed = utf8::CollapseSpace(s);
  for (std::string_view w : utf8::Split(collapsed, ' ')) {
    if (!w.empty()) out.emplace_back(w);
  }
  return out;
}

void Push(std::vector<DiffSegment>* out, DiffSegment::Op op, const std::string& token, std::string_view sep) {
  if (!out->empty() && out->back().op == op) {
    out->back().text += sep;
    out->back().text += token;
    return;
  }
  out->push_back({op, token});
}

// LCS over tokens; deletions before insertions within a changed run.
std::vector<DiffSegment> TokenDiff(const std::vector<std::string>& a, const std::vector<std::string>& b,
                                   std::string_view sep) {
  const size_t n = a.size(), m = b.size();
  // lcs[i][j] = LCS length of a[i..] and b[j..]
  std::vector<std::vector<uint32_t>> lcs(n + 1, std::vector<uint32_t>(m + 1, 0));
  for (size_t i = n; i-- > 0;) {
    for (size_t j = m; j-- > 0;) {
      lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  std::vector<DiffSegment> raw;
  size_t i = 0, j = 0;
  std::vector<std::string> dels, inss;
  auto flush = [&] {
    for (const auto& d : dels) Push(&raw, DiffSegment::Op::kDelete, d, sep);
    for (const auto& s : inss) Push(&raw, DiffSegment::Op::kInsert, s, sep);
    dels.clear();
    inss.clear();
  };
  while (i < n || j < m) {
    if (i < n && j < m && a[i] == b[j]) {
      flush();
      Push(&raw, DiffSegment::Op::kEqual, a[i], sep);
      ++i;
      ++j;
    } else if (j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j])) {
      inss.push_back(b[j++]);
    } else {
      dels.push_back(a[i++]);
    }
  }
  flush();
  return raw;
}

}  // namespace

std::vector<DiffSegment> WordDiff(std::string_view old_text, std::string_view new_text) {
  return TokenDiff(Words(old_text), Words(new_text), " ");
}

std::vector<DiffSegment> ItemDiff(const std::vector<std::string>& old_items,
                                  const std::vector<std::string>& new_items) {
  return TokenDiff(old_items, new_items, "; ");
}

std::string RenderWordDiff(const std::vector<DiffSegment>& segments, bool color, std::string_view separator) {
  std::string out;
  for (size_t k = 0; k < segments.size(); ++k) {
    const DiffSegment& s = segments[k];
    // git's "[-old-]{+new+}": a replacement reads as one unit without colour.
    bool glued = !color && separator == " " && s.op == DiffSegment::Op::kInsert &&
                 segments[k - (k > 0 ? 1 : 0)].op == DiffSegment::Op::kDelete && k > 0;
    if (k > 0 && !glued) out += separator;
    switch (s.op) {
      case DiffSegment::Op::kEqual:
        out += s.text;
        break;
      case DiffSegment::Op::kDelete:
        out += color ? "\033[31m" : "[-";
        out += s.text;
        out += color ? "\033[m" : "-]";
        break;
      case DiffSegment::Op::kInsert:
        out += color ? "\033[32m" : "{+";
        out += s.text;
        out += color ? "\033[m" : "+}";
        break;
    }
  }
  return out;
}

bool HasChanges(const std::vector<DiffSegment>& segments) {
  return std::any_of(segments.begin(), segments.end(),
                     [](const DiffSegment& s) { return s.op != DiffSegment::Op::kEqual; });
}

std::vector<std::string> FoldedTokens(std::string_view text) {
  std::string folded = utf8::Fold(text);
  std::vector<std::string> out;
  std::string cur;
  for (char ch : folded) {
    unsigned char c = static_cast<unsigned char>(ch);
    // Folded Vietnamese is ASCII; any other byte (other scripts) counts as a letter.
    if (std::isalnum(c) || c >= 0x80) {
      cur.push_back(ch);
    } else if (!cur.empty()) {
      out.push_back(std::move(cur));
      cur.clear();
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

double TokenSetSimilarity(std::string_view a, std::string_view b) {
  std::vector<std::string> ta = FoldedTokens(a), tb = FoldedTokens(b);
  std::set<std::string> sa(ta.begin(), ta.end()), sb(tb.begin(), tb.end());
  if (sa.empty() && sb.empty()) return 1.0;
  size_t common = 0;
  for (const auto& t : sa) common += sb.count(t);
  size_t uni = sa.size() + sb.size() - common;
  return static_cast<double>(common) / static_cast<double>(uni);
}

}  // namespace vanban::review
