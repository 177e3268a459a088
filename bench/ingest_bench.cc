// Throughput of `vanban ingest` on born-digital PDFs, beside pdftotext.
//
//   ingest_bench [--pdfs DIR] [--docs 200] [--sizes 10,100,1000] [--work DIR]
//
// 1. Takes the PDFs of DIR (default corpus/pdf; when there are none, makes
//    Helvetica PDFs of a plan written without marks) and copies them to
//    --docs files under temp names, each with distinct bytes (a comment after
//    %%EOF), so that no copy is skipped as already stored.
// 2. Baseline: `pdftotext FILE -` on every copy, one process each, output
//    discarded — the text layer alone. Ours: `vanban ingest` on the folder
//    into a fresh database (text layer + layout + extraction + SQLite), with
//    --jobs 1 and with the default (all cores). Prints pages/s and the ratio.
// 3. Growth: `vanban ingest --jobs 1` on 10, 100, 1000 copies (fresh
//    database each): seconds per document should stay flat.
// 4. Peak RSS of each vanban run (getrusage of the child, via wait4).
#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "hostile/inputs.h"

extern char** environ;
namespace fs = std::filesystem;

namespace {

struct Run {
  double seconds = 0;
  long peak_rss_kb = 0;
  int exit_code = -1;
  std::string err;
};

Run Spawn(const std::vector<std::string>& args, const std::string& out_path, const std::string& err_path) {
  Run r;
  std::vector<char*> argv;
  std::vector<std::string> copy = args;
  for (auto& a : copy) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  auto start = std::chrono::steady_clock::now();
  pid_t pid;
  if (posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ) != 0) {
    std::cerr << "cannot run " << args[0] << "\n";
    std::exit(1);
  }
  posix_spawn_file_actions_destroy(&actions);
  int status = 0;
  rusage usage{};
  wait4(pid, &status, 0, &usage);
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  r.peak_rss_kb = usage.ru_maxrss;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream in(err_path);
  std::ostringstream ss;
  ss << in.rdbuf();
  r.err = ss.str();
  return r;
}

std::string Read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// "12 stored, 0 skipped, 0 failed, 34 pages in 1.2 s" → 34
int PagesOf(const std::string& err) {
  size_t at = err.rfind(" pages in ");
  if (at == std::string::npos) return 0;
  size_t start = err.rfind(", ", at);
  return start == std::string::npos ? 0 : std::atoi(err.c_str() + start + 2);
}

int StoredOf(const std::string& err) {
  size_t at = err.rfind(" stored, ");
  if (at == std::string::npos) return 0;
  size_t start = err.rfind('\n', at);
  return std::atoi(err.c_str() + (start == std::string::npos ? 0 : start + 1));
}

}  // namespace

