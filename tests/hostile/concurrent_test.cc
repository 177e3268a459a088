// Concurrent use of one database file through the vanban binary: two
// ingests at once (different and overlapping files), readers during an
// ingest, a read-only database, and a full disk.
#include <sqlite3.h>
#include <sys/mount.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <memory>

#include "core/hash.h"
#include "hostile/inputs.h"
#include "hostile/run.h"
#include "testing/paths.h"

namespace fs = std::filesystem;

namespace vanban::testing {
namespace {

std::string Lines(const std::vector<std::string>& lines) {
  std::string s;
  for (const auto& l : lines) s += l + "\n";
  return s;
}

// n distinct plans numbered from `first`, in folder dir.
std::vector<std::string> WritePlans(const std::string& dir, int first, int n) {
  std::vector<std::string> paths;
  for (int i = first; i < first + n; ++i) {
    std::string path = dir + "/plan-" + std::to_string(i) + ".txt";
    WriteFileOrDie(path, Lines(PlanLines(i)));
    paths.push_back(path);
  }
  return paths;
}

std::vector<std::string> IngestArgs(const std::vector<std::string>& files, const std::string& db) {
  std::vector<std::string> args = {"ingest"};
  args.insert(args.end(), files.begin(), files.end());
  args.insert(args.end(), {"--db", db});
  return args;
}

int SchemaVersionOf(const std::string& path) {
  if (!fs::exists(path)) return 0;
  sqlite3* db = nullptr;
  int version = 0;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_busy_timeout(db, 1000);
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &s, nullptr) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW) {
      version = sqlite3_column_int(s, 0);
    }
    sqlite3_finalize(s);
  }
  sqlite3_close(db);
  return version;
}

TEST(ConcurrentTest, TwoIngestsAndReadersOnOneDatabase) {
  std::string dir = TempDir(), db = dir + "/v.sqlite";
  // A: plans 1-200, B: plans 101-300 (101-200 in both, in the same order, so
  // the two processes meet on the same documents at about the same time).
  std::vector<std::string> a = WritePlans(dir + "/in", 1, 200);
  std::vector<std::string> b = WritePlans(dir + "/in", 101, 200);
  // B names ten of the shared plans by other paths (copies).
  for (int i = 0; i < 10; ++i) {
    std::string copy = dir + "/in/copy-" + std::to_string(i) + ".txt";
    fs::copy_file(b[i], copy);
    b[i] = copy;
  }
  VanbanProcess ingest_a(IngestArgs(a, db), RunOptions{120, -1});
  VanbanProcess ingest_b(IngestArgs(b, db), RunOptions{120, -1});
  // Readers while the writers run: each must succeed.
  // (once the first writer has created the schema: a reader that comes
  // earlier is told the file is not a vanban database yet)
  for (int i = 0; i < 2000 && SchemaVersionOf(db) < 1; ++i) usleep(5000);
  int readers = 0;
  for (int i = 0; i < 4; ++i) {
    RunOutcome list = RunVanban({"list", "--db", db}, RunOptions{60, -1});
    EXPECT_EQ(list.exit_code, 0) << list.Describe();
    RunOutcome exported = RunVanban({"export", "--db", db}, RunOptions{60, -1});
    EXPECT_EQ(exported.exit_code, 0) << exported.Describe();
    readers += 2;
  }
  RunOutcome ra = ingest_a.Finish(), rb = ingest_b.Finish();
  EXPECT_EQ(ra.exit_code, 0) << ra.Describe();
  EXPECT_EQ(rb.exit_code, 0) << rb.Describe();
  EXPECT_EQ(readers, 8);
  DbFacts f = ReadDbFacts(db);
  EXPECT_EQ(f.integrity, "ok");
  EXPECT_EQ(f.documents, 300);
  EXPECT_EQ(f.duplicate_sha, 0);
  EXPECT_EQ(f.runs, 300) << "a document stored twice";
  EXPECT_EQ(f.orphans, 0);
  EXPECT_EQ(f.failures, 0);
  // After both: one list shows all of them.
  RunOutcome list = RunVanban({"list", "--db", db});
  EXPECT_EQ(list.exit_code, 0);
  EXPECT_EQ(std::count(list.out.begin(), list.out.end(), '\n'), 300);
}

