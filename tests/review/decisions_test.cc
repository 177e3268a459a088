// Applying review decisions to extracted tasks, and storing them.
#include "review/decisions.h"

#include <gtest/gtest.h>

#include "review/extraction_diff.h"
#include "store/database.h"
#include "testing/paths.h"

namespace vanban::review {
namespace {

Task Sample(const std::string& key) {
  Task t;
  t.key = key;
  t.section = "I";
  t.ordinal = "1";
  t.title = "Rà soát thủ tục hành chính";
  t.product = "Báo cáo";
  t.due_date = "2025-04-30";
  t.units = {{"Văn phòng", "Văn phòng", "lead"}, {"Phòng Tư pháp", "Phòng Tư pháp", "support"}};
  return t;
}

Decision D(const std::string& key, const std::string& field, const std::string& action, const std::string& value = "") {
  return Decision{"sha", key, field, action, value, "", ""};
}

TEST(ApplyDecisions, EditWinsRejectEmptiesAndHides) {
  std::vector<Task> tasks = {Sample("k1"), Sample("k2"), Sample("k3"), Sample("k4")};
  std::vector<Decision> ds = {D("k1", "due_date", "edit", "2025-05-15"), D("k1", "lead", "edit", "Phòng Nội vụ; Văn phòng"),
                              D("k2", "task", "reject"), D("k3", "task", "accept"), D("k3", "product", "reject"),
                              D("gone", "task", "reject")};
  auto r = ApplyDecisions(tasks, ds);
  ASSERT_EQ(r.size(), 4u);
  EXPECT_EQ(r[0].state, "edited");
  EXPECT_EQ(r[0].task.due_date, "2025-05-15");
  EXPECT_EQ(r[0].extracted.due_date, "2025-04-30");
  EXPECT_EQ(UnitsOf(r[0].task, "lead"), (std::vector<std::string>{"Phòng Nội vụ", "Văn phòng"}));
  EXPECT_EQ(UnitsOf(r[0].task, "support"), (std::vector<std::string>{"Phòng Tư pháp"}));
  EXPECT_TRUE(r[1].rejected());
  EXPECT_EQ(r[2].state, "edited");  // accepted, but a field was rejected
  EXPECT_EQ(r[2].task.product, "");
  EXPECT_EQ(r[3].state, "unreviewed");
}

TEST(ApplyDecisions, AcceptedTaskGoesStaleWhenTheExtractionChanges) {
  Task t = Sample("k1");
  Decision accept = D("k1", "task", "accept");
  accept.seen = TaskFingerprint(t);
  EXPECT_FALSE(ApplyDecisions({t}, {accept})[0].stale);
  t.due_date = "2025-05-31";
  auto r = ApplyDecisions({t}, {accept});
  EXPECT_EQ(r[0].state, "accepted");
  EXPECT_TRUE(r[0].stale);
}

TEST(SetField, ChecksForms) {
  Task t = Sample("k");
  EXPECT_TRUE(SetField(&t, "due_date", "2025-07-01").ok());
  EXPECT_FALSE(SetField(&t, "due_date", "1/7/2025").ok());
  EXPECT_FALSE(SetField(&t, "due_offset", "3 ngày").ok());
  EXPECT_TRUE(SetField(&t, "due_offset", "-P2D").ok());
  EXPECT_FALSE(SetField(&t, "recurrence", "hằng tháng").ok());
  EXPECT_TRUE(SetField(&t, "recurrence", "FREQ=MONTHLY;BYMONTHDAY=20").ok());
  Status s = SetField(&t, "owner", "x");
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("fields:"), std::string::npos);
}

TEST(DecisionStore, UpsertLoadClear) {
  std::string dir = testing::TempDir();
  auto db = store::Database::Open(dir + "/d.sqlite");
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  store::Connection& c = (*db)->connection();
  ASSERT_TRUE(PutDecision(&c, D("k1", "title", "edit", "Một")).ok());
  ASSERT_TRUE(PutDecision(&c, D("k1", "title", "edit", "Hai")).ok());  // replaces
  ASSERT_TRUE(PutDecision(&c, D("k1", "task", "accept")).ok());
  EXPECT_FALSE(PutDecision(&c, D("k1", "owner", "edit", "x")).ok());
  EXPECT_FALSE(PutDecision(&c, D("k1", "title", "approve")).ok());
  auto loaded = LoadDecisions(&c, "sha");
  ASSERT_TRUE(loaded.ok());
  ASSERT_EQ(loaded->size(), 2u);
  EXPECT_EQ((*loaded)[1].field, "title");
  EXPECT_EQ((*loaded)[1].value, "Hai");
  EXPECT_FALSE((*loaded)[0].decided_at.empty());
  ASSERT_TRUE(ClearDecisions(&c, "sha", "k1").ok());
  EXPECT_TRUE(LoadDecisions(&c, "sha")->empty());
}

}  // namespace
}  // namespace vanban::review
