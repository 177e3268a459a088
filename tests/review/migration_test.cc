// A database made by schema version 1 migrates to the current version without
// losing a row; the task_view of version 2 applies review decisions; the
// indicators of version 3 say whether a value is a change.
#include <gtest/gtest.h>

#include <cstdio>
#include <map>

#include "review/decisions.h"
#include "store/database.h"
#include "store/schema.h"
#include "testing/paths.h"

namespace vanban::store {
namespace {

constexpr const char* kTables[] = {"documents", "pages", "citations", "indicators", "tasks", "task_units",
                                   "recipients", "warnings", "runs", "failures", "document_fts"};

// A version 1 database as vanban 0.1 left it: the v1 schema and one document
// with everything filled, written with plain SQL.
void MakeV1(const std::string& path) {
  auto c = Connection::Open(path, false);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  ASSERT_TRUE(c->Exec(MigrationSql(1)).ok());
  ASSERT_TRUE(c->Exec("PRAGMA user_version = 1").ok());
  ASSERT_TRUE(c->Exec(R"sql(
    INSERT INTO documents(id, sha256, source_path, doc_type, number, symbol, issued_date, page_count, text_source,
                          ingested_at)
      VALUES (1, 'abc123', 'a.txt', 'Kế hoạch', '15', 'KH-UBND', '2025-03-10', 1, 'text', '2025-03-11T00:00:00Z');
    INSERT INTO pages(document_id, page, text_source, text) VALUES (1, 1, 'text', 'Rà soát thủ tục hành chính');
    INSERT INTO citations(document_id, doc_type, number, symbol) VALUES (1, 'Nghị quyết', '02', 'NQ-CP');
    INSERT INTO indicators(document_id, name, year, kind, metric, comparator, value) VALUES
      (1, 'Chỉ số cải cách hành chính', 2025, 'target', 'score', '>=', 85);
    INSERT INTO tasks(id, document_id, key, section, ordinal, title, due_date, page) VALUES
      (1, 1, 't1-aaaa', 'I', '1', 'Rà soát thủ tục hành chính', '2025-04-30', 1),
      (2, 1, 't1-bbbb', 'I', '2', 'Niêm yết công khai', NULL, 1);
    INSERT INTO task_units(task_id, unit, role, as_written) VALUES
      (1, 'Văn phòng', 'lead', 'VP'), (1, 'Phòng Tư pháp', 'support', NULL), (2, 'Văn phòng', 'lead', NULL);
    INSERT INTO recipients(document_id, recipient, purpose) VALUES (1, 'UBND huyện', 'để b/c');
    INSERT INTO warnings(document_id, code, message) VALUES (1, 'duplicate-task', 'x');
    INSERT INTO runs(document_id, created_at, extraction) VALUES (1, '2025-03-11T00:00:00Z', '{}');
    INSERT INTO failures(path, reason, failed_at) VALUES ('b.pdf', 'encrypted', '2025-03-11T00:00:00Z');
    INSERT INTO document_fts(folded, document_id, page) VALUES ('ra soat thu tuc hanh chinh', 1, 1);
  )sql").ok());
}

int64_t Count(Connection& c, const std::string& table) {
  Statement s = c.Prepare("SELECT count(*) FROM " + table);
  return s.Step() ? s.Int64(0) : -1;
}

TEST(Migration, V1ToCurrentKeepsEveryRow) {
  std::string path = testing::TempDir() + "/v1.sqlite";
  MakeV1(path);
  std::map<std::string, int64_t> before;
  {
    auto c = Connection::Open(path, true);
    ASSERT_TRUE(c.ok());
    for (const char* t : kTables) before[t] = Count(*c, t);
  }
  for (const char* t : kTables) EXPECT_GT(before[t], 0) << t;

  auto db = Database::Open(path);
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  Connection& c = (*db)->connection();
  EXPECT_EQ(*SchemaVersion(&c), kSchemaVersion);
  for (const char* t : kTables) EXPECT_EQ(Count(c, t), before[t]) << t;
  // Version 3: rows written before it are levels, not changes.
  {
    Statement s = c.Prepare("SELECT relative FROM indicators");
    ASSERT_TRUE(s.Step());
    EXPECT_EQ(s.Int64(0), 0);
  }
  EXPECT_EQ(Count(c, "review_decisions"), 0);
  // The document still loads and resolves as before.
  EXPECT_EQ(*(*db)->Resolve("15/KH-UBND"), 1);
  // Reopening does not migrate again.
  db->reset();
  auto again = Database::Open(path);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(Count((*again)->connection(), "tasks"), 2);
}

TEST(Migration, TaskViewAppliesDecisions) {
  std::string path = testing::TempDir() + "/v1.sqlite";
  MakeV1(path);
  auto db = Database::Open(path);
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  Connection& c = (*db)->connection();
  auto row = [&](const std::string& key) {
    Statement s = c.Prepare(
        "SELECT reference, title, lead_units, support_units, due_date, review_state FROM task_view WHERE key = ?1");
    s.BindText(1, key);
    std::vector<std::string> out;
    if (s.Step()) {
      for (int i = 0; i < 6; ++i) out.push_back(s.IsNull(i) ? "NULL" : s.Text(i));
    }
    return out;
  };
  EXPECT_EQ(row("t1-aaaa"), (std::vector<std::string>{"15/KH-UBND", "Rà soát thủ tục hành chính", "Văn phòng",
                                                      "Phòng Tư pháp", "2025-04-30", "unreviewed"}));
  using review::Decision;
  ASSERT_TRUE(review::PutDecision(&c, Decision{"abc123", "t1-aaaa", "due_date", "edit", "2025-05-15", "", ""}).ok());
  ASSERT_TRUE(review::PutDecision(&c, Decision{"abc123", "t1-aaaa", "support", "reject", "", "", ""}).ok());
  ASSERT_TRUE(review::PutDecision(&c, Decision{"abc123", "t1-bbbb", "task", "reject", "", "", ""}).ok());
  EXPECT_EQ(row("t1-aaaa"), (std::vector<std::string>{"15/KH-UBND", "Rà soát thủ tục hành chính", "Văn phòng",
                                                      "NULL", "2025-05-15", "edited"}));
  EXPECT_EQ(row("t1-bbbb").back(), "rejected");
  ASSERT_TRUE(review::PutDecision(&c, Decision{"abc123", "t1-bbbb", "task", "accept", "", "", ""}).ok());
  EXPECT_EQ(row("t1-bbbb").back(), "accepted");
}

// A relative indicator is stored as such, in its column and in the run.
TEST(Migration, RelativeIndicatorsAreStored) {
  std::string path = testing::TempDir() + "/relative.sqlite";
  std::remove(path.c_str());
  auto db = Database::Open(path);
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  Document doc;
  doc.sha256 = "relative-1";
  doc.source_path = "r.txt";
  doc.pages.emplace_back();
  Extraction e;
  e.header.doc_type = "Kế hoạch";
  Indicator level{"", "DDCI", 2025, "target", "score", ">=", 80, std::nullopt, "đạt từ 80 điểm trở lên", 1};
  Indicator change = level;
  change.metric = "rank";
  change.comparator = "=";
  change.value = 2;
  change.raw = "tăng 2 bậc";
  change.relative = true;
  e.indicators = {level, change};
  auto id = (*db)->StoreDocument(doc, e, false);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  Statement s = (*db)->connection().Prepare("SELECT relative FROM indicators ORDER BY id");
  std::vector<int64_t> stored;
  while (s.Step()) stored.push_back(s.Int64(0));
  EXPECT_EQ(stored, (std::vector<int64_t>{0, 1}));
  auto loaded = (*db)->LoadDocument(*id);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  ASSERT_EQ(loaded->extraction.indicators.size(), 2u);
  EXPECT_FALSE(loaded->extraction.indicators[0].relative);
  EXPECT_TRUE(loaded->extraction.indicators[1].relative);
}

}  // namespace
}  // namespace vanban::store
