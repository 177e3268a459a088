// Restorer: puts back the marks that OCR or typing lost, and repairs OCR
// letter confusions, syllable by syllable.
//
//   auto r = Restorer::Load(Restorer::Paths::Default());
//   RestoredLine out = (*r)->RestoreLine("Ke hoach nang cao chi s6 ning lwc");
//   // out.text == "Kế hoạch nâng cao chỉ số năng lực"
//
// For each token of a line (restore/tokenize.h) it decides:
//   pass-through  numbers, dates, document symbols (KH-BQL, 02/NQ-CP),
//                 e-mails and URLs, punctuation, Roman numerals before '.'
//                 or ')', upper-case abbreviations that are not syllables
//                 (UBND, TTHC, PCI), and — in a line that already has marks
//                 (kRepair) — every word that is a valid syllable;
//   restoration   candidates: every syllable of the inventory whose folded
//                 form (no marks) equals the token's, plus syllables reached
//                 through the learned OCR confusion model (s6 → số, 1y → lý,
//                 ctia → của, nhimg → những), each with a channel cost;
//                 a trigram language model scores the sequence and a beam
//                 search (Viterbi with recombination) picks the best.
// In a line with OCR debris (words with digits inside, words that are no
// syllable even without marks) or in kOcr mode, every word also gets the
// candidates one confusion away (nim → năm), and a lone number of one or two
// digits may be a misread syllable (nhà 6 xã hội → ở) at no cost for
// staying a number.
// Letter case is put back from the token (HẢI PHÒNG, Hải Phòng). Each token
// gets a confidence: the posterior of the chosen candidate among the
// candidates of its position, from the best beam score through each and the
// trigram into the chosen next word (0..1).
//
// Speed (restore_bench): each word costs one hash lookup in a word index
// built at load (the inventory's syllables in lower case and capitalized,
// folded forms, model words); the beam carries each hypothesis's node in
// the trie model (restore/ngram_model.h), so p(w | history) is one search
// among the history's continuations plus one bigram hash lookup shared by
// the hypotheses ending in the same word; a hypothesis that cannot reach
// the beam (its score plus the word's best ln p anywhere) is not scored;
// hypotheses more than beam_margin nats below the best are dropped; the
// working vectors are kept per thread from line to line.
//
// Models: the shipped trigram model (restore/ngram_model.h, built from
// corpus/lm by tools/lm), optionally a deployment's local model mixed in
// (BuildLocalModel), the syllable inventory (normalize/syllable.h) and the
// confusion table corpus/lm/confusion.tsv (tools/lm/learn-confusions).
//
// Ownership and threads: Load returns an immutable object; RestoreLine and
// RestoreDocument are const and may run concurrently from many threads.
#ifndef VANBAN_RESTORE_RESTORER_H_
#define VANBAN_RESTORE_RESTORER_H_

#include <array>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/document.h"
#include "core/status.h"
#include "restore/ngram_model.h"

namespace vanban::restore {

enum class RestoreMode {
  kAuto,    // kRepair when the line already reads as marked Vietnamese, else kFull
  kFull,    // every word may change (text without marks, English-model OCR)
  kRepair,  // only words that are not valid syllables may change
  kOcr,     // kFull, and every word may also be an OCR confusion (s6, nim → năm)
};

struct RestoredToken {
  std::string text;      // as output
  std::string original;  // as read
  float confidence = 1;  // 0..1
  bool changed = false;
};

struct RestoredLine {
  std::string text;
  std::vector<RestoredToken> words;  // word tokens only, in order
  int changed = 0;                   // how many words changed
  float confidence = 1;              // mean over words
  RestoreMode mode = RestoreMode::kFull;
};

class Restorer {
 public:
  struct Paths {
    std::string model;      // shipped n-gram model (built into the build tree)
    std::string confusion;  // corpus/lm/confusion.tsv; "" for none
    std::string local;      // a deployment's local model; "" for none
    // VANBAN_LM_MODEL / VANBAN_LM_CONFUSION / VANBAN_LM_LOCAL when set, else
    // the paths the build configured, else <prefix>/share/vanban/lm/ next
    // to an installed program.
    static Paths Default();
  };
  struct Options {
    int beam = 8;                  // hypotheses kept per position
    float beam_margin = 12;        // and only those this close (nats) to the best
                                   // (restore_bench: same text as without it)
    int max_candidates = 16;       // per token, best unigram first
    float prune_margin = 12;       // drop candidates this far (nats) below the best
    float local_weight = 0.3f;     // of the local model in the mixture
    float keep_marks_bonus = 0.7f; // kFull: a candidate equal to the marked token
    float confusion_scale = 1.0f;  // multiplies the confusion model's costs
    float max_confusion_cost = 9;  // candidates costlier than this are dropped
  };