int DocumentCount(const std::string& path) {
  if (SchemaVersionOf(path) < 1) return 0;
  return ReadDbFacts(path).documents;
}

// Stopped in the middle of a batch — asked to (SIGTERM, as on a pod's
// eviction) or killed outright — the database holds whole documents only,
// and the same command run again finishes the batch.
TEST(ConcurrentTest, InterruptedIngestLeavesWholeDocuments) {
  for (int sig : {SIGTERM, SIGKILL}) {
    std::string dir = TempDir(), db = dir + "/v.sqlite";
    std::vector<std::string> files = WritePlans(dir + "/in", 1, 400);
    VanbanProcess ingest(IngestArgs({dir + "/in"}, db), RunOptions{120, -1});
    for (int i = 0; i < 4000 && DocumentCount(db) < 20; ++i) usleep(2000);
    ingest.Signal(sig);
    RunOutcome r = ingest.Finish();
    EXPECT_FALSE(r.timed_out);
    if (sig == SIGTERM) {
      EXPECT_TRUE(r.exit_code == 130 || r.exit_code == 0) << r.Describe();  // 0: it had just finished
    } else {
      EXPECT_EQ(r.signal, SIGKILL) << r.Describe();
    }
    DbFacts f = ReadDbFacts(db);
    std::cout << "[ NOTE     ] signal " << sig << ": exit " << r.exit_code << ", " << f.documents
              << " of 400 documents stored\n";
    EXPECT_EQ(f.integrity, "ok") << "signal " << sig;
    EXPECT_EQ(f.orphans, 0);
    EXPECT_EQ(f.documents_without_pages, 0);
    EXPECT_EQ(f.documents_without_runs, 0);
    EXPECT_GE(f.documents, 20);
    RunOutcome again = RunVanban(IngestArgs({dir + "/in"}, db));
    EXPECT_EQ(again.exit_code, 0) << again.Describe();
    f = ReadDbFacts(db);
    EXPECT_EQ(f.documents, 400) << "signal " << sig;
    EXPECT_EQ(f.runs, 400);
    EXPECT_EQ(f.failures, 0);
  }
}

TEST(ConcurrentTest, ReadOnlyDatabaseFileIsLeftIntact) {
  std::string dir = TempDir(), db = dir + "/db/v.sqlite";
  fs::create_directories(dir + "/db");
  std::vector<std::string> first = WritePlans(dir + "/in", 1, 3);
  RunOutcome r = RunVanban(IngestArgs(first, db));
  ASSERT_EQ(r.exit_code, 0) << r.Describe();
  // Checkpoint the WAL into the file so that the file alone is the database.
  ASSERT_EQ(std::system(("sqlite3 '" + db + "' 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null").c_str()), 0);
  std::string before = ReadFileOrDie(db);

  std::vector<std::string> more = WritePlans(dir + "/in", 10, 2);
  RunOptions options;
  ASSERT_EQ(chmod(db.c_str(), 0444), 0);
  if (geteuid() == 0) {
    // root writes anything: run vanban as nobody, who may read but not write
    // the file (the folder stays writable, as for a user's own folder).
    options.as_uid = 65534;
    ASSERT_EQ(chmod((dir + "/db").c_str(), 0777), 0);
    ASSERT_EQ(chmod(dir.c_str(), 0755), 0);
  }
  RunOutcome ro = RunVanban(IngestArgs(more, db), options);
  EXPECT_EQ(ro.exit_code, 1) << ro.Describe();
  EXPECT_EQ(ro.signal, 0) << ro.Describe();
  ASSERT_EQ(ro.ErrLines().size(), 1u) << ro.Describe();
  EXPECT_EQ(ro.ErrLines()[0].rfind("vanban: ", 0), 0u) << ro.err;
  EXPECT_NE(ro.err.find(db), std::string::npos) << "the message names the database: " << ro.err;
  EXPECT_NE(ro.err.find("read-only"), std::string::npos) << ro.err;
  EXPECT_EQ(Sha256Hex(ReadFileOrDie(db)), Sha256Hex(before));
  DbFacts f = ReadDbFacts(db);
  EXPECT_EQ(f.integrity, "ok");
  EXPECT_EQ(f.documents, 3);
}

