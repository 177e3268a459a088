// Units (đơn vị) named in task assignments: a gazetteer of canonical names
// and aliases read from rules/units.tsv, and a parser for unit lists.
//
//   Result<UnitGazetteer> g = UnitGazetteer::Load(rules_dir);
//   g->ParseList("Các Phòng & Trung tâm DVVL-ĐT-XTĐT")
//     → {"Các phòng chuyên môn", as written "Các Phòng"},
//       {"Trung tâm DVVL-ĐT-XTĐT", as written "Trung tâm DVVL-ĐT-XTĐT"}
//
// Files: <rules_dir>/unit_words.txt (the words that begin, continue and end
// names of units it does not know), <rules_dir>/units.tsv, then
// <rules_dir>/units.local.tsv if present,
// then each file in $VANBAN_UNITS_FILE (':'-separated). One line per unit:
// canonical name, then aliases, TAB-separated; '#' starts a comment line.
// A later alias overrides an earlier one. An alias ending in '$' only
// matches a whole list item (it must be followed by a separator or the end).
//
// Matching folds case and marks (utf8::Fold), ignores dashes, dots and
// spacing, keeps ',', ';', '&', '/', '(', ')' and ':' as tokens, and takes the
// longest alias at each position. Words between known aliases, split at
// separators (',', ';', '&', '+', 'và', newline bullets), become unknown
// units (known = false) whose canonical name is the text as written.
//
// A loaded gazetteer is immutable and safe to share between threads.
#ifndef VANBAN_EXTRACT_UNIT_GAZETTEER_H_
#define VANBAN_EXTRACT_UNIT_GAZETTEER_H_

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/status.h"

namespace vanban::extract {

struct UnitMention {
  std::string canonical;   // the gazetteer's name; the text itself when unknown
  std::string as_written;  // the span of the input, as written
  bool known = false;
  size_t begin = 0, end = 0;  // byte span in the input
};

class UnitGazetteer {
 public:
  // Reads unit_words.txt and units.tsv (required), units.local.tsv and
  // $VANBAN_UNITS_FILE (optional).
  static Result<UnitGazetteer> Load(const std::string& rules_dir);
  // Parses TSV text (for tests and for extra files); `file` names it in errors.
  Status AddTsv(std::string_view text, const std::string& file);

  // The whole of text is a list of units (a table cell, a heading).
  std::vector<UnitMention> ParseList(std::string_view text) const;
  // Units at the start of text, up to the first word that continues no unit
  // (a verb: "chủ trì", "theo dõi" …). *consumed gets the byte offset where
  // the list ends. Unknown units are only taken when they start with a unit
  // head word (Phòng, Sở, Trung tâm, UBND …) and run up to a separator.
  std::vector<UnitMention> ParsePrefix(std::string_view text, size_t* consumed) const;
  // True when text starts with a word that begins unit names (Phòng, Sở,
  // Trung tâm, UBND, Ban, Văn phòng, Các …).
  bool StartsWithHeadWord(std::string_view text) const;
  // True when mentions look like real units: every unknown one starts with a
  // head word, is short and holds no verb.
  bool Plausible(const std::vector<UnitMention>& mentions) const;
  // True when text is nothing but a list of units ("Văn phòng HĐND và UBND
  // phường"): plausible units that cover it, and no verb or stop word.
  // *mentions (when given) gets the units.
  bool IsUnitList(std::string_view text, std::vector<UnitMention>* mentions = nullptr) const;
  // The canonical name of a single alias, or "" when unknown.
  std::string Canonical(std::string_view alias) const;

  size_t size() const { return canonical_count_; }

 private:
  struct Token {
    std::string text;  // folded word, or a one-character separator
    std::string key;   // utf8::MarkKey of the word as written
    size_t begin = 0, end = 0;  // original bytes
    bool word = true;
    bool upper = false;  // the word starts with a capital letter
    bool marked = false;  // the word as written has marks
    // A line end that may only be a cell's text wrapping ("Công chức Văn hóa -"
    // + "Xã hội", "Đoàn" + "Thanh niên xã"): a separator only before a unit.
    bool soft = false;
  };
  // A section of unit_words.txt: phrases of one or more words.
  class WordList {
   public:
    void Add(const std::vector<Token>& phrase);
    // Length in tokens of the longest phrase at tokens[i]; 0 when none.
    size_t At(const std::vector<Token>& tokens, size_t i) const;
    // True when a phrase of exactly n words is at tokens[i].
    bool Is(const std::vector<Token>& tokens, size_t i, size_t n) const;

   private:
    static bool SameAt(const std::vector<Token>& phrase, const std::vector<Token>& tokens, size_t i);
    std::unordered_map<std::string, std::vector<std::vector<Token>>> by_first_;  // longest first
  };
  struct Words {
    WordList head, not_head, collective, stop, qualifier, qualifier_word, filler, level;
  };
  Status AddWords(std::string_view text, const std::string& file);
  struct Alias {
    std::vector<std::string> tokens;
    int entry = 0;
    bool whole_item = false;
  };
  static std::vector<Token> Tokenize(std::string_view text);
  // True when tokens[i] starts a unit's name (a head word or head bigram).
  bool HeadAt(const std::vector<Token>& tokens, size_t i) const;
  bool StopAt(const std::vector<Token>& tokens, size_t i) const;
  // Longest alias matching at tokens[i]; returns its length in tokens (0 = none).
  size_t MatchAt(const std::vector<Token>& tokens, size_t i, const Alias** alias) const;
  std::vector<UnitMention> Parse(std::string_view text, bool prefix_only, size_t* consumed) const;

  Words words_;
  std::vector<std::string> canonical_;
  // first token → aliases starting with it, longest first
  std::unordered_map<std::string, std::vector<Alias>> by_first_;
  size_t canonical_count_ = 0;
};

}  // namespace vanban::extract

#endif  // VANBAN_EXTRACT_UNIT_GAZETTEER_H_
