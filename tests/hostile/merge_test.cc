// `vanban merge OUT IN...` on shard databases made by `vanban ingest`.
#include <sqlite3.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>

#include "hostile/inputs.h"
#include "hostile/run.h"
#include "testing/paths.h"

namespace fs = std::filesystem;

namespace vanban::testing {
namespace {

class Db {
 public:
  explicit Db(const std::string& path) { sqlite3_open(path.c_str(), &db_); }
  ~Db() { sqlite3_close(db_); }
  // Rows of a query as text, fields separated by \x1f, rows by \n.
  std::string Rows(const std::string& sql, const std::string& bind = "") {
    sqlite3_stmt* s = nullptr;
    std::string out;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &s, nullptr) != SQLITE_OK) {
      ADD_FAILURE() << sqlite3_errmsg(db_) << " in " << sql;
      return out;
    }
    if (!bind.empty()) sqlite3_bind_text(s, 1, bind.c_str(), -1, SQLITE_TRANSIENT);
    while (sqlite3_step(s) == SQLITE_ROW) {
      for (int i = 0; i < sqlite3_column_count(s); ++i) {
        const unsigned char* t = sqlite3_column_text(s, i);
        out += t ? reinterpret_cast<const char*>(t) : "∅";
        out += '\x1f';
      }
      out += '\n';
    }
    sqlite3_finalize(s);
    return out;
  }
  int Int(const std::string& sql) {
    std::string r = Rows(sql);
    return r.empty() ? -1 : std::stoi(r);
  }
  void Exec(const std::string& sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) ADD_FAILURE() << err << " in " << sql;
    sqlite3_free(err);
  }
  // Everything stored about the document with these bytes, without ids.
  std::string Fingerprint(const std::string& sha) {
    const std::string doc = "(SELECT id FROM documents WHERE sha256 = ?1)";
    std::string f;
    f += Rows("SELECT sha256, source_path, doc_type, number, symbol, issuer, parent_issuer, place, issued_date, title, "
              "signer_name, signer_title, signer_authority, page_count, text_source, ingested_at, format, encoding "
              "FROM documents WHERE sha256 = ?1", sha);
    f += Rows("SELECT page, text_source, failed, error, text FROM pages WHERE document_id = " + doc + " ORDER BY page", sha);
    f += Rows("SELECT doc_type, number, symbol, issued_date, issuer, raw FROM citations WHERE document_id = " + doc +
              " ORDER BY id", sha);
    f += Rows("SELECT code, name, year, kind, metric, comparator, value, out_of, raw, page FROM indicators "
              "WHERE document_id = " + doc + " ORDER BY id", sha);
    f += Rows("SELECT key, section, ordinal, title, detail, product, deadline_text, due_date, due_offset, due_anchor, "
              "recurrence, raw, page, confidence FROM tasks WHERE document_id = " + doc + " ORDER BY id", sha);
    f += Rows("SELECT t.key, u.unit, u.role, u.as_written FROM task_units u JOIN tasks t ON t.id = u.task_id "
              "WHERE t.document_id = " + doc + " ORDER BY t.id, u.rowid", sha);
    f += Rows("SELECT recipient, purpose FROM recipients WHERE document_id = " + doc + " ORDER BY rowid", sha);
    f += Rows("SELECT code, message FROM warnings WHERE document_id = " + doc + " ORDER BY rowid", sha);
    f += Rows("SELECT created_at, extraction FROM runs WHERE document_id = " + doc + " ORDER BY id", sha);
    f += Rows("SELECT folded, page FROM document_fts WHERE document_id = " + doc + " ORDER BY page", sha);
    return f;
  }

 private:
  sqlite3* db_ = nullptr;
};

