#include "review/dates.h"

#include <cstdio>
#include <ctime>
#include <map>
#include <set>
#include <vector>

#include "core/utf8.h"

namespace vanban::review {

using namespace std::chrono;

namespace {

bool Digits(std::string_view s, size_t pos, size_t n, int* out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}

}  // namespace

std::optional<Date> ParseIsoDate(std::string_view s) {
  int y, m, d;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  if (!Digits(s, 0, 4, &y) || !Digits(s, 5, 2, &m) || !Digits(s, 8, 2, &d)) return std::nullopt;
  Date date{year{y}, month{static_cast<unsigned>(m)}, day{static_cast<unsigned>(d)}};
  if (!date.ok()) return std::nullopt;
  return date;
}

std::optional<Date> ParseDeadline(std::string_view s) {
  int y, m;
  if (s.size() == 10) return ParseIsoDate(s);
  if (s.size() == 7 && s[4] == '-' && Digits(s, 0, 4, &y) && Digits(s, 5, 2, &m) && m >= 1 && m <= 12) {
    return Date{year_month_day_last{year{y}, month_day_last{month{static_cast<unsigned>(m)}}}};
  }
  if (s.size() == 4 && Digits(s, 0, 4, &y)) return Date{year{y}, December, day{31}};
  return std::nullopt;
}

std::string FormatIso(const Date& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                static_cast<unsigned>(d.day()));
  return buf;
}

std::string FormatBasic(const Date& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d%02u%02u", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                static_cast<unsigned>(d.day()));
  return buf;
}

std::optional<Date> AddDuration(const Date& d, std::string_view iso) {
  bool negative = false;
  if (!iso.empty() && (iso[0] == '-' || iso[0] == '+')) {
    negative = iso[0] == '-';
    iso.remove_prefix(1);
  }
  if (iso.size() < 3 || iso[0] != 'P') return std::nullopt;
  iso.remove_prefix(1);
  int years = 0, months = 0, days = 0;
  while (!iso.empty()) {
    size_t n = 0;
    int v = 0;
    while (n < iso.size() && iso[n] >= '0' && iso[n] <= '9') v = v * 10 + (iso[n++] - '0');
    if (n == 0 || n >= iso.size()) return std::nullopt;
    switch (iso[n]) {
      case 'Y': years += v; break;
      case 'M': months += v; break;
      case 'W': days += 7 * v; break;
      case 'D': days += v; break;
      default: return std::nullopt;
    }
    iso.remove_prefix(n + 1);
  }
  int sign = negative ? -1 : 1;
  year_month_day ymd = d;
  ymd += std::chrono::years{sign * years};
  ymd += std::chrono::months{sign * months};
  if (!ymd.ok()) ymd = year_month_day_last{ymd.year(), month_day_last{ymd.month()}};  // 31 Jan + P1M
  sys_days sd = sys_days{ymd} + std::chrono::days{sign * days};
  return Date{sd};
}

std::optional<Date> EffectiveDueDate(const Task& t, std::string_view issued_date) {
  if (!t.due_date.empty()) return ParseDeadline(t.due_date);
  if (!t.due_offset.empty() && t.due_anchor == "issue") {
    std::optional<Date> issued = ParseIsoDate(issued_date);
    if (!issued) return std::nullopt;
    return AddDuration(*issued, t.due_offset);
  }
  return std::nullopt;
}

std::optional<Date> FirstOccurrence(std::string_view rrule, const Date& from) {
  std::map<std::string, std::string> parts;
  for (std::string_view p : utf8::Split(rrule, ';')) {
    size_t eq = p.find('=');
    if (eq == std::string_view::npos) continue;
    parts[std::string(p.substr(0, eq))] = std::string(p.substr(eq + 1));
  }
  if (!parts.count("FREQ")) return std::nullopt;
  auto numbers = [&](const char* name) {
    std::set<int> out;
    if (!parts.count(name)) return out;
    for (std::string_view v : utf8::Split(parts[name], ',')) {
      if (v.empty()) continue;
      out.insert(std::atoi(std::string(v).c_str()));
    }
    return out;
  };
  std::set<int> by_month = numbers("BYMONTH"), by_month_day = numbers("BYMONTHDAY");
  std::set<unsigned> by_day;  // 0 = Sunday
  if (parts.count("BYDAY")) {
    static const std::vector<std::string> names = {"SU", "MO", "TU", "WE", "TH", "FR", "SA"};
    for (std::string_view v : utf8::Split(parts["BYDAY"], ',')) {
      std::string code(v.size() >= 2 ? v.substr(v.size() - 2) : v);  // "1MO" → "MO"
      for (unsigned k = 0; k < names.size(); ++k) {
        if (names[k] == code) by_day.insert(k);
      }
    }
  }
  if (by_month.empty() && by_month_day.empty() && by_day.empty()) return from;
  sys_days day_ = sys_days{from};
  for (int k = 0; k < 4 * 366; ++k, day_ += std::chrono::days{1}) {
    Date d{day_};
    if (!by_month.empty() && !by_month.count(static_cast<int>(static_cast<unsigned>(d.month())))) continue;
    if (!by_month_day.empty()) {
      int dd = static_cast<int>(static_cast<unsigned>(d.day()));
      int last = static_cast<int>(static_cast<unsigned>(year_month_day_last{d.year(), month_day_last{d.month()}}.day()));
      if (!by_month_day.count(dd) && !by_month_day.count(dd - last - 1)) continue;
    }
    if (!by_day.empty() && !by_day.count(weekday{day_}.c_encoding())) continue;
    return d;
  }
  return std::nullopt;
}

Date Today() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  localtime_r(&t, &tm);
  return Date{year{tm.tm_year + 1900}, month{static_cast<unsigned>(tm.tm_mon + 1)},
              day{static_cast<unsigned>(tm.tm_mday)}};
}

}  // namespace vanban::review
