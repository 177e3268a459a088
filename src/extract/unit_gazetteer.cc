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

// Qualifiers that may follow a unit without being one: "trực thuộc",
// "có liên quan", "liên quan", "thuộc Ban".
const std::vector<std::vector<std::string>>& Qualifiers() {
  static const std::vector<std::vector<std::string>> q = {
      {"truc", "thuoc", "ban", "quan", "ly"}, {"truc", "thuoc"}, {"co", "lien", "quan"},
      {"lien", "quan"}, {"thuoc", "phuong"}, {"thuoc", "ban"}, {"thuoc", "so"},
      {"chuyen", "mon"}};
  return q;
}

// First words of a unit's name, for units the gazetteer does not know. A word
// that is also common in running text needs its second word too ("công an",
// not "công khai"; "tổ công tác", not "tổ chức").
const std::set<std::string>& HeadWords() {
  static const std::set<std::string> h = {"phong", "so", "ubnd", "ban", "cuc", "doi", "hoi", "doan",
                                          "vien", "truong", "hdnd", "bo", "bch", "cac", "ubmttq"};
  return h;
}
const std::set<std::string>& HeadBigrams() {
  static const std::set<std::string> h = {
      "cong an", "cong ty", "cong doan", "trung tam", "uy ban", "van phong", "chi cuc", "chi nhanh",
      "chi bo", "lanh dao", "hiep hoi", "mat tran", "benh vien", "bao hiem", "to cong", "don vi",
      "co quan", "hop tac", "kho bac", "thanh tra", "thanh uy", "thanh doan", "tong cuc", "tong cong",
      "quy ho", "ngan hang", "dang uy", "tinh uy", "huyen uy", "quan uy", "chu tich", "pho chu",
      "giam doc", "pho giam", "thu truong", "nguoi dung", "cong chuc", "can bo", "toa an",
      "vien kiem", "dai phat", "bao chi"};
  return h;
}

// Nouns that continue a collective list: "các sở, ban, ngành", "thị xã, thành phố".
const std::set<std::string>& Collective() {
  static const std::set<std::string> c = {"ban", "nganh", "huyen", "thi", "xa", "thanh", "pho", "dia", "phuong",
                                          "quan", "so", "phong", "don", "vi", "doan", "the", "hoi", "lien",
                                          "co", "truc", "thuoc", "tinh", "dac", "khu"};
  return c;
}

// Words that end an unknown unit's name in running text.
const std::set<std::string>& StopWords() {
  static const std::set<std::string> s = {"la", "de", "voi", "cung", "tai", "trong", "theo",
                                          "ve", "nham", "khi", "neu", "se", "phai",
                                          "duoc", "can", "gui", "phai", "da", "dang", "moi"};
  return s;
}
const std::set<std::string>& StopBigrams() {
  static const std::set<std::string> s = {
      "chu tri", "chu dong", "phoi hop", "co trach", "thuc hien", "to chuc", "theo doi",
      "tong hop", "tham muu", "xay dung", "trien khai", "chiu trach", "huong dan", "bao cao",
      "kiem tra", "ra soat", "de xuat", "can cu", "khan truong", "thuong xuyen", "chi dao",
      "dam bao", "nghien cuu", "cap nhat", "tiep tuc", "phu trach", "lam dau", "don doc",
      "trach nhiem", "tuyen truyen", "cung cap", "giai quyet", "co quan", "ban hanh",
      "thong nhat", "nang cao", "day nhanh", "ho tro", "cap phat", "danh gia", "tiep nhan", "quan triet"};
  return s;
}

// Words dropped from the front of an unknown item: "với các phòng" → "các phòng".
bool LeadingFiller(const std::string& t) {
  return t == "voi" || t == "cung" || t == "giao" || t == "gui" || t == "cho" || t == "va" ||
         t == "do";
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
      Token t{folded.substr(i, j - i), offsets[i], offsets[j], true, false};
      // The first character as written: upper case when Lower changes it.
      size_t len = 1;
      const unsigned char lead = static_cast<unsigned char>(text[t.begin]);
      if (lead >= 0xF0) len = 4; else if (lead >= 0xE0) len = 3; else if (lead >= 0xC0) len = 2;
      std::string_view first = text.substr(t.begin, len);
      t.upper = utf8::Lower(first) != first;
      tokens.push_back(std::move(t));
      i = j;
    } else if (IsSeparatorByte(c)) {
      tokens.push_back(Token{std::string(1, c), offsets[i], offsets[i + 1], false, false});
      ++i;
    } else {
      ++i;
    }
  }
  return tokens;
}

