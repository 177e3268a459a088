// Deadlines as data: turns a Vietnamese deadline phrase into a due date, a
// recurrence or an offset from an anchor, with the rules of
// rules/deadlines.rules (see that file for every form and choice).
//
//   Result<DeadlineParser> p = DeadlineParser::Load(rules_dir);
//   Deadline d = p->Parse("trước ngày 15 của các tháng 3, 6, 9", 2025, Context::kProse);
//   d.recurrence == "FREQ=YEARLY;BYMONTH=3,6,9;BYMONTHDAY=15"
//
// Output conventions:
//   due_date    ISO YYYY-MM-DD; a date without a year takes the document's
//               year; "Quý II/2025" → 2025-06-30, "tháng 6/2025" → 2025-06-30.
//   recurrence  RFC 5545 RRULE body. "hằng quý" → FREQ=MONTHLY;INTERVAL=3 and
//               "định kỳ 6 tháng" → FREQ=MONTHLY;INTERVAL=6 (the corpus's
//               convention; a day in the quarter's last month is explicit:
//               "ngày 10 của tháng cuối quý" → FREQ=YEARLY;BYMONTH=3,6,9,12;
//               BYMONTHDAY=10). The most specific recurrence in a text wins.
//   due_offset  ISO 8601 duration: P3D, P2W, P1M, PT24H; negative (-P2D) when
//               the deadline falls before its anchor. Working days ("ngày làm
//               việc") are stored as days; the phrase keeps the distinction.
//   due_anchor  issue | parent-issue | set-deadline | receipt | completion |
//               event | "" (see deadlines.rules).
//   text        the shortest phrases that gave the fields, joined with "; ".
//               An offset without an anchor ("trong 6 tháng") beside a date or
//               a recurrence is a period, not the deadline, and is dropped.
// A text may give several fields at once ("hằng quý (trước ngày 15 của các
// tháng 3, 6, 9) và báo cáo năm trước ngày 05/12" → a recurrence and a date).
//
// Context::kCell is for a table's deadline column, where a bare date ("30/6"),
// a year ("Năm 2025") or "Thường xuyên" is a deadline; in kProse a date needs
// a cue ("trước", "chậm nhất", "đến"…), so cited documents' dates are not
// taken for deadlines, and "thường xuyên" counts only when stated as the
// deadline ("thời gian: thường xuyên", or closing the sentence).
//
// A loaded parser is immutable and safe to share between threads.
#ifndef VANBAN_EXTRACT_DEADLINE_PARSER_H_
#define VANBAN_EXTRACT_DEADLINE_PARSER_H_

#include <string>
#include <string_view>

#include "core/status.h"
#include "extract/rule_pack.h"

namespace vanban::extract {

struct Deadline {
  std::string text;
  std::string due_date;
  std::string recurrence;
  std::string due_offset;
  std::string due_anchor;
  bool ongoing = false;  // "thường xuyên", "theo yêu cầu" (cells only)
  bool found() const {
    return !due_date.empty() || !recurrence.empty() || !due_offset.empty() || ongoing;
  }
};

class DeadlineParser {
 public:
  enum class Context { kProse, kCell };

  static Result<DeadlineParser> Load(const std::string& rules_dir);
  static Result<DeadlineParser> FromPack(RulePack pack);

  // doc_year: the document's year (0 when unknown: dates without a year then
  // give no due_date).
  Deadline Parse(std::string_view text, int doc_year, Context context = Context::kProse) const;

  const RulePack& pack() const { return pack_; }

 private:
  explicit DeadlineParser(RulePack pack) : pack_(std::move(pack)) {}
  RulePack pack_;
};

// "2025-06-30" for (2025, 6, 30); "" when the date does not exist.
std::string IsoDate(int year, int month, int day);
// The last day of a month (leap years included).
int DaysInMonth(int year, int month);

}  // namespace vanban::extract

#endif  // VANBAN_EXTRACT_DEADLINE_PARSER_H_
