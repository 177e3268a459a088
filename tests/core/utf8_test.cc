#include "core/utf8.h"

#include <gtest/gtest.h>

namespace vanban::utf8 {
namespace {

TEST(Utf8Test, FoldRemovesAllMarksAndCase) {
  struct Case { const char* in; const char* want; } cases[] = {
      {"Văn phòng", "van phong"},
      {"ĐỒNG ĐỘI", "dong doi"},
      {"Ủy ban nhân dân", "uy ban nhan dan"},
      {"Hải Phòng, ngày 26", "hai phong, ngay 26"},
      {"ABC-xyz 123", "abc-xyz 123"},
      // decomposed input folds the same as precomposed
      {"Ho\xcc\x80\x61", "hoa"},
  };
  for (const auto& c : cases) EXPECT_EQ(Fold(c.in), c.want) << c.in;
}

TEST(Utf8Test, FoldOffsetsMapBack) {
  std::vector<size_t> off;
  std::string f = FoldWithOffsets("Đà Nẵng", &off);
  ASSERT_EQ(f, "da nang");
  ASSERT_EQ(off.size(), f.size() + 1);
  // 'n' of "nang" maps to the byte where "Nẵng" starts.
  size_t n = f.find("nang");
  EXPECT_EQ(std::string("Đà Nẵng").substr(off[n]), "Nẵng");
  EXPECT_EQ(off.back(), std::string("Đà Nẵng").size());
}

TEST(Utf8Test, MarkKeyIgnoresTonePlacementOnly) {
  EXPECT_EQ(MarkKey("Uỷ"), MarkKey("ủy"));
  EXPECT_EQ(MarkKey("HOÀ"), MarkKey("hòa"));
  EXPECT_EQ(MarkKey("Phường"), MarkKey("phường"));
  EXPECT_NE(MarkKey("bộ"), MarkKey("bố"));
  EXPECT_NE(MarkKey("sở"), MarkKey("số"));
  EXPECT_NE(MarkKey("phường"), MarkKey("phương"));
  EXPECT_NE(MarkKey("đội"), MarkKey("dội"));
  EXPECT_EQ(MarkKey("ubnd"), "ubnd");
}

TEST(Utf8Test, CaseMapping) {
  EXPECT_EQ(Lower("BAN QUẢN LÝ KHU KINH TẾ"), "ban quản lý khu kinh tế");
  EXPECT_EQ(Upper("đồng"), "ĐỒNG");
}

TEST(Utf8Test, Validity) {
  EXPECT_TRUE(IsValid("tiếng Việt"));
  EXPECT_FALSE(IsValid("\xff\xfe"));
  EXPECT_FALSE(IsValid("abc\xe1\xba"));
}

TEST(Utf8Test, WidthCountsGraphemesNotBytes) {
  EXPECT_EQ(DisplayWidth("Văn phòng"), 9u);
  EXPECT_EQ(DisplayWidth("Vă\xcc\x80n"), 3u);  // V, ằ, n: the combining grave adds no column
  EXPECT_EQ(Graphemes("Ho\xcc\x80\x61"), 3u);  // H, ò, a
}

TEST(Utf8Test, SpaceHelpers) {
  EXPECT_EQ(Trim("  a b \t\n"), "a b");
  EXPECT_EQ(Trim("\xc2\xa0x\xc2\xa0"), "x");
  EXPECT_EQ(CollapseSpace("  Kế   hoạch\t số \n"), "Kế hoạch số");
  auto parts = Split("a\tb\t\tc", '\t');
  ASSERT_EQ(parts.size(), 4u);
  EXPECT_EQ(parts[3], "c");
}

}  // namespace
}  // namespace vanban::utf8
