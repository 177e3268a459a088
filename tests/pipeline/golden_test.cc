// Golden files: for each corpus document (text and born-digital PDF), the
// extraction as JSON is compared with tests/golden/<file>.json. The golden
// files are written by this test itself with VANBAN_UPDATE_GOLDEN=1
// (tools/update-golden) and reviewed in the diff before they are committed.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "pipeline/processor.h"
#include "store/json.h"
#include "testing/paths.h"

namespace vanban::pipeline {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> CorpusFiles() {
  std::vector<std::string> files;
  for (const char* dir : {"corpus/documents", "corpus/pdf"}) {
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(testing::SourcePath(dir), ec)) {
      std::string ext = e.path().extension().string();
      if (ext == ".txt" || ext == ".pdf") files.push_back(e.path().string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

TEST(GoldenTest, CorpusExtractionsMatchReviewedGoldenFiles) {
  auto processor = Processor::Create(ProcessorOptions{testing::SourcePath("rules"), 1, {}});
  ASSERT_TRUE(processor.ok()) << processor.status().ToString();
  const bool update = std::getenv("VANBAN_UPDATE_GOLDEN") != nullptr;
  std::vector<std::string> files = CorpusFiles();
  ASSERT_GE(files.size(), 6u);
  for (const std::string& file : files) {
    SCOPED_TRACE(file);
    auto doc = (*processor)->ReadPath(file);
    ASSERT_TRUE(doc.ok()) << doc.status().ToString();
    auto ex = (*processor)->Extract(*doc);
    ASSERT_TRUE(ex.ok()) << ex.status().ToString();
    std::string got = store::ToJson(*ex).dump(2) + "\n";
    fs::path rel = fs::path(file).parent_path().filename() / fs::path(file).filename();
    std::string golden = testing::SourcePath("tests/golden/" + rel.string() + ".json");
    if (update) {
      testing::WriteFileOrDie(golden, got);
      continue;
    }
    ASSERT_TRUE(fs::exists(golden)) << "no golden file " << golden << " (run tools/update-golden and review it)";
    // On a difference, name the first line that differs rather than print both files.
    std::string want = testing::ReadFileOrDie(golden);
    if (got != want) {
      size_t line = 1, i = 0;
      while (i < got.size() && i < want.size() && got[i] == want[i]) line += got[i++] == '\n';
      auto line_at = [](const std::string& s, size_t pos) {
        size_t b = s.rfind('\n', pos == 0 ? 0 : pos - 1);
        b = b == std::string::npos ? 0 : b + 1;
        return s.substr(b, s.find('\n', b) - b);
      };
      ADD_FAILURE() << golden << ":" << line << ": extraction changed\n  golden: " << line_at(want, i)
                    << "\n  now:    " << line_at(got, i)
                    << "\nIf intended, run tools/update-golden and review the diff of tests/golden/.";
    }
  }
}

}  // namespace
}  // namespace vanban::pipeline
