// The matcher on the corpus pair of PCI plans (corpus/README.md lists what
// changed between them): the task-table rows of both versions, read straight
// from the text, must pair up exactly as the README says. This test is also
// where the default threshold comes from: it prints the lowest similarity of a
// true pair and the highest of a false one.
#include <gtest/gtest.h>

#include <fstream>
#include <iostream>
#include <regex>
#include <set>

#include "core/utf8.h"
#include "review/extraction_diff.h"
#include "testing/paths.h"

namespace vanban::review {
namespace {

// Rows "N<TAB>task<TAB>lead<TAB>support<TAB>deadline<TAB>product" of the task
// table, with the section from the row "I<TAB>HEADING" above them.
std::vector<Task> TableTasks(const std::string& path) {
  std::ifstream in(path);
  EXPECT_TRUE(in.good()) << path;
  std::vector<Task> tasks;
  std::string line, section;
  bool in_table = false;
  const std::regex roman("[IVX]+"), number("[0-9]+");
  while (std::getline(in, line)) {
    std::vector<std::string_view> cells = utf8::Split(line, '\t');
    if (cells.size() >= 6 && utf8::StartsWith(cells[1], "Nhiệm vụ")) {
      in_table = true;
      continue;
    }
    if (!in_table || cells.size() < 6) continue;
    std::string first(cells[0]);
    if (std::regex_match(first, roman)) {
      section = first;
    } else if (std::regex_match(first, number)) {
      Task t;
      t.section = section;
      t.ordinal = first;
      t.title = std::string(cells[1]);
      t.units.push_back({std::string(cells[2]), "", "lead"});
      t.deadline_text = std::string(cells[4]);
      t.product = std::string(cells[5]);
      tasks.push_back(t);
    }
  }
  return tasks;
}

TEST(CorpusMatch, PciPlansPairAsTheReadmeSays) {
  std::vector<Task> a = TableTasks(testing::SourcePath("corpus/documents/ke-hoach-pci-2025.txt"));
  std::vector<Task> b = TableTasks(testing::SourcePath("corpus/documents/ke-hoach-pci-2026.txt"));
  ASSERT_EQ(a.size(), 15u);
  ASSERT_EQ(b.size(), 15u);
  const std::set<std::pair<std::string, std::string>> expected = {
      {"I.1", "I.1"},     {"I.2", "I.2"},     {"I.3", "I.3"},   {"II.1", "II.1"},
      {"II.2", "II.2"},   {"III.1", "III.1"}, {"III.2", "III.2"}, {"III.3", "III.3"},
      {"IV.2", "IV.1"},   {"IV.3", "IV.2"},   {"V.1", "V.1"},   {"V.2", "V.2"}};
  double lowest_true = 1, highest_false = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    for (size_t j = 0; j < b.size(); ++j) {
      double s = TaskSimilarity(a, b, i, j);
      if (expected.count({TaskLabel(a[i]), TaskLabel(b[j])})) lowest_true = std::min(lowest_true, s);
      else highest_false = std::max(highest_false, s);
    }
  }
  std::cout << "lowest true pair " << lowest_true << ", highest false pair " << highest_false
            << ", threshold " << kDefaultMatchThreshold << "\n";
  EXPECT_GE(lowest_true, kDefaultMatchThreshold);
  EXPECT_LT(highest_false, kDefaultMatchThreshold);

  std::set<std::pair<std::string, std::string>> got;
  for (const TaskMatch& m : MatchTasks(a, b)) got.insert({TaskLabel(a[m.old_index]), TaskLabel(b[m.new_index])});
  EXPECT_EQ(got, expected);

  ExtractionDiff d = DiffExtractions(Extraction{{}, {}, {}, {}, a, {}}, Extraction{{}, {}, {}, {}, b, {}});
  std::set<std::string> removed, added;
  for (const Task& t : d.removed) removed.insert(TaskLabel(t));
  for (const Task& t : d.added) added.insert(TaskLabel(t));
  EXPECT_EQ(removed, (std::set<std::string>{"I.4", "II.3", "IV.1"}));
  EXPECT_EQ(added, (std::set<std::string>{"II.3", "III.4", "IV.3"}));
  // I.2: the deadline, word by word.
  for (const TaskChange& c : d.changed) {
    if (TaskLabel(c.old_task) != "I.2") continue;
    ASSERT_EQ(c.changes.size(), 1u);
    EXPECT_EQ(RenderWordDiff(c.changes[0].segments, false),
              "Chậm nhất [-3-]{+2+} ngày kể từ ngày ban hành văn bản");
  }
}

}  // namespace
}  // namespace vanban::review
