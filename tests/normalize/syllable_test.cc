#include "normalize/syllable.h"

#include <gtest/gtest.h>

#include <set>

namespace vanban::normalize {
namespace {

TEST(SyllableTest, ValidAndInvalid) {
  struct Case { const char* word; bool valid; } cases[] = {
      {"của", true}, {"người", true}, {"nghiệp", true}, {"quốc", true}, {"giữ", true},
      {"khuỷu", true}, {"ngoài", true}, {"thuở", true}, {"yêu", true}, {"giếng", true},
      {"gì", true}, {"kỳ", true}, {"Hải", true}, {"PHÒNG", true}, {"xoong", true},
      {"hoà", true}, {"hòa", true},  // both placements parse; Compose picks one
      // broken spelling or not Vietnamese
      {"PCI", false}, {"ki", true}, {"ci", false}, {"ke", true}, {"ce", false},
      {"ghe", true}, {"gha", false}, {"nghi", true}, {"ngi", false},
      {"tiêng", true}, {"iêng", false}, {"yêng", true},
      {"cáp", true}, {"càp", false},  // stop rhymes take only sắc or nặng
      {"áá", false}, {"s6", false}, {"ctia", false}, {"nhimg", false}, {"lwc", false},
      {"Top", false}, {"email", false},
  };
  for (const auto& c : cases) EXPECT_EQ(IsValidSyllable(c.word), c.valid) << c.word;
}

TEST(SyllableTest, TraditionalTonePlacement) {
  struct Case { const char* in; const char* want; } cases[] = {
      {"hoà", "hòa"}, {"Hoà", "Hòa"}, {"HOÀ", "HÒA"}, {"thuý", "thúy"}, {"khoẻ", "khỏe"},
      {"hòa", "hòa"}, {"Uỷ", "Ủy"}, {"UỶ", "ỦY"}, {"quý", "quý"}, {"quỹ", "quỹ"}, {"khuỷu", "khuỷu"},
      {"qủa", "quả"}, {"quả", "quả"}, {"hoàng", "hoàng"}, {"hòang", "hoàng"},
      {"cuả", "của"}, {"ngừơi", "người"}, {"ngưòi", "ngưòi"}, {"ngoaì", "ngoài"}, {"mía", "mía"}, {"múa", "múa"},
      {"giư~", "giư~"},  // not a letter: untouched
      {"quyết", "quyết"}, {"tuyển", "tuyển"}, {"Thuỷ", "Thủy"}, {"lý", "lý"}, {"hoàng", "hoàng"},
      {"PCI", "PCI"},
  };
  for (const auto& c : cases) EXPECT_EQ(PlaceTone(c.in), c.want) << c.in;
}

TEST(SyllableTest, InventoryIsConsistent) {
  auto inv = GenerateInventory();
  EXPECT_GT(inv.size(), 5000u);
  EXPECT_LT(inv.size(), 30000u);
  std::set<std::u32string> all(inv.begin(), inv.end());
  EXPECT_EQ(all.size(), inv.size());
  for (const char* w : {"của", "những", "năng", "lực", "số", "lý", "nghiệp", "quốc", "khuỷu", "giữ",
                        "thúy", "hòa", "quý", "ủy"}) {
    EXPECT_TRUE(all.count(ToU32(w))) << w;
  }
  // New-style forms are not in the inventory: one convention only.
  EXPECT_FALSE(all.count(ToU32("hoà")));
  EXPECT_FALSE(all.count(ToU32("thuý")));
  EXPECT_FALSE(all.count(ToU32("uỷ")));
  // Every generated form parses and re-composes to itself.
  for (const auto& w : inv) {
    Syllable s;
    ASSERT_TRUE(ParseSyllable(w, &s)) << ToUtf8(w);
    EXPECT_EQ(Compose(s), w) << ToUtf8(w);
  }
}

TEST(SyllableTest, FoldAndCase) {
  EXPECT_EQ(FoldLetter(U'ữ'), U'u');
  EXPECT_EQ(FoldLetter(U'Đ'), U'D');
  EXPECT_EQ(FoldLetter(U'x'), U'x');
  EXPECT_TRUE(HasMark(U'ă'));
  EXPECT_FALSE(HasMark(U'a'));
  EXPECT_EQ(ToUtf8(ApplyCase(U"HAI", U"hải")), "HẢI");
  EXPECT_EQ(ToUtf8(ApplyCase(U"Hai", U"hải")), "Hải");
  EXPECT_EQ(ToUtf8(ApplyCase(U"ctia", U"của")), "của");
  EXPECT_EQ(ToUtf8(ApplyCase(U"CTIA", U"của")), "CỦA");
}

}  // namespace
}  // namespace vanban::normalize