int main(int argc, char** argv) {
  std::string pdf_dir = std::string(VANBAN_SOURCE_DIR) + "/corpus/pdf";
  std::string work = (fs::temp_directory_path() / ("vanban-bench-" + std::to_string(getpid()))).string();
  int docs = 200;
  std::vector<int> sizes = {10, 100, 1000};
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string k = argv[i], v = argv[i + 1];
    if (k == "--pdfs") pdf_dir = v;
    else if (k == "--docs") docs = std::atoi(v.c_str());
    else if (k == "--work") work = v;
    else if (k == "--sizes") {
      sizes.clear();
      std::stringstream ss(v);
      for (std::string s; std::getline(ss, s, ',');) sizes.push_back(std::atoi(s.c_str()));
    } else {
      std::cerr << "usage: ingest_bench [--pdfs DIR] [--docs N] [--sizes 10,100,1000] [--work DIR]\n";
      return 2;
    }
  }
  const std::string vanban = VANBAN_BINARY;
  fs::remove_all(work);
  fs::create_directories(work + "/copies");

  std::vector<std::string> sources;
  std::error_code ec;
  if (fs::is_directory(pdf_dir, ec)) {
    for (const auto& e : fs::directory_iterator(pdf_dir)) {
      if (e.path().extension() == ".pdf") sources.push_back(Read(e.path()));
    }
  }
  std::string origin = pdf_dir;
  if (sources.empty()) {
    origin = "generated (no PDFs in " + pdf_dir + ")";
    for (int i = 0; i < 10; ++i) {
      std::vector<std::vector<std::string>> pages(1 + i % 3, vanban::testing::PlanLines(100 + i));
      sources.push_back(vanban::testing::MakePdf(pages));
    }
  }
  const int largest = std::max(docs, *std::max_element(sizes.begin(), sizes.end()));
  std::vector<std::string> copies;
  for (int i = 0; i < largest; ++i) {
    char name[64];
    std::snprintf(name, sizeof name, "/copies/doc-%05d.pdf", i);
    std::ofstream out(work + name, std::ios::binary);
    out << sources[static_cast<size_t>(i) % sources.size()] << "\n%vanban-bench copy " << i << "\n";
    copies.push_back(work + name);
  }
  std::cout << "PDFs: " << sources.size() << " from " << origin << ", copied to " << largest << " files\n";
  std::cout << "cores: " << sysconf(_SC_NPROCESSORS_ONLN) << "\n\n";

  auto batch_dir = [&](int n) {
    std::string dir = work + "/batch-" + std::to_string(n);
    fs::create_directories(dir);
    for (int i = 0; i < n; ++i) {
      fs::path target = fs::path(dir) / fs::path(copies[static_cast<size_t>(i)]).filename();
      if (!fs::exists(target)) fs::create_symlink(copies[static_cast<size_t>(i)], target);
    }
    return dir;
  };
  auto ingest = [&](int n, const std::string& jobs, const std::string& tag) {
    std::string db = work + "/" + tag + ".sqlite";
    fs::remove(db);
    std::vector<std::string> args = {vanban, "ingest", batch_dir(n), "--db", db, "--quiet"};
    if (!jobs.empty()) args.insert(args.end(), {"--jobs", jobs});
    Run r = Spawn(args, work + "/out.txt", work + "/err.txt");
    if (StoredOf(r.err) != n) std::cerr << "warning: " << tag << ": " << r.err;
    return r;
  };

  // 1-2. pdftotext against vanban ingest on `docs` files.
  double baseline = 0;
  for (int i = 0; i < docs; ++i) {
    Run r = Spawn({"pdftotext", "-q", copies[static_cast<size_t>(i)], "-"}, "/dev/null", work + "/pdftotext.err");
    if (r.exit_code != 0) std::cerr << "pdftotext failed on " << copies[static_cast<size_t>(i)] << "\n";
    baseline += r.seconds;
  }
  Run one = ingest(docs, "1", "jobs1");
  Run all = ingest(docs, "", "jobs-default");
  const int pages = PagesOf(one.err);
  std::printf("%d documents, %d pages (born-digital)\n", docs, pages);
  std::printf("  %-34s %8.2f s  %8.1f pages/s\n", "baseline: pdftotext, one per file", baseline, pages / baseline);
  std::printf("  %-34s %8.2f s  %8.1f pages/s  %5.2fx baseline time  peak RSS %ld MiB\n", "vanban ingest --jobs 1",
              one.seconds, pages / one.seconds, one.seconds / baseline, one.peak_rss_kb / 1024);
  std::printf("  %-34s %8.2f s  %8.1f pages/s  %5.2fx baseline time  peak RSS %ld MiB\n",
              "vanban ingest (all cores)", all.seconds, pages / all.seconds, all.seconds / baseline,
              all.peak_rss_kb / 1024);

  // 3-4. growth with the batch size.
  std::printf("\ngrowth (vanban ingest --jobs 1, fresh database each)\n");
  std::printf("  %8s %8s %10s %10s %10s %12s\n", "docs", "pages", "total s", "s/doc", "pages/s", "peak RSS MiB");
  for (int n : sizes) {
    Run r = ingest(n, "1", "size-" + std::to_string(n));
    int p = PagesOf(r.err);
    std::printf("  %8d %8d %10.2f %10.4f %10.1f %12ld\n", n, p, r.seconds, r.seconds / n, p / r.seconds,
                r.peak_rss_kb / 1024);
  }
  fs::remove_all(work);
  return 0;
}
