#include "extract/indicator_extractor.h"

#include <algorithm>
#include <filesystem>

#include "core/utf8.h"

namespace vanban::extract {

namespace {

std::vector<std::string> Words(std::string_view s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '|' || c == '\n') {
      if (!cur.empty()) out.push_back(std::move(cur));
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

bool IsNumber(const std::string& w) {
  double v;
  return ParseDecimal(w, &v);
}

// A cell with no figure that still holds its column: "-", "–", "x".
bool IsPlaceholder(const std::string& w) {
  return w == "-" || w == "\u2013" || w == "\u2014" || w == "x" || w == "X";
}

int RomanValue(std::string_view s) {
  static const char* kRoman[] = {"I",  "II",  "III",  "IV", "V",  "VI",  "VII",
                                 "VIII", "IX", "X",  "XI", "XII", "XIII", "XIV", "XV"};
  for (int i = 0; i < 15; ++i) {
    if (s == kRoman[i]) return i + 1;
  }
  return 0;
}

std::string Roman(int v) {
  static const char* kRoman[] = {"I",  "II",  "III",  "IV", "V",  "VI",  "VII",
                                 "VIII", "IX", "X",  "XI", "XII", "XIII", "XIV", "XV"};
  return v >= 1 && v <= 15 ? kRoman[v - 1] : "";
}

// A word OCR made of a Roman numeral and a column rule: "Il", "1T", "£", "|".
bool RomanLike(const std::string& w) {
  if (w.empty()) return false;
  std::string rest = w;
  for (const char* junk : {"\xC2\xA3", "\xC2\xA2"}) {  // £ ¢
    for (size_t p; (p = rest.find(junk)) != std::string::npos;) rest.erase(p, 2);
  }
  for (char c : rest) {
    if (!(c == 'I' || c == 'V' || c == 'X' || c == 'l' || c == '1' || c == '|' || c == 'T' || c == '!' ||
          c == ' ')) {
      return false;
    }
  }
  return true;
}

bool ArabicOrdinal(const std::string& w) {
  std::string t = w;
  if (!t.empty() && t.back() == '.') t.pop_back();
  if (t.empty() || t.size() > 2) return false;
  for (char c : t) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

int YearValue(std::string_view s) {
  if (s.size() != 4) return 0;
  int y = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return 0;
    y = y * 10 + (c - '0');
  }
  return y >= 1900 && y <= 2199 ? y : 0;
}

std::string TrimName(std::string s) {
  s = utf8::CollapseSpace(s);
  while (!s.empty() && (s.back() == '|' || s.back() == ' ' || s.back() == ',' || s.back() == ':')) s.pop_back();
  size_t b = 0;
  while (b < s.size() && (s[b] == '|' || s[b] == ' ' || s[b] == '-')) ++b;
  return s.substr(b);
}

std::string Comparator(const std::string& written) {
  std::string f = utf8::Fold(written);
  if (f == "≤" || f == "<=" || f == "khong qua" || f == "toi da") return "<=";
  if (f == "≥" || f == ">=" || f == "toi thieu" || f == "it nhat" || f == "tu" || f == "dat tu" ||
      f == "khong thap hon") {
    return ">=";
  }
  if (f == "<" || f == "duoi") return "<";
  if (f == ">" || f == "tren" || f == "dat tren") return ">";
  return "=";
}

}  // namespace

bool ParseDecimal(std::string_view s, double* value) {
  if (s.empty() || s.size() > 9) return false;
  std::string norm;
  int seps = 0, digits = 0;
  for (char c : s) {
    if (c >= '0' && c <= '9') {
      norm += c;
      ++digits;
    } else if (c == ',' || c == '.') {
      if (++seps > 1 || norm.empty()) return false;
      norm += '.';
    } else {
      return false;
    }
  }
  if (digits == 0 || norm.back() == '.') return false;
  *value = std::stod(norm);
  return true;
}

Result<IndicatorExtractor> IndicatorExtractor::Load(const std::string& rules_dir) {
  Result<RulePack> pack =
      RulePack::LoadFile((std::filesystem::path(rules_dir) / "indicators.rules").string());
  if (!pack.ok()) return pack.status();
  static const char* kRules[] = {"year_columns", "target_column", "rank_row", "total_row", "percent_row",
                                 "count_row", "table_end", "score_out_of", "rank_out_of", "score_bound", "score_up", "rank_up",
                                 "score_and_rank", "year_bound", "percent", "index_name", "year_word",
                                 "rank_group", "target_cue", "actual_column"};
  for (const char* name : kRules) {
    Result<const Rule*> r = pack->Require(name);
    if (!r.ok()) return r.status();
  }
  return IndicatorExtractor(std::move(pack).value());
}

bool IndicatorExtractor::Matches(const char* rule, std::string_view text, RuleMatch* m) const {
  const Rule* r = pack_.Find(rule);
  RuleMatch local;
  return r != nullptr && r->Find(text, m ? m : &local);
}

std::vector<IndicatorExtractor::SourceLine> IndicatorExtractor::Lines(const Document& doc) {
  std::vector<SourceLine> out;
  for (const Page& page : doc.pages) {
    for (const Block& block : page.blocks) {
      if (!out.empty() && !out.back().gap) out.push_back(SourceLine{"", page.number, false, true});
      if (block.kind == Block::Kind::kParagraph) {
        for (const Line& l : block.lines) out.push_back(SourceLine{l.text, page.number, false, false});
      } else {
        for (const auto& row : block.table.rows) {
          std::string text;
          for (const Cell& c : row) {
            std::string t = c.Text();
            std::replace(t.begin(), t.end(), '\n', ' ');
            if (!text.empty()) text += " | ";
            text += t;
          }
          out.push_back(SourceLine{text, page.number, true, false});
        }
      }
    }
  }
  return out;
}

size_t IndicatorExtractor::CellTable(const std::vector<SourceLine>& lines, size_t i, std::vector<bool>* used,
                                     std::vector<Indicator>* out) const {
  auto cells_of = [](const std::string& line) {
    std::vector<std::string> cells;
    size_t pos = 0;
    while (true) {
      size_t bar = line.find(" | ", pos);
      cells.push_back(std::string(utf8::Trim(line.substr(pos, bar == std::string::npos ? std::string::npos : bar - pos))));
      if (bar == std::string::npos) break;
      pos = bar + 3;
    }
    return cells;
  };
  // Value columns: "2023" (actual), "Kế hoạch năm 2024" / "Mục tiêu 2024"
  // (target), "Kết quả thực hiện" / "Thực hiện 2024" (actual).
  // Year columns side by side are read by the plain-line path, which is
  // robust to rows whose cells do not line up with the header.
  if (Matches("year_columns", lines[i].text)) return i;
  std::vector<std::string> header = cells_of(lines[i].text);
  struct Column {
    size_t index;
    std::string kind;
    int year;
  };
  std::vector<Column> columns;
  int any_year = 0;
  for (size_t c = 0; c < header.size(); ++c) {
    RuleMatch m;
    if (int y = YearValue(header[c])) {
      columns.push_back({c, "actual", y});
    } else if (Matches("target_column", header[c], &m) && utf8::Graphemes(header[c]) < 40 &&
               (m.Has("year") || utf8::Fold(header[c]).rfind("chi tieu", 0) != 0)) {
      columns.push_back({c, "target", m.Has("year") ? YearValue(m.Get("year")) : 0});
    } else if (Matches("actual_column", header[c], &m) && utf8::Graphemes(header[c]) < 60) {
      columns.push_back({c, "actual", m.Has("year") ? YearValue(m.Get("year")) : 0});
    }
    if (!columns.empty() && columns.back().index == c && columns.back().year) any_year = columns.back().year;
  }
  bool has_target = false, has_actual = false;
  for (const Column& col : columns) {
    has_target = has_target || col.kind == "target";
    has_actual = has_actual || col.kind == "actual";
  }
  // Two year columns are the plain-line path's business; this one needs a
  // plan-vs-result header.
  if (columns.size() < 2 || !has_target || !has_actual) return i;
  for (Column& col : columns) {
    if (col.year == 0) col.year = any_year;
  }
  (*used)[i] = true;
  size_t j = i + 1;
  for (; j < lines.size() && lines[j].table && !lines[j].gap; ++j) {
    std::vector<std::string> cells = cells_of(lines[j].text);
    std::string code, name;
    for (size_t c = 0; c < cells.size(); ++c) {
      bool value_col = false;
      for (const Column& col : columns) value_col = value_col || col.index == c;
      if (value_col || cells[c].empty()) continue;
      if (code.empty() && name.empty() && (ArabicOrdinal(cells[c]) || RomanValue(cells[c]))) {
        code = cells[c];
      } else if (name.empty()) {
        name = cells[c];
      }
    }
    if (name.empty()) continue;
    (*used)[j] = true;
    Indicator base;
    base.code = code;
    base.name = name;
    base.raw = lines[j].text;
    base.page = lines[j].page;
    base.comparator = "=";
    base.metric = Matches("percent_row", name) ? "percent" : Matches("count_row", name) ? "count" : "score";
    RuleMatch mm;
    if (Matches("rank_row", name, &mm)) {
      base.metric = "rank";
      double o;
      if (mm.Has("out_of") && ParseDecimal(mm.Get("out_of"), &o)) base.out_of = o;
    }
    for (const Column& col : columns) {
      if (col.index >= cells.size() || cells[col.index].empty()) continue;
      std::string v = cells[col.index];
      double value;
      if (!ParseDecimal(v, &value)) continue;
      if (base.metric == "count" || (v.find('.') != std::string::npos && v.size() - v.find('.') == 4 &&
                                     v.find(',') == std::string::npos)) {
        std::string digits;
        for (char ch : v) {
          if (ch != '.') digits += ch;
        }
        ParseDecimal(digits, &value);  // "1.482": a thousands dot
      }
      Indicator ind = base;
      ind.kind = col.kind;
      if (col.year) ind.year = col.year;
      ind.value = value;
      out->push_back(std::move(ind));
    }
  }
  return j;
}

std::vector<Indicator> IndicatorExtractor::FromTables(const std::vector<SourceLine>& lines,
                                                      std::vector<bool>* used) const {
  std::vector<Indicator> out;
  used->assign(lines.size(), false);
  size_t i = 0;
  while (i < lines.size()) {
    if (lines[i].table && !lines[i].gap) {
      size_t next = CellTable(lines, i, used, &out);
      if (next > i) {
        i = next;
        continue;
      }
    }
    RuleMatch hm;
    if (lines[i].gap || !Matches("year_columns", lines[i].text, &hm)) {
      ++i;
      continue;
    }
    std::vector<int> years;
    for (const std::string& w : Words(hm.Get("years"))) {
      if (int y = YearValue(w)) years.push_back(y);
    }
    bool ascending = years.size() >= 2;
    for (size_t k = 1; k < years.size(); ++k) ascending = ascending && years[k] > years[k - 1];
    if (!ascending) {
      ++i;
      continue;
    }
    const std::string header_years = hm.Get("years");
    (*used)[i] = true;

    // The target column: in the header after the years, or "Mục tiêu" on a
    // line of its own with its year on another.
    bool has_target = false;
    int target_year = 0;
    RuleMatch tm;
    std::string after = lines[i].text.substr(std::min(lines[i].text.size(), hm.end));
    if (Matches("target_column", after, &tm)) {
      has_target = true;
      if (tm.Has("year")) target_year = YearValue(tm.Get("year"));
    }
    for (size_t k = (i >= 4 ? i - 4 : 0); k < std::min(lines.size(), i + 3); ++k) {
      if (k == i || lines[k].gap) continue;
      std::string t(utf8::Trim(lines[k].text));
      std::string f = utf8::Fold(t);
      if (f == "muc" || f == "muc tieu" || f == "tieu" || Matches("target_column", t)) has_target = true;
      int y = YearValue(t);
      if (k > i && y > years.back() && target_year == 0) {
        target_year = y;
        has_target = true;
        (*used)[k] = true;
      }
    }
    if (has_target && target_year == 0) target_year = years.back() + 1;

    // The rows, up to the end of the table (a footnote, a heading, or a
    // long stretch without numbers).
    int prev_code = 0;
    int misses = 0;
    size_t j = i + 1;
    for (; j < lines.size() && misses < 12; ++j) {
      const SourceLine& line = lines[j];
      if (line.gap || (*used)[j]) continue;
      if (Matches("table_end", line.text)) break;
      RuleMatch again;
      if (Matches("year_columns", line.text, &again) && again.Get("years") == header_years) {
        (*used)[j] = true;  // the header repeated on the next page
        for (size_t k = j + 1; k < std::min(lines.size(), j + 3); ++k) {
          if (YearValue(std::string(utf8::Trim(lines[k].text))) == target_year) (*used)[k] = true;
        }
        continue;
      }
      std::vector<std::string> words = Words(line.text);
      // The first run of figures long enough to fill the year columns; a
      // "-" holds its column ("8 Vai trò người đứng đầu - 8,15 7,92 8,3"),
      // unless the run is longer than the columns without it (a dash in the name).
      auto value_word = [&](size_t k) {
        return (IsNumber(words[k]) && !YearValue(words[k])) || IsPlaceholder(words[k]);
      };
      size_t run_begin = 0, run_len = 0;
      for (size_t w = 0; w < words.size();) {
        if (!value_word(w)) {
          ++w;
          continue;
        }
        size_t e = w;
        while (e < words.size() && value_word(e)) ++e;
        size_t b = w;
        while (b < e && IsPlaceholder(words[b]) && e - b > years.size() + 1) ++b;
        bool figures = false;
        for (size_t k = b; k < e; ++k) figures = figures || IsNumber(words[k]);
        if (figures && e - b >= years.size()) {
          run_begin = b;
          run_len = e - b;
          break;
        }
        w = e;
      }
      if (run_len == 0) {
        ++misses;
        continue;
      }
      std::vector<bool> empty_slot;
      for (size_t k = 0; k < run_len; ++k) empty_slot.push_back(IsPlaceholder(words[run_begin + k]));
      misses = 0;
      (*used)[j] = true;
      const size_t n_values = std::min(run_len, years.size() + 1);

      // Code and name before the numbers. The code is read from the line as
      // written, column rules included ("| |" is OCR's "I |").
      size_t name_begin = 0;
      std::string arabic;
      if (run_begin > 1 && ArabicOrdinal(words[0])) {
        arabic = words[0];
        if (arabic.back() == '.') arabic.pop_back();
        name_begin = 1;
      }
      while (arabic.empty() && name_begin < run_begin &&
             (RomanValue(words[name_begin]) || RomanLike(words[name_begin]))) {
        ++name_begin;
      }
      std::string code_area;
      if (name_begin < words.size()) {
        std::string_view t = line.text;
        size_t stop = t.find(words[name_begin]);
        code_area = std::string(t.substr(0, stop == std::string_view::npos ? 0 : stop));
      }
      std::string code_roman;  // OCR confusions mapped: l 1 | → I; T ! £ dropped
      for (char c : code_area) {
        if (c == 'I' || c == 'V' || c == 'X') code_roman += c;
        if (c == 'l' || c == '1' || c == '|') code_roman += 'I';
      }
      std::string name;
      for (size_t w = name_begin; w < run_begin; ++w) name += (name.empty() ? "" : " ") + words[w];
      name = TrimName(name);

      Indicator base;
      base.name = name;
      base.raw = line.text;
      base.page = line.page;
      base.comparator = "=";
      base.metric = "score";
      RuleMatch mm;
      const bool rank = Matches("rank_row", name, &mm);
      if (rank) {
        base.metric = "rank";
        double v;
        if (mm.Has("out_of") && ParseDecimal(mm.Get("out_of"), &v)) base.out_of = v;
      } else if (Matches("total_row", name, &mm)) {
        double v;
        if (mm.Has("out_of") && ParseDecimal(mm.Get("out_of"), &v)) base.out_of = v;
      } else if (Matches("percent_row", name)) {
        base.metric = "percent";
      } else if (Matches("count_row", name)) {
        base.metric = "count";
      }
      if (!arabic.empty()) {
        base.code = arabic;
      } else if (!rank && !Matches("total_row", name) && !utf8::Trim(code_area).empty()) {
        std::string exact(utf8::Trim(code_area));
        if (int r = RomanValue(exact)) {
          base.code = exact;
          prev_code = r;
        } else if (RomanValue(code_roman) == prev_code + 1 || RomanLike(exact) || !code_roman.empty()) {
          base.code = Roman(++prev_code);  // OCR broke the numeral: the next in sequence
        }
      }

      std::vector<double> values;
      bool any_decimal = false, decimals_small = true;
      for (size_t k = 0; k < n_values; ++k) {
        const std::string& w = words[run_begin + k];
        double v = 0;
        ParseDecimal(w, &v);
        values.push_back(v);
        if (w.find_first_of(",.") != std::string::npos) {
          any_decimal = true;
          decimals_small = decimals_small && v < 100;
        }
      }
      for (size_t k = 0; k < n_values; ++k) {
        const std::string& w = words[run_begin + k];
        if (base.metric == "score" && any_decimal && decimals_small && w.size() == 3 &&
            w.find_first_of(",.") == std::string::npos && values[k] >= 100) {
          values[k] /= 100;  // "714" beside "7,06": the comma was lost
        }
        if (empty_slot[k]) continue;
        Indicator ind = base;
        ind.value = values[k];
        if (k < years.size()) {
          ind.kind = "actual";
          ind.year = years[k];
        } else {
          ind.kind = "target";
          ind.year = target_year ? target_year : years.back() + 1;
        }
        out.push_back(std::move(ind));
      }
    }
    i = j;
  }
  return out;
}

std::vector<Indicator> IndicatorExtractor::FromProse(const std::vector<SourceLine>& lines,
                                                     const std::vector<bool>& used, const Header& header) const {
  std::vector<Indicator> out;
  int doc_year = 0;
  if (header.issued_date.size() >= 4) doc_year = YearValue(header.issued_date.substr(0, 4));
  std::string title_index;
  if (const Rule* r = pack_.Find("index_name")) {
    RuleMatch m;
    if (r->Find(header.title, &m)) title_index = m.Get("name");
  }

  // Paragraphs: runs of non-table lines between gaps. Each also carries the
  // year its context states: a lead-in ending with ':' ("Đến hết năm 2025:")
  // or a short numbered heading ("2. Chỉ tiêu năm 2026") for the items under
  // it, else its Roman heading ("I. KẾT QUẢ … NĂM 2024").
  struct Para {
    std::string first;
    int second;
    int context_year = 0;
  };
  std::vector<Para> paras;
  bool open = false;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].gap || lines[i].table || used[i]) {
      open = false;
      continue;
    }
    std::string t = utf8::CollapseSpace(lines[i].text);
    if (t.empty()) continue;
    // Each bullet is a statement of its own: its year is not the one before.
    const bool bullet = t[0] == '-' || t[0] == '+' || utf8::StartsWith(t, "\u2022");
    if (open && !bullet) {
      paras.back().first += " " + t;
    } else {
      paras.push_back(Para{t, lines[i].page, 0});
      open = true;
    }
  }
  {
    int heading_year = 0, lead_in_year = 0;
    const Rule* year_word = pack_.Find("year_word");
    for (Para& p : paras) {
      std::string_view t = utf8::Trim(p.first);
      RuleMatch ym;
      int own = year_word->Find(t, &ym) ? YearValue(ym.Get("year")) : 0;
      const bool roman = t.size() > 2 && (t[0] == 'I' || t[0] == 'V' || t[0] == 'X') &&
                         t.find(". ") != std::string_view::npos && t.find(". ") <= 5;
      const bool item = !t.empty() && (t[0] == '-' || t[0] == '+' || (t[0] >= '0' && t[0] <= '9') ||
                                        (t.size() > 1 && t[1] == ')'));
      if (roman) {
        heading_year = own;
        lead_in_year = 0;
      }
      p.context_year = lead_in_year ? lead_in_year : heading_year;
      // "2. Chỉ tiêu năm 2026" over its items, with or without a colon.
      const bool numbered_heading = item && t[0] >= '0' && t[0] <= '9' && utf8::Graphemes(t) < 80 &&
                                    t.back() != '.' && t.back() != ';';
      if (!t.empty() && (t.back() == ':' || (numbered_heading && own))) {
        lead_in_year = own;
      } else if (!item && !roman) {
        lead_in_year = 0;
      }
    }
  }

  static const char* kRules[] = {"score_out_of", "rank_out_of", "score_bound", "score_up", "rank_up",
                                 "score_and_rank", "year_bound", "percent", "rank_group"};
  for (const Para& para : paras) {
    const std::string& text = para.first;
    const int page = para.second;
    struct Hit {
      const char* rule;
      RuleMatch m;
    };
    std::vector<Hit> hits;
    for (const char* rule : kRules) {
      for (RuleMatch& m : pack_.Find(rule)->FindAll(text)) hits.push_back(Hit{rule, std::move(m)});
    }
    std::stable_sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
      if (a.m.begin != b.m.begin) return a.m.begin < b.m.begin;
      return a.m.end - a.m.begin > b.m.end - b.m.begin;
    });
    std::vector<RuleMatch> years = pack_.Find("year_word")->FindAll(text);
    std::vector<RuleMatch> names = pack_.Find("index_name")->FindAll(text);
    size_t covered = 0;
    for (const Hit& h : hits) {
      if (h.m.begin < covered) continue;
      covered = h.m.end;
      const std::string rule = h.rule;
      Indicator ind;
      ind.raw = utf8::CollapseSpace(std::string_view(text).substr(h.m.begin, h.m.end - h.m.begin));
      for (size_t p; (p = ind.raw.find("**")) != std::string::npos;) ind.raw.erase(p, 2);
      ind.page = page;
      ind.comparator = "=";
      int year = 0;
      for (const RuleMatch& y : years) {
        if (y.end <= h.m.begin) year = YearValue(y.Get("year"));
      }
      if (year == 0) year = para.context_year;
      // The index named last before the statement in its sentence, else the
      // first one named in the paragraph before it, else the title's.
      ind.name = title_index;
      size_t sentence = text.rfind(". ", h.m.begin);
      sentence = sentence == std::string::npos ? 0 : sentence + 2;
      bool in_sentence = false;
      for (const RuleMatch& n : names) {
        if (n.end <= h.m.begin && n.begin >= sentence) {
          ind.name = n.Get("name");
          in_sentence = true;
        }
      }
      if (!in_sentence && !names.empty() && names[0].end <= h.m.begin) ind.name = names[0].Get("name");
      double v = 0;
      // The year only when the text states it (before the figure, in its paragraph).
      auto set_year = [&](bool) {
        if (year) ind.year = year;
      };
      // "phấn đấu", "mục tiêu" … earlier in the sentence make a figure a target.
      const bool target_cue = pack_.Find("target_cue")->Find(
          std::string_view(text).substr(sentence, h.m.begin - sentence), nullptr);
      const bool past = year && doc_year && year < doc_year;
      if (rule == "score_out_of" || rule == "rank_out_of") {
        if (!ParseDecimal(h.m.Get("value"), &v)) continue;
        ind.kind = target_cue && !past ? "target" : "actual";
        ind.metric = rule == "score_out_of" ? "score" : "rank";
        ind.value = v;
        double o;
        if (ParseDecimal(h.m.Get("out_of"), &o)) ind.out_of = o;
        set_year(true);
        out.push_back(ind);
      } else if (rule == "score_bound") {
        std::string value = h.m.Has("value") ? h.m.Get("value") : h.m.Has("value2") ? h.m.Get("value2") : h.m.Get("value3");
        if (!ParseDecimal(value, &v)) continue;
        ind.kind = "target";
        ind.metric = "score";
        ind.value = v;
        if (h.m.Has("lo")) {
          ind.comparator = Comparator(h.m.Get("lo"));
          if (ind.comparator == "=") ind.comparator = ">=";
        } else if (h.m.Has("hi")) {
          ind.comparator = Comparator(h.m.Get("hi"));
        } else {
          ind.comparator = utf8::Fold(h.m.Get("dir")) == "len" ? ">=" : "<=";
        }
        ind.relative = h.m.Has("up");
        set_year(false);
        out.push_back(ind);
      } else if (rule == "score_up" || rule == "rank_up") {
        // A change, not a level: "tăng 2 bậc", "tăng thêm 1,5 điểm".
        if (!ParseDecimal(h.m.Get("value"), &v)) continue;
        ind.kind = past ? "actual" : "target";
        ind.metric = rule == "rank_up" ? "rank" : "score";
        ind.value = v;
        ind.relative = true;
        if (h.m.Has("lo")) ind.comparator = ">=";  // "tăng ít nhất 3 bậc"
        set_year(past);
        out.push_back(ind);
      } else if (rule == "rank_group") {
        if (!ParseDecimal(h.m.Get("value"), &v)) continue;
        ind.kind = "target";
        ind.metric = "rank";
        ind.comparator = "<=";
        ind.value = v;
        set_year(false);
        out.push_back(ind);
      } else if (rule == "score_and_rank") {
        if (!ParseDecimal(h.m.Get("value"), &v)) continue;
        ind.kind = "actual";
        ind.metric = "score";
        ind.value = v;
        set_year(true);
        out.push_back(ind);
        double r;
        if (ParseDecimal(h.m.Get("rank"), &r)) {
          ind.metric = "rank";
          ind.value = r;
          out.push_back(ind);
        }
      } else if (rule == "year_bound") {
        if (!ParseDecimal(h.m.Get("value"), &v)) continue;
        ind.kind = "target";
        ind.value = v;
        ind.year = YearValue(h.m.Get("year"));
        ind.comparator = Comparator(h.m.Get("cmp"));
        std::string before = utf8::Fold(std::string_view(text).substr(0, h.m.begin));
        if (h.m.Has("pct")) {
          ind.metric = "percent";
        } else if (before.rfind("xep hang") != std::string::npos || before.rfind("thu hang") != std::string::npos) {
          ind.metric = "rank";
        } else if (before.rfind("diem") != std::string::npos) {
          ind.metric = "score";
        } else {
          ind.metric = "count";
        }
        out.push_back(ind);
      } else if (rule == "percent") {
        if (!ParseDecimal(h.m.Get("value"), &v) || v > 100) continue;
        ind.metric = "percent";
        ind.value = v;  // out_of only when printed (corpus/README.md)
        ind.comparator = h.m.Has("cmp") ? Comparator(h.m.Get("cmp")) : "=";
        std::string what = TrimName(h.m.Get("what"));
        std::string wf = utf8::Fold(what);
        for (const auto& [words, cmp] : {std::pair<const char*, const char*>{"tro len", ">="}, {"tro xuong", "<="}}) {
          if (wf.rfind(words, 0) == 0) {  // "từ 88% trở lên"
            ind.comparator = cmp;
            what = TrimName(what.substr(std::min(what.size(), std::string(words).size() + 3)));
            if (utf8::Fold(what).rfind(" ", 0) == 0) what = TrimName(what);
          }
        }
        if (!what.empty()) ind.name = what;
        const bool reported = utf8::Fold(h.m.Get("cmp")) == "dat" && !target_cue && year && year <= doc_year;
        ind.kind = past || reported ? "actual" : "target";
        set_year(past);
        out.push_back(ind);
      }
    }
  }
  return out;
}

void IndicatorExtractor::Extract(const Document& doc, Extraction* out) const {
  std::vector<SourceLine> lines = Lines(doc);
  std::vector<bool> used;
  std::vector<Indicator> table = FromTables(lines, &used);
  std::vector<Indicator> prose = FromProse(lines, used, out->header);
  for (Indicator& i : table) out->indicators.push_back(std::move(i));
  for (Indicator& i : prose) out->indicators.push_back(std::move(i));
}

}  // namespace vanban::extract
