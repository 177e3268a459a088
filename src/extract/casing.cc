#include "extract/casing.h"

#include <unicode/utf8.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "core/utf8.h"

namespace vanban::extract {

namespace {

std::vector<std::string> Words(std::string_view s) {
  std::vector<std::string> out;
  const std::string collapsed = utf8::CollapseSpace(s);
  for (std::string_view w : utf8::Split(collapsed, ' ')) {
    if (!w.empty()) out.emplace_back(w);
  }
  return out;
}

std::string StripPunct(const std::string& folded) {
  std::string out;
  for (char c : folded) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || static_cast<unsigned char>(c) >= 0x80) out += c;
  }
  return out;
}

bool IsAbbreviation(const std::string& word, const std::vector<std::string>& known) {
  std::string folded = utf8::Fold(word);
  std::string bare = StripPunct(folded);
  if (std::find(known.begin(), known.end(), bare) != known.end()) return true;
  if (utf8::Lower(word) == word) return false;  // not in capitals
  bool vowel = false, digit = false;
  for (char c : bare) {
    vowel |= c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
    digit |= c >= '0' && c <= '9';
  }
  return !vowel || digit || word.find('-') != std::string::npos || word.find('&') != std::string::npos;
}

}  // namespace

std::string Capitalize(std::string_view word) {
  if (word.empty()) return std::string();
  int32_t i = 0;
  UChar32 c;
  U8_NEXT(word.data(), i, static_cast<int32_t>(word.size()), c);
  (void)c;
  return utf8::Upper(word.substr(0, i)) + std::string(word.substr(i));
}

Result<Casing> Casing::Load(const std::string& rules_dir) {
  Casing casing;
  auto read_lines = [](const std::string& path, std::vector<std::string>* lines) -> Status {
    std::ifstream in(path);
    if (!in) return NotFound("cannot read " + path);
    std::string line;
    while (std::getline(in, line)) {
      std::string_view t = utf8::Trim(line);
      if (t.empty() || t[0] == '#') continue;
      lines->emplace_back(t);
    }
    return Status::Ok();
  };
  auto phrase = [](std::string_view text) {
    Phrase p;
    p.written = Words(text);
    for (const auto& w : p.written) p.folded.push_back(StripPunct(utf8::Fold(w)));
    return p;
  };
  std::vector<std::string> lines;
  VANBAN_RETURN_IF_ERROR(read_lines(rules_dir + "/casing.tsv", &lines));
  for (const std::string& l : lines) {
    auto parts = utf8::Split(l, '\t');
    if (parts.size() != 2) return InvalidArgument(rules_dir + "/casing.tsv: expected 'kind<TAB>phrase': " + l);
    std::string_view kind = parts[0];
    if (kind == "phrase") casing.phrases_.push_back(phrase(parts[1]));
    else if (kind == "head") casing.heads_.push_back(phrase(parts[1]));
    else if (kind == "place-word") casing.place_words_.push_back(phrase(parts[1]));
    else if (kind == "abbr") casing.abbreviations_.push_back(StripPunct(utf8::Fold(parts[1])));
    else return InvalidArgument(rules_dir + "/casing.tsv: unknown kind '" + std::string(kind) + "'");
  }
  lines.clear();
  VANBAN_RETURN_IF_ERROR(read_lines(rules_dir + "/places.txt", &lines));
  for (const std::string& l : lines) casing.places_.push_back(phrase(l));
  auto longest_first = [](const Phrase& a, const Phrase& b) { return a.folded.size() > b.folded.size(); };
  std::stable_sort(casing.phrases_.begin(), casing.phrases_.end(), longest_first);
  std::stable_sort(casing.places_.begin(), casing.places_.end(), longest_first);
  std::stable_sort(casing.place_words_.begin(), casing.place_words_.end(), longest_first);
  return casing;
}

std::string Casing::NormalCase(std::string_view text) const {
  std::vector<std::string> words = Words(text);
  const size_t n = words.size();
  std::vector<std::string> folded(n);
  std::vector<bool> keep(n);
  for (size_t i = 0; i < n; ++i) {
    folded[i] = StripPunct(utf8::Fold(words[i]));
    keep[i] = IsAbbreviation(words[i], abbreviations_);
    if (!keep[i]) words[i] = utf8::Lower(words[i]);
  }
  auto matches = [&](const Phrase& p, size_t at) {
    if (p.folded.empty() || at + p.folded.size() > n) return false;
    for (size_t k = 0; k < p.folded.size(); ++k) {
      if (folded[at + k] != p.folded[k]) return false;
    }
    return true;
  };
  // Applies the written form of a phrase's words, keeping punctuation around them.
  auto apply = [&](const Phrase& p, size_t at) {
    for (size_t k = 0; k < p.folded.size(); ++k) {
      if (keep[at + k]) continue;
      bool upper_first = utf8::Lower(p.written[k]) != p.written[k];
      words[at + k] = upper_first ? Capitalize(words[at + k]) : words[at + k];
    }
  };
  for (size_t i = 0; i < n;) {
    size_t step = 1;
    bool done = false;
    for (const Phrase& p : places_) {
      if (matches(p, i)) {
        for (size_t k = 0; k < p.folded.size(); ++k) if (!keep[i + k]) words[i + k] = Capitalize(words[i + k]);
        step = p.folded.size();
        done = true;
        break;
      }
    }
    if (!done) {
      for (const Phrase& p : place_words_) {
        if (matches(p, i)) {
          // The rest of the name is the place: every word capitalized.
          for (size_t k = i + p.folded.size(); k < n; ++k) if (!keep[k]) words[k] = Capitalize(words[k]);
          step = n - i;
          done = true;
          break;
        }
      }
    }
    if (!done) {
      for (const Phrase& p : phrases_) {
        if (matches(p, i)) {
          apply(p, i);
          step = p.folded.size();
          done = true;
          break;
        }
      }
    }
    if (!done) {
      for (const Phrase& p : heads_) {
        if (matches(p, i)) {
          apply(p, i);
          size_t next = i + p.folded.size();
          if (next < n && !keep[next]) words[next] = Capitalize(words[next]);
          // "Sở Kế hoạch và Đầu tư", "Sở Nông nghiệp và Môi trường": each field
          // joined by "và" in the name is capitalized too.
          for (size_t k = next + 1; k + 1 < n; ++k) {
            if (folded[k] == "va" && !keep[k + 1]) words[k + 1] = Capitalize(words[k + 1]);
          }
          step = p.folded.size() + (next < n ? 1 : 0);
          break;
        }
      }
    }
    i += step;
  }
  if (n > 0 && !keep[0]) words[0] = Capitalize(words[0]);
  std::string out;
  for (size_t i = 0; i < n; ++i) {
    if (i) out += ' ';
    out += words[i];
  }
  return out;
}

}  // namespace vanban::extract
