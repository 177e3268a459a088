// Rule extraction throughput in MB/s: extract::Extractor::Extract over the
// documents of corpus/documents, beside two baselines measured in the same
// run — decoding the text into a Document (input::ReadTextDocument) and one
// pass of utf8::Fold over it (the least any rule pass must do).
//
//   build/bench/rules_bench [--benchmark_min_time=2]
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "core/utf8.h"
#include "extract/extractor.h"
#include "input/text_reader.h"

namespace {

struct Corpus {
  std::vector<std::string> texts;
  std::vector<vanban::Document> docs;
  size_t bytes = 0;
};

const Corpus& LoadCorpus() {
  static const Corpus corpus = [] {
    Corpus c;
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::directory_iterator(std::string(VANBAN_SOURCE_DIR) + "/corpus/documents")) {
      if (e.path().extension() == ".txt") files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      std::ifstream in(f, std::ios::binary);
      std::ostringstream ss;
      ss << in.rdbuf();
      auto doc = vanban::input::ReadTextDocument(ss.str());
      if (!doc.ok()) continue;
      c.bytes += ss.str().size();
      c.texts.push_back(ss.str());
      c.docs.push_back(std::move(doc).value());
    }
    std::cerr << "corpus/documents: " << c.docs.size() << " documents, " << c.bytes << " bytes\n";
    return c;
  }();
  return corpus;
}

const vanban::extract::Extractor& GetExtractor() {
  static const vanban::extract::Extractor* ex = [] {
    auto loaded = vanban::extract::Extractor::Load(std::string(VANBAN_SOURCE_DIR) + "/rules");
    if (!loaded.ok()) {
      std::cerr << loaded.status().ToString() << "\n";
      std::exit(1);
    }
    return std::move(loaded).value().release();
  }();
  return *ex;
}

// Baseline 1: bytes → Document.
void BM_ReadTextDocument(benchmark::State& state) {
  const Corpus& c = LoadCorpus();
  for (auto _ : state) {
    for (const auto& t : c.texts) benchmark::DoNotOptimize(vanban::input::ReadTextDocument(t));
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(c.bytes));
}
BENCHMARK(BM_ReadTextDocument)->Unit(benchmark::kMillisecond);

// Baseline 2: one folding pass over each document's text.
void BM_FoldOnly(benchmark::State& state) {
  const Corpus& c = LoadCorpus();
  std::vector<std::string> plain;
  for (const auto& d : c.docs) plain.push_back(d.PlainText());
  for (auto _ : state) {
    for (const auto& t : plain) benchmark::DoNotOptimize(vanban::utf8::Fold(t));
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(c.bytes));
}
BENCHMARK(BM_FoldOnly)->Unit(benchmark::kMillisecond);

// Ours: the rule packs on each document.
void BM_Extract(benchmark::State& state) {
  const Corpus& c = LoadCorpus();
  const auto& ex = GetExtractor();
  for (auto _ : state) {
    for (const auto& d : c.docs) benchmark::DoNotOptimize(ex.Extract(d));
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(c.bytes));
}
BENCHMARK(BM_Extract)->Unit(benchmark::kMillisecond);

// Read and extract, as `vanban ingest` does for a text file.
void BM_ReadAndExtract(benchmark::State& state) {
  const Corpus& c = LoadCorpus();
  const auto& ex = GetExtractor();
  for (auto _ : state) {
    for (const auto& t : c.texts) {
      auto doc = vanban::input::ReadTextDocument(t);
      if (doc.ok()) benchmark::DoNotOptimize(ex.Extract(*doc));
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(c.bytes));
}
BENCHMARK(BM_ReadAndExtract)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
