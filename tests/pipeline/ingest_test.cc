#include "pipeline/ingest.h"

#include <gtest/gtest.h>

#include "store/schema.h"
#include "testing/paths.h"

#include <filesystem>
#include <set>

namespace vanban::pipeline {
namespace {

constexpr char kPlan[] =
    "UBND TỈNH NGHỆ AN\nSỞ TÀI CHÍNH\n\nSố: 21/KH-STC\n\nNghệ An, ngày 03 tháng 3 năm 2025\n\nKẾ HOẠCH\n"
    "Rà soát thủ tục hành chính năm 2025\n\nThực hiện Quyết định số 12/QĐ-UBND ngày 05/01/2025 của UBND tỉnh.\n";
constexpr char kNotice[] =
    "Số: 7/TB-STC\n\nNghệ An, ngày 10 tháng 3 năm 2025\n\nTHÔNG BÁO\nKết luận cuộc họp giao ban\n\n"
    "Giao các phòng thuộc Sở thực hiện các nội dung của thông báo này.\n";

class IngestTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::TempDir();
    auto db = store::Database::Open(dir_ + "/v.sqlite");
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(db).value();
    auto p = Processor::Create(ProcessorOptions{testing::SourcePath("rules"), 1, {}});
    ASSERT_TRUE(p.ok()) << p.status().ToString();
    processor_ = std::move(p).value();
  }
  int Count(const std::string& table) {
    auto s = db_->connection().Prepare("SELECT count(*) FROM " + table);
    return s.Step() ? static_cast<int>(s.Int64(0)) : -1;
  }
  std::string dir_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<Processor> processor_;
};

// A batch with a corrupt PDF, an empty file and a binary file: each gets its
// one-line reason, the good documents are stored, nothing is lost.
TEST_F(IngestTest, BatchGoesOnPastBadFiles) {
  testing::WriteFileOrDie(dir_ + "/in/a-plan.txt", kPlan);
  testing::WriteFileOrDie(dir_ + "/in/b-corrupt.pdf", "%PDF-1.4\n1 0 obj << /Type /Catalog\ntruncated");
  testing::WriteFileOrDie(dir_ + "/in/c-empty.txt", "");
  testing::WriteFileOrDie(dir_ + "/in/d-binary.pdf", std::string("\x7f" "ELF\x02\x01\x01\0\0\0\x03\0>\0", 16));
  testing::WriteFileOrDie(dir_ + "/in/sub dir/e thông báo.txt", kNotice);
  std::vector<std::pair<std::string, std::string>> errors;
  auto files = ExpandPaths({dir_ + "/in", dir_ + "/missing"}, &errors);
  ASSERT_EQ(files.size(), 5u);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].second, "no such file or directory");

  Ingester ingester(db_.get(), processor_.get(), {});
  std::vector<FileOutcome> outcomes;
  IngestSummary s = IngestAll(&ingester, files, [&](const FileOutcome& o, size_t, size_t) { outcomes.push_back(o); });
  EXPECT_EQ(s.stored, 2);
  EXPECT_EQ(s.failed, 3);
  EXPECT_EQ(outcomes[1].reason.rfind("cannot parse PDF", 0), 0u) << outcomes[1].reason;
  EXPECT_EQ(outcomes[2].reason, "empty file");
  EXPECT_NE(outcomes[3].reason.find("binary data"), std::string::npos);
  EXPECT_EQ(Count("documents"), 2);
  EXPECT_EQ(Count("failures"), 3);
  auto failures = db_->Failures();
  ASSERT_TRUE(failures.ok());
  EXPECT_EQ((*failures)[0].second.rfind("cannot parse PDF", 0), 0u);
}

