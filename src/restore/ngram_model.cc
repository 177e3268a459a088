#include "restore/ngram_model.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <fstream>

namespace vanban::restore {
namespace {

constexpr char kMagic[8] = {'V', 'B', 'L', 'M', '4', '\n', 0, 0};

// FNV-1a over the bytes of a word, for the vocabulary's id table.
inline uint64_t HashWord(std::string_view w) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (unsigned char c : w) h = (h ^ c) * 0x100000001b3ull;
  return h ^ (h >> 29);
}
inline int LaneBits(int order) { return order >= 4 ? 16 : 21; }

// Modified Kneser–Ney discounts D1, D2, D3+ from counts of counts.
struct Discount {
  std::array<double, 4> d{0, 0.5, 1.0, 1.5};
  double operator()(uint32_t c) const { return d[std::min<uint32_t>(c, 3)]; }
  static Discount From(const std::array<uint64_t, 5>& n) {
    Discount r;
    if (n[1] == 0 || n[2] == 0) return r;
    double y = double(n[1]) / (n[1] + 2.0 * n[2]);
    r.d[1] = 1 - 2 * y * n[2] / n[1];
    r.d[2] = n[3] ? 2 - 3 * y * n[3] / n[2] : 1.0;
    r.d[3] = n[4] && n[3] ? 3 - 4 * y * n[4] / n[3] : 1.5;
    for (int i = 1; i <= 3; ++i) r.d[i] = std::clamp(r.d[i], 0.05, double(i));
    return r;
  }
};

struct Context {
  uint64_t total = 0;
  std::array<uint32_t, 4> types{0, 0, 0, 0};  // types with count 1, 2, 3+
  double Gamma(const Discount& d) const {
    if (total == 0) return 1.0;
    return (d.d[1] * types[1] + d.d[2] * types[2] + d.d[3] * types[3]) / double(total);
  }
  void Add(uint32_t c) {
    total += c;
    ++types[std::min<uint32_t>(c, 3)];
  }
};

template <typename T>
void Put(std::ofstream& out, const T& v) {
  out.write(reinterpret_cast<const char*>(&v), sizeof(T));
}

template <typename T>
bool Get(const char*& p, const char* end, T* v) {
  if (end - p < static_cast<ptrdiff_t>(sizeof(T))) return false;
  std::memcpy(v, p, sizeof(T));
  p += sizeof(T);
  return true;
}

}  // namespace

NgramBuilder::NgramBuilder(int order) : order_(std::clamp(order, 2, kMaxOrder)) {}

WordId NgramBuilder::Intern(const std::string& w) {
  auto it = ids_.find(w);
  if (it != ids_.end()) return it->second;
  WordId id = static_cast<WordId>(vocab_.size());
  vocab_.push_back(w);
  ids_.emplace(w, id);
  return id;
}

void NgramBuilder::AddSentence(const std::vector<std::string>& keys) {
  if (keys.empty()) return;
  std::vector<WordId> s;
  s.reserve(keys.size() + 2);
  s.push_back(kBos);
  for (const auto& k : keys) s.push_back(Intern(k));
  s.push_back(kEos);
  tokens_ += keys.size();
  sentences_.push_back(std::move(s));
}