bool UnitGazetteer::HeadAt(const std::vector<Token>& tokens, size_t i) {
  if (i >= tokens.size() || !tokens[i].word) return false;
  if (HeadWords().count(tokens[i].text)) return true;
  return i + 1 < tokens.size() && HeadBigrams().count(tokens[i].text + " " + tokens[i + 1].text) > 0;
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
  std::string main_path = (fs::path(rules_dir) / "units.tsv").string();
  bool ok = false;
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

bool UnitGazetteer::StartsWithHeadWord(std::string_view text) {
  return HeadAt(Tokenize(text), 0);
}

bool UnitGazetteer::Plausible(const std::vector<UnitMention>& mentions) {
  if (mentions.empty()) return false;
  for (const UnitMention& m : mentions) {
    if (m.known) continue;
    if (!StartsWithHeadWord(m.as_written) || utf8::Graphemes(m.as_written) > 80) return false;
    // A unit's name is short and has no verb in it ("Các nhiệm vụ được giao
    // phải rõ …" is not a unit).
    std::vector<Token> tokens = Tokenize(m.as_written);
    if (tokens.size() < 2 || tokens.size() > 8) return false;
    for (size_t i = 0; i < tokens.size(); ++i) {
      if (StopWords().count(tokens[i].text) && !tokens[i].upper) return false;
      if (i + 1 < tokens.size() && StopBigrams().count(tokens[i].text + " " + tokens[i + 1].text) &&
          !tokens[i].upper && !(tokens[i].text == "co" && tokens[i + 1].text == "quan")) {
        return false;
      }
    }
  }
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
    while (b < pending.size() && LeadingFiller(tokens[pending[b]].text)) ++b;
    // "Phòng Doanh nghiệp, kinh tế tập thể và tư nhân": an item that starts
    // with a lower-case word naming no unit continues the unit before it.
    if (b < pending.size() && !prefix_only && !out.empty() && !tokens[pending[b]].upper &&
        !HeadAt(tokens, pending[b]) && out.back().end <= tokens[pending[b]].begin) {
      out.back().end = tokens[pending.back()].end;
      out.back().as_written = std::string(text.substr(out.back().begin, out.back().end - out.back().begin));
      if (!out.back().known) out.back().canonical = out.back().as_written;
      pending.clear();
      return;
    }
    if (b < pending.size()) {
      // An item made only of qualifier words is not a unit.
      bool all_filler = true;
      static const std::set<std::string> filler = {"truc", "thuoc", "co", "lien", "quan",
                                                   "cua", "chat", "che", "phuong", "chuyen",
                                                   "mon", "nghiep", "vu"};
      for (size_t k = b; k < pending.size(); ++k) all_filler = all_filler && filler.count(tokens[pending[k]].text);
      if (!all_filler) {
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
                                     !StopWords().count(tokens[i].text) &&
                                     !(i + 1 < tokens.size() &&
                                       StopBigrams().count(tokens[i].text + " " + tokens[i + 1].text));
          if (!tokens[i].upper && !thuoc && !after_capital) break;
          if (thuoc) ++i;
        }
        m.end = tokens[i].end;
        ++i;
      }
      m.as_written = std::string(text.substr(m.begin, m.end - m.begin));
      out.push_back(std::move(m));
      *consumed = out.back().end;
      if (prefix_only) {
        // Qualifiers that belong to the unit just read.
        for (const auto& q : Qualifiers()) {
          if (i + q.size() > tokens.size()) continue;
          bool same = true;
          for (size_t k = 0; k < q.size() && same; ++k) same = tokens[i + k].text == q[k];
          if (same) {
            i += q.size();
            *consumed = tokens[i - 1].end;
            break;
          }
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
          while (k < tokens.size() && tokens[k].word && Collective().count(tokens[k].text) && k - j < 4) ++k;
          if (k == j || (k < tokens.size() && tokens[k].word && tokens[k].text != "va")) break;
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
      bool stop = !(t.upper && !pending.empty()) &&
                  (StopWords().count(t.text) > 0 ||
                   (i + 1 < tokens.size() && StopBigrams().count(t.text + " " + tokens[i + 1].text) &&
                    !(pending.empty() && t.text == "co" && tokens[i + 1].text == "quan")));
      if (!t.word || (stop && !pending.empty()) || pending.size() >= 8) break;
      if (stop) break;
      pending.push_back(i);
      ++i;
      // Peek: an unknown unit only counts if what follows ends the item.
      const bool next_upper = i < tokens.size() && tokens[i].upper;
      const bool joins = i + 1 < tokens.size() && tokens[i].text == "va" && tokens[i + 1].upper &&
                         !HeadAt(tokens, i + 1);
      if (!joins && (i >= tokens.size() || ItemBreak(tokens[i].text) || !tokens[i].word ||
                     (!next_upper && (StopWords().count(tokens[i].text) ||
                                      (i + 1 < tokens.size() &&
                                       StopBigrams().count(tokens[i].text + " " + tokens[i + 1].text)))))) {
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
