// vanban-lm-clean: keeps the Vietnamese lines of raw text harvested for the
// language model, normalized (NFC, traditional tone placement, odd spaces).
//
//   vanban-lm-clean < raw.txt > clean.txt
//
// A line is kept when it has at least 3 words, at least 60% of its words are
// valid Vietnamese syllables and at least 25% carry marks (so English left
// untranslated and code samples are dropped). Markup leftovers (&amp; ~ _)
// are removed first. Duplicate lines are dropped.
#include <iostream>
#include <string>
#include <unordered_set>

#include "normalize/decode.h"
#include "normalize/normalize.h"

int main() {
  std::ios::sync_with_stdio(false);
  std::unordered_set<std::string> seen;
  std::string line;
  size_t in = 0, out = 0;
  while (std::getline(std::cin, line)) {
    ++in;
    std::string s;
    s.reserve(line.size());
    for (size_t i = 0; i < line.size(); ++i) {
      char c = line[i];
      if (c == '~' || c == '_' || c == '\t' || c == '\r') { s.push_back(c == '\t' ? ' ' : (c == '_' ? ' ' : '\0')); if (s.back() == '\0') s.pop_back(); continue; }
      if (c == '&') {
        size_t semi = line.find(';', i);
        if (semi != std::string::npos && semi - i < 8) {
          std::string ent = line.substr(i, semi - i + 1);
          if (ent == "&amp;") s += "&";
          else if (ent == "&lt;") s += "<";
          else if (ent == "&gt;") s += ">";
          else if (ent == "&quot;") s += "\"";
          else s += " ";
          i = semi;
          continue;
        }
      }
      s.push_back(c);
    }
    std::string n = vanban::normalize::NormalizeText(s);
    auto score = vanban::normalize::ScoreVietnamese(n);
    if (score.words < 3) continue;
    const int valid = score.marked_valid + score.plain_valid;
    if (valid * 10 < score.words * 6) continue;
    if (score.marked_valid * 4 < score.words) continue;
    if (!seen.insert(n).second) continue;
    std::cout << n << '\n';
    ++out;
  }
  std::cerr << "vanban-lm-clean: kept " << out << " of " << in << " lines\n";
  return 0;
}