TEST_F(IngestTest, SameBytesAreSkippedUnlessForced) {
  testing::WriteFileOrDie(dir_ + "/plan.txt", kPlan);
  testing::WriteFileOrDie(dir_ + "/copy.txt", kPlan);
  Ingester ingester(db_.get(), processor_.get(), {});
  FileOutcome first = ingester.IngestFile(dir_ + "/plan.txt");
  ASSERT_EQ(first.state, FileOutcome::State::kStored) << first.reason;
  FileOutcome again = ingester.IngestFile(dir_ + "/copy.txt");
  EXPECT_EQ(again.state, FileOutcome::State::kSkipped);
  EXPECT_EQ(again.document_id, first.document_id);

  Ingester forced(db_.get(), processor_.get(), IngestOptions{true});
  FileOutcome re = forced.IngestFile(dir_ + "/plan.txt");
  ASSERT_EQ(re.state, FileOutcome::State::kStored) << re.reason;
  EXPECT_EQ(re.document_id, first.document_id);  // same id: reviews keyed to it survive
  EXPECT_EQ(Count("documents"), 1);
  EXPECT_EQ(Count("citations"), 1);  // replaced, not doubled
  auto runs = db_->Runs(first.document_id);
  ASSERT_TRUE(runs.ok());
  EXPECT_EQ(runs->size(), 2u);  // both runs kept for `diff --runs`
}

// A failure half-way through storing leaves no row of the document behind.
TEST_F(IngestTest, FailedStoreLeavesNoPartialRows) {
  ASSERT_TRUE(db_->connection()
                  .Exec("CREATE TRIGGER fail_citations BEFORE INSERT ON citations "
                        "BEGIN SELECT RAISE(ABORT, 'injected fault'); END")
                  .ok());
  testing::WriteFileOrDie(dir_ + "/plan.txt", kPlan);
  Ingester ingester(db_.get(), processor_.get(), {});
  FileOutcome o = ingester.IngestFile(dir_ + "/plan.txt");
  EXPECT_EQ(o.state, FileOutcome::State::kFailed);
  EXPECT_NE(o.reason.find("injected fault"), std::string::npos) << o.reason;
  EXPECT_EQ(Count("documents"), 0);
  EXPECT_EQ(Count("pages"), 0);
  EXPECT_EQ(Count("runs"), 0);
  EXPECT_EQ(Count("document_fts"), 0);
  EXPECT_EQ(Count("failures"), 1);
}

TEST_F(IngestTest, StoresTheContractColumns) {
  testing::WriteFileOrDie(dir_ + "/plan.txt", kPlan);
  Ingester ingester(db_.get(), processor_.get(), {});
  ASSERT_EQ(ingester.IngestFile(dir_ + "/plan.txt").state, FileOutcome::State::kStored);
  auto s = db_->connection().Prepare(
      "SELECT doc_type, number, symbol, issuer, parent_issuer, place, issued_date, title, text_source, page_count "
      "FROM documents");
  ASSERT_TRUE(s.Step());
  EXPECT_EQ(s.Text(0), "Kế hoạch");
  EXPECT_EQ(s.Text(1), "21");
  EXPECT_EQ(s.Text(2), "KH-STC");
  EXPECT_EQ(s.Text(3), "Sở Tài chính");
  EXPECT_EQ(s.Text(4), "UBND tỉnh Nghệ An");
  EXPECT_EQ(s.Text(5), "Nghệ An");
  EXPECT_EQ(s.Text(6), "2025-03-03");
  EXPECT_EQ(s.Text(7), "Rà soát thủ tục hành chính năm 2025");
  EXPECT_EQ(s.Text(8), "text");
  EXPECT_EQ(s.Int64(9), 1);
  auto c = db_->connection().Prepare("SELECT doc_type, number, symbol, issued_date, issuer FROM citations");
  ASSERT_TRUE(c.Step());
  EXPECT_EQ(c.Text(0), "Quyết định");
  EXPECT_EQ(c.Text(3), "2025-01-05");
  EXPECT_EQ(c.Text(4), "UBND tỉnh");
  // Marks and case do not matter to full-text search.
  auto f = db_->connection().Prepare("SELECT count(*) FROM document_fts WHERE document_fts MATCH 'ra soat thu tuc'");
  ASSERT_TRUE(f.Step());
  EXPECT_EQ(f.Int64(0), 1);
}

