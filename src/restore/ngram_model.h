// Syllable n-gram language model (order 3 or 4): building (interpolated
// modified Kneser–Ney, Chen & Goodman) and querying (backoff form, like ARPA).
//
// File format "VBLM4" (little-endian), written by NgramBuilder::Write and
// read in one go by NgramModel::Load: a trie in sorted arrays.
//   magic[8] "VBLM4\n\0\0", u32 order N, u32 vocabulary size V,
//   (N − 1) × u64: how many n-grams of order 2..N;
//   V × (u32 length, bytes): the vocabulary, id 0 = "<unk>", 1 = "<s>", 2 = "</s>";
//   level 1 (unigrams, node = word id): f32 ln p[V], f32 ln backoff[V], u32 child[V + 1];
//   level n, 2 ≤ n < N, C n-grams:  u32 word[C], f32 ln p[C], f32 ln backoff[C], u32 child[C + 1];
//   level N, C n-grams:             u32 word[C], f32 ln p[C].
// The n-grams of a level are sorted by their words, oldest first; `word` is
// the newest word. The children of node j (the (n+1)-grams that extend it)
// are the entries child[j] .. child[j+1] − 1 of the next level, sorted by
// word, so a lookup is one binary search per level. Every n-gram's first
// n − 1 words are themselves an n-gram of the model (Kneser–Ney keeps them).
//
// Besides LogProb, the model offers its nodes (NodeId) so that a decoder can
// carry the node of its history from step to step (like KenLM's State) and
// find p(w | history) with one search among the history's children.
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

using NodeId = uint32_t;
inline constexpr NodeId kNoNode = 0xFFFFFFFFu;

class NgramModel {
 public:
  static Result<NgramModel> Load(const std::string& path);

  // Id of a token key (see LmKey), kUnk when not in the vocabulary.
  WordId Id(std::string_view key) const;
  std::string_view Word(WordId id) const {
    return std::string_view(words_).substr(word_at_[id], word_at_[id + 1] - word_at_[id]);
  }
  int order() const { return order_; }
  size_t vocab_size() const { return word_at_.size() - 1; }
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
  float Unigram(WordId w) const { return levels_[1].lp[w]; }
  // An upper bound of LogProb(h, hn, w) over every history h: the largest
  // ln p of an n-gram ending in w (backoff weights are at most 1; if one is
  // not, the bound makes room for it). Decoders prune with it.
  float MaxLogProb(WordId w) const { return max_lp_[w]; }

  // Nodes. A node of level n (1 ≤ n ≤ order()) is an n-gram of the model;
  // the node of a unigram is its word id.
  // The node of ids[0..n) (1 ≤ n < order()), kNoNode when the model lacks it.
  NodeId Node(const WordId* ids, int n) const;
  // The node of level n + 1 that extends `node` (level n, 1 ≤ n < order(),
  // not kNoNode) by w, kNoNode when there is none.
  NodeId Child(int n, NodeId node, WordId w) const {
    if (n == 1) return BigramNode(node, w);
    const Level& l = levels_[n];
    return Search(levels_[n + 1].word.data(), l.child[node], l.child[node + 1], w);
  }
  // The children of `node` (level n < order()) as a range of the next
  // level, and the search among them: Child(n, node, w) ==
  // ChildIn(n, ChildRange(n, node), w).
  struct Range {
    uint32_t begin, end;
    bool empty() const { return begin == end; }
  };
  Range ChildRange(int n, NodeId node) const { return {levels_[n].child[node], levels_[n].child[node + 1]}; }
  NodeId ChildIn(int n, Range r, WordId w) const { return Search(levels_[n + 1].word.data(), r.begin, r.end, w); }
  // ln p(newest word | the others) of a node of level n.
  float NodeLogProb(int n, NodeId node) const { return levels_[n].lp[node]; }
  // ln backoff of a node of level n < order().
  float NodeBackoff(int n, NodeId node) const { return levels_[n].bo[node]; }
  // Hints the cache at the children of `node` (level n < order()).
  void PrefetchChildren(int n, NodeId node) const {
    const Level& l = levels_[n];
    __builtin_prefetch(levels_[n + 1].word.data() + l.child[node]);
  }
  // The node of the bigram (w1, w2) (kNoNode if none) and its ln p, in one
  // cache miss.
  struct Bigram {
    NodeId node;
    float lp;
  };
  Bigram FindBigram(WordId w1, WordId w2) const {
    for (size_t h = BigramSlot(w1, w2);; h = (h + 1) & bigram_mask_) {
      const BigramSlot_& s = bigrams_[h];
      if (s.w1 == w1 && s.w2 == w2) return {s.node, s.lp};
      if (s.w1 == kNoNode) return {kNoNode, 0.0f};
    }
  }
  // Hints the cache at the bigram (w1, w2).
  void PrefetchBigram(WordId w1, WordId w2) const { __builtin_prefetch(&bigrams_[BigramSlot(w1, w2)]); }

 private:
  struct Level {
    std::vector<uint32_t> word;   // newest word of each n-gram (empty for level 1)
    std::vector<float> lp, bo;    // bo empty for the top level
    std::vector<uint32_t> child;  // size + 1 entries; empty for the top level
  };
  // Index in words[begin, end) (sorted) of w, or kNoNode.
  static NodeId Search(const uint32_t* words, uint32_t begin, uint32_t end, WordId w) {
    uint32_t n = end - begin;
    if (n == 0) return kNoNode;
    const uint32_t* base = words + begin;
    while (n > 1) {  // branch-free lower bound: the answer is in [base, base + n]
      const uint32_t half = n / 2;
      base = base[half] < w ? base + half : base;
      n -= half;
    }
    base += *base < w;
    return (base < words + end && *base == w) ? static_cast<NodeId>(base - words) : kNoNode;
  }

  // The bigrams again, in an open-addressing hash table built at load:
  // the children of a frequent word are thousands, and a binary search
  // among them costs several cache misses where this costs one.
  struct BigramSlot_ {
    WordId w1 = kNoNode, w2 = 0;  // w1 == kNoNode: empty
    NodeId node = kNoNode;
    float lp = 0;
  };
  size_t BigramSlot(WordId w1, WordId w2) const {
    return static_cast<size_t>(((uint64_t(w1) << 32 | w2) * 0x9E3779B97F4A7C15ull) >> bigram_shift_);
  }
  NodeId BigramNode(WordId w1, WordId w2) const { return FindBigram(w1, w2).node; }

  int order_ = 3;
  std::vector<BigramSlot_> bigrams_;
  size_t bigram_mask_ = 0;
  int bigram_shift_ = 64;
  std::string words_;              // the vocabulary, one after the other
  std::vector<uint32_t> word_at_;  // V + 1 offsets into words_
  std::vector<uint32_t> id_slots_; // open addressing: id + 1, 0 = empty
  uint64_t id_mask_ = 0;
  std::vector<Level> levels_;      // [1..order]; [0] unused
  std::vector<float> max_lp_;      // per word, see MaxLogProb
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
