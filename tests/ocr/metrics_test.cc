#include "ocr/metrics.h"

#include <gtest/gtest.h>

namespace vanban::ocr {
namespace {

TEST(Metrics, IdenticalAfterWhitespaceAndNfc) {
  // "Hòa" precomposed vs o + combining grave; tabs, newlines, page breaks.
  EXPECT_EQ(CharacterErrors("Cộng Hòa\txã hội\n\fViệt Nam", "Cộng Ho\u0300a xã  hội Việt Nam").errors, 0u);
  EXPECT_EQ(NormalizeForScoring("  a \t b\n\nc  "), "a b c");
}

TEST(Metrics, CountsCodePointsNotBytes) {
  ErrorCount c = CharacterErrors("ngày", "ngay");  // one substitution: à → a
  EXPECT_EQ(c.errors, 1u);
  EXPECT_EQ(c.reference, 4u);
  EXPECT_DOUBLE_EQ(c.rate(), 0.25);
}

TEST(Metrics, InsertionsDeletionsSubstitutions) {
  EXPECT_EQ(CharacterErrors("abc", "").errors, 3u);
  EXPECT_EQ(CharacterErrors("", "abc").errors, 3u);
  EXPECT_EQ(CharacterErrors("kitten", "sitting").errors, 3u);
}

TEST(Metrics, WordErrors) {
  ErrorCount w = WordErrors("Số: 12/KH-UBND ngày 05", "S6: 12/KH-UBND ngày");
  EXPECT_EQ(w.reference, 4u);
  EXPECT_EQ(w.errors, 2u);  // "Số:" → "S6:", "05" deleted
}

}  // namespace
}  // namespace vanban::ocr
