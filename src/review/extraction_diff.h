// What changed between two extractions: the tasks and indicators of two
// versions of a plan (`vanban diff A B`), or two runs of one document
// (`vanban diff DOC --runs`).
//
// Tasks are matched in two passes: first by equal key (runs of one document
// keep the key of an unchanged task), then best-first by the similarity of
// their folded title + detail: every pair at or above the threshold, highest
// first (ties: the pair closest in document order), each task used once.
// Unmatched tasks are removed (old) or added (new). The similarity is a
// weighted Dice coefficient of the two token sets, 2·w(A∩B) / (w(A) + w(B)),
// each token weighted log(1 + N/df) over the N tasks of both lists, so that
// words all tasks share count for less. On the corpus PCI plan pair the true
// pairs score ≥ 0.526 and the best false pair 0.429 (tests/review/
// corpus_match_test.cc), hence the default threshold 0.45.
// Indicators are matched by (code, else folded name; year; kind; metric).
//
// Pure functions over values; thread-safe.
#ifndef VANBAN_REVIEW_EXTRACTION_DIFF_H_
#define VANBAN_REVIEW_EXTRACTION_DIFF_H_

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/records.h"
#include "review/word_diff.h"

namespace vanban::review {

inline constexpr double kDefaultMatchThreshold = 0.45;

struct TaskMatch {
  size_t old_index = 0, new_index = 0;
  double similarity = 0;
};

// Pairs of (old, new) indices; see the file comment for the rule.
std::vector<TaskMatch> MatchTasks(const std::vector<Task>& old_tasks, const std::vector<Task>& new_tasks,
                                  double threshold = kDefaultMatchThreshold);

// The similarity MatchTasks uses for old_tasks[i] and new_tasks[j] (weights
// from both lists).
double TaskSimilarity(const std::vector<Task>& old_tasks, const std::vector<Task>& new_tasks, size_t i, size_t j);

// "lead" and "support" as lists; the text fields by their column names.
std::vector<std::string> UnitsOf(const Task& t, const std::string& role);
// The fields compared, in display order.
const std::vector<std::string>& ComparedTaskFields();
// The value of a compared text field ("" for lead/support: use UnitsOf).
std::string TaskField(const Task& t, const std::string& field);

struct FieldChange {
  std::string field;          // "title", "lead", "due_date", …
  std::string old_value, new_value;
  std::vector<DiffSegment> segments;  // words, or whole units for lead/support
};

struct TaskChange {
  Task old_task, new_task;
  double similarity = 0;
  std::vector<FieldChange> changes;  // empty: unchanged
};

struct IndicatorChange {
  std::optional<Indicator> old_indicator, new_indicator;  // one missing: removed / added
};

struct ExtractionDiff {
  std::vector<Task> removed, added;
  std::vector<TaskChange> changed, unchanged;
  std::vector<IndicatorChange> indicators_removed, indicators_added, indicators_changed;
  int indicators_unchanged = 0;

  bool empty() const {
    return removed.empty() && added.empty() && changed.empty() && indicators_removed.empty() &&
           indicators_added.empty() && indicators_changed.empty();
  }
};

ExtractionDiff DiffExtractions(const Extraction& old_ex, const Extraction& new_ex,
                               double threshold = kDefaultMatchThreshold);

// The printed label of a section heading: "III" for "III. HỖ TRỢ DOANH
// NGHIỆP"; the whole text when it does not start with one.
std::string SectionLabel(const std::string& section);
// "I.2" from section label and ordinal, "" when both are empty.
std::string TaskLabel(const Task& t);
// The matching key of an indicator: code or folded name, year, kind, metric.
std::string IndicatorKey(const Indicator& i);
// "7,65" style is not used: values print as the shortest decimal ("7.65").
std::string FormatNumber(double v);

}  // namespace vanban::review

#endif  // VANBAN_REVIEW_EXTRACTION_DIFF_H_
