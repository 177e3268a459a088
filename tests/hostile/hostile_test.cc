// Hostile and broken input, through the real `vanban` binary as a user runs
// it: every case makes its input at test time, runs `vanban ingest` with a
// time limit and checks the exit code, ONE stderr line naming the file with
// a reason, no crash, no hang, the good documents of the same batch stored
// and no partial rows.
#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "hostile/inputs.h"
#include "hostile/run.h"
#include "testing/paths.h"

namespace fs = std::filesystem;

namespace vanban::testing {
namespace {

// A born-digital PDF: one of corpus/pdf when the corpus has them, else made here.
std::string SomePdf() {
  std::error_code ec;
  fs::path dir = SourcePath("corpus/pdf");
  if (fs::is_directory(dir, ec)) {
    std::vector<fs::path> pdfs;
    for (const auto& e : fs::directory_iterator(dir, ec)) {
      if (e.path().extension() == ".pdf") pdfs.push_back(e.path());
    }
    std::sort(pdfs.begin(), pdfs.end());
    if (!pdfs.empty()) return ReadFileOrDie(pdfs.front().string());
  }
  return MakePdf({PlanLines(101), PlanLines(102), PlanLines(103)});
}

bool HaveQpdf() { return std::system("qpdf --version >/dev/null 2>&1") == 0; }

class HostileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = TempDir();
    db_ = dir_ + "/v.sqlite";
    // Two good documents in every batch; they must be stored whatever else happens.
    WriteFileOrDie(dir_ + "/good-1.txt", Lines(PlanLines(1)));
    WriteFileOrDie(dir_ + "/good-2.pdf", MakePdf({PlanLines(2)}));
  }

  static std::string Lines(const std::vector<std::string>& lines) {
    std::string s;
    for (const auto& l : lines) s += l + "\n";
    return s;
  }

  std::string Write(const std::string& name, const std::string& bytes) {
    WriteFileOrDie(dir_ + "/" + name, bytes);
    return dir_ + "/" + name;
  }

  // vanban ingest good-1 good-2 FILES --db v.sqlite
  RunOutcome Ingest(const std::vector<std::string>& files, RunOptions options = {}) {
    std::vector<std::string> args = {"ingest", dir_ + "/good-1.txt", dir_ + "/good-2.pdf"};
    args.insert(args.end(), files.begin(), files.end());
    args.insert(args.end(), {"--db", db_});
    return RunVanban(args, options);
  }

  // The batch ended normally, the good documents are in, and the database
  // holds no partial rows.
  void ExpectBatchSurvived(const RunOutcome& r, int expected_documents) {
    EXPECT_FALSE(r.timed_out) << r.Describe();
    EXPECT_EQ(r.signal, 0) << r.Describe();
    DbFacts f = ReadDbFacts(db_);
    ASSERT_TRUE(f.opened);
    EXPECT_EQ(f.integrity, "ok");
    EXPECT_EQ(f.documents, expected_documents) << r.Describe();
    EXPECT_EQ(f.orphans, 0);
    EXPECT_EQ(f.documents_without_pages, 0);
    EXPECT_EQ(f.documents_without_runs, 0);
    EXPECT_EQ(f.duplicate_sha, 0);
    EXPECT_NE(std::find(f.source_paths.begin(), f.source_paths.end(), dir_ + "/good-1.txt"), f.source_paths.end());
    EXPECT_NE(std::find(f.source_paths.begin(), f.source_paths.end(), dir_ + "/good-2.pdf"), f.source_paths.end());
  }

  // Exactly one stderr line names `path`, as "path: reason", the reason
  // containing `reason_part` (when given); returns the reason.
  std::string ExpectOneLineReason(const RunOutcome& r, const std::string& path, const std::string& reason_part = "") {
    std::vector<std::string> named;
    for (const std::string& line : r.ErrLines()) {
      if (line.find(path) != std::string::npos) named.push_back(line);
    }
    EXPECT_EQ(named.size(), 1u) << "lines naming " << path << ":\n" << r.Describe();
    if (named.size() != 1) return "";
    const std::string& line = named[0];
    EXPECT_EQ(line.rfind(path + ": ", 0), 0u) << line;
    std::string reason = line.size() > path.size() + 2 ? line.substr(path.size() + 2) : "";
    EXPECT_GE(reason.size(), 8u) << "reason too short: " << line;
    if (!reason_part.empty()) {
      EXPECT_NE(reason.find(reason_part), std::string::npos) << line;
    }
    return reason;
  }

