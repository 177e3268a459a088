// Word diff and token-set similarity.
#include "review/word_diff.h"

#include <gtest/gtest.h>

namespace vanban::review {
namespace {

TEST(WordDiff, ChangedWordInTheMiddle) {
  auto d = WordDiff("Chậm nhất 3 ngày kể từ ngày ban hành", "Chậm nhất 2 ngày kể từ ngày ban hành");
  EXPECT_EQ(RenderWordDiff(d, false), "Chậm nhất [-3-]{+2+} ngày kể từ ngày ban hành");
  EXPECT_TRUE(HasChanges(d));
}

TEST(WordDiff, EqualTextsHaveNoChanges) {
  auto d = WordDiff("Báo cáo  tình hình", "Báo cáo tình hình");  // whitespace runs count as one space
  EXPECT_FALSE(HasChanges(d));
  EXPECT_EQ(RenderWordDiff(d, false), "Báo cáo tình hình");
}

TEST(WordDiff, MarksAreSignificant) {
  auto d = WordDiff("Quy trinh noi bo", "Quy trình nội bộ");
  EXPECT_EQ(RenderWordDiff(d, false), "Quy [-trinh noi bo-]{+trình nội bộ+}");
}

TEST(WordDiff, InsertionsAndDeletionsAtTheEnds) {
  EXPECT_EQ(RenderWordDiff(WordDiff("", "Quý II/2025"), false), "{+Quý II/2025+}");
  EXPECT_EQ(RenderWordDiff(WordDiff("Quý II/2025", ""), false), "[-Quý II/2025-]");
  EXPECT_EQ(RenderWordDiff(WordDiff("Biên lai", "Biên lai điện tử"), false), "Biên lai {+điện tử+}");
  EXPECT_EQ(RenderWordDiff(WordDiff("Tổ chức Hội nghị", "Hội nghị"), false), "[-Tổ chức-] Hội nghị");
}

TEST(WordDiff, ColourUsesRedAndGreenWithoutBrackets) {
  std::string s = RenderWordDiff(WordDiff("Tháng 4/2024", "Tháng 4/2025"), true);
  EXPECT_EQ(s, "Tháng \033[31m4/2024\033[m \033[32m4/2025\033[m");
}

TEST(ItemDiff, UnitsAreWholeTokens) {
  auto d = ItemDiff({"Phòng Quản lý đầu tư", "Văn phòng"}, {"Văn phòng", "Phòng Quản lý đầu tư"});
  std::string s = RenderWordDiff(d, false, "; ");
  // One unit moved: it is shown removed and added, never split into words.
  EXPECT_NE(s.find("Phòng Quản lý đầu tư"), std::string::npos);
  EXPECT_TRUE(HasChanges(d));
  EXPECT_EQ(s.find("[-Phòng-]"), std::string::npos);
  EXPECT_EQ(RenderWordDiff(ItemDiff({"A"}, {"A", "Sở Tài chính"}), false, "; "), "A; {+Sở Tài chính+}");
}

TEST(Similarity, FoldsCaseAndMarks) {
  EXPECT_DOUBLE_EQ(TokenSetSimilarity("Cải cách HÀNH CHÍNH", "cai cach hanh chinh"), 1.0);
  EXPECT_DOUBLE_EQ(TokenSetSimilarity("", ""), 1.0);
  EXPECT_DOUBLE_EQ(TokenSetSimilarity("a b", ""), 0.0);
  // {phan, tich, ket, qua, ddci, nam} ∪ {2023} vs {2024}: 6 / 8.
  EXPECT_DOUBLE_EQ(TokenSetSimilarity("Phân tích kết quả DDCI năm 2023", "Phân tích kết quả DDCI năm 2024"), 6.0 / 8.0);
  std::vector<std::string> t = FoldedTokens("Đăng tải, văn bản (Cổng TTĐT)");
  EXPECT_EQ(t, (std::vector<std::string>{"dang", "tai", "van", "ban", "cong", "ttdt"}));
}

}  // namespace
}  // namespace vanban::review