  static Result<std::unique_ptr<Restorer>> Load(const Paths& paths);
  static Result<std::unique_ptr<Restorer>> Load(const Paths& paths, const Options& options);

  RestoredLine RestoreLine(std::string_view line, RestoreMode mode = RestoreMode::kAuto) const;

  // Restores each Line of the document that needs it: lines without marks,
  // and lines of OCR pages whose confidence is below 90 (those in kAuto
  // mode). Keeps the old text in Line::original (and Word::original for
  // changed words). Lines that already have correct marks are left as they
  // are (kRepair touches only non-syllables). Returns words changed.
  int RestoreDocument(Document* doc) const;

  const NgramModel& model() const { return *model_; }
  size_t memory_bytes() const;

  struct Candidate {
    std::u32string text;  // lower case, marks
    std::string utf8;     // the same in UTF-8
    WordId id = kUnk;     // in the shipped model
    WordId local_id = kUnk;
    float unigram = 0;
    bool seen_locally = false;
    uint32_t serial = 0;  // 0 .. candidate_count_ − 1
  };
  struct Rule {
    std::u32string truth;  // folded truth it stands for
    float cost;            // -ln p
  };

 private:
  Restorer() = default;
  struct Slot;
  void BuildIndex();
  // Candidates for a word (lower case) whose folded form has the candidate
  // list `list` (nullptr: none), with their channel costs, into *out.
  void CandidatesFor(std::u32string_view lower, const std::vector<Candidate>* list, bool ocr_noisy,
                     bool marked_context, std::vector<std::pair<const Candidate*, float>>* out) const;
  // The candidate list of a folded key, nullptr when there is none.
  const std::vector<Candidate>* FoldList(std::u32string_view lower) const;

  // What RestoreLine needs to know about a word token, computed at load for
  // the words it meets most (every syllable of the inventory, every folded
  // form, every word of the model; in lower case and capitalized), so that
  // a line costs one hash lookup per word. Words not in it are analysed as
  // they come, the same way.
  struct WordInfo {
    std::string key;                                // the token's text
    std::u32string lower;                           // LowerChar of each character
    const std::vector<Candidate>* list = nullptr;   // FoldList(lower)
    WordId id = kUnk, local_id = kUnk;              // of LmKey(token)
    bool valid = false;                             // ParseSyllable(lower)
    bool has_marks = false;                         // a letter with marks
    bool any_upper = false;                         // IsUpperChar on some letter
  };
  void BuildWordIndex(std::vector<std::u32string> inventory);  // GenerateInventory()
  const WordInfo* FindWord(std::string_view text) const;
  // ln p(w | h) (h: three words, oldest first), mixed with the local model.
  float Score(const WordId* h, WordId w, const WordId* lh, WordId lw) const;

  Options options_;
  std::unique_ptr<NgramModel> model_;
  std::unique_ptr<NgramModel> local_;
  std::unordered_map<std::string, std::vector<Candidate>> by_fold_;  // folded key → candidates, best first
  std::unordered_map<std::u32string, std::vector<Rule>> rules_;         // OCR string → truths
  // The same by the OCR string's first character, shortest first.
  struct RuleGroup {
    std::u32string_view ocr;        // a key of rules_
    const std::vector<Rule>* rules;
  };
  std::array<std::vector<RuleGroup>, 128> rules_ascii_;
  std::unordered_map<char32_t, std::vector<RuleGroup>> rules_other_;
  const std::vector<RuleGroup>* RulesAt(char32_t first) const;
  // by_fold_ again for folded forms of at most 8 ASCII letters, packed.
  struct FoldSlot {
    uint64_t key = 0;  // 0: empty
    const std::vector<Candidate>* list = nullptr;
  };
  std::vector<FoldSlot> fold_slots_;
  uint64_t fold_mask_ = 0;
  int fold_shift_ = 64;
  bool fold_slots_complete_ = true;
  size_t candidate_count_ = 0;  // every packable key of by_fold_ is in fold_slots_
  std::vector<WordInfo> words_;
  std::vector<uint32_t> word_slots_;  // open addressing over words_: index + 1, 0 = empty
  uint64_t word_mask_ = 0;
  size_t max_rule_len_ = 0;
};

// Builds a LOCAL model from texts already known to be correct (born-digital
// documents in the database, high-confidence lines) and writes it to path;
// Restorer::Paths::local points the restorer at it, used beside the shipped
// model. Texts are normalized first.
Status BuildLocalModel(const std::vector<std::string>& texts, const std::string& path);
// Adds one text (many lines) to a builder the way the shipped model is built.
void AddTextToBuilder(std::string_view text, NgramBuilder* builder);

}  // namespace vanban::restore

#endif  // VANBAN_RESTORE_RESTORER_H_
