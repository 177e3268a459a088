// Rule packs: named RE2 patterns kept as data in rules/*.rules.
//
// A pack is a text file, read at run time:
//
//   # A comment: a line whose first non-blank character is '#'.
//   @include common.rules
//
//   [define]
//   DAY   = (?:0?[1-9]|[12][0-9]|3[01])
//   DATE  = {DAY}/{MONTH}/{YEAR}
//
//   [rule number_symbol]
//   pattern  = (?i)^\s*số\s*[:.]?\s*(?P<number>[0-9]+)?\s*/\s*(?P<symbol>{SYMBOL})
//   pattern += (?:\s|$)
//   example  = Số: 3822 /KH-BQL
//     number = 3822
//     symbol = KH-BQL
//   example  = Số: /KH-UBND
//     number =
//   never    = Số lượng: 05 người
//
// `@include` makes another pack's macros (path relative to this file) usable
// here; macros may use macros; `pattern +=` appends to a long pattern. An
// `example` must match, and the indented `field = value` lines under it are
// the captures it must give ("field =" with nothing: the group must not take
// part); a `never` line must not match. Comments stand on their own lines.
// `text = folded` makes a rule see the text folded (lower case, no marks,
// đ → d; utf8::FoldWithOffsets) — robust to mark variants and OCR that lost
// marks — while its matches and captures are still spans of the original.
//
// Named groups (?P<field>…) are the fields a rule captures. Patterns are
// UTF-8; {NAME} expands a macro (\{ for a literal brace is not needed: RE2
// counted repetition like x{2,3} is left alone because it is not a NAME).
//
// Errors name the file and line: "rules/header.rules:14: rule number_symbol:
// missing ): …" (RE2's message), or an example that fails.
//
// A loaded RulePack is immutable and safe to share between threads.
#ifndef VANBAN_EXTRACT_RULE_PACK_H_
#define VANBAN_EXTRACT_RULE_PACK_H_

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <re2/re2.h>
#include <re2/set.h>

#include "core/status.h"

namespace vanban::extract {

// One match of a rule: the byte span in the searched text and its captures.
// A group that did not take part is absent from `fields`.
struct RuleMatch {
  size_t begin = 0, end = 0;
  std::map<std::string, std::string> fields;
  // The capture or "" when absent.
  std::string Get(const std::string& field) const;
  bool Has(const std::string& field) const { return fields.count(field) > 0; }
};

struct RuleExample {
  std::string text;
  bool must_match = true;                      // example (true) or never (false)
  std::map<std::string, std::string> expect;   // field → value ("" = must be absent)
  int line = 0;
};

class Rule {
 public:
  const std::string& name() const { return name_; }
  // The pattern after macro expansion.
  const std::string& pattern() const { return pattern_; }
  const std::string& file() const { return file_; }
  int line() const { return line_; }
  const std::vector<RuleExample>& examples() const { return examples_; }
  // True when the rule matches the folded shadow of the text.
  bool folded() const { return folded_; }

  // The first match in text, if any.
  bool Find(std::string_view text, RuleMatch* match = nullptr) const;
  // Every non-overlapping match, left to right.
  std::vector<RuleMatch> FindAll(std::string_view text) const;
  // True when the whole of text matches.
  bool FullMatch(std::string_view text, RuleMatch* match = nullptr) const;

 private:
  friend class RulePack;
  friend class RulePackParser;
  // The text a rule searches: the original, and for a folded rule its folded
  // shadow with offsets[i] = the original byte that folded byte i came from.
  // Built once per call of Find/FindAll, however many matches follow, and
  // shared by the folded rules asked about the same text in a row (the
  // extractors ask a dozen rules about each line or paragraph).
  struct Folded {
    std::string text, folded;
    std::vector<size_t> offsets;
  };
  struct Haystack {
    std::string_view text;
    std::shared_ptr<const Folded> folded;  // folded rules only
  };
  Haystack Prepare(std::string_view text) const;
  bool MatchAt(const Haystack& hay, size_t from, bool anchor_both, RuleMatch* match) const;

  std::string name_, pattern_, file_;
  int line_ = 0;
  bool folded_ = false;
  std::shared_ptr<const RE2> re_;
  std::vector<RuleExample> examples_;
};

class RulePack {
 public:
  // Reads and compiles a pack (and its @includes). Does not run the examples.
  static Result<RulePack> LoadFile(const std::string& path);
  // The same from text; `file` names it in errors, includes resolve against include_dir.
  static Result<RulePack> Parse(std::string_view text, const std::string& file,
                                const std::string& include_dir);

  RulePack(RulePack&&) noexcept;
  RulePack& operator=(RulePack&&) noexcept;
  ~RulePack();

  const std::string& file() const { return file_; }
  const std::vector<Rule>& rules() const { return rules_; }
  // The rule of that name, or nullptr.
  const Rule* Find(std::string_view name) const;
  // Like Find, but a missing rule is an error naming the pack.
  Result<const Rule*> Require(std::string_view name) const;
  // The expanded macro, or "" when undefined.
  std::string Macro(std::string_view name) const;
  // Rules with at least one match in text, found in one pass (RE2::Set).
  std::vector<const Rule*> Firing(std::string_view text) const;
  // Runs every inline example and never-line; the first failure as an error
  // naming file:line and what differed.
  Status CheckExamples() const;

 private:
  RulePack();
  friend class RulePackParser;
  std::string file_;
  std::vector<Rule> rules_;
  std::map<std::string, std::string, std::less<>> macros_;
  std::unique_ptr<RE2::Set> set_;
};

// Where rule packs are looked for: $VANBAN_RULES_DIR, else the rules/ folder
// of the source tree the binary was built from, else ../share/vanban/rules
// beside the executable.
std::string DefaultRulesDir();

}  // namespace vanban::extract

#endif  // VANBAN_EXTRACT_RULE_PACK_H_
