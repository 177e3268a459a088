// restore_bench: how well and how fast the Restorer puts marks back.
//
//   restore_bench [--seeds DIR] [--max-lines N] [--rounds N] [--eng-pages DIR]
// (--eng-pages: DIR holds held-out text rendered to images and read back by
// Tesseract's English model, as tools/bench-restore makes it: pageN.txt is
// the text, pageN.eng.txt the OCR. With --write-pages DIR N the bench only
// writes N such text pages of held-out lines and exits.)
// (--rounds: the speed loop restores the stripped text exactly N times
// instead of for 2 s of wall clock, for fixed work under a profiler;
// SPEED_ONLY=1 in the environment skips the accuracy runs; DUMP=FILE writes
// every restored line with its words' confidences, to compare two builds.)
//
// On the held-out administrative text (corpus/lm/admin files numbered 09,
// 19, ...; never trained on):
//   1. strip every mark → restore → syllable accuracy, overall and on the
//      syllables that carry marks; beside it the baselines "no restoration"
//      and "greedy" (beam 1);
//   2. the same with OCR noise injected from corpus/lm/confusion.tsv;
//   3. damage: restore the correctly marked text, count words changed;
//   4. seed 000 (English-model OCR of a real plan), when present: how many
//      key phrases come out right;
//   5. syllables/s on one core, model load time, resident memory.
#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <random>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "core/utf8.h"
#include "normalize/normalize.h"
#include "normalize/syllable.h"
#include "restore/restorer.h"
#include "restore/tokenize.h"

namespace fs = std::filesystem;
using namespace vanban;
using restore::Restorer;
using restore::RestoreMode;

namespace {

double CpuNow() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

double Now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

long RssKb() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  return -1;
}

std::string Strip(const std::string& s) {
  std::u32string u = normalize::ToU32(s);
  for (auto& c : u) c = normalize::FoldLetter(c);
  return normalize::ToUtf8(u);
}

std::vector<std::string> Words(const std::string& line) {
  std::vector<std::string> w;
  for (const auto& t : restore::Tokenize(line))
    if (t.kind == restore::TokenKind::kWord) w.push_back(t.text);
  return w;
}

bool Marked(const std::string& w) {
  for (char32_t c : normalize::ToU32(w))
    if (normalize::HasMark(c)) return true;
  return false;
}

struct Acc {
  bool show = false;
  long total = 0, right = 0, marked = 0, marked_right = 0, lines = 0, misaligned = 0;
  void Add(const std::string& truth, const std::string& out) {
    auto a = Words(truth), b = Words(out);
    ++lines;
    if (a.size() != b.size()) {
      if (show) std::printf("    misaligned: %s\n             %s\n", truth.c_str(), out.c_str());
      ++misaligned;
      total += a.size();
      for (const auto& w : a) if (Marked(w)) ++marked;
      return;
    }
    for (size_t i = 0; i < a.size(); ++i) {
      ++total;
      bool ok = a[i] == b[i];
      if (!ok && show) std::printf("    want %s got %s\n", a[i].c_str(), b[i].c_str());
      right += ok;
      if (Marked(a[i])) {
        ++marked;
        marked_right += ok;
      }
    }
  }
  void Print(const char* name) const {
    std::printf("  %-28s syllables %6.2f%% (%ld/%ld)   marked syllables %6.2f%% (%ld/%ld)%s\n", name,
                100.0 * right / std::max(1L, total), right, total, 100.0 * marked_right / std::max(1L, marked),
                marked_right, marked, misaligned ? "  [some lines misaligned]" : "");
  }
};

// Injects OCR noise: marks dropped, then letter confusions drawn from the
// confusion model's probabilities P(ocr | truth).
struct Noise {
  std::vector<std::tuple<std::string, std::string, double>> rules;  // truth, ocr, p
  std::mt19937 rng{12345};
  bool Load(const std::string& path) {
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == '#') continue;
      auto f = utf8::Split(line, '\t');
      if (f.size() < 4) continue;
      std::string ocr(f[0]), truth(f[1] == "-" ? "" : f[1]);
      if (truth.empty() || ocr == truth) continue;
      double p = std::exp(-std::strtod(std::string(f[3]).c_str(), nullptr));
      rules.emplace_back(truth, ocr, p);
    }
    return !rules.empty();
  }
  std::string Apply(const std::string& marked) {
    std::string s = Strip(marked);
    std::string out;
    std::uniform_real_distribution<double> u(0, 1);
    size_t i = 0;
    while (i < s.size()) {
      bool done = false;
      if (std::isalpha(static_cast<unsigned char>(s[i]))) {
        for (const auto& [truth, ocr, p] : rules) {
          if (s.compare(i, truth.size(), truth) == 0 && u(rng) < p) {
            out += ocr;
            i += truth.size();
            done = true;
            break;
          }
        }
      }
      if (!done) out.push_back(s[i++]);
    }
    return out;
  }
};

