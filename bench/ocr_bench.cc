// ocr_bench: vanban's OCR against the bare `tesseract IMAGE - -l vie`
// command (and `ocrmypdf` when installed) on the same simulated scans.
//
//   ocr_bench [--jobs N] [--work DIR] [--no-ocrmypdf] [DOCUMENT.txt ...]
//
// Each document (default: tests/ocr/data/*.txt and corpus/documents/*.txt
// under VANBAN_SOURCE_DIR or the current directory) is laid out with
// vanban-render's library and rendered as a degraded 300 dpi scan twice: a
// mild one (seeded rotation within ±1.5°) and a hard one (1.5° rotation,
// other grain). Then:
//   (a) quality: CER and WER after NFC (whitespace runs count as one space)
//       per page and overall, vanban vs bare tesseract;
//   (b) speed: pages/s of vanban's Engine with N workers on all pages (one
//       multi-page TIFF) vs N bare tesseract processes in parallel on the same
//       pages as PNG (OMP_THREAD_LIMIT=1, as OCRmyPDF runs it), and
//       `ocrmypdf -l vie --jobs N` on the same pages as an image PDF;
//   peak memory (getrusage) of this process and of the largest child.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "core/document.h"
#include "core/utf8.h"
#include "ocr/metrics.h"
#include "ocr/ocr.h"
#include "render/render.h"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

long g_peak_kb_tesseract = 0, g_peak_kb_ocrmypdf = 0, g_peak_kb_vanban = 0;

// Waits for pid; returns its exit status and raises *peak_kb to its peak RSS.
int Wait(pid_t pid, long* peak_kb) {
  int status = 0;
  struct rusage ru {};
  wait4(pid, &status, 0, &ru);
  if (peak_kb) *peak_kb = std::max(*peak_kb, ru.ru_maxrss);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// Runs argv with stdout to out_path; returns the exit status.
int Run(const std::vector<std::string>& argv, const std::string& out_path, long* peak_kb = nullptr) {
  std::fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    FILE* out = std::fopen(out_path.c_str(), "w");
    if (out) dup2(fileno(out), 1);
    FILE* null = std::fopen("/dev/null", "w");
    if (null) dup2(fileno(null), 2);
    setenv("OMP_THREAD_LIMIT", "1", 1);
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execvp(args[0], args.data());
    _exit(127);
  }
  return Wait(pid, peak_kb);
}

bool Have(const std::string& tool) {
  std::string cmd = "command -v " + tool + " >/dev/null 2>&1";
  return std::system(cmd.c_str()) == 0;
}

// Words of the reference found in the hypothesis, in any order (multiset
// intersection): recognition quality apart from reading order.
vanban::ocr::ErrorCount WordsMissed(const std::string& ref, const std::string& hyp) {
  std::map<std::string, int> bag;
  for (auto w : vanban::utf8::Split(vanban::ocr::NormalizeForScoring(hyp), ' ')) ++bag[std::string(w)];
  vanban::ocr::ErrorCount c;
  for (auto w : vanban::utf8::Split(vanban::ocr::NormalizeForScoring(ref), ' ')) {
    if (w.empty()) continue;
    ++c.reference;
    auto it = bag.find(std::string(w));
    if (it != bag.end() && it->second > 0) --it->second; else ++c.errors;
  }
  return c;
}

struct PageCase {
  std::string name;   // doc/variant/page
  std::string png;
  std::string truth;
};

}  // namespace

