#include "restore/restorer.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <span>
#include <sstream>

#include "core/utf8.h"
#include "normalize/normalize.h"
#include "normalize/syllable.h"
#include "restore/tokenize.h"

#ifndef VANBAN_LM_MODEL_PATH
#define VANBAN_LM_MODEL_PATH ""
#endif
#ifndef VANBAN_LM_CONFUSION_PATH
#define VANBAN_LM_CONFUSION_PATH ""
#endif

namespace vanban::restore {

using normalize::ApplyCase;
using normalize::FoldLetter;
using normalize::HasMark;
using normalize::LowerChar;
using normalize::ParseSyllable;
using normalize::Syllable;
using normalize::ToU32;
using normalize::ToUtf8;

namespace {

// FoldLetter through a table for the first 0x2000 code points (Latin and
// Vietnamese letters), filled from FoldLetter itself once.
char32_t Fold(char32_t c) {
  static const std::vector<char32_t> table = [] {
    std::vector<char32_t> t(0x2000);
    for (char32_t x = 0; x < 0x2000; ++x) t[x] = FoldLetter(x);
    return t;
  }();
  return c < 0x2000 ? table[c] : FoldLetter(c);
}

std::u32string FoldU32(std::u32string_view lower) {
  std::u32string f(lower);
  for (auto& c : f) c = Fold(c);
  return f;
}

// The folded form as the index's key (ASCII for letters; cheap to hash).
std::string FoldKey(std::u32string_view lower) {
  std::string k;
  k.reserve(lower.size());
  for (char32_t c : lower) {
    c = Fold(c);
    if (c < 0x80) k.push_back(static_cast<char>(c));
    else k += ToUtf8(std::u32string_view(&c, 1));
  }
  return k;
}

// A folded form of at most 8 ASCII characters packed into an integer (0:
// not packable).
uint64_t PackFolded(std::u32string_view lower) {
  if (lower.empty() || lower.size() > 8) return 0;
  uint64_t k = 0;
  for (char32_t c : lower) {
    c = Fold(c);
    if (c == 0 || c >= 0x80) return 0;
    k = (k << 8) | c;
  }
  return k;
}

bool AllUpperAscii(std::string_view s) {
  int letters = 0;
  for (char c : s) {
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') ++letters;
  }
  return letters >= 2;
}

bool IsRoman(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c != 'I' && c != 'V' && c != 'X' && c != 'L' && c != 'C') return false;
  return true;
}

const char* Env(const char* name) {
  const char* v = std::getenv(name);
  return v != nullptr && *v != '\0' ? v : nullptr;
}

}  // namespace

Restorer::Paths Restorer::Paths::Default() {
  Paths p;
  p.model = VANBAN_LM_MODEL_PATH;
  p.confusion = VANBAN_LM_CONFUSION_PATH;
  // An installed program: <prefix>/bin/vanban finds <prefix>/share/vanban/lm.
  std::error_code ec;
  if (!std::filesystem::exists(p.model, ec)) {
    std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (!ec) {
      std::filesystem::path share = exe.parent_path().parent_path() / "share" / "vanban" / "lm";
      if (std::filesystem::exists(share / "vi.lm", ec)) {
        p.model = (share / "vi.lm").string();
        p.confusion = (share / "confusion.tsv").string();
      }
    }
  }
  if (Env("VANBAN_LM_MODEL")) p.model = Env("VANBAN_LM_MODEL");
  if (Env("VANBAN_LM_CONFUSION")) p.confusion = Env("VANBAN_LM_CONFUSION");
  p.local = Env("VANBAN_LM_LOCAL") ? Env("VANBAN_LM_LOCAL") : "";
  return p;
}

Result<std::unique_ptr<Restorer>> Restorer::Load(const Paths& paths) { return Load(paths, Options()); }

Result<std::unique_ptr<Restorer>> Restorer::Load(const Paths& paths, const Options& options) {
  std::unique_ptr<Restorer> r(new Restorer());
  r->options_ = options;
  auto m = NgramModel::Load(paths.model);
  if (!m.ok()) return m.status();
  r->model_ = std::make_unique<NgramModel>(std::move(m).value());
  if (!paths.local.empty()) {
    auto l = NgramModel::Load(paths.local);
    if (!l.ok()) return l.status();
    r->local_ = std::make_unique<NgramModel>(std::move(l).value());
  }
  if (!paths.confusion.empty()) {
    std::ifstream in(paths.confusion);
    if (!in) return NotFound("confusion model not found: " + paths.confusion);
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == '#') continue;
      auto f = utf8::Split(line, '\t');
      if (f.size() < 4) continue;
      std::u32string ocr = ToU32(f[0]);
      std::u32string truth = ToU32(f[1] == "-" ? "" : f[1]);
      if (ocr.empty() || ocr == truth) continue;
      float cost = std::strtof(std::string(f[3]).c_str(), nullptr) * options.confusion_scale;
      r->rules_[ocr].push_back({truth, cost});
      r->max_rule_len_ = std::max(r->max_rule_len_, ocr.size());
    }
    for (auto& [k, v] : r->rules_)
      std::sort(v.begin(), v.end(), [](const Rule& a, const Rule& b) { return a.cost < b.cost; });
    // By first character, shortest OCR string first.
    for (const auto& [k, v] : r->rules_) {
      auto& groups = k[0] < 0x80 ? r->rules_ascii_[k[0]] : r->rules_other_[k[0]];
      groups.push_back({k, &v});
    }
    auto by_length = [](const RuleGroup& a, const RuleGroup& b) { return a.ocr.size() < b.ocr.size(); };
    for (auto& g : r->rules_ascii_) std::sort(g.begin(), g.end(), by_length);
    for (auto& [c, g] : r->rules_other_) std::sort(g.begin(), g.end(), by_length);
  }
  r->BuildIndex();
  return r;
}

