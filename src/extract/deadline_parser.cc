#include "extract/deadline_parser.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <set>
#include <vector>

#include "core/utf8.h"

namespace vanban::extract {

namespace {

// The rules the parser knows, with what each gives and how specific it is
// (a more specific recurrence wins over "hằng quý" in the same text).
enum class Kind { kRecurrence, kDate, kOffset, kOngoing };
struct RuleInfo {
  const char* name;
  Kind kind;
  int specificity;
  bool cell_only;
};
constexpr RuleInfo kRules[] = {
    {"every_months_day", Kind::kRecurrence, 5, false},
    {"quarter_month_day", Kind::kRecurrence, 5, false},
    {"weekly_day", Kind::kRecurrence, 4, false},
    {"yearly_date", Kind::kRecurrence, 5, false},
    {"yearly_month", Kind::kRecurrence, 4, false},
    {"monthly_day", Kind::kRecurrence, 4, false},
    {"monthly", Kind::kRecurrence, 2, false},
    {"quarterly", Kind::kRecurrence, 2, false},
    {"half_yearly", Kind::kRecurrence, 2, false},
    {"weekly", Kind::kRecurrence, 2, false},
    {"daily", Kind::kRecurrence, 2, false},
    {"yearly", Kind::kRecurrence, 1, false},
    {"yearly_cell", Kind::kRecurrence, 1, true},
    {"offset_before", Kind::kOffset, 3, false},
    {"offset_after", Kind::kOffset, 3, false},
    {"quarter", Kind::kDate, 3, false},
    {"half_year", Kind::kDate, 3, false},
    {"due_date", Kind::kDate, 4, false},
    {"month_year", Kind::kDate, 2, false},
    {"bare_date", Kind::kDate, 1, true},
    {"year_only", Kind::kDate, 0, true},
    {"ongoing", Kind::kOngoing, 0, true},
    {"ongoing_prose", Kind::kOngoing, 0, false},
};

int ToInt(const std::string& s) {
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return -1;
    v = v * 10 + (c - '0');
    if (v > 100000) return -1;
  }
  return s.empty() ? -1 : v;
}

// "3, 6 và 9" → "3,6,9"
std::string MonthList(const std::string& s) {
  std::string out;
  std::string cur;
  auto push = [&]() {
    int m = ToInt(cur);
    if (m >= 1 && m <= 12) {
      if (!out.empty()) out += ',';
      out += std::to_string(m);
    }
    cur.clear();
  };
  for (char c : s) {
    if (c >= '0' && c <= '9') {
      cur += c;
    } else if (!cur.empty()) {
      push();
    }
  }
  if (!cur.empty()) push();
  return out;
}

int Quarter(const std::string& q) {
  std::string f = utf8::Fold(q);
  if (f == "i" || f == "1") return 1;
  if (f == "ii" || f == "2") return 2;
  if (f == "iii" || f == "3") return 3;
  if (f == "iv" || f == "4") return 4;
  return 0;
}

std::string Duration(int n, const std::string& unit_written, bool negative) {
  std::string u = utf8::Fold(unit_written);
  std::string out = negative ? "-P" : "P";
  const std::string count = std::to_string(n);
  if (u == "gio" || u == "h") {
    out += 'T';
    out += count;
    out += 'H';
  } else {
    out += count;
    out += u == "tuan" ? 'W' : u == "thang" ? 'M' : 'D';
  }
  return out;
}

std::string Anchor(const std::string& anchor_written) {
  std::string a = utf8::Fold(anchor_written);
  if (a.empty()) return "";
  if (a.find("ban hanh") != std::string::npos) {
    // "ngày ban hành", "khi ban hành": this act's issue; "khi UBND TP ban
    // hành …": another body's document.
    std::string before = a.substr(0, a.find("ban hanh"));
    std::string t(utf8::Trim(before));
    if (t.empty() || t == "ngay" || t == "khi" || t == "ngay duoc" || t == "khi duoc" || t == "ngay van ban duoc") {
      return "issue";
    }
    return "parent-issue";
  }
  if (a == "ngay ky" || a.rfind("ngay ky ", 0) == 0) return "issue";
  if (a.find("nhan") != std::string::npos) return "receipt";
  if (a.find("hoan thanh") != std::string::npos) return "completion";
  return "event";
}

struct Hit {
  const RuleInfo* info;
  RuleMatch match;
};

}  // namespace