// A full disk: the database lives on a 1 MiB tmpfs when this sandbox may
// mount one; otherwise vanban runs with RLIMIT_FSIZE, which makes writes past
// the limit fail the same way (EFBIG instead of ENOSPC); $VANBAN_TEST_NO_TMPFS
// forces that.
class FullDiskTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = TempDir();
    fs::create_directories(dir_ + "/small");
    if (geteuid() == 0 && !std::getenv("VANBAN_TEST_NO_TMPFS") && mount("tmpfs", (dir_ + "/small").c_str(), "tmpfs", 0, "size=1m") == 0) {
      mounted_ = true;
    }
  }
  void TearDown() override {
    if (mounted_) umount2((dir_ + "/small").c_str(), MNT_DETACH);
  }
  std::string dir_;
  bool mounted_ = false;
};

TEST_F(FullDiskTest, ErrorAndDatabaseIntact) {
  std::string db = dir_ + "/small/v.sqlite";
  RunOptions options;
  if (!mounted_) {
    options.file_size_limit = 1 << 20;
    std::cout << "[ NOTE     ] no tmpfs (mount refused): simulating a full disk with RLIMIT_FSIZE\n";
  } else {
    std::cout << "[ NOTE     ] database on a 1 MiB tmpfs\n";
  }
  std::vector<std::string> first = WritePlans(dir_ + "/in", 1, 3);
  RunOutcome r = RunVanban(IngestArgs(first, db), options);
  ASSERT_EQ(r.exit_code, 0) << r.Describe();

  // Documents of ~400 KB of text each: the second or third no longer fits.
  std::vector<std::string> big;
  for (int i = 0; i < 4; ++i) {
    std::string text = Lines(PlanLines(200 + i));
    std::string filler;
    for (int k = 0; filler.size() < 400000; ++k) {
      filler += "Noi dung chi tiet so " + std::to_string(i * 100000 + k) + " cua ke hoach thuc hien trong nam.\n";
    }
    std::string path = dir_ + "/in/big-" + std::to_string(i) + ".txt";
    WriteFileOrDie(path, text + filler);
    big.push_back(path);
  }
  RunOutcome full = RunVanban(IngestArgs(big, db), options);
  EXPECT_EQ(full.exit_code, 1) << full.Describe();
  EXPECT_EQ(full.signal, 0) << full.Describe();
  EXPECT_FALSE(full.timed_out);
  bool said_full = full.err.find("full") != std::string::npos || full.err.find("too large") != std::string::npos ||
                   full.err.find("I/O error") != std::string::npos;
  EXPECT_TRUE(said_full) << full.Describe();
  // Each line of stderr is "path: reason" or the summary.
  for (const std::string& line : full.ErrLines()) {
    bool named = line.rfind(dir_, 0) == 0 || line.rfind("vanban: ", 0) == 0 || line.find(" stored, ") != std::string::npos ||
                 line.rfind("progress: ", 0) == 0;
    EXPECT_TRUE(named) << line;
  }
  DbFacts f = ReadDbFacts(db);
  ASSERT_TRUE(f.opened);
  EXPECT_EQ(f.integrity, "ok");
  EXPECT_GE(f.documents, 3);
  EXPECT_LT(f.documents, 7) << "not everything can have fit";
  EXPECT_EQ(f.orphans, 0);
  EXPECT_EQ(f.documents_without_pages, 0);
  EXPECT_EQ(f.documents_without_runs, 0);
}

}  // namespace
}  // namespace vanban::testing