Status NgramBuilder::Write(const std::string& path) const {
  const int N = order_;
  const int lane = LaneBits(N);
  const uint64_t lmask = (uint64_t(1) << lane) - 1;
  const size_t V = vocab_.size();
  if (V + 1 >= lmask) return ResourceLimit("vocabulary too large for an order-" + std::to_string(N) + " model");
  auto key = [&](const WordId* p, int n) {
    uint64_t k = 0;
    for (int i = 0; i < n; ++i) k = (k << lane) | (uint64_t(p[i]) + 1);
    return k;
  };
  auto first = [&](uint64_t k, int n) { return WordId(((k >> (lane * (n - 1))) & lmask) - 1); };
  auto last = [&](uint64_t k) { return WordId((k & lmask) - 1); };
  auto suffix = [&](uint64_t k, int n) { return k & ((uint64_t(1) << (lane * (n - 1))) - 1); };
  auto prefix = [&](uint64_t k) { return k >> lane; };

  // Raw counts of every order at every position.
  std::vector<std::unordered_map<uint64_t, uint32_t>> raw(N + 1);
  for (const auto& s : sentences_)
    for (size_t j = 1; j < s.size(); ++j)
      for (int n = 2; n <= N; ++n)
        if (j + 1 >= static_cast<size_t>(n)) ++raw[n][key(&s[j + 1 - n], n)];
  // Adjusted counts: the top order and n-grams after <s> keep raw counts;
  // the others count distinct left neighbours.
  std::vector<std::unordered_map<uint64_t, uint32_t>> adj(N + 1);
  adj[N] = raw[N];
  for (int n = N - 1; n >= 2; --n) {
    for (const auto& [g, c] : raw[n])
      if (first(g, n) == kBos) adj[n][g] = c;
    for (const auto& [h, c] : raw[n + 1]) {
      uint64_t s = suffix(h, n + 1);
      if (first(s, n) != kBos) ++adj[n][s];
    }
  }
  std::vector<uint32_t> uni(V, 0);
  for (const auto& [h, c] : raw[2]) uni[last(h)] += 1;

  std::vector<Discount> disc(N + 1);
  {
    std::array<uint64_t, 5> n1{};
    for (WordId w = 0; w < V; ++w) if (w != kBos && uni[w] > 0 && uni[w] <= 4) ++n1[uni[w]];
    disc[1] = Discount::From(n1);
    for (int n = 2; n <= N; ++n) {
      std::array<uint64_t, 5> cc{};
      for (const auto& [g, c] : adj[n]) if (c <= 4) ++cc[c];
      disc[n] = Discount::From(cc);
    }
  }
  Context ctx1;
  for (WordId w = 0; w < V; ++w) if (w != kBos && uni[w] > 0) ctx1.Add(uni[w]);
  const double g1 = ctx1.Gamma(disc[1]);
  std::vector<double> p1(V, 0.0);
  for (WordId w = 0; w < V; ++w) {
    if (w == kBos) continue;
    double num = uni[w] > 0 ? uni[w] - disc[1](uni[w]) : 0.0;
    p1[w] = num / double(ctx1.total) + g1 / double(V - 1);
  }
  // Contexts of each order (keyed by the n−1 words before the predicted one).
  std::vector<std::unordered_map<uint64_t, Context>> ctx(N + 1);
  for (int n = 2; n <= N; ++n)
    for (const auto& [g, c] : adj[n]) ctx[n][prefix(g)].Add(c);
  // Interpolated probabilities, lowest order first.
  std::vector<std::unordered_map<uint64_t, double>> p(N + 1);
  for (int n = 2; n <= N; ++n) {
    p[n].reserve(adj[n].size());
    for (const auto& [g, c] : adj[n]) {
      const Context& cx = ctx[n][prefix(g)];
      double lower;
      if (n == 2) {
        lower = p1[last(g)];
      } else {
        auto it = p[n - 1].find(suffix(g, n));
        lower = it == p[n - 1].end() ? p1[last(g)] : it->second;
      }
      p[n][g] = (c - disc[n](c)) / double(cx.total) + cx.Gamma(disc[n]) * lower;
    }
  }

  // The trie: each level's n-grams sorted by their words, oldest first
  // (the packed keys sort that way), and each node's children located in
  // the next level by a merge.
  std::vector<std::vector<uint64_t>> keys(N + 1);
  keys[1].resize(V);
  for (WordId w = 0; w < V; ++w) keys[1][w] = uint64_t(w) + 1;
  for (int n = 2; n <= N; ++n) {
    keys[n].reserve(p[n].size());
    for (const auto& [g, pr] : p[n]) keys[n].push_back(g);
    std::sort(keys[n].begin(), keys[n].end());
  }
  std::vector<std::vector<uint32_t>> child(N);
  for (int n = 1; n < N; ++n) {
    const auto& up = keys[n + 1];
    if (up.size() >= kNoNode) return ResourceLimit("too many n-grams for the model format");
    child[n].resize(keys[n].size() + 1);
    size_t j = 0;
    for (size_t i = 0; i < keys[n].size(); ++i) {
      child[n][i] = static_cast<uint32_t>(j);
      while (j < up.size() && prefix(up[j]) == keys[n][i]) ++j;
    }
    child[n][keys[n].size()] = static_cast<uint32_t>(j);
    // Every (n+1)-gram must hang under its first n words.
    if (j != up.size()) return Internal("an n-gram of order " + std::to_string(n + 1) + " lacks its prefix");
  }
  auto backoff = [&](int n, uint64_t g) {
    if (n >= N) return 0.0f;
    auto it = ctx[n + 1].find(g);
    return it == ctx[n + 1].end() ? 0.0f : static_cast<float>(std::log(it->second.Gamma(disc[n + 1])));
  };

  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return IoError("cannot write " + path);
  out.write(kMagic, 8);
  Put<uint32_t>(out, static_cast<uint32_t>(N));
  Put<uint32_t>(out, static_cast<uint32_t>(V));
  for (int n = 2; n <= N; ++n) Put<uint64_t>(out, keys[n].size());
  for (const auto& w : vocab_) {
    Put<uint32_t>(out, static_cast<uint32_t>(w.size()));
    out.write(w.data(), static_cast<std::streamsize>(w.size()));
  }
  for (WordId w = 0; w < V; ++w) Put(out, w == kBos ? -99.0f : static_cast<float>(std::log(p1[w])));
  for (WordId w = 0; w < V; ++w) Put(out, backoff(1, uint64_t(w) + 1));
  for (uint32_t c : child[1]) Put(out, c);
  for (int n = 2; n <= N; ++n) {
    for (uint64_t g : keys[n]) Put<uint32_t>(out, last(g));
    for (uint64_t g : keys[n]) Put(out, static_cast<float>(std::log(p[n].at(g))));
    if (n == N) break;
    for (uint64_t g : keys[n]) Put(out, backoff(n, g));
    for (uint32_t c : child[n]) Put(out, c);
  }
  if (!out) return IoError("short write to " + path);
  return Status::Ok();
}

