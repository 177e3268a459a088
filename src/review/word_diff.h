// Word-level comparison of two texts, like `git diff --word-diff`, and the
// token-set similarity the task matcher ranks pairs by.
//
//   auto segments = WordDiff("Chậm nhất 3 ngày", "Chậm nhất 2 ngày");
//   RenderWordDiff(segments, false)  → "Chậm nhất [-3-]{+2+} ngày"
//   RenderWordDiff(segments, true)   → the same with ANSI red/green, no brackets
//
// Words are runs of non-space characters compared exactly (a change of marks
// is a change); runs of whitespace count as one space. Pure functions,
// thread-safe.
#ifndef VANBAN_REVIEW_WORD_DIFF_H_
#define VANBAN_REVIEW_WORD_DIFF_H_

#include <string>
#include <string_view>
#include <vector>

namespace vanban::review {

struct DiffSegment {
  enum class Op { kEqual, kDelete, kInsert };
  Op op = Op::kEqual;
  std::string text;  // words of this run joined by single spaces
};

// The shortest edit (longest common subsequence of words) from old_text to
// new_text; adjacent runs of one kind are merged, a deletion comes before the
// insertion that replaces it.
std::vector<DiffSegment> WordDiff(std::string_view old_text, std::string_view new_text);

// Whole items (units) as tokens instead of words: each item kept, removed or
// added, in the order of new_items with removed ones where they stood.
std::vector<DiffSegment> ItemDiff(const std::vector<std::string>& old_items,
                                  const std::vector<std::string>& new_items);

// "[-old-]{+new+}" without colour; red deletions and green insertions with.
// separator joins segments (" " for words, "; " for items).
std::string RenderWordDiff(const std::vector<DiffSegment>& segments, bool color,
                           std::string_view separator = " ");

bool HasChanges(const std::vector<DiffSegment>& segments);

// Folded (lower case, no marks) alphanumeric tokens of text.
std::vector<std::string> FoldedTokens(std::string_view text);
// |A ∩ B| / |A ∪ B| over the sets of folded tokens; 1 when both are empty.
double TokenSetSimilarity(std::string_view a, std::string_view b);

}  // namespace vanban::review

#endif  // VANBAN_REVIEW_WORD_DIFF_H_
