#include "review/calendar.h"

namespace vanban::review {

std::string CsvField(std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string CsvRow(const std::vector<std::string>& fields) {
  std::string out;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i) out += ',';
    out += CsvField(fields[i]);
  }
  out += "\r\n";
  return out;
}

std::string IcsEscape(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    switch (c) {
      case '\\': out += "\\\\"; break;
      case ';': out += "\\;"; break;
      case ',': out += "\\,"; break;
      case '\r':
        if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
        out += "\\n";
        break;
      case '\n': out += "\\n"; break;
      default: out += c;
    }
  }
  return out;
}

std::string IcsFold(std::string_view line) {
  std::string out;
  size_t pos = 0;
  size_t limit = 75;  // the first physical line; continuations carry a leading space
  while (line.size() - pos > limit) {
    size_t cut = pos + limit;
    // Do not split a UTF-8 sequence: back up over continuation bytes.
    while (cut > pos && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
    out.append(line.substr(pos, cut - pos));
    out += "\r\n ";
    pos = cut;
    limit = 74;
  }
  out.append(line.substr(pos));
  out += "\r\n";
  return out;
}

std::string IcsUtcStamp(std::string_view s) {
  // YYYY-MM-DDTHH:MM:SSZ
  if (s.size() != 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != 'Z') {
    return "";
  }
  std::string out;
  for (char c : s) {
    if (c != '-' && c != ':') out += c;
  }
  return out;
}

std::string RenderCalendar(const std::vector<CalendarEvent>& events) {
  std::string out;
  out += IcsFold("BEGIN:VCALENDAR");
  out += IcsFold("VERSION:2.0");
  out += IcsFold("PRODID:-//vanban//vanban task deadlines//VI");
  out += IcsFold("CALSCALE:GREGORIAN");
  out += IcsFold("METHOD:PUBLISH");
  for (const CalendarEvent& e : events) {
    out += IcsFold("BEGIN:VEVENT");
    out += IcsFold("UID:" + e.uid);
    if (!e.dtstamp.empty()) out += IcsFold("DTSTAMP:" + e.dtstamp);
    out += IcsFold("DTSTART;VALUE=DATE:" + FormatBasic(e.start));
    Date next{std::chrono::sys_days{e.start} + std::chrono::days{1}};
    out += IcsFold("DTEND;VALUE=DATE:" + FormatBasic(next));
    if (!e.rrule.empty()) out += IcsFold("RRULE:" + e.rrule);
    out += IcsFold("SUMMARY:" + IcsEscape(e.summary));
    if (!e.description.empty()) out += IcsFold("DESCRIPTION:" + IcsEscape(e.description));
    if (!e.categories.empty()) {
      std::string cats;
      for (const std::string& c : e.categories) {
        if (!cats.empty()) cats += ',';
        cats += IcsEscape(c);
      }
      out += IcsFold("CATEGORIES:" + cats);
    }
    out += IcsFold("TRANSP:TRANSPARENT");
    out += IcsFold("END:VEVENT");
  }
  out += IcsFold("END:VCALENDAR");
  return out;
}

}  // namespace vanban::review