void Restorer::BuildIndex() {
  auto add = [&](const std::u32string& s) {
    Candidate c;
    c.text = s;
    std::string u = ToUtf8(s);
    c.utf8 = u;
    c.id = model_->Id(u);
    c.local_id = local_ ? local_->Id(u) : kUnk;
    c.unigram = model_->Unigram(c.id);
    if (c.id == kUnk) c.unigram -= 3.0f;  // never seen: below every seen syllable
    if (local_ && c.local_id != kUnk) {
      c.unigram = std::max(c.unigram, local_->Unigram(c.local_id));
      c.seen_locally = true;
    }
    by_fold_[FoldKey(s)].push_back(std::move(c));
  };
  std::vector<std::u32string> inventory = normalize::GenerateInventory();
  for (const auto& s : inventory) add(s);
  // Words of the model that are not syllables but carry marks (hđnd, đc):
  // upper-case abbreviations typed without marks fold onto them.
  for (WordId id = 3; id < model_->vocab_size(); ++id) {
    std::u32string u = ToU32(model_->Word(id));
    bool letters = u.size() >= 2, marked = false;
    for (char32_t c : u) {
      if (!normalize::IsVietnameseLetter(c)) letters = false;
      if (HasMark(c)) marked = true;
    }
    Syllable syl;
    if (letters && marked && !ParseSyllable(u, &syl) && model_->Unigram(id) > -14.0f) add(u);
  }
  // Each list: best first; syllables the models never saw only when nothing
  // seen shares the folded form; far less likely ones and the tail dropped.
  // What CandidatesFor would do to a list alone is done here once.
  for (auto& [k, v] : by_fold_) {
    std::sort(v.begin(), v.end(), [](const Candidate& a, const Candidate& b) { return a.unigram > b.unigram; });
    auto seen = [](const Candidate& c) { return c.id != kUnk || c.seen_locally; };
    if (std::any_of(v.begin(), v.end(), seen)) v.erase(std::remove_if(v.begin(), v.end(), [&](const Candidate& c) { return !seen(c); }), v.end());
    const float top = v.front().unigram;
    v.erase(std::remove_if(v.begin(), v.end(), [&](const Candidate& c) { return c.unigram < top - options_.prune_margin; }), v.end());
    if (v.size() > static_cast<size_t>(options_.max_candidates)) v.resize(options_.max_candidates);
  }
  // Serial numbers (CandidatesFor de-duplicates by them).
  uint32_t serial = 0;
  for (auto& [k, v] : by_fold_)
    for (Candidate& c : v) c.serial = serial++;
  candidate_count_ = serial;
  // The packed folded forms, for FoldList.
  size_t slots = 16;
  while (slots < by_fold_.size() * 2) slots <<= 1;
  fold_slots_.assign(slots, FoldSlot{});
  fold_mask_ = slots - 1;
  fold_shift_ = 64 - __builtin_ctzll(slots);
  for (const auto& [k, v] : by_fold_) {
    const uint64_t p = PackFolded(ToU32(k));
    if (p == 0) continue;  // not ASCII: by_fold_ answers
    if (FoldKey(ToU32(k)) != k) fold_slots_complete_ = false;
    uint64_t h = (p * 0x9E3779B97F4A7C15ull) >> fold_shift_;
    while (fold_slots_[h].key != 0) h = (h + 1) & fold_mask_;
    fold_slots_[h] = {p, &v};
  }
  BuildWordIndex(std::move(inventory));
}

namespace {

// FNV-1a over the bytes of a token, for the word index.
inline uint64_t HashText(std::string_view w) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (unsigned char c : w) h = (h ^ c) * 0x100000001b3ull;
  return h ^ (h >> 29);
}

}  // namespace

const std::vector<Restorer::Candidate>* Restorer::FoldList(std::u32string_view lower) const {
  if (const uint64_t k = PackFolded(lower)) {
    for (uint64_t h = (k * 0x9E3779B97F4A7C15ull) >> fold_shift_;; h = (h + 1) & fold_mask_) {
      const FoldSlot& s = fold_slots_[h];
      if (s.key == k) return s.list;
      if (s.key == 0) break;
    }
    if (fold_slots_complete_) return nullptr;
  }
  auto it = by_fold_.find(FoldKey(lower));
  return it == by_fold_.end() ? nullptr : &it->second;
}