// Words of a whole text, in order.
std::vector<std::string> TextWords(const std::string& text) {
  std::vector<std::string> all;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    for (auto& w : Words(line)) all.push_back(std::move(w));
  }
  return all;
}

// Truth words matched exactly by `out` after a word-level alignment (edit
// distance, unit costs): OCR splits and joins lines and words, so the texts
// are aligned as wholes, not line by line.
long AlignedRight(const std::vector<std::string>& truth, const std::vector<std::string>& out) {
  const size_t n = truth.size(), m = out.size();
  std::vector<std::vector<int>> d(n + 1, std::vector<int>(m + 1));
  for (size_t i = 0; i <= n; ++i) d[i][0] = static_cast<int>(i);
  for (size_t j = 0; j <= m; ++j) d[0][j] = static_cast<int>(j);
  for (size_t i = 1; i <= n; ++i)
    for (size_t j = 1; j <= m; ++j)
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (truth[i - 1] == out[j - 1] ? 0 : 1)});
  long right = 0;
  for (size_t i = n, j = m; i > 0 && j > 0;) {
    if (d[i][j] == d[i - 1][j - 1] + (truth[i - 1] == out[j - 1] ? 0 : 1)) {
      right += truth[i - 1] == out[j - 1];
      --i, --j;
    } else if (d[i][j] == d[i - 1][j] + 1) {
      --i;
    } else {
      --j;
    }
  }
  return right;
}

std::vector<std::string> HeldOutLines(const std::string& src, size_t max_lines) {
  std::vector<std::string> lines;
  std::vector<fs::path> files;
  const std::regex held("^[a-z]+-[0-9]*9[-.].*\\.txt$");
  if (fs::exists(src + "/corpus/lm/admin"))
    for (const auto& e : fs::directory_iterator(src + "/corpus/lm/admin"))
      if (std::regex_match(e.path().filename().string(), held)) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    std::ifstream in(f);
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == '#') continue;
      std::string n = normalize::NormalizeText(line);
      if (Words(n).empty()) continue;
      lines.push_back(n);
      if (lines.size() >= max_lines) return lines;
    }
  }
  return lines;
}

}  // namespace