int main(int argc, char** argv) {
  int jobs = static_cast<int>(std::thread::hardware_concurrency());
  std::string work = (fs::temp_directory_path() / "vanban-ocr-bench").string();
  bool use_ocrmypdf = true;
  std::vector<std::string> docs;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--jobs" && i + 1 < argc) jobs = std::max(1, std::atoi(argv[++i]));
    else if (a == "--work" && i + 1 < argc) work = argv[++i];
    else if (a == "--no-ocrmypdf") use_ocrmypdf = false;
    else if (a == "--help") { std::cout << "usage: ocr_bench [--jobs N] [--work DIR] [--no-ocrmypdf] [DOC.txt ...]\n"; return 0; }
    else docs.push_back(a);
  }
  if (docs.empty()) {
    const char* src = std::getenv("VANBAN_SOURCE_DIR");
    fs::path root = src ? src : ".";
    for (const char* dir : {"tests/ocr/data", "corpus/documents"}) {
      std::error_code ec;
      std::vector<std::string> found;
      for (auto& e : fs::directory_iterator(root / dir, ec))
        if (e.path().extension() == ".txt") found.push_back(e.path().string());
      std::sort(found.begin(), found.end());
      docs.insert(docs.end(), found.begin(), found.end());
    }
  }
  if (docs.empty()) { std::cerr << "ocr_bench: no documents\n"; return 1; }
  if (!Have("tesseract")) { std::cerr << "ocr_bench: the tesseract command is missing (apt-get install tesseract-ocr)\n"; return 1; }
  fs::create_directories(work);

  // 1. Scans.
  std::vector<PageCase> cases;
  std::vector<vanban::render::PixPtr> all_pages;
  uint32_t seed = 101;
  for (const std::string& doc : docs) {
    auto layout = vanban::render::LayoutDocument(ReadFile(doc));
    if (!layout.ok()) { std::cerr << doc << ": " << layout.status().ToString() << "\n"; continue; }
    std::string truth = layout->Truth();
    std::vector<std::string> page_truth;
    for (auto p : vanban::utf8::Split(truth, '\f')) page_truth.emplace_back(p);
    for (int variant = 0; variant < 2; ++variant) {
      vanban::render::ScanOptions so;
      so.seed = seed++;
      if (variant == 1) so.skew_degrees = (seed % 2) ? 1.5 : -1.5;
      auto pages = vanban::render::RenderScan(*layout, so);
      std::string base = fs::path(doc).stem().string() + (variant ? "/hard" : "/mild");
      fs::create_directories(fs::path(work) / base);
      for (size_t p = 0; p < pages.size(); ++p) {
        PageCase c;
        c.name = base + "/p" + std::to_string(p + 1);
        c.png = (fs::path(work) / base / ("page-" + std::to_string(p + 1) + ".png")).string();
        c.truth = p < page_truth.size() ? page_truth[p] : "";
        std::vector<vanban::render::PixPtr> one;
        one.push_back(std::move(pages[p]));
        if (!vanban::render::WritePngs(one, (fs::path(work) / "tmp").string()).ok()) return 1;
        fs::rename(fs::path(work) / "tmp" / "page-001.png", c.png);
        all_pages.push_back(std::move(one[0]));
        cases.push_back(std::move(c));
      }
    }
  }
  std::string tiff = (fs::path(work) / "all.tif").string();
  std::string pdf = (fs::path(work) / "all.pdf").string();
  if (!vanban::render::WriteTiff(all_pages, tiff).ok() ||
      !vanban::render::WriteScanPdf(all_pages, 300, pdf).ok()) {
    std::cerr << "ocr_bench: cannot write the scans\n";
    return 1;
  }
  all_pages.clear();
  const size_t n = cases.size();
  std::printf("ocr_bench: %zu pages from %zu documents, %d jobs, work dir %s\n", n, docs.size(), jobs, work.c_str());

  // 2. vanban: all pages in one call, N workers, in a child process so that
  // its peak memory is its own.
  std::vector<std::string> ours_text(n);
  std::vector<double> ours_skew(n, 0);
  auto t0 = Clock::now();
  std::fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    vanban::ocr::Options opt;
    opt.jobs = jobs;
    auto engine = vanban::ocr::Engine::Create(opt);
    if (!engine.ok()) { std::cerr << engine.status().ToString() << "\n"; _exit(1); }
    auto ours = (*engine)->RecognizeImageFile(tiff);
    if (!ours.ok() || ours->size() != n) { std::cerr << "vanban OCR failed: " << ours.status().ToString() << "\n"; _exit(1); }
    for (size_t i = 0; i < n; ++i) {
      vanban::Document d;
      d.pages.push_back((*ours)[i]);
      std::ofstream(cases[i].png + ".vanban.txt", std::ios::binary) << d.PlainText();
      std::ofstream(cases[i].png + ".skew") << (*ours)[i].scan.skew_degrees;
    }
    std::cout.flush();
    _exit(0);
  }
  if (Wait(pid, &g_peak_kb_vanban) != 0) { std::cerr << "ocr_bench: vanban OCR failed\n"; return 1; }
  double ours_s = std::chrono::duration<double>(Clock::now() - t0).count();
  for (size_t i = 0; i < n; ++i) {
    ours_text[i] = ReadFile(cases[i].png + ".vanban.txt");
    ours_skew[i] = std::atof(ReadFile(cases[i].png + ".skew").c_str());
  }

  // 3. bare tesseract: N processes in parallel over the PNGs.
  std::vector<std::string> bare_text(n);
  std::atomic<size_t> next{0};
  t0 = Clock::now();
  {
    std::vector<std::thread> pool;
    for (int t = 0; t < jobs; ++t)
      pool.emplace_back([&] {
        for (size_t i = next++; i < n; i = next++) {
          std::string out = cases[i].png + ".bare.txt";
          Run({"tesseract", cases[i].png, "-", "-l", "vie"}, out, &g_peak_kb_tesseract);
          bare_text[i] = ReadFile(out);
        }
      });
    for (auto& th : pool) th.join();
  }
  double bare_s = std::chrono::duration<double>(Clock::now() - t0).count();

  // 4. ocrmypdf on the image PDF.
  double ocrmypdf_s = -1;
  std::vector<std::string> omp_text;
  if (use_ocrmypdf && Have("ocrmypdf")) {
    std::string out = (fs::path(work) / "ocrmypdf.pdf").string();
    t0 = Clock::now();
    int rc = Run({"ocrmypdf", "-q", "-l", "vie", "--jobs", std::to_string(jobs), "--output-type", "pdf",
                  "--optimize", "0", pdf, out}, "/dev/null", &g_peak_kb_ocrmypdf);
    ocrmypdf_s = std::chrono::duration<double>(Clock::now() - t0).count();
    if (rc != 0) {
      std::printf("ocrmypdf exited with %d\n", rc);
      ocrmypdf_s = -1;
    } else {
      std::string txt = out + ".txt";
      Run({"pdftotext", out, txt}, "/dev/null");
      for (auto p : vanban::utf8::Split(ReadFile(txt), '\f')) omp_text.emplace_back(p);
    }
  }

  // Report.
  std::printf("\n(a) quality: error rates after NFC, whitespace runs as one space\n");
  std::printf("%-42s %8s %8s %8s %8s %6s\n", "page", "CER us", "CER tess", "WER us", "WER tess", "skew");
  vanban::ocr::ErrorCount c_us, c_bare, w_us, w_bare, c_omp, c_us_hard, c_bare_hard, m_us, m_bare;
  for (size_t i = 0; i < n; ++i) {
    auto cu = vanban::ocr::CharacterErrors(cases[i].truth, ours_text[i]);
    auto cb = vanban::ocr::CharacterErrors(cases[i].truth, bare_text[i]);
    auto wu = vanban::ocr::WordErrors(cases[i].truth, ours_text[i]);
    auto wb = vanban::ocr::WordErrors(cases[i].truth, bare_text[i]);
    c_us += cu; c_bare += cb; w_us += wu; w_bare += wb;
    m_us += WordsMissed(cases[i].truth, ours_text[i]);
    m_bare += WordsMissed(cases[i].truth, bare_text[i]);
    if (cases[i].name.find("/hard/") != std::string::npos) { c_us_hard += cu; c_bare_hard += cb; }
    if (i < omp_text.size()) c_omp += vanban::ocr::CharacterErrors(cases[i].truth, omp_text[i]);
    std::printf("%-42s %7.2f%% %7.2f%% %7.2f%% %7.2f%% %6.2f\n", cases[i].name.c_str(), 100 * cu.rate(),
                100 * cb.rate(), 100 * wu.rate(), 100 * wb.rate(), ours_skew[i]);
  }
  std::printf("%-42s %7.2f%% %7.2f%% %7.2f%% %7.2f%%\n", "overall", 100 * c_us.rate(), 100 * c_bare.rate(),
              100 * w_us.rate(), 100 * w_bare.rate());
  std::printf("%-42s %7.2f%% %7.2f%%\n", "hard pages (1.5° skew)", 100 * c_us_hard.rate(), 100 * c_bare_hard.rate());
  std::printf("%-42s %7.2f%% %7.2f%%  (order-free: reference words not found anywhere on the page)\n",
              "words missed", 100 * m_us.rate(), 100 * m_bare.rate());
  if (!omp_text.empty())
    std::printf("%-42s %7.2f%%  (ocrmypdf, text via pdftotext, JPEG pages)\n", "ocrmypdf overall CER",
                100 * c_omp.rate());

  std::printf("\n(b) speed, %zu pages, %d jobs\n", n, jobs);
  std::printf("vanban Engine        %7.2f s  %6.3f pages/s\n", ours_s, n / ours_s);
  std::printf("bare tesseract x%-3d  %7.2f s  %6.3f pages/s\n", jobs, bare_s, n / bare_s);
  if (ocrmypdf_s > 0) std::printf("ocrmypdf --jobs %-3d  %7.2f s  %6.3f pages/s\n", jobs, ocrmypdf_s, n / ocrmypdf_s);
  std::printf("ratio vanban / bare tesseract throughput: %.2f\n", bare_s / ours_s);
  if (ocrmypdf_s > 0) std::printf("ratio vanban / ocrmypdf throughput: %.2f\n", ocrmypdf_s / ours_s);
  std::printf("peak RSS: vanban (%d workers, one process) %.0f MB; one bare tesseract process %.0f MB (x%d = %.0f MB)",
              jobs, g_peak_kb_vanban / 1024.0, g_peak_kb_tesseract / 1024.0, jobs, jobs * g_peak_kb_tesseract / 1024.0);
  if (ocrmypdf_s > 0) std::printf("; ocrmypdf main process %.0f MB", g_peak_kb_ocrmypdf / 1024.0);
  std::printf("\n");
  return 0;
}
