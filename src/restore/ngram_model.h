// Syllable trigram language model: building (interpolated modified
// Kneser–Ney, Chen & Goodman) and querying (backoff form, like ARPA).
//
// File format "VBLM2" (little-endian), written by NgramBuilder::Write and
// read in one go by NgramModel::Load:
//   magic[8] "VBLM2\n\0\0", u32 order (3), u32 vocab size V, u64 table slots S,
//   V × (u32 length, bytes): the vocabulary, id 0 = "<unk>", 1 = "<s>", 2 = "</s>";
//   V × (f32 ln p, f32 ln backoff): unigrams;
//   S × (u64 key, f32 ln p, f32 ln backoff): an open-addressing hash table of
//   the bigrams and trigrams (key 0 = empty slot; see Key2/Key3).
//
// NgramModel is immutable after Load: LogProb may be called from any number
// of threads at once. NgramBuilder is single-threaded.
#ifndef VANBAN_RESTORE_NGRAM_MODEL_H_
#define VANBAN_RESTORE_NGRAM_MODEL_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/status.h"

namespace vanban::restore {

using WordId = uint32_t;
inline constexpr WordId kUnk = 0, kBos = 1, kEos = 2;

class NgramModel {
 public:
  static Result<NgramModel> Load(const std::string& path);

  // Id of a token key (see LmKey), kUnk when not in the vocabulary.
  WordId Id(std::string_view key) const;
  const std::string& Word(WordId id) const { return vocab_[id]; }
  size_t vocab_size() const { return vocab_.size(); }
  size_t ngram_count() const { return ngrams_; }
  size_t memory_bytes() const;

  // ln p(w3 | w1 w2); pass kBos for missing history.
  float LogProb(WordId w1, WordId w2, WordId w3) const;
  // The same in two steps, for decoders that score many w3 after one
  // history: Context(w1, w2) once, then LogProbAfter for each w3, with the
  // lower-order part BigramPart(w2, w3) (which depends on w2 only).
  struct History {
    WordId w1, w2;
    float bo = 0;          // ln backoff of (w1, w2)
    bool trigrams = false; // (w1, w2) has trigram continuations
  };
  History Context(WordId w1, WordId w2) const;
  float BigramPart(WordId w2, WordId w3) const;
  // ln p(w3 | h); bigram = BigramPart(h.w2, w3) (pass NaN to compute it).
  float LogProbAfter(const History& h, WordId w3, float bigram) const;
  void Prefetch(WordId w1, WordId w2, WordId w3) const;
  void PrefetchBigram(WordId w2, WordId w3) const;
  // ln p(w) alone.
  float Unigram(WordId w) const { return uni_[w].lp; }

 private:
  struct Uni { float lp, bo; };
  struct Slot { uint64_t key; float lp, bo; };
  const Slot* Find(uint64_t key) const;

  std::vector<std::string> vocab_;
  std::unordered_map<std::string, WordId> ids_;
  std::vector<Uni> uni_;
  std::vector<Slot> table_;
  uint64_t mask_ = 0;
  size_t ngrams_ = 0;
};

// Counts sentences of token keys and writes a model.
class NgramBuilder {
 public:
  // One sentence (a line), as LmKey strings without <s> </s>.
  void AddSentence(const std::vector<std::string>& keys);
  size_t tokens() const { return tokens_; }
  // Estimates the model and writes it to path.
  Status Write(const std::string& path) const;

 private:
  WordId Intern(const std::string& w);
  std::vector<std::string> vocab_{"<unk>", "<s>", "</s>"};
  std::unordered_map<std::string, WordId> ids_{{"<unk>", 0}, {"<s>", 1}, {"</s>", 2}};
  std::unordered_map<uint64_t, uint32_t> tri_;  // raw trigram counts
  size_t tokens_ = 0;
};

// Packs ids into table keys (ids below 2^21).
inline uint64_t Key2(WordId a, WordId b) { return (uint64_t(a) + 1) << 21 | (uint64_t(b) + 1); }
inline uint64_t Key3(WordId a, WordId b, WordId c) {
  return (uint64_t(a) + 1) << 42 | (uint64_t(b) + 1) << 21 | (uint64_t(c) + 1);
}

}  // namespace vanban::restore

#endif  // VANBAN_RESTORE_NGRAM_MODEL_H_