int main(int argc, char** argv) {
  std::string src = VANBAN_SOURCE_DIR_STR;
  std::string seeds = src + "/../shared/seeds";
  size_t max_lines = 100000;
  int fixed_rounds = 0;
  std::string eng_pages, write_pages;
  int page_count = 0;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    if (a == "--eng-pages") eng_pages = argv[i + 1];
    else if (a == "--write-pages" && i + 2 < argc) {
      write_pages = argv[i + 1];
      page_count = std::stoi(argv[i + 2]);
      ++i;
    } else if (a == "--seeds") seeds = argv[i + 1];
    else if (a == "--max-lines") max_lines = std::stoul(argv[i + 1]);
    else if (a == "--rounds") fixed_rounds = std::stoi(argv[i + 1]);
  }
  if (!write_pages.empty()) {
    // Pages of 25 held-out lines, spread over the held-out set.
    auto all = HeldOutLines(src, max_lines);
    for (int p = 0; p < page_count && !all.empty(); ++p) {
      std::ofstream out(write_pages + "/page" + std::to_string(p) + ".txt");
      size_t from = all.size() * p / page_count;
      for (size_t k = from; k < std::min(all.size(), from + 25); ++k) out << all[k] << "\n";
    }
    return 0;
  }
  long rss0 = RssKb();
  double t0 = Now(), tc0 = CpuNow();
  auto loaded = Restorer::Load(Restorer::Paths::Default());
  double load_s = Now() - t0, load_cpu = CpuNow() - tc0;
  if (!loaded.ok()) {
    std::cerr << "restore_bench: " << loaded.status().ToString() << "\n";
    return 1;
  }
  long rss1 = RssKb();
  Restorer::Options ours_opt;
  if (const char* b = std::getenv("BEAM")) ours_opt.beam = std::atoi(b);
  if (const char* k = std::getenv("CANDS")) ours_opt.max_candidates = std::atoi(k);
  if (const char* m = std::getenv("PRUNE")) ours_opt.prune_margin = std::atof(m);
  if (const char* m = std::getenv("BEAM_MARGIN")) ours_opt.beam_margin = std::atof(m);
  auto loaded2 = Restorer::Load(Restorer::Paths::Default(), ours_opt);
  const Restorer& r = **loaded2;
  Restorer::Options greedy_opt;
  greedy_opt.beam = 1;
  auto greedy = Restorer::Load(Restorer::Paths::Default(), greedy_opt);

  auto lines = HeldOutLines(src, max_lines);
  std::printf("restore_bench: %zu held-out lines; model %zu words, %zu n-grams\n", lines.size(),
              r.model().vocab_size(), r.model().ngram_count());

  std::unique_ptr<std::ofstream> dump;
  if (const char* d = std::getenv("DUMP")) dump = std::make_unique<std::ofstream>(d);
  auto dumped = [&](const restore::RestoredLine& out) -> const std::string& {
    if (dump) {
      *dump << out.text << "\t" << out.changed;
      for (const auto& w : out.words) *dump << " " << w.confidence;
      *dump << "\n";
    }
    return out.text;
  };

  // 1. Stripped text.
  Acc none, base, ours;
  ours.show = std::getenv("SHOW_ERRORS") != nullptr;
  std::vector<std::string> stripped;
  const bool speed_only = std::getenv("SPEED_ONLY") != nullptr;
  for (const auto& t : lines) {
    std::string s = Strip(t);
    stripped.push_back(s);
    if (speed_only) continue;
    none.Add(t, s);
    base.Add(t, (*greedy)->RestoreLine(s, RestoreMode::kFull).text);
    ours.Add(t, dumped(r.RestoreLine(s, RestoreMode::kFull)));
  }
  std::printf("held-out text, marks stripped:\n");
  none.Print("baseline: no restoration");
  base.Print("baseline: greedy (beam 1)");
  ours.Print("restorer (beam search)");

  // 2. OCR noise.
  Noise noise;
  std::vector<std::string> noisy;  // for the speed on OCR-like text
  if (noise.Load(src + "/corpus/lm/confusion.tsv")) {
    Noise copy = noise;
    for (const auto& t : lines) noisy.push_back(copy.Apply(t));
  }
  if (!speed_only && !noisy.empty()) {
    Acc n_none, n_ours;
    n_ours.show = std::getenv("SHOW_NOISY_ERRORS") != nullptr;
    for (size_t i = 0; i < lines.size(); ++i) {
      const std::string& t = lines[i];
      const std::string& s = noisy[i];
      n_none.Add(t, s);
      n_ours.Add(t, dumped(r.RestoreLine(s, RestoreMode::kAuto)));
    }
    std::printf("held-out text, marks stripped + OCR confusions injected from confusion.tsv:\n");
    n_none.Print("baseline: no restoration");
    n_ours.Print("restorer");
  } else {
    std::printf("no confusion model: OCR-noise run skipped\n");
  }

  // 2b. Rendered pages read by Tesseract's English model (the seed 000 case).
  if (!eng_pages.empty() && !speed_only) {
    long total = 0, raw_right = 0, ours_right = 0;
    int pages = 0;
    for (int p = 0;; ++p) {
      std::string base = eng_pages + "/page" + std::to_string(p);
      std::ifstream truth_in(base + ".txt"), ocr_in(base + ".eng.txt");
      if (!truth_in || !ocr_in) break;
      std::stringstream t, o;
      t << truth_in.rdbuf();
      o << ocr_in.rdbuf();
      std::string restored;
      std::istringstream lines_in(o.str());
      for (std::string line; std::getline(lines_in, line);) restored += r.RestoreLine(line, RestoreMode::kOcr).text + "\n";
      auto tw = TextWords(t.str());
      total += tw.size();
      raw_right += AlignedRight(tw, TextWords(o.str()));
      ours_right += AlignedRight(tw, TextWords(restored));
      ++pages;
    }
    std::printf("held-out text rendered at 300 dpi and read by `tesseract -l eng` (%d pages, %ld syllables):\n", pages,
                total);
    std::printf("  %-28s syllables %6.2f%% (%ld/%ld)\n", "baseline: English-model OCR", 100.0 * raw_right / std::max(1L, total),
                raw_right, total);
    std::printf("  %-28s syllables %6.2f%% (%ld/%ld)\n", "restorer (kOcr)", 100.0 * ours_right / std::max(1L, total),
                ours_right, total);
  }

  // 3. Damage on correct text.
  long words = 0, changed = 0;
  for (const auto& t : lines) {
    if (speed_only) break;
    auto out = r.RestoreLine(t, RestoreMode::kAuto);
    dumped(out);
    words += out.words.size();
    changed += out.changed;
    if (out.changed && changed <= 10) std::printf("  damage: %s\n      →  %s\n", t.c_str(), out.text.c_str());
  }
  std::printf("damage on correctly marked held-out text (kAuto): %ld of %ld words changed (%.3f%%)\n",
              changed, words, 100.0 * changed / std::max(1L, words));

  // 4. Seed 000.
  std::string seed;
  if (fs::exists(seeds))
    for (const auto& e : fs::directory_iterator(seeds))
      if (e.path().filename().string().rfind("000_", 0) == 0) seed = e.path();
  if (!seed.empty() && !speed_only) {
    std::ifstream in(seed);
    std::string line, out;
    while (std::getline(in, line)) out += dumped(r.RestoreLine(line)) + "\n";
    std::ofstream("restore_bench_seed000.txt") << out;
    const char* phrases[] = {
        "Ban Quản lý Khu kinh tế Hải Phòng", "Kế hoạch", "nâng cao", "Chỉ số năng lực cạnh tranh",
        "năm 2024", "của", "những", "thành phố", "Nghị quyết số 02/NQ-CP", "Chính phủ", "môi trường kinh doanh",
        "doanh nghiệp", "thủ tục hành chính", "cán bộ, công chức", "chuyển đổi số", "dịch vụ công trực tuyến",
        "Ủy ban nhân dân", "trách nhiệm", "thực hiện", "xếp hạng",
    };
    // Phrases may run over a line break.
    for (auto& c : out) if (c == '\n') c = ' ';
    int hit = 0, n = 0;
    std::printf("seed %s (English-model OCR), key phrases after restoration:\n", fs::path(seed).filename().c_str());
    for (const char* p : phrases) {
      ++n;
      std::string np = normalize::NormalizeText(p);
      bool ok = out.find(np) != std::string::npos;
      hit += ok;
      std::printf("  [%s] %s\n", ok ? "x" : " ", p);
    }
    std::printf("  %d of %d key phrases found\n", hit, n);

  } else {
    std::printf("seed 000 not found (%s): skipped\n", seeds.c_str());
  }

  // 5. Speed, one thread.
  long syl = 0;
  double t1 = Now();
  double c1 = CpuNow();
  int rounds = 0;
  while (fixed_rounds > 0 ? rounds < fixed_rounds : (Now() - t1 < 2.0 || rounds == 0)) {
    for (const auto& s : stripped) syl += r.RestoreLine(s, RestoreMode::kFull).words.size();
    ++rounds;
  }
  double el = Now() - t1;
  double cpu = CpuNow() - c1;
  long rss2 = RssKb();
  std::printf("speed: %.0f syllables/s per CPU-second of one thread (%.0f/s wall clock; %ld syllables, "
              "%.2f s CPU, %.2f s wall); load %.3f s (%.3f s CPU); RSS %ld MB (model +%ld MB, restorer estimate %zu MB)\n",
              syl / cpu, syl / el, syl, cpu, el, load_s, load_cpu, rss2 / 1024, (rss1 - rss0) / 1024, r.memory_bytes() >> 20);
  // The same on the OCR-noisy text (kAuto: confusion candidates where a line
  // has debris), half as long.
  if (!noisy.empty()) {
    long nsyl = 0;
    const double t2 = Now(), c2 = CpuNow();
    int nrounds = 0;
    while (fixed_rounds > 0 ? nrounds < fixed_rounds : (Now() - t2 < 1.0 || nrounds == 0)) {
      for (const auto& s : noisy) nsyl += r.RestoreLine(s, RestoreMode::kAuto).words.size();
      ++nrounds;
    }
    std::printf("speed on OCR-noisy text: %.0f syllables/s per CPU-second of one thread (%ld syllables, %.2f s CPU)\n",
                nsyl / (CpuNow() - c2), nsyl, CpuNow() - c2);
  }
  return 0;
}