Result<NgramModel> NgramModel::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return NotFound("language model not found: " + path);
  const std::streamsize size = in.tellg();
  in.seekg(0);
  std::string buf(static_cast<size_t>(size), '\0');
  if (!in.read(buf.data(), size)) return IoError("cannot read " + path);
  const char* p = buf.data();
  const char* end = p + buf.size();
  if (buf.size() < 16 || std::memcmp(p, kMagic, 8) != 0) return Corrupt("not a vanban language model (VBLM4): " + path);
  p += 8;
  uint32_t order = 0, V = 0;
  if (!Get(p, end, &order) || !Get(p, end, &V) || order < 2 || order > static_cast<uint32_t>(kMaxOrder) || V < 3 ||
      V >= kNoNode)
    return Corrupt("bad language model header: " + path);
  std::vector<uint64_t> count(order + 1, 0);
  count[1] = V;
  for (uint32_t n = 2; n <= order; ++n)
    if (!Get(p, end, &count[n]) || count[n] >= kNoNode) return Corrupt("bad language model header: " + path);
  NgramModel m;
  m.order_ = static_cast<int>(order);
  m.word_at_.reserve(V + 1);
  m.word_at_.push_back(0);
  for (uint32_t i = 0; i < V; ++i) {
    uint32_t len;
    if (!Get(p, end, &len) || end - p < len) return Corrupt("truncated vocabulary: " + path);
    m.words_.append(p, len);
    m.word_at_.push_back(static_cast<uint32_t>(m.words_.size()));
    p += len;
  }
  // Sizes first, so that a short or long file is refused before copying.
  size_t need = V * 8 + (V + 1) * 4;
  for (uint32_t n = 2; n <= order; ++n) need += count[n] * (n < order ? 16 : 8) + (n < order ? 4 : 0);
  if (static_cast<size_t>(end - p) != need) return Corrupt("language model size does not match its header: " + path);
  auto take = [&](auto* v, size_t k) {
    v->resize(k);
    std::memcpy(v->data(), p, k * sizeof((*v)[0]));
    p += k * sizeof((*v)[0]);
  };
  m.levels_.resize(order + 1);
  take(&m.levels_[1].lp, V);
  take(&m.levels_[1].bo, V);
  take(&m.levels_[1].child, V + 1);
  for (uint32_t n = 2; n <= order; ++n) {
    Level& l = m.levels_[n];
    take(&l.word, count[n]);
    take(&l.lp, count[n]);
    if (n < order) {
      take(&l.bo, count[n]);
      take(&l.child, count[n] + 1);
    }
    m.ngrams_ += count[n];
  }
  // Child ranges must stay inside the next level and never run backwards.
  for (uint32_t n = 1; n < order; ++n) {
    const auto& c = m.levels_[n].child;
    if (c.front() != 0 || c.back() != count[n + 1]) return Corrupt("bad child ranges in " + path);
    for (size_t i = 1; i < c.size(); ++i)
      if (c[i] < c[i - 1]) return Corrupt("bad child ranges in " + path);
  }
  // Words in range, and ascending among the children of each node (the
  // binary search relies on it).
  for (uint32_t n = 2; n <= order; ++n) {
    const auto& words = m.levels_[n].word;
    const auto& parent = m.levels_[n - 1].child;
    for (size_t q = 0; q + 1 < parent.size(); ++q)
      for (uint32_t j = parent[q]; j < parent[q + 1]; ++j)
        if (words[j] >= V || (j > parent[q] && words[j] <= words[j - 1]))
          return Corrupt("bad words in level " + std::to_string(n) + " of " + path);
  }
  // The bigram hash table (load factor at most 1/2).
  {
    size_t slots = 16;
    while (slots < count[2] * 2) slots <<= 1;
    m.bigrams_.assign(slots, BigramSlot_{});
    m.bigram_mask_ = slots - 1;
    m.bigram_shift_ = 64 - __builtin_ctzll(slots);
    const Level& l1 = m.levels_[1];
    const Level& l2 = m.levels_[2];
    for (WordId w1 = 0; w1 < V; ++w1)
      for (uint32_t j = l1.child[w1]; j < l1.child[w1 + 1]; ++j) {
        size_t h = m.BigramSlot(w1, l2.word[j]);
        while (m.bigrams_[h].w1 != kNoNode) h = (h + 1) & m.bigram_mask_;
        m.bigrams_[h] = {w1, l2.word[j], j, l2.lp[j]};
      }
  }
  // Upper bounds for pruning: the best ln p each word gets at any level,
  // plus room for backoff weights above 1 (Kneser–Ney makes none).
  float slack = 0;
  for (uint32_t n = 1; n < order; ++n) {
    float hi = 0;
    for (float b : m.levels_[n].bo) hi = std::max(hi, b);
    slack += hi;
  }
  m.max_lp_ = m.levels_[1].lp;
  for (uint32_t n = 2; n <= order; ++n) {
    const Level& l = m.levels_[n];
    for (size_t i = 0; i < l.word.size(); ++i) m.max_lp_[l.word[i]] = std::max(m.max_lp_[l.word[i]], l.lp[i]);
  }
  for (float& x : m.max_lp_) x += slack;
  // The vocabulary's id table.
  uint64_t slots = 16;
  while (slots < uint64_t(V) * 2) slots <<= 1;
  m.id_slots_.assign(slots, 0);
  m.id_mask_ = slots - 1;
  for (uint32_t i = 0; i < V; ++i) {
    uint64_t h = HashWord(m.Word(i)) & m.id_mask_;
    while (m.id_slots_[h] != 0) {
      if (m.Word(m.id_slots_[h] - 1) == m.Word(i)) break;  // a duplicate keeps the first id
      h = (h + 1) & m.id_mask_;
    }
    if (m.id_slots_[h] == 0) m.id_slots_[h] = i + 1;
  }
  return m;
}

