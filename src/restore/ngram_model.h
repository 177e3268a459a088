// Syllable n-gram language model (order 3 or 4): building (interpolated
// modified Kneser–Ney, Chen & Goodman) and querying (backoff form, like ARPA).
//
// File format "VBLM3" (little-endian), written by NgramBuilder::Write and
// read in one go by NgramModel::Load:
//   magic[8] "VBLM3\n\0\0", u32 order N, u32 vocabulary size V, u64 table slots S,
//   V × (u32 length, bytes): the vocabulary, id 0 = "<unk>", 1 = "<s>", 2 = "</s>";
//   V × (f32 ln p, f32 ln backoff): unigrams;
//   S × (u64 key, f32 ln p, f32 ln backoff): an open-addressing hash table of
//   the n-grams of orders 2..N (key 0 = empty slot). A key packs the ids + 1
//   of an n-gram, oldest first, in lanes of 21 bits (order 3) or 16 bits
//   (order 4), so the vocabulary is below 2^21 − 1 or 2^16 − 1 words.
//
// NgramModel is immutable after Load: every query may be called from any
// number of threads at once. NgramBuilder is single-threaded.
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
inline constexpr int kMaxOrder = 4;

class NgramModel {
 public:
  static Result<NgramModel> Load(const std::string& path);

  // Id of a token key (see LmKey), kUnk when not in the vocabulary.
  WordId Id(std::string_view key) const;
  const std::string& Word(WordId id) const { return vocab_[id]; }
  int order() const { return order_; }
  size_t vocab_size() const { return vocab_.size(); }
  size_t ngram_count() const { return ngrams_; }
  size_t memory_bytes() const;

  // ln p(w | h): h holds the hn words before w, oldest first (kBos for
  // positions before the sentence); only the last order()−1 are used.
  float LogProb(const WordId* h, int hn, WordId w) const;
  // ln p(w3 | w1 w2).
  float LogProb(WordId w1, WordId w2, WordId w3) const {
    const WordId h[2] = {w1, w2};
    return LogProb(h, 2, w3);
  }
  // ln p(w) alone.
  float Unigram(WordId w) const { return uni_[w].lp; }

  // The same in two steps, for decoders that score many w after one
  // history h of order()−1 words: Top(h) once, then TopLogProb for each w,
  // with lower = LogProb(h + 1, order() − 2, w) (which depends on the last
  // order()−2 words only and can be shared between histories).
  struct TopContext {
    float bo = 0;          // ln backoff of h
    bool continues = false; // h has continuations of the top order
  };
  TopContext Top(const WordId* h) const;
  float TopLogProb(const TopContext& c, const WordId* h, WordId w, float lower) const;
  void Prefetch(const WordId* h, int hn, WordId w) const;

 private:
  struct Uni { float lp, bo; };
  struct Slot { uint64_t key; float lp, bo; };
  const Slot* Find(uint64_t key) const;
  uint64_t Key(const WordId* ids, int n) const;
  uint64_t Key(const WordId* ids, int n, WordId last) const;

  int order_ = 3;
  int lane_ = 21;
  int shift_ = 0;
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
  explicit NgramBuilder(int order = 3);
  // One sentence (a line), as LmKey strings without <s> </s>.
  void AddSentence(const std::vector<std::string>& keys);
  size_t tokens() const { return tokens_; }
  int order() const { return order_; }
  // Estimates the model and writes it to path.
  Status Write(const std::string& path) const;

 private:
  WordId Intern(const std::string& w);
  int order_;
  std::vector<std::string> vocab_{"<unk>", "<s>", "</s>"};
  std::unordered_map<std::string, WordId> ids_{{"<unk>", 0}, {"<s>", 1}, {"</s>", 2}};
  std::vector<std::vector<WordId>> sentences_;  // kept until Write
  size_t tokens_ = 0;
};

}  // namespace vanban::restore

#endif  // VANBAN_RESTORE_NGRAM_MODEL_H_
