#include "extract/deadline_parser.h"

#include <gtest/gtest.h>

#include "testing/paths.h"

namespace vanban::extract {
namespace {

using Context = DeadlineParser::Context;

const DeadlineParser& Parser() {
  static const DeadlineParser* parser = [] {
    Result<DeadlineParser> p = DeadlineParser::Load(testing::SourcePath("rules"));
    EXPECT_TRUE(p.ok()) << p.status().ToString();
    return new DeadlineParser(std::move(*p));
  }();
  return *parser;
}

struct Case {
  const char* text;
  int year;
  Context context;
  const char* due_date;
  const char* recurrence;
  const char* offset;
  const char* anchor;
  const char* phrase;  // expected Deadline::text
};

void Check(const Case& c) {
  Deadline d = Parser().Parse(c.text, c.year, c.context);
  EXPECT_EQ(d.due_date, c.due_date) << c.text;
  EXPECT_EQ(d.recurrence, c.recurrence) << c.text;
  EXPECT_EQ(d.due_offset, c.offset) << c.text;
  EXPECT_EQ(d.due_anchor, c.anchor) << c.text;
  if (c.phrase) {
    EXPECT_EQ(d.text, c.phrase) << c.text;
  }
}

TEST(DeadlineParserTest, DesignTable) {
  const Case cases[] = {
      {"trước ngày 01 tháng 12", 2024, Context::kProse, "2024-12-01", "", "", "", "trước ngày 01 tháng 12"},
      {"trước ngày 15 của các tháng 3, 6, 9", 2025, Context::kProse, "", "FREQ=YEARLY;BYMONTH=3,6,9;BYMONTHDAY=15", "", "", nullptr},
      {"hằng tháng", 2025, Context::kProse, "", "FREQ=MONTHLY", "", "", "hằng tháng"},
      {"định kỳ hằng tháng", 2025, Context::kProse, "", "FREQ=MONTHLY", "", "", nullptr},
      {"trong tháng 1 hằng năm", 2024, Context::kProse, "", "FREQ=YEARLY;BYMONTH=1", "", "", nullptr},
      {"chậm nhất 3 ngày kể từ ngày ban hành", 2024, Context::kProse, "", "", "P3D", "issue", "chậm nhất 3 ngày kể từ ngày ban hành"},
      {"chậm nhất 2 ngày trước thời hạn quy định", 2024, Context::kProse, "", "", "-P2D", "set-deadline", nullptr},
  };
  for (const Case& c : cases) Check(c);
}

TEST(DeadlineParserTest, RecurringForms) {
  const Case cases[] = {
      {"yêu cầu chậm nhất trước ngày 5/01 hằng năm", 2024, Context::kProse, "", "FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=5", "", "", "chậm nhất trước ngày 5/01 hằng năm"},
      {"định kỳ hàng quý", 2024, Context::kProse, "", "FREQ=MONTHLY;INTERVAL=3", "", "", nullptr},
      {"trước ngày 20 hàng tháng", 2024, Context::kProse, "", "FREQ=MONTHLY;BYMONTHDAY=20", "", "", nullptr},
      {"báo cáo định kỳ 6 tháng", 2024, Context::kProse, "", "FREQ=MONTHLY;INTERVAL=6", "", "", nullptr},
      {"trước ngày 10 của tháng cuối quý", 2024, Context::kProse, "", "FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=10", "", "", nullptr},
      {"báo cáo vào thứ Sáu hằng tuần", 2024, Context::kProse, "", "FREQ=WEEKLY;BYDAY=FR", "", "", nullptr},
      {"giao ban hằng tuần", 2024, Context::kProse, "", "FREQ=WEEKLY", "", "", nullptr},
      {"đăng tải định kỳ tối thiểu 1 ngày 1 văn bản", 2024, Context::kProse, "", "FREQ=DAILY", "", "", nullptr},
      {"báo cáo kết quả hàng năm", 2024, Context::kProse, "", "FREQ=YEARLY", "", "", nullptr},
      {"Hằng năm", 2024, Context::kCell, "", "FREQ=YEARLY", "", "", nullptr},
      // The specific form wins over "hằng quý" and the yearly report's date is kept too.
      {"báo cáo theo định kỳ hàng quý (trước ngày 15 của các tháng 3, 6, 9) và báo cáo năm trước ngày 05/12 gửi phòng Kinh tế", 2025,
       Context::kProse, "2025-12-05", "FREQ=YEARLY;BYMONTH=3,6,9;BYMONTHDAY=15", "", "",
       "trước ngày 15 của các tháng 3, 6, 9; trước ngày 05/12"},
  };
  for (const Case& c : cases) Check(c);
}

TEST(DeadlineParserTest, RelativeForms) {
  const Case cases[] = {
      {"yêu cầu chậm nhất trong 10 ngày kể từ khi UBND TP ban hành Kế hoạch, Chương trình hành động", 2024, Context::kProse, "", "", "P10D", "parent-issue", nullptr},
      {"chậm nhất trong 5 ngày từ khi hoàn thành nhiệm vụ được giao", 2024, Context::kProse, "", "", "P5D", "completion", nullptr},
      {"chậm nhất 3 ngày từ ngày hồ sơ TTHC bị chậm trễ", 2024, Context::kProse, "", "", "P3D", "event", nullptr},
      {"trong vòng 15 ngày làm việc kể từ ngày nhận được hồ sơ", 2024, Context::kProse, "", "", "P15D", "receipt", nullptr},
      {"trong 10 ngày kể từ ngày ký", 2024, Context::kProse, "", "", "P10D", "issue", nullptr},
      {"trong 24h", 2024, Context::kProse, "", "", "PT24H", "", nullptr},
      {"sau 2 tuần", 2024, Context::kProse, "", "", "P2W", "", nullptr},
      // The first offset wins: the exception in brackets is not the deadline.
      // A period beside a date is not an offset.
      {"triển khai trong 6 tháng; hoàn thành trước ngày 23/6/2025", 2025, Context::kProse, "2025-06-23", "", "", "", "trước ngày 23/6/2025"},
      {"chậm nhất 2 ngày trước thời hạn quy định (trừ trường hợp hỏa tốc trong 24h)", 2024, Context::kProse, "", "", "-P2D", "set-deadline", nullptr},
  };
  for (const Case& c : cases) Check(c);
}

TEST(DeadlineParserTest, AbsoluteForms) {
  const Case cases[] = {
      {"Quý II/2025", 2024, Context::kCell, "2025-06-30", "", "", "", "Quý II/2025"},
      {"hoàn thành trong quý IV", 2024, Context::kProse, "2024-12-31", "", "", "", nullptr},
      {"Quý I năm 2024", 2023, Context::kCell, "2024-03-31", "", "", "", nullptr},
      {"6 tháng đầu năm 2025", 2025, Context::kCell, "2025-06-30", "", "", "", nullptr},
      {"hoàn thành trước ngày 30/6/2025", 2024, Context::kProse, "2025-06-30", "", "", "", nullptr},
      {"chậm nhất ngày 15 tháng 11 năm 2024", 2024, Context::kProse, "2024-11-15", "", "", "", nullptr},
      {"Tháng 6/2025", 2025, Context::kCell, "2025-06-30", "", "", "", nullptr},
      {"trước tháng 10 năm 2024", 2024, Context::kProse, "2024-09-30", "", "", "", nullptr},
      {"trước tháng 1/2025", 2024, Context::kProse, "2024-12-31", "", "", "", nullptr},
      {"30/6/2025", 2025, Context::kCell, "2025-06-30", "", "", "", nullptr},
      {"15/11", 2025, Context::kCell, "2025-11-15", "", "", "", nullptr},
      {"Năm 2025", 2025, Context::kCell, "2025-12-31", "", "", "", nullptr},
      {"trước ngày 29/02", 2024, Context::kProse, "2024-02-29", "", "", "", nullptr},
  };
  for (const Case& c : cases) Check(c);
}

TEST(DeadlineParserTest, NotDeadlines) {
  const Case cases[] = {
      // A cited document's date in running text is not a deadline.
      {"Thực hiện Kế hoạch số 220/KH-UBND ngày 28/8/2025 của UBND thành phố", 2025, Context::kProse, "", "", "", "", ""},
      // A bare year or date counts only in a deadline cell.
      {"kết quả năm 2023", 2024, Context::kProse, "", "", "", "", ""},
      {"trong 3 năm qua", 2024, Context::kProse, "", "", "", "", ""},
      // "hằng năm" qualifying a thing is not a recurrence.
      {"Kế hoạch hằng năm của BQL", 2024, Context::kProse, "", "", "", "", ""},
      // February 30th does not exist.
      {"trước ngày 30/02", 2024, Context::kProse, "", "", "", "", ""},
  };
  for (const Case& c : cases) Check(c);
  EXPECT_FALSE(Parser().Parse("kết quả năm 2023", 2024).found());
  EXPECT_TRUE(Parser().Parse("Thường xuyên", 2024, Context::kCell).ongoing);
  EXPECT_FALSE(Parser().Parse("Thường xuyên theo dõi, đôn đốc", 2024, Context::kProse).found());
  EXPECT_EQ(Parser().Parse("Tuyên truyền; thời gian: thường xuyên.", 2024).text, "thường xuyên");
}

TEST(DeadlineParserTest, NoDocumentYear) {
  Deadline d = Parser().Parse("trước ngày 05/12", 0);
  EXPECT_EQ(d.due_date, "");
  EXPECT_EQ(Parser().Parse("trước ngày 05/12/2025", 0).due_date, "2025-12-05");
}

TEST(DeadlineParserTest, IsoDateAndMonthLengths) {
  EXPECT_EQ(IsoDate(2024, 2, 29), "2024-02-29");
  EXPECT_EQ(IsoDate(2023, 2, 29), "");
  EXPECT_EQ(IsoDate(2100, 2, 29), "");
  EXPECT_EQ(IsoDate(2000, 2, 29), "2000-02-29");
  EXPECT_EQ(DaysInMonth(2025, 4), 30);
  EXPECT_EQ(IsoDate(2025, 13, 1), "");
}

// Former bugs.
TEST(DeadlineParserTest, FormerBugs) {
  const Case cases[] = {
      // MONTH's "1" was taken for "12" in a month list ("6 và 12" → 6,1).
      {"trước ngày 20 các tháng 6 và 12", 2025, Context::kProse, "", "FREQ=YEARLY;BYMONTH=6,12;BYMONTHDAY=20", "", "", nullptr},
  };
  for (const Case& c : cases) Check(c);
}

}  // namespace
}  // namespace vanban::extract