const std::vector<Restorer::RuleGroup>* Restorer::RulesAt(char32_t first) const {
  if (first < 0x80) return rules_ascii_[first].empty() ? nullptr : &rules_ascii_[first];
  auto it = rules_other_.find(first);
  return it == rules_other_.end() ? nullptr : &it->second;
}

void Restorer::BuildWordIndex(std::vector<std::u32string> inventory) {
  // Words of letters only: the tokenizer makes each one word token whose
  // LmKey is its lower case (restorer_test checks this on the inventory).
  std::vector<std::pair<std::u32string, bool>> lowers;  // lower case; known to parse
  for (auto& s : inventory) lowers.emplace_back(std::move(s), true);
  for (const auto& [k, v] : by_fold_) lowers.emplace_back(ToU32(k), false);
  for (WordId id = 3; id < model_->vocab_size(); ++id) lowers.emplace_back(ToU32(model_->Word(id)), false);
  size_t slots = 16;
  while (slots < lowers.size() * 4) slots <<= 1;
  word_slots_.assign(slots, 0);
  word_mask_ = slots - 1;
  words_.reserve(lowers.size() * 2);
  auto insert = [&](WordInfo w) {
    uint64_t h = HashText(w.key) & word_mask_;
    while (word_slots_[h] != 0) {
      if (words_[word_slots_[h] - 1].key == w.key) return;
      h = (h + 1) & word_mask_;
    }
    words_.push_back(std::move(w));
    word_slots_[h] = static_cast<uint32_t>(words_.size());
  };
  for (const auto& [u, known_valid] : lowers) {
    if (u.empty()) continue;
    bool ok = true;
    for (char32_t c : u)
      if (!normalize::IsVietnameseLetter(c) || LowerChar(c) != c) ok = false;
    if (!ok) continue;
    WordInfo w;
    w.key = ToUtf8(u);
    if (FindWord(w.key) != nullptr) continue;
    Syllable syl;
    w.valid = known_valid || ParseSyllable(u, &syl);
    w.list = FoldList(u);
    w.id = model_->Id(w.key);
    w.local_id = local_ ? local_->Id(w.key) : kUnk;
    for (char32_t c : u) if (HasMark(c)) w.has_marks = true;
    w.lower = u;
    // Capitalized: the same analysis, marks and capitals read off its own
    // letters, when its letters lower back to this word.
    std::u32string cap(u);
    cap[0] = normalize::UpperChar(cap[0]);
    if (cap != u && LowerChar(cap[0]) == u[0]) {
      WordInfo c = w;
      c.key = ToUtf8(cap);
      c.has_marks = false;
      for (char32_t x : cap) {
        if (HasMark(x)) c.has_marks = true;
        if (normalize::IsUpperChar(x)) c.any_upper = true;
      }
      insert(std::move(c));
    }
    for (char32_t x : u) if (normalize::IsUpperChar(x)) w.any_upper = true;
    insert(std::move(w));
  }
}

const Restorer::WordInfo* Restorer::FindWord(std::string_view text) const {
  uint64_t h = HashText(text) & word_mask_;
  while (true) {
    const uint32_t s = word_slots_[h];
    if (s == 0) return nullptr;
    if (words_[s - 1].key == text) return &words_[s - 1];
    h = (h + 1) & word_mask_;
  }
}

size_t Restorer::memory_bytes() const {
  size_t b = model_->memory_bytes() + (local_ ? local_->memory_bytes() : 0);
  for (const auto& [k, v] : by_fold_) b += 64 + k.size() * 4 + v.size() * (sizeof(Candidate) + 32);
  b += words_.capacity() * sizeof(WordInfo) + word_slots_.capacity() * 4;
  for (const WordInfo& w : words_) {
    if (w.key.capacity() > 15) b += w.key.capacity() + 1;
    if (w.lower.capacity() > 3) b += (w.lower.capacity() + 1) * 4;
  }
  return b;
}

float Restorer::Score(const WordId* h, WordId w, const WordId* lh, WordId lw) const {
  float s = model_->LogProb(h, 3, w);
  if (!local_) return s;
  float l = local_->LogProb(lh, 3, lw);
  const float lambda = options_.local_weight;
  float hi = std::max(s, l);
  return hi + std::log((1 - lambda) * std::exp(s - hi) + lambda * std::exp(l - hi));
}

