#include "extract/indicator_extractor.h"

#include <gtest/gtest.h>

#include <cmath>

#include "extract_fixture.h"
#include "testing/paths.h"

namespace vanban::extract {
namespace {

// "code|name|year|kind|metric|cmp|value|out_of" for compact comparisons.
std::string Show(const Indicator& i) {
  char value[32];
  std::snprintf(value, sizeof value, "%g", i.value);
  std::string out = i.code + "|" + i.name + "|" + (i.year ? std::to_string(*i.year) : "") + "|" + i.kind + "|" +
                    i.metric + "|" + i.comparator + "|" + (i.relative ? "+" : "") + value;
  if (i.out_of) {
    char o[32];
    std::snprintf(o, sizeof o, "%g", *i.out_of);
    out += std::string("/") + o;
  }
  return out;
}

TEST(ParseDecimalTest, Forms) {
  double v = 0;
  EXPECT_TRUE(ParseDecimal("76,19", &v));
  EXPECT_DOUBLE_EQ(v, 76.19);
  EXPECT_TRUE(ParseDecimal("7.7", &v));
  EXPECT_DOUBLE_EQ(v, 7.7);
  EXPECT_TRUE(ParseDecimal("20", &v));
  EXPECT_DOUBLE_EQ(v, 20);
  EXPECT_FALSE(ParseDecimal("7,", &v));
  EXPECT_FALSE(ParseDecimal(",5", &v));
  EXPECT_FALSE(ParseDecimal("1,2,3", &v));
  EXPECT_FALSE(ParseDecimal("abc", &v));
  EXPECT_FALSE(ParseDecimal("", &v));
}

// A table as plain lines, the way restored OCR gives it: the header split
// over lines, rows with the numbers at the end and the units after them.
const char kPlainTable[] =
    "KẾ HOẠCH\n"
    "Nâng cao Chỉ số DDCI năm 2025\n"
    "\n"
    "PHỤ LỤC\n"
    "\n"
    "Mục\n"
    "tiêu\n"
    "TT Chỉ số thành phần 2022 2023 2024 Đơn vị thực hiện\n"
    "2025\n"
    "Xếp hạng (trên tổng 20 sở, ngành) 12 8 6 4\n"
    "Tổng điểm đạt được (trên tổng 100 điểm) 70,5 72 74,25 78\n"
    "I Tính minh bạch 6,1 6,5 6,75 7 Văn phòng\n"
    "II Chi phí thời gian 5,9 6,02 6,3 6,6 Các phòng chuyên môn\n"
    "\n"
    "* Ghi chú: điểm tối đa của mỗi chỉ số thành phần là 10.\n";

TEST(IndicatorTest, PlainLineTable) {
  Extraction e = ExtractText(kPlainTable);
  ASSERT_EQ(e.indicators.size(), 16u);
  EXPECT_EQ(Show(e.indicators[0]), "|Xếp hạng (trên tổng 20 sở, ngành)|2022|actual|rank|=|12/20");
  EXPECT_EQ(Show(e.indicators[3]), "|Xếp hạng (trên tổng 20 sở, ngành)|2025|target|rank|=|4/20");
  EXPECT_EQ(Show(e.indicators[6]), "|Tổng điểm đạt được (trên tổng 100 điểm)|2024|actual|score|=|74.25/100");
  EXPECT_EQ(Show(e.indicators[8]), "I|Tính minh bạch|2022|actual|score|=|6.1");
  EXPECT_EQ(Show(e.indicators[15]), "II|Chi phí thời gian|2025|target|score|=|6.6");
  EXPECT_EQ(e.indicators[15].raw, "II Chi phí thời gian 5,9 6,02 6,3 6,6 Các phòng chuyên môn");
}

TEST(IndicatorTest, TabSeparatedTable) {
  const char text[] =
      "STT\tChỉ tiêu\t2023\t2024\tKế hoạch 2025\n"
      "1\tTỷ lệ hồ sơ trực tuyến (%)\t45\t60,5\t80\n"
      "2\tSố doanh nghiệp được hỗ trợ\t120\t150\t200\n";
  Extraction e = ExtractText(text);
  ASSERT_EQ(e.indicators.size(), 6u);
  EXPECT_EQ(Show(e.indicators[1]), "1|Tỷ lệ hồ sơ trực tuyến (%)|2024|actual|percent|=|60.5");
  EXPECT_EQ(Show(e.indicators[2]), "1|Tỷ lệ hồ sơ trực tuyến (%)|2025|target|percent|=|80");
  // Integers in a row without decimals are not "repaired".
  EXPECT_EQ(Show(e.indicators[5]), "2|Số doanh nghiệp được hỗ trợ|2025|target|count|=|200");
}

TEST(IndicatorTest, Prose) {
  const char text[] =
      "KẾ HOẠCH\n"
      "Cải thiện Chỉ số PAPI năm 2025\n"
      "\n"
      "Hà Nam, ngày 3 tháng 3 năm 2025\n"
      "\n"
      "Năm 2024, Chỉ số CCHC của Sở đạt 88,5/100 điểm, xếp hạng 7/19 so với các sở.\n"
      "\n"
      "Phấn đấu Chỉ số DDCI đạt từ 80 điểm trở lên, tăng 3 bậc so với năm 2024 (76,2 điểm xếp hạng 9).\n"
      "\n"
      "Thứ hạng: Năm 2025 ≤ 10.\n"
      "\n"
      "Bảo đảm 100% hồ sơ được tiếp nhận trực tuyến.\n";
  Extraction e = ExtractText(text);
  ASSERT_EQ(e.indicators.size(), 8u);
  EXPECT_EQ(Show(e.indicators[0]), "|Chỉ số CCHC|2024|actual|score|=|88.5/100");
  EXPECT_EQ(Show(e.indicators[1]), "|Chỉ số CCHC|2024|actual|rank|=|7/19");
  // No year in the sentence: none is given (corpus/README.md).
  EXPECT_EQ(Show(e.indicators[2]), "|DDCI||target|score|>=|80");
  EXPECT_EQ(Show(e.indicators[3]), "|DDCI||target|rank|=|+3");
  EXPECT_EQ(Show(e.indicators[4]), "|DDCI|2024|actual|score|=|76.2");
  EXPECT_EQ(Show(e.indicators[5]), "|DDCI|2024|actual|rank|=|9");
  EXPECT_EQ(Show(e.indicators[6]), "|PAPI|2025|target|rank|<=|10");
  EXPECT_EQ(Show(e.indicators[7]), "|hồ sơ được tiếp nhận trực tuyến||target|percent|=|100");
}

TEST(IndicatorSeedTest, Seed000OcrTable) {
  VANBAN_SEED_OR_SKIP(path, "000_");
  Extraction e = ExtractText(testing::ReadFileOrDie(path));
  std::vector<Indicator> table;
  for (const Indicator& i : e.indicators) {
    if (i.year && (*i.year >= 2021 && *i.year <= 2024) && i.comparator == "=" &&
        (i.kind == "actual" || i.kind == "target") && i.raw.size() > 30) {
      table.push_back(i);
    }
  }
  ASSERT_EQ(table.size(), 40u);
  // Ranks out of 21, totals out of 100, eight components I–VIII.
  EXPECT_EQ(table[0].metric, "rank");
  EXPECT_EQ(*table[0].out_of, 21);
  EXPECT_EQ(table[0].value, 20);
  EXPECT_EQ(table[3].kind, "target");
  EXPECT_EQ(*table[3].year, 2024);
  EXPECT_EQ(table[3].value, 3);
  EXPECT_EQ(*table[5].out_of, 100);
  EXPECT_DOUBLE_EQ(table[5].value, 76.19);
  const char* codes[] = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII"};
  for (int c = 0; c < 8; ++c) {
    for (int k = 0; k < 4; ++k) EXPECT_EQ(table[8 + c * 4 + k].code, codes[c]) << c << " " << k;
  }
  const double component_values[] = {6.07, 7.2,  7.44, 7.66, 6.94, 7.33, 7.35, 7.57, 7.21, 7.49, 7.7,
                                     7.93, 7.45, 7.95, 7.95, 8.19, 8.39, 8.48, 8.64, 8.9,  7.69, 7.54,
                                     7.82, 8.05, 7.06, 7.19, 7.14, 7.35, 7.44, 7.76, 7.87, 8.11};
  for (int k = 0; k < 32; ++k) EXPECT_NEAR(table[8 + k].value, component_values[k], 1e-9) << k;
}

TEST(IndicatorSeedTest, Seed004Prose) {
  VANBAN_SEED_OR_SKIP(path, "004_");
  Extraction e = ExtractText(testing::ReadFileOrDie(path));
  ASSERT_GE(e.indicators.size(), 4u);
  EXPECT_EQ(Show(e.indicators[0]), "|Chỉ số CCHC|2023|actual|score|=|93.2/100");
  EXPECT_EQ(Show(e.indicators[1]), "|Chỉ số CCHC|2023|actual|rank|=|6/20");
  EXPECT_EQ(Show(e.indicators[2]), "|DDCI|2023|actual|score|=|77.39/100");
  EXPECT_EQ(Show(e.indicators[3]), "|DDCI|2023|actual|rank|=|5/21");
}

// Former bugs.
TEST(IndicatorFormerBugs, Bugs) {
  // OCR wrote the Roman numeral as "Il |" and dropped a decimal comma.
  const char text[] =
      "TT Chỉ số 2022 2023\n"
      "| | Chỉ số A 6,07 7,2\n"
      "Il | Chỉ số B 7,06 714\n";
  Extraction e = ExtractText(text);
  ASSERT_EQ(e.indicators.size(), 4u);
  EXPECT_EQ(e.indicators[0].code, "I");
  EXPECT_EQ(e.indicators[2].code, "II");
  EXPECT_DOUBLE_EQ(e.indicators[3].value, 7.14);
  // "giai đoạn 2022-2025" is not a header of year columns.
  EXPECT_TRUE(ExtractText("Kế hoạch giai đoạn 2022-2025\nChỉ số A 6,1 7,2 8 9\n").indicators.empty());
}

// A change is marked relative, a level is not.
TEST(IndicatorTest, ChangesAreRelative) {
  struct Case {
    const char* text;
    const char* want;
  } cases[] = {
      {"Phấn đấu Chỉ số DDCI năm 2025 tăng 2 bậc so với năm 2024.", "|DDCI|2025|target|rank|=|+2"},
      {"Chỉ số thành phần Tính minh bạch tăng ít nhất 0,5 điểm so với năm 2023.", "|||target|score|>=|+0.5"},
      {"Phấn đấu Chỉ số PCI tăng thêm 1,5 điểm so với năm 2024.", "|PCI||target|score|=|+1.5"},
      {"Phấn đấu Chỉ số PCI năm 2025 đạt từ 70 điểm trở lên.", "|PCI|2025|target|score|>=|70"},
  };
  for (const auto& c : cases) {
    Extraction e = ExtractText(std::string("KẾ HOẠCH\n\n") + c.text + "\n");
    ASSERT_EQ(e.indicators.size(), 1u) << c.text;
    EXPECT_EQ(Show(e.indicators[0]), c.want) << c.text;
  }
}

}  // namespace
}  // namespace vanban::extract
