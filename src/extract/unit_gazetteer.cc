#include "extract/unit_gazetteer.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "core/utf8.h"

namespace vanban::extract {

namespace {

bool IsWordByte(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

bool IsSeparatorByte(char c) {
  return c == ',' || c == ';' || c == '&' || c == '/' || c == '(' || c == ')' || c == ':' ||
         c == '+' || c == '\n';
}

// Tokens that end one list item and start the next.
bool ItemBreak(const std::string& t) {
  return t == "," || t == ";" || t == "&" || t == "+" || t == "\n" || t == "/" || t == "va" ||
         t == ":";
}

// utf8::MarkKey (ICU) of a word, remembered per thread: the same few thousand
// words come back in every paragraph, and a list is tokenized several times.
const std::string& CachedMarkKey(std::string_view word) {
  thread_local std::unordered_map<std::string, std::string> cache;
  if (cache.size() > 100000) cache.clear();
  auto it = cache.find(std::string(word));
  if (it == cache.end()) it = cache.emplace(std::string(word), utf8::MarkKey(word)).first;
  return it->second;
}

std::string ReadFile(const std::string& path, bool* ok) {
  std::ifstream in(path, std::ios::binary);
  *ok = static_cast<bool>(in);
  if (!in) return "";
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Trims spaces and punctuation that do not belong to a name.
std::string CleanName(std::string_view s) {
  std::string out = utf8::CollapseSpace(s);
  auto junk = [](char c) {
    return c == ',' || c == ';' || c == ':' || c == '.' || c == '-' || c == ' ' || c == '(' ||
           c == ')' || c == '*' || c == '&' || c == '+';
  };
  while (!out.empty() && junk(out.back())) out.pop_back();
  size_t b = 0;
  while (b < out.size() && junk(out[b])) ++b;
  return out.substr(b);
}

}  // namespace

std::vector<UnitGazetteer::Token> UnitGazetteer::Tokenize(std::string_view text) {
  std::vector<size_t> offsets;
  std::string folded = utf8::FoldWithOffsets(text, &offsets);
  std::vector<Token> tokens;
  size_t i = 0;
  while (i < folded.size()) {
    char c = folded[i];
    if (IsWordByte(c)) {
      size_t j = i;
      while (j < folded.size() && IsWordByte(folded[j])) ++j;
      Token t;
      t.text = folded.substr(i, j - i);
      t.begin = offsets[i];
      t.end = offsets[j];
      // The first character as written: upper case when Lower changes it.
      std::string_view first = utf8::FirstChar(text.substr(t.begin));
      t.upper = utf8::Lower(first) != first;
      t.key = CachedMarkKey(text.substr(t.begin, t.end - t.begin));
      t.marked = std::any_of(t.key.begin(), t.key.end(), [](char b) { return (b & 0x80) != 0; });
      tokens.push_back(std::move(t));
      i = j;
    } else if (IsSeparatorByte(c)) {
      Token t;
      t.text = t.key = std::string(1, c);
      t.begin = offsets[i];
      t.end = offsets[i + 1];
      t.word = false;
      if (c == '\n') {
        // A bullet or a list mark after the line end makes it a separator;
        // a dash before it ("Văn hóa -") joins the lines.
        size_t before = i, after = i + 1;
        while (before > 0 && folded[before - 1] == ' ') --before;
        while (after < folded.size() && folded[after] == ' ') ++after;
        const bool dash_before = before > 0 && folded[before - 1] == '-';
        const bool list_before = before > 0 && (folded[before - 1] == ';' || folded[before - 1] == ',');
        const bool bullet_after = after < folded.size() && (folded[after] == '-' || folded[after] == '+' ||
                                                            folded[after] == '*' ||
                                                            static_cast<unsigned char>(folded[after]) >= 0x80);
        if (dash_before && !bullet_after) {
          ++i;
          continue;
        }
        t.soft = !bullet_after && !list_before;
      }
      tokens.push_back(std::move(t));
      ++i;
    } else {
      ++i;
    }
  }
  return tokens;
}

void UnitGazetteer::WordList::Add(const std::vector<Token>& phrase) {
  auto& bucket = by_first_[phrase[0].text];
  bucket.push_back(phrase);
  std::stable_sort(bucket.begin(), bucket.end(),
                   [](const auto& a, const auto& b) { return a.size() > b.size(); });
}

// A word with its marks must be the listed word; a bare one may be.
bool UnitGazetteer::WordList::SameAt(const std::vector<Token>& phrase, const std::vector<Token>& tokens, size_t i) {
  if (i + phrase.size() > tokens.size()) return false;
  for (size_t k = 0; k < phrase.size(); ++k) {
    const Token& t = tokens[i + k];
    if (!t.word || t.text != phrase[k].text || (t.marked && t.key != phrase[k].key)) return false;
  }
  return true;
}

size_t UnitGazetteer::WordList::At(const std::vector<Token>& tokens, size_t i) const {
  if (i >= tokens.size() || !tokens[i].word) return 0;
  auto it = by_first_.find(tokens[i].text);
  if (it == by_first_.end()) return 0;
  for (const std::vector<Token>& phrase : it->second) {  // longest first
    if (SameAt(phrase, tokens, i)) return phrase.size();
  }
  return 0;
}

bool UnitGazetteer::WordList::Is(const std::vector<Token>& tokens, size_t i, size_t n) const {
  if (i >= tokens.size() || !tokens[i].word) return false;
  auto it = by_first_.find(tokens[i].text);
  if (it == by_first_.end()) return false;
  for (const std::vector<Token>& phrase : it->second) {
    if (phrase.size() == n && SameAt(phrase, tokens, i)) return true;
  }
  return false;
}

Status UnitGazetteer::AddWords(std::string_view text, const std::string& file) {
  WordList* list = nullptr;
  int line_no = 0;
  for (std::string_view raw : utf8::Split(text, '\n')) {
    ++line_no;
    std::string_view line = utf8::Trim(raw);
    if (line.empty() || line[0] == '#') continue;
    if (line.front() == '[' && line.back() == ']') {
      std::string_view name = line.substr(1, line.size() - 2);
      const std::pair<std::string_view, WordList*> sections[] = {
          {"head", &words_.head},           {"collective", &words_.collective},
          {"stop", &words_.stop},           {"qualifier", &words_.qualifier},
          {"qualifier_word", &words_.qualifier_word}, {"filler", &words_.filler},
          {"level", &words_.level},         {"not_head", &words_.not_head}};
      list = nullptr;
      for (const auto& [n, l] : sections) {
        if (n == name) list = l;
      }
      if (!list) return InvalidArgument(file + ":" + std::to_string(line_no) + ": unknown section " + std::string(line));
      continue;
    }
    if (!list) return InvalidArgument(file + ":" + std::to_string(line_no) + ": a word before any [section]");
    std::vector<Token> phrase = Tokenize(line);
    if (phrase.empty() || std::any_of(phrase.begin(), phrase.end(), [](const Token& t) { return !t.word; })) {
      return InvalidArgument(file + ":" + std::to_string(line_no) + ": not a word or phrase: " + std::string(line));
    }
    list->Add(phrase);
  }
  return Status::Ok();
}

bool UnitGazetteer::HeadAt(const std::vector<Token>& tokens, size_t i) const {
  return words_.head.At(tokens, i) > 0 && words_.not_head.At(tokens, i) == 0;
}

bool UnitGazetteer::StopAt(const std::vector<Token>& tokens, size_t i) const {
  return words_.stop.At(tokens, i) > 0;
}

Status UnitGazetteer::AddTsv(std::string_view text, const std::string& file) {
  int line_no = 0;
  for (std::string_view raw : utf8::Split(text, '\n')) {
    ++line_no;
    std::string_view line = utf8::Trim(raw);
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string_view> fields = utf8::Split(raw, '\t');
    std::string canonical(utf8::Trim(fields[0]));
    if (canonical.empty()) return InvalidArgument(file + ":" + std::to_string(line_no) + ": empty canonical name");
    const int entry = static_cast<int>(canonical_.size());
    canonical_.push_back(canonical);
    ++canonical_count_;
    for (std::string_view f : fields) {
      std::string alias(utf8::Trim(f));
      if (alias.empty()) continue;
      bool whole = false;
      if (alias.back() == '$') {
        whole = true;
        alias.pop_back();
      }
      std::vector<Token> tokens = Tokenize(alias);
      if (tokens.empty()) {
        return InvalidArgument(file + ":" + std::to_string(line_no) + ": alias without letters: " + alias);
      }
      Alias a;
      for (const Token& t : tokens) a.tokens.push_back(t.text);
      a.entry = entry;
      a.whole_item = whole;
      auto& bucket = by_first_[a.tokens[0]];
      auto same = std::find_if(bucket.begin(), bucket.end(),
                               [&](const Alias& b) { return b.tokens == a.tokens; });
      if (same != bucket.end()) {
        *same = a;  // a later file re-maps the alias
      } else {
        bucket.push_back(a);
      }
    }
  }
  for (auto& [first, bucket] : by_first_) {
    (void)first;
    std::stable_sort(bucket.begin(), bucket.end(),
                     [](const Alias& a, const Alias& b) { return a.tokens.size() > b.tokens.size(); });
  }
  return Status::Ok();
}

Result<UnitGazetteer> UnitGazetteer::Load(const std::string& rules_dir) {
  UnitGazetteer g;
  namespace fs = std::filesystem;
  bool ok = false;
  std::string words_path = (fs::path(rules_dir) / "unit_words.txt").string();
  std::string words = ReadFile(words_path, &ok);
  if (!ok) return NotFound("cannot read unit words " + words_path);
  VANBAN_RETURN_IF_ERROR(g.AddWords(words, words_path));
  std::string main_path = (fs::path(rules_dir) / "units.tsv").string();
  std::string text = ReadFile(main_path, &ok);
  if (!ok) return NotFound("cannot read unit gazetteer " + main_path);
  VANBAN_RETURN_IF_ERROR(g.AddTsv(text, main_path));
  std::vector<std::string> extra = {(fs::path(rules_dir) / "units.local.tsv").string()};
  if (const char* env = std::getenv("VANBAN_UNITS_FILE"); env && *env) {
    for (std::string_view p : utf8::Split(env, ':')) {
      if (!p.empty()) extra.emplace_back(p);
    }
  }
  for (size_t i = 0; i < extra.size(); ++i) {
    std::string more = ReadFile(extra[i], &ok);
    if (!ok) {
      if (i == 0) continue;  // units.local.tsv is optional
      return NotFound("cannot read unit gazetteer " + extra[i] + " (named by $VANBAN_UNITS_FILE)");
    }
    VANBAN_RETURN_IF_ERROR(g.AddTsv(more, extra[i]));
  }
  return g;
}

size_t UnitGazetteer::MatchAt(const std::vector<Token>& tokens, size_t i, const Alias** alias) const {
  if (!tokens[i].word) return 0;
  auto it = by_first_.find(tokens[i].text);
  if (it == by_first_.end()) return 0;
  for (const Alias& a : it->second) {
    if (i + a.tokens.size() > tokens.size()) continue;
    bool same = true;
    for (size_t k = 0; k < a.tokens.size() && same; ++k) same = tokens[i + k].text == a.tokens[k];
    if (!same) continue;
    size_t next = i + a.tokens.size();
    if (a.whole_item && next < tokens.size() && !ItemBreak(tokens[next].text) && tokens[next].text != ")") {
      continue;
    }
    *alias = &a;
    return a.tokens.size();
  }
  return 0;
}

bool UnitGazetteer::StartsWithHeadWord(std::string_view text) const {
  return HeadAt(Tokenize(text), 0);
}

bool UnitGazetteer::Plausible(const std::vector<UnitMention>& mentions) const {
  if (mentions.empty()) return false;
  for (const UnitMention& m : mentions) {
    if (m.known) continue;
    if (utf8::Graphemes(m.as_written) > 80) return false;
    // A unit's name starts with a head word, is short and has no verb in it
    // ("Các nhiệm vụ được giao phải rõ …" is not a unit).
    std::vector<Token> tokens = Tokenize(m.as_written);
    if (!HeadAt(tokens, 0)) return false;
    const size_t words = std::count_if(tokens.begin(), tokens.end(), [](const Token& t) { return t.word; });
    if (words < 2 || words > 12) return false;
    for (size_t i = 0; i < tokens.size(); ++i) {
      if (tokens[i].upper) continue;
      if (words_.stop.Is(tokens, i, 1)) return false;
      // "các tổ chức chính trị - xã hội": after "các", "tổ chức" is a noun.
      const bool after_determiner = i > 0 && (tokens[i - 1].text == "cac" || tokens[i - 1].text == "nhung");
      if (words_.stop.Is(tokens, i, 2) && !after_determiner &&
          !(tokens[i].text == "co" && tokens[i + 1].text == "quan")) {
        return false;
      }
    }
  }
  return true;
}

bool UnitGazetteer::IsUnitList(std::string_view text, std::vector<UnitMention>* mentions) const {
  std::vector<Token> tokens = Tokenize(text);
  for (size_t i = 0; i < tokens.size(); ++i) {
    const bool after_determiner = i > 0 && (tokens[i - 1].text == "cac" || tokens[i - 1].text == "nhung");
    // "cơ quan" names units too ("Các cơ quan, đơn vị liên quan").
    const bool co_quan = tokens[i].text == "co" && i + 1 < tokens.size() && tokens[i + 1].text == "quan";
    if (!tokens[i].upper && StopAt(tokens, i) && !after_determiner && !co_quan) return false;
  }
  std::vector<UnitMention> units = ParseList(text);
  if (!Plausible(units) || units.back().end < utf8::Trim(text).size()) return false;
  if (mentions) *mentions = std::move(units);
  return true;
}

std::string UnitGazetteer::Canonical(std::string_view alias) const {
  std::vector<Token> tokens = Tokenize(alias);
  if (tokens.empty()) return "";
  const Alias* a = nullptr;
  size_t n = MatchAt(tokens, 0, &a);
  if (n == 0 || n != tokens.size()) return "";
  return canonical_[a->entry];
}

std::vector<UnitMention> UnitGazetteer::ParseList(std::string_view text) const {
  size_t consumed = 0;
  return Parse(text, false, &consumed);
}

std::vector<UnitMention> UnitGazetteer::ParsePrefix(std::string_view text, size_t* consumed) const {
  return Parse(text, true, consumed);
}

std::vector<UnitMention> UnitGazetteer::Parse(std::string_view text, bool prefix_only,
                                              size_t* consumed) const {
  std::vector<Token> tokens = Tokenize(text);
  // A soft line end before a word that starts no unit is the cell wrapping.
  for (size_t i = 0; i < tokens.size();) {
    const Alias* unused = nullptr;
    if (tokens[i].soft && i + 1 < tokens.size() && !HeadAt(tokens, i + 1) && MatchAt(tokens, i + 1, &unused) == 0) {
      tokens.erase(tokens.begin() + static_cast<long>(i));
    } else {
      ++i;
    }
  }
  // "cơ quan cơ quan" → "cơ quan": a typo's repeated words would hide an alias.
  for (size_t i = 0; i < tokens.size(); ++i) {
    for (size_t n = 3; n >= 1; --n) {
      if (i + 2 * n > tokens.size()) continue;
      // One word repeated is a typo only for "các các"; "Trưởng ban Ban Quản lý" is not.
      if (n == 1 && tokens[i].text != "cac") continue;
      bool repeated = true;
      for (size_t k = 0; k < n && repeated; ++k) {
        repeated = tokens[i + k].word && tokens[i + k].text == tokens[i + n + k].text;
      }
      if (repeated) {
        size_t begin = tokens[i].begin;
        tokens.erase(tokens.begin() + i, tokens.begin() + i + n);
        tokens[i].begin = begin;
        break;
      }
    }
  }

  std::vector<UnitMention> out;
  *consumed = 0;
  std::vector<size_t> pending;  // token indices of an unknown item
  auto flush = [&]() {
    size_t b = 0;
    while (b < pending.size() && words_.filler.Is(tokens, pending[b], 1)) ++b;
    // "Phòng Doanh nghiệp, kinh tế tập thể và tư nhân": an item that starts
    // with a lower-case word naming no unit continues the unit before it;
    // so does any lower-case item of a list begun with "Các …" ("Các bệnh
    // viện, trung tâm y tế tuyến tỉnh").
    const bool after_cac = !out.empty() && utf8::Fold(out.back().as_written).rfind("cac ", 0) == 0;
    if (b < pending.size() && !prefix_only && !out.empty() && !tokens[pending[b]].upper &&
        (!HeadAt(tokens, pending[b]) || after_cac) && out.back().end <= tokens[pending[b]].begin) {
      out.back().end = tokens[pending.back()].end;
      out.back().as_written = std::string(text.substr(out.back().begin, out.back().end - out.back().begin));
      if (!out.back().known) out.back().canonical = out.back().as_written;
      pending.clear();
      return;
    }
    if (b < pending.size()) {
      // An item made only of qualifier words is not a unit.
      bool all_filler = true;
      for (size_t k = b; k < pending.size(); ++k) {
        all_filler = all_filler && words_.qualifier_word.Is(tokens, pending[k], 1);
      }
      // Nor is a determiner left alone ("và các" before a verb).
      const bool lone_determiner = b + 1 == pending.size() && prefix_only &&
                                   (tokens[pending[b]].text == "cac" || tokens[pending[b]].text == "nhung");
      if (!all_filler && !lone_determiner) {
        UnitMention m;
        m.begin = tokens[pending[b]].begin;
        m.end = tokens[pending.back()].end;
        m.as_written = CleanName(text.substr(m.begin, m.end - m.begin));
        m.canonical = m.as_written;
        m.known = false;
        if (!m.as_written.empty()) out.push_back(std::move(m));
      }
    }
    pending.clear();
  };

  size_t i = 0;
  while (i < tokens.size()) {
    const Alias* alias = nullptr;
    size_t n = MatchAt(tokens, i, &alias);
    if (n > 0) {
      flush();
      UnitMention m;
      m.begin = tokens[i].begin;
      m.end = tokens[i + n - 1].end;
      m.as_written = std::string(text.substr(m.begin, m.end - m.begin));
      m.canonical = canonical_[alias->entry];
      m.known = true;
      i += n;
      // Words after an alias up to the end of the item belong to the same
      // unit ("Văn phòng Sở", "Các phòng, đơn vị thuộc Sở"); in running text
      // only capitalised ones do ("Văn phòng Sở theo dõi").
      while (!alias->whole_item && i < tokens.size() && tokens[i].word && !ItemBreak(tokens[i].text)) {
        const Alias* next = nullptr;
        if (size_t more = MatchAt(tokens, i, &next); more > 0) {
          // "Văn phòng UBND tỉnh": an alias right after another, with no
          // separator, names the office of that body, not a second unit.
          if (alias->whole_item || next->whole_item || !tokens[i].upper) break;
          m.end = tokens[i + more - 1].end;
          i += more;
          continue;
        }
        if (prefix_only) {
          const bool thuoc = tokens[i].text == "thuoc" && i + 1 < tokens.size() && tokens[i + 1].upper;
          // Lower-case words go on a name begun in capitals ("Ban Quản lý")
          // until a verb or a stop word.
          const bool after_capital = i > 0 && tokens[i - 1].upper && m.end == tokens[i - 1].end &&
                                     !StopAt(tokens, i);
          // "Trung tâm Phục vụ hành chính công tỉnh": the level of government.
          if (size_t level = words_.level.At(tokens, i); level > 0 && !tokens[i].upper) {
            m.end = tokens[i + level - 1].end;
            i += level;
            continue;
          }
          if (!tokens[i].upper && !thuoc && !after_capital) break;
          if (thuoc) ++i;
        } else if (!tokens[i].upper && StopAt(tokens, i)) {
          // "Công an xã là cơ quan thường trực, …": what follows a verb or a
          // stop word up to the end of the item is not part of a name.
          while (i < tokens.size() && !ItemBreak(tokens[i].text)) ++i;
          break;
        }
        m.end = tokens[i].end;
        ++i;
      }
      m.as_written = std::string(text.substr(m.begin, m.end - m.begin));
      out.push_back(std::move(m));
      *consumed = out.back().end;
      if (prefix_only) {
        // Qualifiers that belong to the unit just read.
        if (size_t q = words_.qualifier.At(tokens, i); q > 0) {
          i += q;
          *consumed = tokens[i - 1].end;
        }
      }
      continue;
    }
    const Token& t = tokens[i];
    // "Phòng Giáo dục và Đào tạo": "và" before a capitalised word that starts
    // no unit joins the name instead of ending the item.
    if (t.text == "va" && !pending.empty() && i + 1 < tokens.size() && tokens[i + 1].upper &&
        !HeadAt(tokens, i + 1) && MatchAt(tokens, i + 1, &alias) == 0) {
      pending.push_back(i);
      ++i;
      continue;
    }
    if (ItemBreak(t.text)) {
      flush();
      // "các sở, ban, ngành", "UBND các huyện, thị xã, thành phố": after a
      // unit naming "các …", items of bare collective nouns belong to it.
      if (t.text == "," && !out.empty() && (" " + utf8::Fold(out.back().as_written) + " ").find(" cac ") != std::string::npos) {
        size_t j = i + 1;
        size_t end = 0;
        while (true) {
          size_t k = j;
          while (k < tokens.size() && words_.collective.Is(tokens, k, 1) && k - j < 4) ++k;
          if (k == j) break;
          // "… đơn vị trực thuộc", "… địa phương liên quan"
          if (size_t q = words_.qualifier.At(tokens, k); q > 0 && k - j + q <= 6) k += q;
          // The list goes on to a separator, "và", or in running text the
          // verb after it ("UBND các huyện, thị xã thực hiện").
          if (k < tokens.size() && tokens[k].word && tokens[k].text != "va" &&
              !(prefix_only && StopAt(tokens, k))) {
            break;
          }
          end = tokens[k - 1].end;
          j = k;
          if (j < tokens.size() && tokens[j].text == ",") {
            ++j;
            continue;
          }
          break;
        }
        if (end > 0) {
          out.back().end = end;
          out.back().as_written = std::string(text.substr(out.back().begin, end - out.back().begin));
          if (!out.back().known) out.back().canonical = out.back().as_written;
          *consumed = end;
          i = j;
          continue;
        }
      }
      ++i;
      continue;
    }
    if (!prefix_only) {
      if (t.text == "(" || t.text == ")") {
        flush();
      } else {
        pending.push_back(i);
      }
      ++i;
      continue;
    }
    // Running text: an unknown unit must start with a head word and ends at
    // a separator, a stop word or a verb.
    if (!pending.empty() || HeadAt(tokens, i)) {
      // Inside a name, a capitalised word continues it ("Đội Kiểm tra").
      // After a lone "các", "tổ chức" is a noun ("các tổ chức chính trị - xã hội").
      const bool after_determiner = pending.size() == 1 && (tokens[pending[0]].text == "cac" ||
                                                            tokens[pending[0]].text == "nhung");
      bool stop = !(t.upper && !pending.empty()) &&
                  (words_.stop.Is(tokens, i, 1) ||
                   (words_.stop.Is(tokens, i, 2) && !after_determiner &&
                    !(pending.empty() && t.text == "co" && tokens[i + 1].text == "quan")));
      if (!t.word || (stop && !pending.empty()) || pending.size() >= 12) break;
      if (stop) break;
      pending.push_back(i);
      ++i;
      // Peek: an unknown unit only counts if what follows ends the item.
      const bool next_upper = i < tokens.size() && tokens[i].upper;
      const bool joins = i + 1 < tokens.size() && tokens[i].text == "va" && tokens[i + 1].upper &&
                         !HeadAt(tokens, i + 1);
      if (!joins && (i >= tokens.size() || ItemBreak(tokens[i].text) || !tokens[i].word ||
                     (!next_upper && StopAt(tokens, i) &&
                      !(pending.size() == 1 && words_.stop.Is(tokens, i, 2) &&
                        (tokens[pending[0]].text == "cac" || tokens[pending[0]].text == "nhung"))))) {
        size_t end = tokens[pending.back()].end;
        size_t before = out.size();
        flush();
        if (out.size() > before) *consumed = end;
      }
      continue;
    }
    break;
  }
  if (!prefix_only) flush();
  return out;
}

}  // namespace vanban::extract