void Restorer::CandidatesFor(std::u32string_view lower, const std::vector<Candidate>* list, bool ocr_noisy,
                             bool marked_context, std::vector<std::pair<const Candidate*, float>>* out_ptr) const {
  std::vector<std::pair<const Candidate*, float>>& out = *out_ptr;
  out.clear();
  thread_local std::vector<std::pair<uint64_t, uint32_t>> seen_at;  // (generation, index in out)
  thread_local uint64_t last_generation = 0;
  const uint64_t generation = ++last_generation;
  if (seen_at.size() < candidate_count_) seen_at.resize(candidate_count_, {0, 0});
  bool stamped = false;
  auto stamp_first = [&] {  // the first list went in without stamps
    for (size_t i = 0; i < out.size(); ++i) seen_at[out[i].first->serial] = {generation, static_cast<uint32_t>(i)};
  };
  auto add_list = [&](const std::vector<Candidate>& candidates, float cost) {
    if (out.empty()) {  // the first list needs no de-duplication
      for (const Candidate& c : candidates) out.emplace_back(&c, cost);
      return;
    }
    if (!stamped) {
      stamp_first();
      stamped = true;
    }
    // Where each candidate already is in `out`, by its serial number
    // (stamped with this call's generation; thread-local).
    for (const Candidate& c : candidates) {
      if (seen_at[c.serial].first == generation) {
        auto& o = out[seen_at[c.serial].second];
        o.second = std::min(o.second, cost);
      } else {
        seen_at[c.serial] = {generation, static_cast<uint32_t>(out.size())};
        out.emplace_back(&c, cost);
      }
    }
  };
  if (list != nullptr) add_list(*list, marked_context ? 2.0f : 0.0f);
  const bool clean = !out.empty();
  // One list alone was filtered when the index was built.
  if (clean && (!ocr_noisy || rules_.empty())) {
    if (out.front().first->id == kUnk && !out.front().first->seen_locally)
      for (auto& o : out) o.second += 8.0f;
    return;
  }
  if (!rules_.empty() && (!clean || ocr_noisy)) {
    // Variants one (and, for tokens that are no syllable at all, two)
    // confusions away: at each position, the rules whose OCR string starts
    // there, shortest first, each rule's truths cheapest first. Variants
    // live in fixed buffers (at most 7 letters, as syllables).
    struct Variant {
      std::array<char32_t, 7> c;
      uint8_t n;
      float cost;
      std::u32string_view view() const { return {c.data(), n}; }
    };
    thread_local std::vector<Variant> frontier, next;
    const std::u32string f = FoldU32(lower);
    const int depth = clean ? 1 : 2;
    auto expand = [&](std::u32string_view s, float cost, bool keep) {
      for (size_t i = 0; i < s.size(); ++i) {
        const std::vector<RuleGroup>* groups = RulesAt(s[i]);
        if (groups == nullptr) continue;
        for (const RuleGroup& g : *groups) {
          const size_t len = g.ocr.size();
          if (i + len > s.size()) break;
          if (s.substr(i, len) != g.ocr) continue;
          for (const Rule& r : *g.rules) {
            const float c = cost + r.cost;
            if (c > options_.max_confusion_cost) break;
            const size_t n = s.size() - len + r.truth.size();
            if (n == 0 || n > 7) continue;
            Variant v;
            v.n = static_cast<uint8_t>(n);
            v.cost = c;
            char32_t* o = std::copy(s.begin(), s.begin() + i, v.c.begin());
            o = std::copy(r.truth.begin(), r.truth.end(), o);
            std::copy(s.begin() + i + len, s.end(), o);
            if (const std::vector<Candidate>* l = FoldList(v.view())) add_list(*l, c);
            if (keep) next.push_back(v);
          }
        }
      }
    };
    next.clear();
    expand(f, 0.0f, depth > 1);
    for (int d = 1; d < depth; ++d) {
      frontier.swap(next);
      next.clear();
      if (frontier.size() > 400) {
        std::partial_sort(frontier.begin(), frontier.begin() + 400, frontier.end(),
                          [](const Variant& a, const Variant& b) { return a.cost < b.cost; });
        frontier.resize(400);
      }
      for (const Variant& v : frontier) expand(v.view(), v.cost, d + 1 < depth);
    }
  }
  // Syllables the model never saw only when nothing else fits.
  bool any_seen = false;
  auto seen = [](const Candidate* c) { return c->id != kUnk || c->seen_locally; };
  for (const auto& o : out) if (seen(o.first)) any_seen = true;
  if (any_seen) {
    out.erase(std::remove_if(out.begin(), out.end(), [&](const auto& o) { return !seen(o.first); }),
              out.end());
  } else {
    for (auto& o : out) o.second += 8.0f;
  }
  // Drop what is far less likely than the best, then keep the best k by
  // unigram minus channel cost.
  float top = -1e30f;
  for (const auto& o : out) top = std::max(top, o.first->unigram - o.second);
  out.erase(std::remove_if(out.begin(), out.end(),
                           [&](const auto& o) { return o.first->unigram - o.second < top - options_.prune_margin; }),
            out.end());
  const size_t k = static_cast<size_t>(options_.max_candidates);
  if (out.size() > k) {
    std::partial_sort(out.begin(), out.begin() + k, out.end(), [](const auto& a, const auto& b) {
      return a.first->unigram - a.second > b.first->unigram - b.second;
    });
    out.resize(k);
  }
}