  // One bad file in a batch with the two good ones: exit 1, one line, both good stored.
  // `recorded`: a file that was read is listed in the failures table (a
  // path that names nothing readable is only reported).
  std::string ExpectRefused(const std::string& path, const std::string& reason_part = "", bool recorded = true) {
    RunOutcome r = Ingest({path});
    EXPECT_EQ(r.exit_code, 1) << r.Describe();
    ExpectBatchSurvived(r, 2);
    EXPECT_EQ(ReadDbFacts(db_).failures, recorded ? 1 : 0);
    return ExpectOneLineReason(r, path, reason_part);
  }

  std::string dir_, db_;
};

TEST_F(HostileTest, GoodBatchAloneSucceeds) {
  RunOutcome r = Ingest({});
  EXPECT_EQ(r.exit_code, 0) << r.Describe();
  ExpectBatchSurvived(r, 2);
  EXPECT_EQ(ReadDbFacts(db_).failures, 0);
}

TEST_F(HostileTest, EmptyFile) { ExpectRefused(Write("empty.pdf", ""), "empty file"); }

TEST_F(HostileTest, TruncatedPdf) {
  std::string pdf = SomePdf();
  std::string path = Write("truncated.pdf", pdf.substr(0, pdf.size() / 2));
  RunOutcome r = Ingest({path});
  // Poppler may rebuild what is left of a PDF cut in half; either it is
  // refused with one line, or what was read is stored whole.
  ExpectBatchSurvived(r, r.exit_code == 0 ? 3 : 2);
  if (r.exit_code != 0) {
    EXPECT_EQ(r.exit_code, 1);
    ExpectOneLineReason(r, path);
  }
}

TEST_F(HostileTest, TruncatedToTheHeader) {
  ExpectRefused(Write("header-only.pdf", "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Cat"), "PDF");
}

TEST_F(HostileTest, CorruptXref) {
  std::string path = Write("bad-xref.pdf", CorruptXref(MakePdf({PlanLines(7)})));
  RunOutcome r = Ingest({path});
  // A damaged xref is rebuilt by scanning the objects (as every reader does):
  // the document must come out whole, or be refused in one line.
  ExpectBatchSurvived(r, r.exit_code == 0 ? 3 : 2);
  if (r.exit_code != 0) ExpectOneLineReason(r, path);
}

TEST_F(HostileTest, GarbageAfterPdfHeader) {
  std::string bytes = "%PDF-1.5\n";
  for (int i = 0; i < 5000; ++i) bytes += static_cast<char>((i * 7919) % 251);
  ExpectRefused(Write("garbage.pdf", bytes), "PDF");
}

TEST_F(HostileTest, EncryptedWithUserPassword) {
  if (!HaveQpdf()) GTEST_SKIP() << "qpdf is not installed (tools/deps.sh installs it)";
  std::string plain = Write("plain.bin", MakePdf({PlanLines(11)}));
  std::string path = dir_ + "/locked.pdf";
  ASSERT_EQ(std::system(("qpdf --encrypt secret owner 256 -- '" + plain + "' '" + path + "'").c_str()), 0);
  fs::remove(plain);
  ExpectRefused(path, "password");
}

TEST_F(HostileTest, EncryptedWithEmptyUserPasswordIsRead) {
  if (!HaveQpdf()) GTEST_SKIP() << "qpdf is not installed (tools/deps.sh installs it)";
  std::string plain = Write("plain.bin", MakePdf({PlanLines(12)}));
  std::string path = dir_ + "/owner-only.pdf";
  ASSERT_EQ(std::system(("qpdf --encrypt '' owner 256 -- '" + plain + "' '" + path + "'").c_str()), 0);
  fs::remove(plain);
  RunOutcome r = Ingest({path});
  EXPECT_EQ(r.exit_code, 0) << r.Describe();
  ExpectBatchSurvived(r, 3);
}