std::vector<std::string> CorpusDocuments() {
  std::vector<std::string> files;
  for (const auto& e : fs::directory_iterator(SourcePath("corpus/documents"))) {
    if (e.path().extension() == ".txt") files.push_back(e.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

RunOutcome IngestInto(const std::string& db, const std::vector<std::string>& files) {
  std::vector<std::string> args = {"ingest"};
  args.insert(args.end(), files.begin(), files.end());
  args.insert(args.end(), {"--db", db});
  return RunVanban(args);
}

class MergeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = TempDir();
    docs_ = CorpusDocuments();
    ASSERT_GE(docs_.size(), 10u);
    // shard 1: the first two thirds; shard 2: the last half (they overlap);
    // shard 3: one document, an empty file that fails, and a plan twice.
    size_t n = docs_.size();
    std::vector<std::string> one(docs_.begin(), docs_.begin() + static_cast<long>(2 * n / 3));
    std::vector<std::string> two(docs_.begin() + static_cast<long>(n / 2), docs_.end());
    WriteFileOrDie(dir_ + "/empty.txt", "");
    std::string plan;
    for (const auto& l : PlanLines(77)) plan += l + "\n";
    WriteFileOrDie(dir_ + "/plan-77.txt", plan);
    std::vector<std::string> three = {docs_[0], dir_ + "/empty.txt", dir_ + "/plan-77.txt"};
    ASSERT_EQ(IngestInto(dir_ + "/s1.sqlite", one).exit_code, 0);
    ASSERT_EQ(IngestInto(dir_ + "/s2.sqlite", two).exit_code, 0);
    ASSERT_EQ(IngestInto(dir_ + "/s3.sqlite", three).exit_code, 1);
    distinct_ = static_cast<int>(n) + 1;
    // Two more tasks with units per document, written here, so that task ids
    // are remapped whatever the extractor finds today.
    for (const char* shard : {"s1", "s2", "s3"}) {
      Db db(dir_ + "/" + shard + ".sqlite");
      for (int k = 1; k <= 2; ++k) {
        db.Exec("INSERT INTO tasks(document_id, key, title) SELECT id, 'extra-" + std::to_string(k) +
                "', 'Việc thêm ' || id FROM documents ORDER BY id");
        db.Exec("INSERT INTO task_units(task_id, unit, role) SELECT id, 'Sở Nội vụ ' || key, 'lead' FROM tasks "
                "WHERE key = 'extra-" + std::to_string(k) + "'");
      }
    }
  }
  std::string dir_;
  std::vector<std::string> docs_;
  int distinct_ = 0;
};

TEST_F(MergeTest, CombinesShardsKeepingEveryRow) {
  std::string out = dir_ + "/all.sqlite";
  RunOutcome r = RunVanban({"merge", out, dir_ + "/s1.sqlite", dir_ + "/s2.sqlite", dir_ + "/s3.sqlite"});
  ASSERT_EQ(r.exit_code, 0) << r.Describe();
  DbFacts f = ReadDbFacts(out);
  EXPECT_EQ(f.integrity, "ok");
  EXPECT_EQ(f.documents, distinct_);
  EXPECT_EQ(f.duplicate_sha, 0);
  EXPECT_EQ(f.orphans, 0);
  EXPECT_EQ(f.documents_without_pages, 0);
  EXPECT_EQ(f.documents_without_runs, 0);
  EXPECT_EQ(f.failures, 1);  // the empty file
  Db merged(out);
  // ids renumbered 1..N, tasks too
  EXPECT_EQ(merged.Int("SELECT max(id) FROM documents"), distinct_);
  EXPECT_EQ(merged.Int("SELECT coalesce(max(id), 0) - count(*) FROM tasks"), 0);
  EXPECT_GE(merged.Int("SELECT count(*) FROM tasks"), 2 * distinct_);
  EXPECT_GE(merged.Int("SELECT count(*) FROM task_units"), 2 * distinct_);
  EXPECT_EQ(merged.Int("SELECT count(*) FROM task_units u JOIN tasks t ON t.id = u.task_id "
                       "WHERE u.unit != 'Sở Nội vụ ' || t.key AND t.key LIKE 'extra-%'"),
            0);
  // every document exactly as its shard holds it (the first shard that has it)
  int compared = 0;
  std::map<std::string, bool> seen;
  for (const char* shard : {"s1", "s2", "s3"}) {
    Db in(dir_ + "/" + shard + ".sqlite");
    std::string shas = in.Rows("SELECT sha256 FROM documents ORDER BY id");
    size_t pos = 0;
    for (size_t nl; (nl = shas.find('\n', pos)) != std::string::npos; pos = nl + 1) {
      std::string sha = shas.substr(pos, nl - pos - 1);  // drop the \x1f
      if (seen[sha]) continue;
      seen[sha] = true;
      std::string expected = in.Fingerprint(sha), got = merged.Fingerprint(sha);
      EXPECT_FALSE(expected.empty());
      EXPECT_EQ(got, expected) << shard << " " << sha;
      ++compared;
    }
  }
  EXPECT_EQ(compared, distinct_);
  // full-text search finds a merged document
  EXPECT_GT(merged.Int("SELECT count(DISTINCT document_id) FROM document_fts WHERE document_fts MATCH 'hoach'"), 5);

  // merging again adds nothing
  RunOutcome again = RunVanban({"merge", out, dir_ + "/s2.sqlite", dir_ + "/s1.sqlite"});
  ASSERT_EQ(again.exit_code, 0) << again.Describe();
  EXPECT_NE(again.err.find(": 0 documents added"), std::string::npos) << again.err;
  EXPECT_EQ(ReadDbFacts(out).documents, distinct_);
  EXPECT_EQ(ReadDbFacts(out).runs, distinct_);

  // the merged database answers like any other
  RunOutcome show = RunVanban({"show", "plan-77.txt", "--db", out});
  EXPECT_EQ(show.exit_code, 0) << show.Describe();
  EXPECT_NE(show.out.find("77/KH-UBND"), std::string::npos) << show.out;
}

TEST_F(MergeTest, ResultEqualsOneBigIngest) {
  // The same documents ingested into one database and merged from shards
  // hold the same rows (runs and times aside; the tasks SetUp adds to the
  // shards left out).
  std::vector<std::string> all = docs_;
  all.push_back(dir_ + "/plan-77.txt");
  std::string one = dir_ + "/one.sqlite", merged = dir_ + "/merged.sqlite";
  ASSERT_EQ(IngestInto(one, all).exit_code, 0);
  ASSERT_EQ(RunVanban({"merge", merged, dir_ + "/s1.sqlite", dir_ + "/s2.sqlite", dir_ + "/s3.sqlite"}).exit_code, 0);
  Db a(one), b(merged);
  const std::string q =
      "SELECT d.sha256, t.key, t.title, t.deadline_text, t.due_date, group_concat(u.unit || ':' || u.role, ';') "
      "FROM tasks t JOIN documents d ON d.id = t.document_id LEFT JOIN task_units u ON u.task_id = t.id "
      "WHERE t.key NOT LIKE 'extra-%' "
      "GROUP BY t.id ORDER BY d.sha256, t.key";
  EXPECT_EQ(a.Rows(q), b.Rows(q));
  const std::string c = "SELECT d.sha256, c.raw FROM citations c JOIN documents d ON d.id = c.document_id ORDER BY 1, 2";
  EXPECT_EQ(a.Rows(c), b.Rows(c));
}

// The scale-out recipe end to end: `ingest --shard K/3` three times on the
// same folder, then merge — the same documents as one ingest, each once.
TEST_F(MergeTest, ShardsOfOneFolderMergeToTheWhole) {
  std::string folder = SourcePath("corpus/documents");
  std::vector<std::string> shards;
  int stored = 0;
  for (int k = 1; k <= 3; ++k) {
    std::string db = dir_ + "/shard-" + std::to_string(k) + ".sqlite";
    RunOutcome r = RunVanban({"ingest", folder, "--shard", std::to_string(k) + "/3", "--db", db, "--quiet"});
    ASSERT_EQ(r.exit_code, 0) << r.Describe();
    stored += ReadDbFacts(db).documents;
    shards.push_back(db);
  }
  std::string one = dir_ + "/one.sqlite", merged = dir_ + "/merged.sqlite";
  ASSERT_EQ(RunVanban({"ingest", folder, "--db", one, "--quiet"}).exit_code, 0);
  EXPECT_EQ(stored, ReadDbFacts(one).documents) << "the shards hold every file exactly once";
  std::vector<std::string> args = {"merge", merged};
  args.insert(args.end(), shards.begin(), shards.end());
  RunOutcome r = RunVanban(args);
  ASSERT_EQ(r.exit_code, 0) << r.Describe();
  Db a(one), b(merged);
  const std::string q = "SELECT sha256, source_path, doc_type, number, symbol, issued_date, title FROM documents ORDER BY sha256";
  EXPECT_EQ(a.Rows(q), b.Rows(q));
  const std::string p = "SELECT d.sha256, p.page, p.text FROM pages p JOIN documents d ON d.id = p.document_id ORDER BY 1, 2";
  EXPECT_EQ(a.Rows(p), b.Rows(p));
}

// `--shard K/N` on one tree reached through two prefixes — its path, and
// another "mount point" (a symbolic link) spelled with a doubled slash and a
// trailing one — takes the same documents in every shard.
TEST_F(MergeTest, ShardsDoNotDependOnWhereTheTreeIsMounted) {
  std::string tree = dir_ + "/data/văn bản";
  fs::create_directories(tree);
  fs::copy(SourcePath("corpus/documents"), tree + "/2025");
  fs::create_directories(dir_ + "/mnt");
  fs::create_directory_symlink(tree, dir_ + "/mnt/kho");
  const std::vector<std::string> prefixes = {tree, dir_ + "/mnt//kho/"};
  std::vector<std::string> shas[2];
  int stored = 0;
  for (int k = 1; k <= 3; ++k) {
    for (int m = 0; m < 2; ++m) {
      std::string db = dir_ + "/shard-" + std::to_string(k) + "-" + std::to_string(m) + ".sqlite";
      RunOutcome r = RunVanban({"ingest", prefixes[m], "--shard", std::to_string(k) + "/3", "--db", db, "--quiet"});
      ASSERT_EQ(r.exit_code, 0) << r.Describe();
      shas[m].push_back(Db(db).Rows("SELECT sha256 FROM documents ORDER BY sha256"));
      if (m == 0) stored += ReadDbFacts(db).documents;
    }
    EXPECT_EQ(shas[0].back(), shas[1].back()) << "shard " << k << " differs between the two prefixes";
  }
  size_t files = 0;
  for (const auto& e : fs::recursive_directory_iterator(tree)) files += e.is_regular_file() ? 1 : 0;
  EXPECT_EQ(stored, static_cast<int>(files)) << "the shards hold every file exactly once";
}

TEST_F(MergeTest, ReviewAndOtherTablesFollowTheirDocuments) {
  {
    Db s1(dir_ + "/s1.sqlite");
    s1.Exec("CREATE TABLE IF NOT EXISTS review_decisions (sha256 TEXT NOT NULL, task_key TEXT NOT NULL, "
            "field TEXT NOT NULL, action TEXT NOT NULL, value TEXT, seen TEXT, decided_at TEXT NOT NULL, "
            "PRIMARY KEY (sha256, task_key, field))");
    s1.Exec("INSERT INTO review_decisions VALUES ('abc', 'k1', 'title', 'edit', 'old', NULL, '2026-01-01T00:00:00Z')");
    s1.Exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, document_id INTEGER NOT NULL, note TEXT)");
    s1.Exec("INSERT INTO notes(document_id, note) SELECT id, 'note on ' || sha256 FROM documents");
    Db s2(dir_ + "/s2.sqlite");
    s2.Exec("CREATE TABLE IF NOT EXISTS review_decisions (sha256 TEXT NOT NULL, task_key TEXT NOT NULL, "
            "field TEXT NOT NULL, action TEXT NOT NULL, value TEXT, seen TEXT, decided_at TEXT NOT NULL, "
            "PRIMARY KEY (sha256, task_key, field))");
    s2.Exec("INSERT INTO review_decisions VALUES ('abc', 'k1', 'title', 'edit', 'newer', NULL, '2026-02-01T00:00:00Z')");
  }
  std::string out = dir_ + "/all.sqlite";
  RunOutcome r = RunVanban({"merge", out, dir_ + "/s1.sqlite", dir_ + "/s2.sqlite"});
  ASSERT_EQ(r.exit_code, 0) << r.Describe();
  Db merged(out);
  EXPECT_EQ(merged.Rows("SELECT value FROM review_decisions"), "newer\x1f\n");
  EXPECT_EQ(merged.Int("SELECT count(*) FROM notes n JOIN documents d ON d.id = n.document_id "
                       "WHERE n.note = 'note on ' || d.sha256"),
            Db(dir_ + "/s1.sqlite").Int("SELECT count(*) FROM documents"));
}

