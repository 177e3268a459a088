#include "restore/ngram_model.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <fstream>

namespace vanban::restore {
namespace {

constexpr char kMagic[8] = {'V', 'B', 'L', 'M', '2', '\n', 0, 0};
constexpr uint64_t kIdMask = (uint64_t(1) << 21) - 1;

inline uint64_t Hash(uint64_t k) { return k * 0x9E3779B97F4A7C15ull; }

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
  // (<s>, <s>, w1) stands for the sentence-start bigram (<s>, w1).
  ++tri_[Key3(kBos, kBos, s[1])];
  for (size_t i = 2; i < s.size(); ++i) ++tri_[Key3(s[i - 2], s[i - 1], s[i])];
}

Status NgramBuilder::Write(const std::string& path) const {
  if (vocab_.size() >= kIdMask) return ResourceLimit("vocabulary too large for the model format");
  const size_t V = vocab_.size();
  auto a_of = [](uint64_t k) { return WordId(((k >> 42) & kIdMask) - 1); };
  auto b_of = [](uint64_t k) { return WordId(((k >> 21) & kIdMask) - 1); };
  auto c_of = [](uint64_t k) { return WordId((k & kIdMask) - 1); };

  // Trigrams proper (not the sentence-start stand-ins) and their contexts;
  // bigram adjusted counts: distinct left words, or raw counts after <s>.
  std::unordered_map<uint64_t, uint32_t> tri;  // real trigrams
  std::unordered_map<uint64_t, uint32_t> bi;   // adjusted bigram counts
  tri.reserve(tri_.size());
  for (const auto& [k, c] : tri_) {
    WordId a = a_of(k), b = b_of(k), w = c_of(k);
    if (a == kBos && b == kBos) {
      bi[Key2(kBos, w)] += c;  // raw count
    } else {
      tri[k] = c;
      bi[Key2(b, w)] += 1;     // one more distinct left word
    }
  }
  std::vector<uint32_t> uni(V, 0);  // adjusted unigram counts
  for (const auto& [k, c] : bi) uni[c_of(k)] += 1;
  (void)c_of;

  std::array<uint64_t, 5> n1{}, n2{}, n3{};
  for (WordId w = 0; w < V; ++w) if (uni[w] > 0 && uni[w] <= 4) ++n1[uni[w]];
  for (const auto& [k, c] : bi) if (c <= 4) ++n2[c];
  for (const auto& [k, c] : tri) if (c <= 4) ++n3[c];
  const Discount d1 = Discount::From(n1), d2 = Discount::From(n2), d3 = Discount::From(n3);

  // Unigrams, interpolated with the uniform distribution.
  Context ctx1;
  for (WordId w = 0; w < V; ++w) if (w != kBos && uni[w] > 0) ctx1.Add(uni[w]);
  const double g1 = ctx1.Gamma(d1);
  std::vector<double> p1(V, 0.0);
  for (WordId w = 0; w < V; ++w) {
    if (w == kBos) continue;
    double num = uni[w] > 0 ? uni[w] - d1(uni[w]) : 0.0;
    p1[w] = num / double(ctx1.total) + g1 / double(V - 1);
  }
  // Bigram contexts.
  std::unordered_map<WordId, Context> ctx2;
  for (const auto& [k, c] : bi) ctx2[b_of(k)].Add(c);
  std::unordered_map<uint64_t, Context> ctx3;
  for (const auto& [k, c] : tri) ctx3[Key2(a_of(k), b_of(k))].Add(c);

  std::unordered_map<uint64_t, double> p2;
  p2.reserve(bi.size());
  for (const auto& [k, c] : bi) {
    WordId b = b_of(k), w = k & kIdMask;
    w -= 1;
    const Context& cx = ctx2[b];
    p2[k] = (c - d2(c)) / double(cx.total) + cx.Gamma(d2) * p1[w];
  }

  // The table: bigrams and trigrams.
  const size_t n = bi.size() + tri.size();
  uint64_t slots = 1024;
  while (slots < n + n / 2) slots <<= 1;
  struct Slot { uint64_t key; float lp, bo; };
  std::vector<Slot> table(slots, Slot{0, 0, 0});
  const uint64_t mask = slots - 1;
  const int shift = 64 - __builtin_ctzll(slots);
  auto insert = [&](uint64_t key, float lp, float bo) {
    uint64_t h = (Hash(key) >> shift) & mask;
    while (table[h].key != 0) h = (h + 1) & mask;
    table[h] = {key, lp, bo};
  };
  for (const auto& [k, p] : p2) {
    auto it = ctx3.find(k);
    float bo = it == ctx3.end() ? 0.0f : static_cast<float>(std::log(it->second.Gamma(d3)));
    insert(k, static_cast<float>(std::log(p)), bo);
  }
  for (const auto& [k, c] : tri) {
    uint64_t ctx = Key2(a_of(k), b_of(k));
    uint64_t low = Key2(b_of(k), WordId((k & kIdMask) - 1));
    const Context& cx = ctx3[ctx];
    double lower = p2.count(low) ? p2[low] : 0.0;
    double p = (c - d3(c)) / double(cx.total) + cx.Gamma(d3) * lower;
    insert(k, static_cast<float>(std::log(p)), 0.0f);
  }

  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return IoError("cannot write " + path);
  out.write(kMagic, 8);
  Put<uint32_t>(out, 3);
  Put<uint32_t>(out, static_cast<uint32_t>(V));
  Put<uint64_t>(out, slots);
  for (const auto& w : vocab_) {
    Put<uint32_t>(out, static_cast<uint32_t>(w.size()));
    out.write(w.data(), static_cast<std::streamsize>(w.size()));
  }
  for (WordId w = 0; w < V; ++w) {
    float lp = w == kBos ? -99.0f : static_cast<float>(std::log(p1[w]));
    auto it = ctx2.find(w);
    float bo = it == ctx2.end() ? 0.0f : static_cast<float>(std::log(it->second.Gamma(d2)));
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
  if (!Get(p, end, &order) || !Get(p, end, &V) || !Get(p, end, &slots) || order != 3 ||
      (slots & (slots - 1)) != 0 || V < 3)
    return Corrupt("bad language model header: " + path);
  NgramModel m;
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

const NgramModel::Slot* NgramModel::Find(uint64_t key) const {
  const int shift = 64 - __builtin_ctzll(mask_ + 1);
  uint64_t h = (Hash(key) >> shift) & mask_;
  while (true) {
    const Slot& s = table_[h];
    if (s.key == key) return &s;
    if (s.key == 0) return nullptr;
    h = (h + 1) & mask_;
  }
}

NgramModel::History NgramModel::Context(WordId w1, WordId w2) const {
  History h{w1, w2};
  if (w1 == kBos && w2 == kBos) return h;
  if (const Slot* ctx = Find(Key2(w1, w2))) {
    h.bo = ctx->bo;
    h.trigrams = ctx->bo != 0.0f;
  }
  return h;
}

float NgramModel::BigramPart(WordId w2, WordId w3) const {
  if (const Slot* b = Find(Key2(w2, w3))) return b->lp;
  return uni_[w2].bo + uni_[w3].lp;
}

float NgramModel::LogProbAfter(const History& h, WordId w3, float bigram) const {
  if (h.trigrams)
    if (const Slot* t = Find(Key3(h.w1, h.w2, w3))) return t->lp;
  if (bigram != bigram) bigram = BigramPart(h.w2, w3);
  return h.bo + bigram;
}

void NgramModel::Prefetch(WordId w1, WordId w2, WordId w3) const {
  const int shift = 64 - __builtin_ctzll(mask_ + 1);
  __builtin_prefetch(&table_[(Hash(Key3(w1, w2, w3)) >> shift) & mask_]);
}

void NgramModel::PrefetchBigram(WordId w2, WordId w3) const {
  const int shift = 64 - __builtin_ctzll(mask_ + 1);
  __builtin_prefetch(&table_[(Hash(Key2(w2, w3)) >> shift) & mask_]);
}

float NgramModel::LogProb(WordId w1, WordId w2, WordId w3) const {
  float bo = 0;
  if (!(w1 == kBos && w2 == kBos)) {
    if (const Slot* t = Find(Key3(w1, w2, w3))) return t->lp;
    if (const Slot* ctx = Find(Key2(w1, w2))) bo = ctx->bo;
  }
  if (const Slot* b = Find(Key2(w2, w3))) return bo + b->lp;
  return bo + uni_[w2].bo + uni_[w3].lp;
}

}  // namespace vanban::restore
