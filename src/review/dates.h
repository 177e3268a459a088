// Deadlines as dates: ISO dates (full or partial), ISO 8601 durations added to
// an anchor, and the first occurrence of an RFC 5545 recurrence rule.
//
//   ParseDeadline("2025-06")            → 2025-06-30 (a month means its last day)
//   AddDuration(2025-03-10, "P3D")      → 2025-03-13
//   EffectiveDueDate(task, "2025-03-10") → due_date, or issue + due_offset when
//                                          due_anchor is "issue"
//   FirstOccurrence("FREQ=YEARLY;BYMONTH=3,6,9;BYMONTHDAY=15", 2025-03-20) → 2025-06-15
//
// Pure functions; thread-safe.
#ifndef VANBAN_REVIEW_DATES_H_
#define VANBAN_REVIEW_DATES_H_

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "core/records.h"

namespace vanban::review {

using Date = std::chrono::year_month_day;

// "YYYY-MM-DD" only.
std::optional<Date> ParseIsoDate(std::string_view s);
// "YYYY-MM-DD", "YYYY-MM" (last day of the month) or "YYYY" (31 December):
// the last day a deadline of that precision allows.
std::optional<Date> ParseDeadline(std::string_view s);
std::string FormatIso(const Date& d);
// "YYYYMMDD" (iCalendar DATE).
std::string FormatBasic(const Date& d);
// Adds "P3D", "-P2D", "P2W", "P1M", "P1Y", "P1Y2M3D"; nullopt for anything else.
std::optional<Date> AddDuration(const Date& d, std::string_view iso_duration);
// The task's deadline as a date: due_date, else due_offset counted from the
// document's issue date when due_anchor is "issue"; nullopt otherwise.
std::optional<Date> EffectiveDueDate(const Task& t, std::string_view issued_date);
// The first day on or after `from` that the rule's BYMONTH / BYMONTHDAY /
// BYDAY parts allow (within four years); `from` itself for a rule without
// them. nullopt when the rule is not FREQ=… or allows no day.
std::optional<Date> FirstOccurrence(std::string_view rrule, const Date& from);
// Today in local time.
Date Today();

}  // namespace vanban::review

#endif  // VANBAN_REVIEW_DATES_H_