TEST_F(MergeTest, RefusesOtherSchemasAndMissingFiles) {
  std::string out = dir_ + "/all.sqlite";
  {
    Db future(dir_ + "/future.sqlite");
    future.Exec("CREATE TABLE documents (id INTEGER PRIMARY KEY); PRAGMA user_version = 99");
  }
  WriteFileOrDie(dir_ + "/not-a-db.sqlite", "hello, I am not SQLite at all, just text in a file\n");
  RunOutcome r = RunVanban({"merge", out, dir_ + "/s1.sqlite", dir_ + "/future.sqlite", dir_ + "/not-a-db.sqlite"});
  EXPECT_EQ(r.exit_code, 1) << r.Describe();
  EXPECT_EQ(r.signal, 0);
  std::vector<std::string> lines = r.ErrLines();
  ASSERT_EQ(lines.size(), 3u) << r.err;
  EXPECT_EQ(lines[0].rfind(dir_ + "/future.sqlite", 0), 0u) << lines[0];
  EXPECT_NE(lines[0].find("schema version"), std::string::npos) << lines[0];
  EXPECT_EQ(lines[1].rfind(dir_ + "/not-a-db.sqlite", 0), 0u) << lines[1];
  EXPECT_NE(lines[1].find("not a vanban database"), std::string::npos) << lines[1];
  // the good input is merged whole all the same
  EXPECT_EQ(ReadDbFacts(out).documents, Db(dir_ + "/s1.sqlite").Int("SELECT count(*) FROM documents"));

  RunOutcome missing = RunVanban({"merge", out, dir_ + "/nothing.sqlite"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("nothing.sqlite"), std::string::npos) << missing.err;
  RunOutcome self = RunVanban({"merge", out, out});
  EXPECT_EQ(self.exit_code, 2) << self.Describe();
  RunOutcome usage = RunVanban({"merge", out});
  EXPECT_EQ(usage.exit_code, 2);
}

}  // namespace
}  // namespace vanban::testing