TEST_F(HostileTest, ThousandPagesHandledQuickly) {
  std::vector<std::vector<std::string>> pages(1000, std::vector<std::string>{"Trang noi dung cua ke hoach."});
  pages[0] = PlanLines(13);
  std::string path = Write("thousand.pdf", MakePdf(pages));
  RunOutcome r = Ingest({path}, RunOptions{60, -1});
  EXPECT_EQ(r.exit_code, 0) << r.Describe();
  ExpectBatchSurvived(r, 3);
  EXPECT_LT(r.seconds, 30) << "1000 pages of text should take seconds";
}

TEST_F(HostileTest, TooManyPagesRefusedQuickly) {
  std::vector<std::vector<std::string>> pages(2001, std::vector<std::string>{"x"});
  pages[0] = PlanLines(14);
  std::string path = Write("too-many.pdf", MakePdf(pages));
  std::string reason = ExpectRefused(path, "2001");
  EXPECT_NE(reason.find("2000"), std::string::npos) << reason;
}

TEST_F(HostileTest, TinyPng) { ExpectRefused(Write("tiny.png", MakePng(1, 1))); }

TEST_F(HostileTest, PngWithoutText) { ExpectRefused(Write("blank.png", MakePng(1240, 1754, true))); }

TEST_F(HostileTest, HugePngRefusedQuickly) {
  std::string png = MakePng(20000, 20000);
  EXPECT_LT(png.size(), 1u << 20) << "the bomb should be small on disk";
  std::string path = Write("huge.png", png);
  RunOutcome r = Ingest({path}, RunOptions{60, -1});
  EXPECT_EQ(r.exit_code, 1) << r.Describe();
  ExpectBatchSurvived(r, 2);
  ExpectOneLineReason(r, path);
}

TEST_F(HostileTest, EnglishText) {
  ExpectRefused(Write("english.txt",
                      "The committee met on Monday to review the budget for the new library.\n"
                      "Members agreed to publish the minutes and to meet again next month.\n"),
                "no Vietnamese");
}

TEST_F(HostileTest, FrenchText) {
  ExpectRefused(Write("francais.txt",
                      "Le conseil municipal a décidé de rénover la bibliothèque de la ville et de créer "
                      "un jardin pour les enfants du quartier avant la fin de l'année.\n"));
}

TEST_F(HostileTest, InvalidUtf8) {
  ExpectRefused(Write("broken.txt", "S\xe1\xbb\x91: 12/KH-UBND \xc3\x28 \xe1\x80 \xff\xfe\xfd k\xe1\xba\xbf ho\xe1\xba\xa1\x63h\n"),
                "text");
}

