#include "review/dates.h"

#include <gtest/gtest.h>

namespace vanban::review {
namespace {

std::string Iso(const std::optional<Date>& d) { return d ? FormatIso(*d) : "none"; }

TEST(Dates, Deadlines) {
  EXPECT_EQ(Iso(ParseDeadline("2025-06-30")), "2025-06-30");
  EXPECT_EQ(Iso(ParseDeadline("2024-02")), "2024-02-29");
  EXPECT_EQ(Iso(ParseDeadline("2025")), "2025-12-31");
  EXPECT_EQ(Iso(ParseDeadline("2025-02-30")), "none");
  EXPECT_EQ(Iso(ParseDeadline("30/6/2025")), "none");
}

TEST(Dates, Durations) {
  Date d = *ParseIsoDate("2025-03-10");
  EXPECT_EQ(Iso(AddDuration(d, "P3D")), "2025-03-13");
  EXPECT_EQ(Iso(AddDuration(d, "-P2D")), "2025-03-08");
  EXPECT_EQ(Iso(AddDuration(d, "P2W")), "2025-03-24");
  EXPECT_EQ(Iso(AddDuration(*ParseIsoDate("2025-01-31"), "P1M")), "2025-02-28");
  EXPECT_EQ(Iso(AddDuration(d, "P1Y2M3D")), "2026-05-13");
  EXPECT_EQ(Iso(AddDuration(d, "3 ngày")), "none");
  EXPECT_EQ(Iso(AddDuration(d, "P")), "none");
}

TEST(Dates, EffectiveDueDate) {
  Task t;
  t.due_offset = "P3D";
  t.due_anchor = "issue";
  EXPECT_EQ(Iso(EffectiveDueDate(t, "2025-03-10")), "2025-03-13");
  EXPECT_EQ(Iso(EffectiveDueDate(t, "2025-03")), "none");  // no day to count from
  t.due_anchor = "set-deadline";
  EXPECT_EQ(Iso(EffectiveDueDate(t, "2025-03-10")), "none");
  t.due_date = "2025-06";
  EXPECT_EQ(Iso(EffectiveDueDate(t, "2025-03-10")), "2025-06-30");
}

TEST(Dates, FirstOccurrence) {
  Date from = *ParseIsoDate("2025-03-20");
  EXPECT_EQ(Iso(FirstOccurrence("FREQ=YEARLY;BYMONTH=3,6,9;BYMONTHDAY=15", from)), "2025-06-15");
  EXPECT_EQ(Iso(FirstOccurrence("FREQ=MONTHLY;BYMONTHDAY=20", from)), "2025-03-20");
  EXPECT_EQ(Iso(FirstOccurrence("FREQ=MONTHLY;BYMONTHDAY=-1", from)), "2025-03-31");
  EXPECT_EQ(Iso(FirstOccurrence("FREQ=WEEKLY;BYDAY=FR", from)), "2025-03-21");  // 2025-03-20 is a Thursday
  EXPECT_EQ(Iso(FirstOccurrence("FREQ=YEARLY;BYMONTH=1", from)), "2026-01-01");
  EXPECT_EQ(Iso(FirstOccurrence("FREQ=MONTHLY", from)), "2025-03-20");
  EXPECT_EQ(Iso(FirstOccurrence("BYMONTH=1", from)), "none");
}

}  // namespace
}  // namespace vanban::review