namespace {

struct Option {
  const Restorer::Candidate* cand = nullptr;  // nullptr: the token as it is
  WordId id = kUnk, local_id = kUnk;
  float channel = 0;
};

struct Position {
  size_t token = 0;
  bool word = false;
  uint32_t first = 0, count = 0;  // its options in Scratch::options
};

struct Hyp {
  float score;
  WordId w[3], l[3];  // the last three words (shipped and local ids), oldest first
  int back;           // index in the previous position's hypotheses
  int opt;
  NodeId state;       // the shipped model's node of the last order−1 words, or kNoNode
};

// Hypotheses that share the words the lower orders look at share their
// scores: one group per distinct such words, one slot per (group, option).
struct Group {
  WordId w1, w2, l2;  // w1 only matters for order 4
  size_t at;          // its k lower-order scores (and next states) in `lower`
};

// The working storage of RestoreLine, one per thread and kept from line to
// line so that a line allocates (almost) nothing.
struct Scratch {
  std::vector<Option> options;
  std::vector<std::pair<const Restorer::Candidate*, float>> cands;
  std::vector<Position> pos;
  std::vector<Hyp> hyps, cand;
  std::vector<size_t> at;
  std::vector<float> lower, floor, max_lp, conf;
  std::vector<NodeId> next_state;
  std::vector<Group> groups;
  std::vector<int> group_of, slot, chosen;
};
thread_local Scratch scratch;

}  // namespace

