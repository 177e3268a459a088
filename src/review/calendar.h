// Writers for the task exports other programs read: CSV (RFC 4180) and
// iCalendar (RFC 5545).
//
//   CsvRow({"a", "b,c"})     → "a,\"b,c\"\r\n"
//   IcsFold("SUMMARY:…")     → content lines of at most 75 octets, CRLF, a
//                              continuation starting with one space, never
//                              splitting a UTF-8 sequence
//
// Pure functions; thread-safe.
#ifndef VANBAN_REVIEW_CALENDAR_H_
#define VANBAN_REVIEW_CALENDAR_H_

#include <string>
#include <string_view>
#include <vector>

#include "review/dates.h"

namespace vanban::review {

// The field quoted when it holds a comma, quote, CR or LF (quotes doubled).
std::string CsvField(std::string_view s);
// Fields joined by commas, ended by CRLF.
std::string CsvRow(const std::vector<std::string>& fields);

// TEXT value escaping: backslash, ';', ',' and newlines.
std::string IcsEscape(std::string_view text);
// One content line folded at 75 octets, each physical line ended by CRLF.
std::string IcsFold(std::string_view line);

struct CalendarEvent {
  std::string uid;
  std::string dtstamp;   // UTC "YYYYMMDDTHHMMSSZ"
  Date start;            // all-day event on this date
  std::string rrule;     // RRULE value, or ""
  std::string summary, description;
  std::vector<std::string> categories;
};

// A VCALENDAR holding one VEVENT per event.
std::string RenderCalendar(const std::vector<CalendarEvent>& events);
// "2026-11-22T05:31:00Z" → "20261122T053100Z"; "" when not of that form.
std::string IcsUtcStamp(std::string_view iso_utc);

}  // namespace vanban::review

#endif  // VANBAN_REVIEW_CALENDAR_H_