WordId NgramModel::Id(std::string_view key) const {
  uint64_t h = HashWord(key) & id_mask_;
  while (true) {
    const uint32_t s = id_slots_[h];
    if (s == 0) return kUnk;
    if (Word(s - 1) == key) return s - 1;
    h = (h + 1) & id_mask_;
  }
}

size_t NgramModel::memory_bytes() const {
  size_t b = words_.capacity() + word_at_.capacity() * 4 + id_slots_.capacity() * 4 + max_lp_.capacity() * 4 +
             bigrams_.capacity() * sizeof(BigramSlot_);
  for (const Level& l : levels_)
    b += (l.word.capacity() + l.child.capacity()) * 4 + (l.lp.capacity() + l.bo.capacity()) * 4;
  return b;
}

NodeId NgramModel::Node(const WordId* ids, int n) const {
  NodeId node = ids[0];
  for (int k = 1; k < n && node != kNoNode; ++k) node = Child(k, node, ids[k]);
  return node;
}

float NgramModel::LogProb(const WordId* h, int hn, WordId w) const {
  const int n = std::min(hn, order_ - 1);
  const WordId* c = h + (hn - n);
  float acc = 0;
  // Longest context first; an unseen context has backoff weight 1.
  for (int i = 0; i < n; ++i) {
    const NodeId node = Node(c + i, n - i);
    if (node == kNoNode) continue;
    const NodeId ch = Child(n - i, node, w);
    if (ch != kNoNode) return acc + levels_[n - i + 1].lp[ch];
    acc += levels_[n - i].bo[node];
  }
  return acc + levels_[1].lp[w];
}

}  // namespace vanban::restore