TEST_F(IngestTest, SchemaVersionIsSetAndNewerDatabasesAreRefused) {
  auto v = db_->connection().Prepare("PRAGMA user_version");
  ASSERT_TRUE(v.Step());
  EXPECT_EQ(v.Int64(0), store::kSchemaVersion);
  ASSERT_TRUE(db_->connection().Exec("PRAGMA user_version = 99").ok());
  db_.reset();
  auto reopened = store::Database::Open(dir_ + "/v.sqlite");
  ASSERT_FALSE(reopened.ok());
  EXPECT_NE(reopened.status().message().find("newer than this vanban"), std::string::npos);
}

TEST(ShardTest, ShardsAreDisjointAndCoverTheInput) {
  std::vector<InputFile> files;
  for (int i = 0; i < 200; ++i) {
    std::string name = "văn bản " + std::to_string(i) + ".pdf";
    files.push_back({"docs/" + name, name});
  }
  std::set<std::string> seen;
  size_t total = 0;
  for (int k = 1; k <= 4; ++k) {
    auto shard = ShardOf(files, k, 4);
    EXPECT_GT(shard.size(), 20u);  // roughly even
    total += shard.size();
    for (const auto& f : shard) EXPECT_TRUE(seen.insert(f.path).second) << f.path << " in two shards";
  }
  EXPECT_EQ(total, files.size());
  // Order does not matter.
  std::vector<InputFile> reversed(files.rbegin(), files.rend());
  auto a = ShardOf(files, 2, 4), b = ShardOf(reversed, 2, 4);
  std::set<std::string> pa, pb;
  for (const auto& f : a) pa.insert(f.path);
  for (const auto& f : b) pb.insert(f.path);
  EXPECT_EQ(pa, pb);
}

TEST(ShardTest, KeyIsThePathBelowTheArgument) {
  EXPECT_EQ(ShardKeyOf("/data/in", "/data/in/sub/a.pdf"), "sub/a.pdf");
  EXPECT_EQ(ShardKeyOf("./in//", "./in//sub/a.pdf"), "sub/a.pdf");
  EXPECT_EQ(ShardKeyOf("in/.", "in/./sub//a.pdf"), "sub/a.pdf");
  EXPECT_EQ(ShardKeyOf(".", "./sub/a.pdf"), "sub/a.pdf");
  EXPECT_EQ(ShardKeyOf("/", "/sub/a.pdf"), "sub/a.pdf");
  // a file argument: its name
  EXPECT_EQ(ShardKeyOf("/data/in/sub/a.pdf", "/data/in/sub/a.pdf"), "a.pdf");
  EXPECT_EQ(ShardKeyOf("a.pdf", "a.pdf"), "a.pdf");
  EXPECT_EQ(ShardKeyOf("./x/../văn bản.txt", "./x/../văn bản.txt"), "văn bản.txt");
  // the hash is FNV-1a of the key, whatever machine computes it
  // (published test vectors: FNV-1a-64("") = cbf29ce484222325, ("a") = af63dc4c8601ec8c)
  EXPECT_EQ(ShardIndex("", 1 << 16), 0x2325);
  EXPECT_EQ(ShardIndex("a", 1 << 16), 0xec8c);
  EXPECT_EQ(ShardIndex("a", 1000), static_cast<int>(0xaf63dc4c8601ec8cull % 1000));
}

