#include "review/calendar.h"

#include <gtest/gtest.h>

#include "core/utf8.h"

namespace vanban::review {
namespace {

TEST(Csv, QuotesOnlyWhenNeeded) {
  EXPECT_EQ(CsvRow({"a", "b c", ""}), "a,b c,\r\n");
  EXPECT_EQ(CsvRow({"Phòng A, Phòng B", "nói \"ngay\"", "hai\ndòng"}),
            "\"Phòng A, Phòng B\",\"nói \"\"ngay\"\"\",\"hai\ndòng\"\r\n");
}

TEST(Ics, EscapesText) { EXPECT_EQ(IcsEscape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne"); }

TEST(Ics, FoldsAt75OctetsWithoutSplittingCharacters) {
  std::string line = "SUMMARY:";
  for (int i = 0; i < 40; ++i) line += "Đăng tải ";
  std::string folded = IcsFold(line);
  std::string unfolded;
  size_t pos = 0;
  int physical = 0;
  while (pos < folded.size()) {
    size_t crlf = folded.find("\r\n", pos);
    ASSERT_NE(crlf, std::string::npos);
    std::string part = folded.substr(pos, crlf - pos);
    EXPECT_LE(part.size(), 75u);
    EXPECT_TRUE(utf8::IsValid(part)) << "line " << physical << " splits a character";
    if (physical > 0) {
      ASSERT_EQ(part[0], ' ');
      part.erase(0, 1);
    }
    unfolded += part;
    pos = crlf + 2;
    ++physical;
  }
  EXPECT_GT(physical, 4);
  EXPECT_EQ(unfolded, line);
  EXPECT_EQ(IcsFold("VERSION:2.0"), "VERSION:2.0\r\n");
}

TEST(Ics, StampFromIso) {
  EXPECT_EQ(IcsUtcStamp("2026-11-22T05:31:00Z"), "20261122T053100Z");
  EXPECT_EQ(IcsUtcStamp("2026-11-22"), "");
}

}  // namespace
}  // namespace vanban::review
