// Where tests find their data.
//
//   SourcePath("corpus/documents/ke-hoach.txt")  → the project's file
//   SeedPath("001_*")                            → ../shared/seeds, or skip
#ifndef VANBAN_TESTS_TESTING_PATHS_H_
#define VANBAN_TESTS_TESTING_PATHS_H_

#include <set>
#include <string>

namespace vanban::testing {

// The project's source tree (VANBAN_SOURCE_DIR).
std::string SourcePath(const std::string& relative);
// The build tree ($VANBAN_BINARY_DIR overrides).
std::string BinaryPath(const std::string& relative);
// The seeds folder ../shared/seeds ($VANBAN_SEEDS_DIR overrides), or "" when absent.
std::string SeedsDir();
// The first seed file whose name starts with prefix ("001_"), or "".
std::string SeedFile(const std::string& prefix);
// A fresh empty directory for one test; removed at exit.
std::string TempDir();
std::string ReadFileOrDie(const std::string& path);
// The stems listed in corpus/heldout.txt (documents written after the rules
// were tuned; '#' comments and blank lines skipped); empty when the file is absent.
std::set<std::string> HeldOutStems();
void WriteFileOrDie(const std::string& path, const std::string& content);

}  // namespace vanban::testing

// Skips the current test, saying so, when the seeds are not there.
#define VANBAN_SEED_OR_SKIP(var, prefix)                                   \
  std::string var = ::vanban::testing::SeedFile(prefix);                   \
  if (var.empty()) GTEST_SKIP() << "seed " prefix "* not found: ../shared/seeds is absent"

#endif  // VANBAN_TESTS_TESTING_PATHS_H_