int DaysInMonth(int year, int month) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0)) return 29;
  return kDays[month - 1];
}

std::string IsoDate(int year, int month, int day) {
  if (year < 1900 || year > 2199 || month < 1 || month > 12 || day < 1 || day > DaysInMonth(year, month)) {
    return "";
  }
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

Result<DeadlineParser> DeadlineParser::Load(const std::string& rules_dir) {
  Result<RulePack> pack =
      RulePack::LoadFile((std::filesystem::path(rules_dir) / "deadlines.rules").string());
  if (!pack.ok()) return pack.status();
  return FromPack(std::move(*pack));
}

Result<DeadlineParser> DeadlineParser::FromPack(RulePack pack) {
  for (const RuleInfo& info : kRules) {
    Result<const Rule*> r = pack.Require(info.name);
    if (!r.ok()) return r.status();
  }
  return DeadlineParser(std::move(pack));
}

Deadline DeadlineParser::Parse(std::string_view text, int doc_year, Context context) const {
  Deadline out;
  std::vector<Hit> hits;
  for (const RuleInfo& info : kRules) {
    if (info.cell_only && context != Context::kCell) continue;
    const Rule* rule = pack_.Find(info.name);
    for (RuleMatch& m : rule->FindAll(text)) {
      if (std::string(info.name) == "month_year" && context == Context::kProse && !m.Has("cue")) continue;
      hits.push_back(Hit{&info, std::move(m)});
    }
  }
  // Overlaps: the earlier start wins, then the longer match, then the rule
  // listed first.
  std::stable_sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
    if (a.match.begin != b.match.begin) return a.match.begin < b.match.begin;
    return a.match.end - a.match.begin > b.match.end - b.match.begin;
  });
  std::vector<Hit> kept;
  size_t covered = 0;
  for (Hit& h : hits) {
    if (!kept.empty() && h.match.begin < covered) continue;
    covered = h.match.end;
    kept.push_back(std::move(h));
  }

  std::vector<std::string> phrases;
  auto use = [&](const Hit& h) {
    std::string p = h.match.Has("phrase")    ? h.match.Get("phrase")
                    : h.match.Has("phrase2") ? h.match.Get("phrase2")
                                             : utf8::CollapseSpace(text.substr(h.match.begin, h.match.end - h.match.begin));
    if (std::find(phrases.begin(), phrases.end(), p) == phrases.end()) phrases.push_back(p);
  };

  // Recurrence: the most specific one.
  const Hit* best_rec = nullptr;
  for (const Hit& h : kept) {
    if (h.info->kind == Kind::kRecurrence && (!best_rec || h.info->specificity > best_rec->info->specificity)) {
      best_rec = &h;
    }
  }
  if (best_rec) {
    const std::string name = best_rec->info->name;
    const RuleMatch& m = best_rec->match;
    if (name == "every_months_day") {
      out.recurrence = "FREQ=YEARLY;BYMONTH=" + MonthList(m.Get("months")) +
                       ";BYMONTHDAY=" + std::to_string(ToInt(m.Get("day")));
    } else if (name == "yearly_date") {
      out.recurrence = "FREQ=YEARLY;BYMONTH=" + std::to_string(ToInt(m.Get("month"))) +
                       ";BYMONTHDAY=" + std::to_string(ToInt(m.Get("day")));
    } else if (name == "yearly_month") {
      out.recurrence = "FREQ=YEARLY;BYMONTH=" + std::to_string(ToInt(m.Get("month")));
    } else if (name == "monthly_day") {
      out.recurrence = "FREQ=MONTHLY;BYMONTHDAY=" + std::to_string(ToInt(m.Get("day")));
    } else if (name == "monthly") {
      out.recurrence = "FREQ=MONTHLY";
    } else if (name == "quarter_month_day") {
      const bool first = utf8::Fold(m.Get("which")) == "dau";
      out.recurrence = std::string("FREQ=YEARLY;BYMONTH=") + (first ? "1,4,7,10" : "3,6,9,12") +
                       ";BYMONTHDAY=" + std::to_string(ToInt(m.Get("day")));
    } else if (name == "weekly_day") {
      static const std::pair<const char*, const char*> kDays[] = {
          {"hai", "MO"}, {"2", "MO"}, {"ba", "TU"}, {"3", "TU"}, {"tu", "WE"}, {"4", "WE"}, {"nam", "TH"},
          {"5", "TH"}, {"sau", "FR"}, {"6", "FR"}, {"bay", "SA"}, {"7", "SA"}};
      std::string day = m.Has("sunday") ? "SU" : "";
      for (const auto& [word, code] : kDays) {
        if (utf8::Fold(m.Get("dow")) == word) day = code;
      }
      out.recurrence = "FREQ=WEEKLY;BYDAY=" + day;
    } else if (name == "quarterly") {
      out.recurrence = "FREQ=MONTHLY;INTERVAL=3";
    } else if (name == "half_yearly") {
      out.recurrence = "FREQ=MONTHLY;INTERVAL=6";
    } else if (name == "weekly") {
      out.recurrence = "FREQ=WEEKLY";
    } else if (name == "daily") {
      out.recurrence = "FREQ=DAILY";
    } else if (name == "yearly" || name == "yearly_cell") {
      out.recurrence = "FREQ=YEARLY";
    }
    use(*best_rec);
  }

  // The first date and the first offset, in reading order.
  for (const Hit& h : kept) {
    const std::string name = h.info->name;
    const RuleMatch& m = h.match;
    if (h.info->kind == Kind::kDate && out.due_date.empty()) {
      std::string date;
      if (name == "due_date" || name == "bare_date") {
        int day = ToInt(m.Get("day"));
        int month = ToInt(m.Has("wmonth") ? m.Get("wmonth") : m.Get("month"));
        int year = ToInt(m.Has("wyear") ? m.Get("wyear") : m.Get("year"));
        if (year < 0) year = doc_year;
        date = IsoDate(year, month, day);
      } else if (name == "quarter") {
        int q = Quarter(m.Get("q"));
        int year = m.Has("year") ? ToInt(m.Get("year")) : doc_year;
        if (q > 0) date = IsoDate(year, q * 3, DaysInMonth(year, q * 3));
      } else if (name == "half_year") {
        int year = m.Has("year") ? ToInt(m.Get("year")) : doc_year;
        int month = utf8::Fold(m.Get("half")) == "dau" ? 6 : 12;
        date = IsoDate(year, month, DaysInMonth(year, month));
      } else if (name == "month_year") {
        int month = ToInt(m.Get("month"));
        int year = ToInt(m.Get("year"));
        if (utf8::Fold(m.Get("cue")) == "truoc") {
          if (--month == 0) {
            month = 12;
            --year;
          }
        }
        date = IsoDate(year, month, DaysInMonth(year, month));
      } else if (name == "year_only") {
        date = IsoDate(ToInt(m.Get("year")), 12, 31);
      }
      if (!date.empty()) {
        out.due_date = date;
        use(h);
      }
    } else if (h.info->kind == Kind::kOffset && out.due_offset.empty()) {
      int n = ToInt(m.Get("n"));
      if (n <= 0) continue;
      if (name == "offset_before") {
        out.due_offset = Duration(n, m.Get("unit"), true);
        out.due_anchor = "set-deadline";
      } else {
        out.due_offset = Duration(n, m.Get("unit"), false);
        out.due_anchor = Anchor(m.Get("anchor"));
      }
      use(h);
    } else if (h.info->kind == Kind::kOngoing && !out.ongoing) {
      out.ongoing = true;
      use(h);
    }
  }
  // An offset with no anchor ("trong 6 tháng") beside a date or a
  // recurrence names a period, not the deadline.
  if (!out.due_offset.empty() && out.due_anchor.empty() && (!out.due_date.empty() || !out.recurrence.empty())) {
    for (const Hit& h : kept) {
      if (h.info->kind == Kind::kOffset && std::string(h.info->name) == "offset_after") {
        std::string p = utf8::CollapseSpace(text.substr(h.match.begin, h.match.end - h.match.begin));
        phrases.erase(std::remove(phrases.begin(), phrases.end(), p), phrases.end());
        break;
      }
    }
    out.due_offset.clear();
  }
  for (const std::string& p : phrases) {
    if (!out.text.empty()) out.text += "; ";
    out.text += p;
  }
  return out;
}

}  // namespace vanban::extract