RestoredLine Restorer::RestoreLine(std::string_view raw, RestoreMode mode) const {
  RestoredLine result;
  Scratch& sc = scratch;
  const std::string line = normalize::NormalizeText(raw);
  const std::vector<Token> tokens = Tokenize(line);

  // Which mode: does the line already read as marked Vietnamese?
  int syllables = 0, marked = 0, invalid = 0;
  // Each word's analysis: from the word index, or made here for words it
  // lacks (own: their lower case).
  std::vector<std::u32string_view> lowers(tokens.size());
  std::vector<std::u32string> own(tokens.size());
  std::vector<const WordInfo*> info(tokens.size(), nullptr);
  std::vector<const std::vector<Candidate>*> lists(tokens.size(), nullptr);
  std::vector<char> valid(tokens.size(), 0), has_marks(tokens.size(), 0);
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i].kind != TokenKind::kWord) continue;
    if (const WordInfo* w = FindWord(tokens[i].text)) {
      info[i] = w;
      lowers[i] = w->lower;
      lists[i] = w->list;
      has_marks[i] = w->has_marks;
      valid[i] = w->valid;
    } else {
      std::u32string u = ToU32(tokens[i].text);
      for (auto& c : u) {
        if (HasMark(c)) has_marks[i] = 1;
        c = LowerChar(c);
      }
      Syllable s;
      valid[i] = ParseSyllable(u, &s);
      own[i] = std::move(u);
      lowers[i] = own[i];
      lists[i] = FoldList(lowers[i]);
    }
    if (valid[i]) {
      ++syllables;
      if (has_marks[i]) ++marked;
    } else {
      ++invalid;
    }
  }
  // OCR debris: words with digits inside (s6, 1y) and words that are no
  // syllable even without marks (ctia, nhimg, lwc); upper-case
  // abbreviations (PCI, UBND) are not debris.
  int debris = 0;
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i].kind != TokenKind::kWord || valid[i]) continue;
    bool digit = false;
    for (char c : tokens[i].text) if (c >= '0' && c <= '9') digit = true;
    if (digit || (!AllUpperAscii(tokens[i].text) && lists[i] == nullptr)) ++debris;
  }
  (void)invalid;
  if (mode == RestoreMode::kAuto) {
    // Marked Vietnamese has marks on most syllables; English-model OCR keeps
    // a few wrong ones and leaves debris (tiép, s6) that is no syllable.
    const bool marked_text = marked > 0 && (marked * 2 >= syllables || (debris == 0 && marked * 4 >= syllables));
    mode = marked_text ? RestoreMode::kRepair : RestoreMode::kFull;
  }
  const bool noisy = debris > 0 || mode == RestoreMode::kOcr;
  if (mode == RestoreMode::kOcr) mode = RestoreMode::kFull;
  result.mode = mode;
  const bool repair = mode == RestoreMode::kRepair;

  auto lm_id = [&](const std::string& key, WordId* id, WordId* lid) {
    *id = model_->Id(key);
    *lid = local_ ? local_->Id(key) : kUnk;
  };

  std::vector<Position>& pos = sc.pos;
  pos.clear();
  sc.options.clear();
  for (size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    Position p;
    p.token = i;
    p.first = static_cast<uint32_t>(sc.options.size());
    // In OCR text a lone digit or two may be a syllable read wrong (nhà 6
    // xã hội → ở, tỷ 16 → lệ): such numbers get candidates too, and stay
    // numbers at no cost.
    const bool ocr_number = noisy && !repair && t.kind == TokenKind::kNumber && t.text.size() <= 2;
    if (ocr_number) {
      own[i] = ToU32(t.text);
      lowers[i] = own[i];
      lists[i] = FoldList(lowers[i]);
    }
    p.word = t.kind == TokenKind::kWord || ocr_number;
    Option keep;
    if (info[i] != nullptr) {
      keep.id = info[i]->id;
      keep.local_id = info[i]->local_id;
    } else {
      lm_id(LmKey(t), &keep.id, &keep.local_id);
    }
    bool pass = !p.word;
    if (p.word) {
      const bool next_dot = i + 1 < tokens.size() && (tokens[i + 1].text == "." || tokens[i + 1].text == ")");
      if (IsRoman(t.text)) {
        // I., VI), "Chương VI", a table cell "VI": numerals. Inside an
        // upper-case heading (VI PHẠM) it is a word.
        auto upper_word = [&](size_t j) {
          return tokens[j].kind == TokenKind::kWord && !lowers[j].empty() && ToUtf8(lowers[j]) != tokens[j].text &&
                 utf8::Upper(tokens[j].text) == tokens[j].text;
        };
        const bool heading = (i > 0 && upper_word(i - 1)) || (i + 1 < tokens.size() && upper_word(i + 1));
        if (next_dot || !heading) pass = true;
      }
      if (!valid[i] && AllUpperAscii(t.text)) {
        // UBND, TTHC, PCI: an abbreviation, unless it folds onto syllables.
        if (lists[i] == nullptr) pass = true;
      }
      if (repair && valid[i]) pass = true;
    }
    if (!pass) {
      CandidatesFor(lowers[i], lists[i], noisy, repair, &sc.cands);
      for (const auto& [c, cost] : sc.cands) {
        Option o;
        o.cand = c;
        o.id = c->id;
        o.local_id = c->local_id;
        o.channel = -cost;
        if (has_marks[i] && c->text == lowers[i] && !repair) o.channel += options_.keep_marks_bonus;
        sc.options.push_back(o);
      }
      // The token as it is stays possible unless it is a syllable we already
      // offer, at a price when it is no syllable.
      if (!valid[i] || sc.options.size() == p.first) {
        // No syllable (PCI-like words, names, OCR debris): it may stay as it
        // is; garbage the model has never seen pays for it.
        keep.channel = ocr_number ? 0.0f : repair ? 1.0f : (keep.id == kUnk ? -6.0f : -1.0f);
        sc.options.push_back(keep);
      }
    } else {
      sc.options.push_back(keep);
    }
    p.count = static_cast<uint32_t>(sc.options.size() - p.first);
    pos.push_back(p);
  }

  // Beam search. A hypothesis keeps the last three words and the model's
  // node for its last order−1 words (its state); those that agree on the
  // words the next step depends on recombine.
  const NgramModel& lm = *model_;
  const int order = lm.order();
  const size_t beam = static_cast<size_t>(std::max(1, options_.beam));
  // The beams of all positions one after the other: beam i is
  // hyps[at[i] .. at[i + 1]).
  struct Beams {
    std::vector<Hyp>& hyps;
    std::vector<size_t>& at;
    std::span<const Hyp> operator[](size_t i) const { return {hyps.data() + at[i], at[i + 1] - at[i]}; }
  } beams{sc.hyps, sc.at};
  beams.hyps.clear();
  beams.at.assign(1, 0);
  beams.hyps.reserve((pos.size() + 1) * beam);
  {
    const WordId bos[3] = {kBos, kBos, kBos};
    beams.hyps.push_back({0.0f, {kBos, kBos, kBos}, {kBos, kBos, kBos}, -1, -1, lm.Node(bos, order - 1)});
    beams.at.push_back(1);
  }
  std::vector<Hyp>& cand = sc.cand;
  std::vector<float>& lower = sc.lower;
  std::vector<NodeId>& next_state = sc.next_state;
  std::vector<Group>& groups = sc.groups;
  std::vector<int>& group_of = sc.group_of;
  std::vector<int>& slot = sc.slot;
  std::vector<float>& floor = sc.floor;    // a min-heap of scores
  std::vector<float>& max_lp = sc.max_lp;  // per option bounds
  auto opts_of = [&](size_t i) { return std::span<const Option>(sc.options.data() + pos[i].first, pos[i].count); };
  for (size_t i = 0; i < pos.size(); ++i) {
    cand.clear();
    const std::span<const Option> opts = opts_of(i);
    const size_t k = opts.size();
    groups.clear();
    lower.clear();
    next_state.clear();
    const std::span<const Hyp> from = beams[i];
    group_of.assign(from.size(), 0);
    // Upper bounds of each option's ln p (0 with a local model mixed in).
    max_lp.clear();
    for (const Option& op : opts) max_lp.push_back(local_ ? 0.0f : lm.MaxLogProb(op.id));
    for (size_t h = 0; h < from.size(); ++h) {
      const Hyp& hp = from[h];
      const WordId gw1 = order >= 4 ? hp.w[1] : 0;
      int g = -1;
      for (size_t x = 0; x < groups.size(); ++x)
        if (groups[x].w1 == gw1 && groups[x].w2 == hp.w[2] && groups[x].l2 == hp.l[2]) g = static_cast<int>(x);
      if (g < 0) {
        // The lower orders see the last order−2 words of the history; their
        // node's children give p(option | those words) and the state after.
        const WordId* lh = hp.w + (3 - (order - 2));
        const NodeId gnode = lm.Node(lh, order - 2);
        if (order == 3)
          for (size_t o = 0; o < k; ++o) lm.PrefetchBigram(gnode, opts[o].id);
        groups.push_back({gw1, hp.w[2], hp.l[2], lower.size()});
        for (size_t o = 0; o < k; ++o) {
          const WordId w = opts[o].id;
          if (order == 3) {  // one lookup gives the bigram's node and ln p
            const NgramModel::Bigram b = lm.FindBigram(gnode, w);
            lower.push_back(b.node != kNoNode ? b.lp : lm.NodeBackoff(1, gnode) + lm.Unigram(w));
            next_state.push_back(b.node);
            continue;
          }
          const NodeId c = gnode == kNoNode ? kNoNode : lm.Child(order - 2, gnode, w);
          if (c != kNoNode) {
            lower.push_back(lm.NodeLogProb(order - 1, c));
          } else {
            float bo = gnode == kNoNode ? 0.0f : lm.NodeBackoff(order - 2, gnode);
            lower.push_back(bo + (order == 3 ? lm.Unigram(w) : lm.LogProb(lh + 1, order - 3, w)));
          }
          next_state.push_back(c);
        }
        g = static_cast<int>(groups.size()) - 1;
      }
      group_of[h] = g;
      if (hp.state != kNoNode) lm.PrefetchChildren(order - 1, hp.state);
    }
    slot.assign(groups.size() * k, -1);
    // Exact pruning: a new hypothesis whose score cannot reach the beam's
    // current worst is not scored. `floor` holds the best `beam` scores of
    // distinct slots so far (a slot's first score; recombination only
    // raises it), so its minimum never exceeds the final beam's.
    floor.clear();
    float floor_score = -1e30f;  // floor's minimum once it holds `beam` scores
    for (size_t h = 0; h < from.size(); ++h) {
      const Hyp& hp = from[h];
      const Group& gr = groups[group_of[h]];
      const NodeId st = hp.state;
      const float bo = st == kNoNode ? 0.0f : lm.NodeBackoff(order - 1, st);
      // The top order's continuations of this history (none: back off).
      const NgramModel::Range top = st == kNoNode ? NgramModel::Range{0, 0} : lm.ChildRange(order - 1, st);
      for (size_t o = 0; o < k; ++o) {
        const Option& op = opts[o];
        if (hp.score + op.channel + max_lp[o] < floor_score) continue;
        const NodeId c = top.empty() ? kNoNode : lm.ChildIn(order - 1, top, op.id);
        float p = c != kNoNode ? lm.NodeLogProb(order, c) : bo + lower[gr.at + o];
        if (local_) {
          float l = local_->LogProb(hp.l, 3, op.local_id);
          const float w = options_.local_weight;
          float hi = std::max(p, l);
          p = hi + std::log((1 - w) * std::exp(p - hi) + w * std::exp(l - hi));
        }
        const float score = hp.score + op.channel + p;
        int& sl = slot[group_of[h] * k + o];
        if (sl >= 0 && score <= cand[sl].score) continue;
        const Hyp n{score,
              {hp.w[1], hp.w[2], op.id},
              {hp.l[1], hp.l[2], op.local_id},
              static_cast<int>(h),
              static_cast<int>(o),
              next_state[gr.at + o]};
        if (sl < 0) {
          sl = static_cast<int>(cand.size());
          cand.push_back(n);
          if (floor.size() < beam) {
            floor.push_back(score);
            std::push_heap(floor.begin(), floor.end(), std::greater<float>());
            if (floor.size() == beam) floor_score = floor.front();
          } else if (score > floor.front()) {
            std::pop_heap(floor.begin(), floor.end(), std::greater<float>());
            floor.back() = score;
            std::push_heap(floor.begin(), floor.end(), std::greater<float>());
            floor_score = floor.front();
          }
        } else {
          cand[sl] = n;
        }
      }
    }
    const size_t keep = std::min(cand.size(), static_cast<size_t>(options_.beam));
    std::partial_sort(cand.begin(), cand.begin() + keep, cand.end(),
                      [](const Hyp& a, const Hyp& b) { return a.score > b.score; });
    cand.resize(keep);
    // Hypotheses far below the best are dropped (beam_margin nats).
    if (!cand.empty())
      while (cand.size() > 1 && cand.back().score < cand.front().score - options_.beam_margin) cand.pop_back();
    beams.hyps.insert(beams.hyps.end(), cand.begin(), cand.end());
    beams.at.push_back(beams.hyps.size());
  }
  int best = 0;
  float best_score = -1e30f;
  const std::span<const Hyp> last = beams[pos.size()];
  for (size_t h = 0; h < last.size(); ++h) {
    float s = last[h].score + Score(last[h].w, kEos, last[h].l, kEos);
    if (s > best_score) {
      best_score = s;
      best = static_cast<int>(h);
    }
  }
  std::vector<int>& chosen = sc.chosen;
  chosen.assign(pos.size(), 0);
  for (size_t i = pos.size(); i > 0; --i) {
    const Hyp& h = beams[i][best];
    chosen[i - 1] = h.opt;
    best = h.back;
  }

  // Confidence: local posterior of the chosen option given its neighbours.
  auto id_at = [&](long k) -> WordId {
    if (k < 0) return kBos;
    if (k >= static_cast<long>(pos.size())) return kEos;
    return sc.options[pos[k].first + chosen[k]].id;
  };
  auto lid_at = [&](long k) -> WordId {
    if (k < 0) return kBos;
    if (k >= static_cast<long>(pos.size())) return kEos;
    return sc.options[pos[k].first + chosen[k]].local_id;
  };

  // Rebuild the line with its spacing.
  std::string out;
  out.reserve(line.size() + 16);
  size_t at = 0;
  float conf_sum = 0;
  for (size_t i = 0; i < pos.size(); ++i) {
    const Token& t = tokens[pos[i].token];
    out.append(line, at, t.begin - at);
    at = t.end;
    const Option& op = sc.options[pos[i].first + chosen[i]];
    // A token without capitals takes the candidate as it is (ApplyCase
    // would change nothing).
    std::string text = op.cand == nullptr                             ? t.text
                       : info[pos[i].token] && !info[pos[i].token]->any_upper ? op.cand->utf8
                                                                      : ToUtf8(ApplyCase(ToU32(t.text), op.cand->text));
    out += text;
    if (!pos[i].word) continue;
    float conf = 1.0f;
    if (pos[i].count > 1) {
      // Best forward score through each option (left context, channel),
      // plus the trigram into the chosen next word (right context).
      const long k = static_cast<long>(i);
      std::vector<float>& s = sc.conf;
      s.assign(pos[i].count, -1e30f);
      for (const Hyp& h : beams[i + 1]) s[h.opt] = std::max(s[h.opt], h.score);
      float hi = -1e30f;
      for (size_t o = 0; o < s.size(); ++o) {
        if (s[o] <= -1e29f) continue;
        const Option& x = sc.options[pos[i].first + o];
        const WordId h3[3] = {id_at(k - 2), id_at(k - 1), x.id};
        const WordId l3[3] = {lid_at(k - 2), lid_at(k - 1), x.local_id};
        s[o] += Score(h3, id_at(k + 1), l3, lid_at(k + 1));
        hi = std::max(hi, s[o]);
      }
      float z = 0;
      for (float v : s) if (v > -1e29f) z += std::exp(v - hi);
      conf = s[chosen[i]] > -1e29f ? std::exp(s[chosen[i]] - hi) / z : 0.0f;
    }
    RestoredToken rt;
    rt.text = text;
    rt.original = t.text;
    rt.confidence = conf;
    rt.changed = text != t.text;
    if (rt.changed) ++result.changed;
    conf_sum += conf;
    result.words.push_back(std::move(rt));
  }
  out.append(line, at, std::string::npos);
  result.text = std::move(out);
  result.confidence = result.words.empty() ? 1.0f : conf_sum / result.words.size();
  return result;
}

