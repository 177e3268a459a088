#include "testing/paths.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

namespace fs = std::filesystem;

namespace vanban::testing {

namespace {
std::string Env(const char* name, const char* fallback) {
  const char* v = std::getenv(name);
  return v && *v ? v : fallback;
}
}  // namespace

std::string SourcePath(const std::string& relative) {
  return (fs::path(Env("VANBAN_SOURCE_DIR", VANBAN_TEST_SOURCE_DIR)) / relative).string();
}

std::string BinaryPath(const std::string& relative) {
  return (fs::path(Env("VANBAN_BINARY_DIR", VANBAN_TEST_BINARY_DIR)) / relative).string();
}

std::string SeedsDir() {
  fs::path dir = Env("VANBAN_SEEDS_DIR", VANBAN_TEST_SEEDS_DIR);
  std::error_code ec;
  return fs::is_directory(dir, ec) ? dir.string() : std::string();
}

std::string SeedFile(const std::string& prefix) {
  std::string dir = SeedsDir();
  if (dir.empty()) return "";
  std::error_code ec;
  std::string best;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    std::string name = e.path().filename().string();
    if (name.rfind(prefix, 0) == 0 && (best.empty() || e.path().string() < best)) best = e.path().string();
  }
  return best;
}

namespace {
// The folders TempDir made; removed at exit when every test passed (a failed
// run keeps them to look at), unless $VANBAN_KEEP_TEST_DIRS is set.
struct TempDirs {
  std::vector<fs::path> dirs;
  ~TempDirs() {
    if (std::getenv("VANBAN_KEEP_TEST_DIRS") || !::testing::UnitTest::GetInstance()->Passed()) return;
    for (const auto& d : dirs) {
      std::error_code ec;
      fs::remove_all(d, ec);
    }
  }
};
}  // namespace

std::string TempDir() {
  static TempDirs made;
  static int counter = 0;
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::string name = info ? std::string(info->test_suite_name()) + "." + info->name() : "vanban";
  fs::path dir = fs::temp_directory_path() /
                 ("vanban-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + "-" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  made.dirs.push_back(dir);
  return dir.string();
}

std::string ReadFileOrDie(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    ADD_FAILURE() << "cannot read " << path;
    return "";
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void WriteFileOrDie(const std::string& path, const std::string& content) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream out(path, std::ios::binary);
  out << content;
  if (!out) ADD_FAILURE() << "cannot write " << path;
}

std::set<std::string> HeldOutStems() {
  std::set<std::string> stems;
  std::ifstream in(SourcePath("corpus/heldout.txt"));
  std::string line;
  while (std::getline(in, line)) {
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    stems.insert(line);
  }
  return stems;
}

}  // namespace vanban::testing
