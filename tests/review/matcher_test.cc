// Task matching and the extraction diff.
#include <gtest/gtest.h>

#include "review/extraction_diff.h"

namespace vanban::review {
namespace {

Task T(std::string key, std::string ordinal, std::string title, std::string lead = "Văn phòng",
       std::string deadline = "") {
  Task t;
  t.key = std::move(key);
  t.section = "I";
  t.ordinal = std::move(ordinal);
  t.title = std::move(title);
  t.deadline_text = std::move(deadline);
  t.units.push_back({lead, lead, "lead"});
  return t;
}

TEST(MatchTasks, BestFirstNotFirstCome) {
  // Old task 0 is close to both new tasks, but new 1 is its exact twin; old 1
  // fits new 0 only. A first-come matcher would pair 0-0 and leave old 1 out.
  std::vector<Task> olds = {T("a", "1", "Số hóa hồ sơ thủ tục hành chính"),
                            T("b", "2", "Số hóa hồ sơ thủ tục hành chính cấp xã")};
  std::vector<Task> news = {T("c", "1", "Số hóa hồ sơ thủ tục hành chính cấp xã năm 2026"),
                            T("d", "2", "Số hóa hồ sơ thủ tục hành chính")};
  auto m = MatchTasks(olds, news, 0.5);
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m[0].old_index, 1u);
  EXPECT_EQ(m[0].new_index, 0u);
  EXPECT_EQ(m[1].old_index, 0u);
  EXPECT_EQ(m[1].new_index, 1u);
  EXPECT_DOUBLE_EQ(m[1].similarity, 1.0);
}

TEST(MatchTasks, BelowThresholdIsAddedAndRemoved) {
  std::vector<Task> olds = {T("a", "1", "Triển khai thanh toán trực tuyến phí, lệ phí")};
  std::vector<Task> news = {T("b", "1", "Triển khai ký số trên thiết bị di động")};
  EXPECT_TRUE(MatchTasks(olds, news, 0.5).empty());
  EXPECT_EQ(MatchTasks(olds, news, 0.1).size(), 1u);  // "triển khai" is shared
  ExtractionDiff d = DiffExtractions(Extraction{{}, {}, {}, {}, olds, {}}, Extraction{{}, {}, {}, {}, news, {}});
  EXPECT_EQ(d.removed.size(), 1u);
  EXPECT_EQ(d.added.size(), 1u);
  EXPECT_FALSE(d.empty());
}

TEST(MatchTasks, EqualKeysMatchEvenWhenTheTextChanged) {
  std::vector<Task> olds = {T("k1", "1", "Rà soát quy trình nội bộ")};
  std::vector<Task> news = {T("k1", "1", "Ban hành quyết định phê duyệt")};
  auto m = MatchTasks(olds, news, 0.9);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_LT(m[0].similarity, 0.5);
}

TEST(MatchTasks, TiesGoToTheNearestInDocumentOrder) {
  std::vector<Task> olds = {T("a", "1", "Báo cáo định kỳ"), T("b", "2", "Báo cáo định kỳ")};
  std::vector<Task> news = {T("c", "1", "Báo cáo định kỳ"), T("d", "2", "Báo cáo định kỳ")};
  auto m = MatchTasks(olds, news);
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m[0].old_index, 0u);
  EXPECT_EQ(m[1].old_index, 1u);
}

TEST(DiffExtractions, ChangedFieldsAreListedWordByWord) {
  Task a = T("a", "2", "Đăng tải văn bản chỉ đạo lên Cổng thông tin điện tử", "Trung tâm Xúc tiến đầu tư",
             "Chậm nhất 3 ngày kể từ ngày ban hành văn bản");
  a.units.push_back({"Văn phòng", "Văn phòng", "support"});
  Task b = a;
  b.key = "b";
  b.deadline_text = "Chậm nhất 2 ngày kể từ ngày ban hành văn bản";
  b.units = {{"Văn phòng", "Văn phòng", "lead"}, {"Trung tâm Xúc tiến đầu tư", "", "support"}};
  ExtractionDiff d = DiffExtractions(Extraction{{}, {}, {}, {}, {a}, {}}, Extraction{{}, {}, {}, {}, {b}, {}});
  ASSERT_EQ(d.changed.size(), 1u);
  std::vector<std::string> fields;
  for (const auto& c : d.changed[0].changes) fields.push_back(c.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"lead", "support", "deadline_text"}));
  EXPECT_EQ(RenderWordDiff(d.changed[0].changes[2].segments, false),
            "Chậm nhất [-3-]{+2+} ngày kể từ ngày ban hành văn bản");
  EXPECT_EQ(RenderWordDiff(d.changed[0].changes[0].segments, false, "; "),
            "[-Trung tâm Xúc tiến đầu tư-]; {+Văn phòng+}");
}

TEST(DiffExtractions, IndicatorsByCodeYearKind) {
  Indicator i1{"I", "Tính minh bạch", 2024, "target", "score", ">=", 7.65, std::nullopt, "", 1};
  Indicator i2 = i1;
  i2.value = 7.9;
  Indicator old_year{"II", "Thủ tục hành chính", 2021, "actual", "score", "=", 7.05, std::nullopt, "", 1};
  Indicator new_year = old_year;
  new_year.year = 2024;
  Indicator same{"", "Xếp hạng", 2023, "actual", "rank", "=", 6, 21.0, "", 1};
  Indicator same_renamed = same;
  same_renamed.name = "XẾP HẠNG";  // matched by folded name when there is no code
  ExtractionDiff d = DiffExtractions(Extraction{{}, {}, {}, {i1, old_year, same}, {}, {}},
                                     Extraction{{}, {}, {}, {i2, new_year, same_renamed}, {}, {}});
  EXPECT_EQ(d.indicators_changed.size(), 1u);
  EXPECT_EQ(d.indicators_added.size(), 1u);
  EXPECT_EQ(d.indicators_removed.size(), 1u);
  EXPECT_EQ(d.indicators_unchanged, 1);
}

TEST(TaskLabel, UsesTheSectionsPrintedLabel) {
  Task t;
  t.ordinal = "2";
  t.section = "III. HỖ TRỢ DOANH NGHIỆP, ĐỐI THOẠI VỚI DOANH NGHIỆP";
  EXPECT_EQ(TaskLabel(t), "III.2");
  t.section = "Điều 2";
  EXPECT_EQ(TaskLabel(t), "Điều 2.2");
  t.section = "III.1";
  EXPECT_EQ(TaskLabel(t), "III.1.2");
  t.section = "Vietnamese heading";  // starts with V but is no label
  EXPECT_EQ(TaskLabel(t), "Vietnamese heading.2");
  t.section = "";
  EXPECT_EQ(TaskLabel(t), "2");
}

TEST(DiffExtractions, IdenticalExtractionsAreEmpty) {
  Extraction e{{}, {}, {}, {}, {T("a", "1", "Rà soát"), T("b", "2", "Báo cáo")}, {}};
  ExtractionDiff d = DiffExtractions(e, e);
  EXPECT_TRUE(d.empty());
  EXPECT_EQ(d.unchanged.size(), 2u);
}

}  // namespace
}  // namespace vanban::review