namespace {

bool LacksMarks(const std::string& text) {
  int syllables = 0, marked = 0;
  for (const Token& t : Tokenize(text)) {
    if (t.kind != TokenKind::kWord) continue;
    std::u32string u = ToU32(t.text);
    bool m = false;
    for (auto& c : u) {
      if (HasMark(c)) m = true;
      c = LowerChar(c);
    }
    Syllable s;
    if (ParseSyllable(u, &s)) {
      ++syllables;
      if (m) ++marked;
    }
  }
  return syllables > 0 && marked * 2 < syllables;
}

}  // namespace

int Restorer::RestoreDocument(Document* doc) const {
  int changed = 0;
  auto restore_lines = [&](std::vector<Line>* lines, bool ocr) {
    for (Line& l : *lines) {
      const bool low_conf = ocr && l.confidence < 90;  // unknown confidence (-1) included
      const bool unmarked = LacksMarks(l.text);
      if (!low_conf && !unmarked) continue;
      RestoredLine r = RestoreLine(l.text, ocr && unmarked ? RestoreMode::kOcr : RestoreMode::kAuto);
      if (r.text == l.text) continue;
      if (l.original.empty()) l.original = l.text;
      l.text = r.text;
      changed += r.changed;
      // Carry word-level changes over when the words line up one to one.
      size_t k = 0;
      for (Word& w : l.words) {
        while (k < r.words.size() && r.words[k].original != w.text) ++k;
        if (k == r.words.size()) break;
        if (r.words[k].changed) {
          if (w.original.empty()) w.original = w.text;
          w.text = r.words[k].text;
        }
        ++k;
      }
    }
  };
  for (Page& p : doc->pages) {
    const bool ocr = p.source == TextSource::kOcr;
    for (Block& b : p.blocks) {
      restore_lines(&b.lines, ocr);
      for (auto& row : b.table.rows)
        for (Cell& c : row) restore_lines(&c.lines, ocr);
    }
  }
  return changed;
}

void AddTextToBuilder(std::string_view text, NgramBuilder* builder) {
  std::vector<std::string> keys;
  size_t start = 0;
  while (start <= text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view raw = text.substr(start, nl - start);
    start = nl + 1;
    if (raw.empty() || raw[0] == '#') continue;
    std::string line = normalize::NormalizeText(raw);
    keys.clear();
    for (const Token& t : Tokenize(line)) keys.push_back(LmKey(t));
    builder->AddSentence(keys);
    if (nl == text.size()) break;
  }
}

Status BuildLocalModel(const std::vector<std::string>& texts, const std::string& path) {
  NgramBuilder b;
  for (const auto& t : texts) AddTextToBuilder(t, &b);
  if (b.tokens() == 0) return InvalidArgument("no text to build a local model from");
  return b.Write(path);
}

}  // namespace vanban::restore