// One tree reached through two prefixes (its real path, and a relative path
// through a symbolic link with "./" and doubled slashes — another mount point
// on another machine): every shard holds the same files, and the shards
// together hold each file exactly once.
TEST(ShardTest, SameTreeThroughTwoPrefixesSplitsIdentically) {
  namespace fs = std::filesystem;
  std::string dir = testing::TempDir();
  std::string tree = dir + "/data/văn bản";
  for (int i = 0; i < 60; ++i) {
    testing::WriteFileOrDie(tree + "/" + std::to_string(i % 3) + "/doc " + std::to_string(i) + ".txt", "x");
  }
  fs::create_directories(dir + "/mnt/other");
  fs::create_directory_symlink(tree, dir + "/mnt/other/in");
  std::vector<std::pair<std::string, std::string>> errors;
  std::vector<InputFile> one = ExpandInputs({tree}, &errors);
  std::vector<InputFile> two;
  {
    // a relative argument, from another working folder
    const fs::path cwd = fs::current_path();
    fs::current_path(dir + "/mnt");
    two = ExpandInputs({"./other//in/"}, &errors);
    fs::current_path(cwd);
  }
  ASSERT_TRUE(errors.empty());
  ASSERT_EQ(one.size(), 60u);
  ASSERT_EQ(two.size(), 60u);
  auto below = [](const std::vector<InputFile>& files, const std::string& prefix) {
    std::set<std::string> out;
    for (const InputFile& f : files) {
      EXPECT_EQ(f.path.rfind(prefix, 0), 0u) << f.path;
      out.insert(f.path.substr(prefix.size()));
    }
    return out;
  };
  const int n = 4;
  std::set<std::string> all;
  size_t total = 0;
  for (int k = 1; k <= n; ++k) {
    std::set<std::string> a = below(ShardOf(one, k, n), tree + "/");
    std::set<std::string> b = below(ShardOf(two, k, n), "./other//in/");
    EXPECT_EQ(a, b) << "shard " << k;
    EXPECT_FALSE(a.empty()) << "shard " << k;
    total += a.size();
    all.insert(a.begin(), a.end());
  }
  EXPECT_EQ(total, 60u) << "a file in two shards";
  EXPECT_EQ(all.size(), 60u) << "a file in no shard";
}

// Several workers, one writer: every document once, outcomes in input order.
TEST_F(IngestTest, ParallelBatchStoresEachDocumentOnce) {
  std::vector<std::string> files;
  for (int i = 0; i < 24; ++i) {
    std::string path = dir_ + "/in/" + std::to_string(100 + i) + ".txt";
    // Distinct bytes per file; every fourth file repeats an earlier one's bytes.
    int variant = i % 4 == 3 ? i - 1 : i;
    testing::WriteFileOrDie(path, std::string(kPlan) + "\nPhụ lục số " + std::to_string(variant) + ".\n");
    files.push_back(path);
  }
  Ingester ingester(db_.get(), processor_.get(), IngestOptions{false, 3});
  std::vector<std::string> order;
  IngestSummary s = IngestAll(&ingester, files, [&](const FileOutcome& o, size_t, size_t) { order.push_back(o.path); });
  EXPECT_EQ(order, files);
  EXPECT_EQ(s.stored, 18);
  EXPECT_EQ(s.skipped, 6);
  EXPECT_EQ(s.failed, 0);
  EXPECT_EQ(Count("documents"), 18);
}

// Interrupted after a few documents: only whole documents are stored, and the
// next run stores the rest and nothing twice.
TEST_F(IngestTest, InterruptedBatchResumes) {
  std::vector<std::string> files;
  for (int i = 0; i < 10; ++i) {
    std::string path = dir_ + "/in/" + std::to_string(i) + ".txt";
    testing::WriteFileOrDie(path, std::string(kPlan) + "\nBản số " + std::to_string(i) + ".\n");
    files.push_back(path);
  }
  std::atomic<bool> stop{false};
  Ingester ingester(db_.get(), processor_.get(), IngestOptions{false, 2});
  IngestSummary first = IngestAll(&ingester, files, [&](const FileOutcome&, size_t done, size_t) {
    if (done == 3) stop = true;
  }, &stop);
  EXPECT_TRUE(first.interrupted);
  EXPECT_EQ(first.stored, 3);
  EXPECT_EQ(Count("documents"), 3);
  EXPECT_EQ(Count("runs"), 3);
  IngestSummary second = IngestAll(&ingester, files, nullptr);
  EXPECT_FALSE(second.interrupted);
  EXPECT_EQ(second.skipped, 3);
  EXPECT_EQ(second.stored, 7);
  EXPECT_EQ(Count("documents"), 10);
}

}  // namespace
}  // namespace vanban::pipeline
