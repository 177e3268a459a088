#include "restore/ngram_model.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <fstream>

namespace vanban::restore {
namespace {

constexpr char kMagic[8] = {'V', 'B', 'L', 'M', '3', '\n', 0, 0};

inline uint64_t Hash(uint64_t k) { return k * 0x9E3779B97F4A7C15ull; }
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

  size_t count = 0;
  for (int n = 2; n <= N; ++n) count += p[n].size();
  uint64_t slots = 1024;
  while (slots < count + count / 2) slots <<= 1;
  struct Slot { uint64_t key; float lp, bo; };
  std::vector<Slot> table(slots, Slot{0, 0, 0});
  const uint64_t mask = slots - 1;
  const int shift = 64 - __builtin_ctzll(slots);
  auto insert = [&](uint64_t k, float lp, float bo) {
    uint64_t h = (Hash(k) >> shift) & mask;
    while (table[h].key != 0) h = (h + 1) & mask;
    table[h] = {k, lp, bo};
  };
  for (int n = 2; n <= N; ++n) {
    for (const auto& [g, pr] : p[n]) {
      float bo = 0.0f;
      if (n < N) {
        auto it = ctx[n + 1].find(g);
        if (it != ctx[n + 1].end()) bo = static_cast<float>(std::log(it->second.Gamma(disc[n + 1])));
      }
      insert(g, static_cast<float>(std::log(pr)), bo);
    }
  }

  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return IoError("cannot write " + path);
  out.write(kMagic, 8);
  Put<uint32_t>(out, static_cast<uint32_t>(N));
  Put<uint32_t>(out, static_cast<uint32_t>(V));
  Put<uint64_t>(out, slots);
  for (const auto& w : vocab_) {
    Put<uint32_t>(out, static_cast<uint32_t>(w.size()));
    out.write(w.data(), static_cast<std::streamsize>(w.size()));
  }
  for (WordId w = 0; w < V; ++w) {
    float lp = w == kBos ? -99.0f : static_cast<float>(std::log(p1[w]));
    auto it = ctx[2].find(uint64_t(w) + 1);
    float bo = it == ctx[2].end() ? 0.0f : static_cast<float>(std::log(it->second.Gamma(disc[2])));
    Put(out, lp);
    Put(out, bo);
  }
  out.write(reinterpret_cast<const char*>(table.data()),
            static_cast<std::streamsize>(table.size() * sizeof(Slot)));
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
  if (buf.size() < 24 || std::memcmp(p, kMagic, 8) != 0) return Corrupt("not a vanban language model: " + path);
  p += 8;
  uint32_t order = 0, V = 0;
  uint64_t slots = 0;
  if (!Get(p, end, &order) || !Get(p, end, &V) || !Get(p, end, &slots) || order < 2 ||
      order > static_cast<uint32_t>(kMaxOrder) || slots == 0 || (slots & (slots - 1)) != 0 || V < 3)
    return Corrupt("bad language model header: " + path);
  NgramModel m;
  m.order_ = static_cast<int>(order);
  m.lane_ = LaneBits(m.order_);
  m.vocab_.reserve(V);
  m.ids_.reserve(V);
  for (uint32_t i = 0; i < V; ++i) {
    uint32_t len;
    if (!Get(p, end, &len) || end - p < len) return Corrupt("truncated vocabulary: " + path);
    m.vocab_.emplace_back(p, len);
    m.ids_.emplace(m.vocab_.back(), i);
    p += len;
  }
  m.uni_.resize(V);
  if (static_cast<size_t>(end - p) != V * sizeof(Uni) + slots * sizeof(Slot))
    return Corrupt("language model size does not match its header: " + path);
  std::memcpy(m.uni_.data(), p, V * sizeof(Uni));
  p += V * sizeof(Uni);
  m.table_.resize(slots);
  std::memcpy(m.table_.data(), p, slots * sizeof(Slot));
  m.mask_ = slots - 1;
  m.shift_ = 64 - __builtin_ctzll(slots);
  for (const Slot& s : m.table_) if (s.key != 0) ++m.ngrams_;
  return m;
}

WordId NgramModel::Id(std::string_view key) const {
  auto it = ids_.find(std::string(key));
  return it == ids_.end() ? kUnk : it->second;
}

size_t NgramModel::memory_bytes() const {
  size_t b = table_.size() * sizeof(Slot) + uni_.size() * sizeof(Uni);
  for (const auto& w : vocab_) b += w.capacity() + sizeof(std::string) + 32;
  return b;
}

uint64_t NgramModel::Key(const WordId* ids, int n) const {
  uint64_t k = 0;
  for (int i = 0; i < n; ++i) k = (k << lane_) | (uint64_t(ids[i]) + 1);
  return k;
}

uint64_t NgramModel::Key(const WordId* ids, int n, WordId last) const {
  return (Key(ids, n) << lane_) | (uint64_t(last) + 1);
}

const NgramModel::Slot* NgramModel::Find(uint64_t key) const {
  uint64_t h = (Hash(key) >> shift_) & mask_;
  while (true) {
    const Slot& s = table_[h];
    if (s.key == key) return &s;
    if (s.key == 0) return nullptr;
    h = (h + 1) & mask_;
  }
}

float NgramModel::LogProb(const WordId* h, int hn, WordId w) const {
  int n = std::min(hn, order_ - 1);
  const WordId* c = h + (hn - n);
  float acc = 0;
  for (; n >= 1; --n, ++c) {
    if (const Slot* s = Find(Key(c, n, w))) return acc + s->lp;
    if (n == 1) {
      acc += uni_[c[0]].bo;
    } else if (const Slot* x = Find(Key(c, n))) {
      acc += x->bo;
    }
  }
  return acc + uni_[w].lp;
}

NgramModel::TopContext NgramModel::Top(const WordId* h) const {
  TopContext t;
  const int n = order_ - 1;
  if (n == 1) {
    t.bo = uni_[h[0]].bo;
    t.continues = t.bo != 0.0f;
  } else if (const Slot* x = Find(Key(h, n))) {
    t.bo = x->bo;
    t.continues = x->bo != 0.0f;
  }
  return t;
}

float NgramModel::TopLogProb(const TopContext& c, const WordId* h, WordId w, float lower) const {
  if (c.continues)
    if (const Slot* s = Find(Key(h, order_ - 1, w))) return s->lp;
  return c.bo + lower;
}

void NgramModel::Prefetch(const WordId* h, int hn, WordId w) const {
  const int n = std::min(hn, order_ - 1);
  __builtin_prefetch(&table_[(Hash(Key(h + (hn - n), n, w)) >> shift_) & mask_]);
}

}  // namespace vanban::restore