TEST_F(HostileTest, BinaryNamedPdf) {
  std::string elf("\x7f" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0", 20);
  for (int i = 0; i < 4096; ++i) elf += static_cast<char>(i % 256);
  ExpectRefused(Write("program.pdf", elf), "binary");
}

TEST_F(HostileTest, Fifo) {
  std::string path = dir_ + "/pipe.pdf";
  ASSERT_EQ(mkfifo(path.c_str(), 0644), 0);
  ExpectRefused(path, "not a regular file");
}

TEST_F(HostileTest, UnreadableFile) {
  std::string path = Write("secret.txt", Lines(PlanLines(15)));
  ASSERT_EQ(chmod(path.c_str(), 0), 0);
  RunOptions options;
  if (geteuid() == 0) {
    // root reads anything: run vanban as nobody, in a folder it may write.
    options.as_uid = 65534;
    ASSERT_EQ(chmod(dir_.c_str(), 0777), 0);
  }
  RunOutcome r = Ingest({path}, options);
  EXPECT_EQ(r.exit_code, 1) << r.Describe();
  ExpectBatchSurvived(r, 2);
  ExpectOneLineReason(r, path, "ermission denied");
}

TEST_F(HostileTest, VietnamesePathWithSpaces) {
  std::string path = Write("thư mục có dấu/Kế hoạch số 16 (bản cuối).txt", Lines(PlanLines(16)));
  RunOutcome r = Ingest({path});
  EXPECT_EQ(r.exit_code, 0) << r.Describe();
  ExpectBatchSurvived(r, 3);
  DbFacts f = ReadDbFacts(db_);
  EXPECT_NE(std::find(f.source_paths.begin(), f.source_paths.end(), path), f.source_paths.end());
  // and found again by its path
  RunOutcome show = RunVanban({"show", path, "--db", db_});
  EXPECT_EQ(show.exit_code, 0) << show.Describe();
  EXPECT_NE(show.out.find("16/KH-UBND"), std::string::npos) << show.out;
}

TEST_F(HostileTest, SymlinkLoop) {
  std::string a = dir_ + "/loop-a.pdf", b = dir_ + "/loop-b.pdf";
  fs::create_symlink(b, a);
  fs::create_symlink(a, b);
  std::string reason = ExpectRefused(a, "symbolic links", false);
  // and a loop of folders met while walking a folder is not followed
  fs::create_directories(dir_ + "/tree/sub");
  WriteFileOrDie(dir_ + "/tree/sub/plan.txt", Lines(PlanLines(17)));
  fs::create_directory_symlink(dir_ + "/tree", dir_ + "/tree/sub/up");
  RunOutcome r = RunVanban({"ingest", dir_ + "/tree", "--db", db_}, RunOptions{30, -1});
  EXPECT_EQ(r.exit_code, 0) << r.Describe();
  EXPECT_EQ(ReadDbFacts(db_).documents, 3);
}

TEST_F(HostileTest, SameFileTwiceAndUnderTwoNames) {
  std::string path = Write("plan.txt", Lines(PlanLines(18)));
  std::string copy = Write("copy of plan.txt", Lines(PlanLines(18)));
  std::string link = dir_ + "/link.txt";
  fs::create_symlink(path, link);
  RunOutcome r = Ingest({path, path, copy, link, dir_ + "/./plan.txt"});
  EXPECT_EQ(r.exit_code, 0) << r.Describe();
  ExpectBatchSurvived(r, 3);
  // one stored, the copy under another name skipped as the same bytes
  EXPECT_NE(r.out.find("skipped"), std::string::npos) << r.out;
  // a second run stores nothing new
  RunOutcome again = Ingest({path, copy});
  EXPECT_EQ(again.exit_code, 0) << again.Describe();
  EXPECT_EQ(ReadDbFacts(db_).documents, 3);
  EXPECT_EQ(ReadDbFacts(db_).runs, 3);
}

// Everything at once: one batch, every bad file named once, the good stored.
TEST_F(HostileTest, AllInOneBatch) {
  std::vector<std::string> bad = {
      Write("a-empty.txt", ""),
      Write("b-half.pdf", "%PDF-1.4\n1 0 obj\n<< /Type"),
      Write("c-binary.pdf", std::string("\0\1\2\3\4\5\6\7garbage\0\0", 17)),
      Write("d-english.txt", "Nothing here is written in Vietnamese at all, only in plain English words.\n"),
      Write("e-tiny.png", MakePng(1, 1)),
  };
  std::vector<std::string> files = bad;
  files.push_back(Write("f-good.txt", Lines(PlanLines(19))));
  RunOutcome r = Ingest(files);
  EXPECT_EQ(r.exit_code, 1) << r.Describe();
  ExpectBatchSurvived(r, 3);
  for (const std::string& path : bad) ExpectOneLineReason(r, path);
  EXPECT_EQ(ReadDbFacts(db_).failures, static_cast<int>(bad.size()));
  // the summary is the last line
  ASSERT_FALSE(r.ErrLines().empty());
  EXPECT_NE(r.ErrLines().back().find("3 stored"), std::string::npos) << r.err;
  EXPECT_NE(r.ErrLines().back().find("5 failed"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace vanban::testing
