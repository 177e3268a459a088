// vanban ingest PATH... [--db FILE] [--force] [--jobs N] [--shard K/N]
//                       [--retry-failed] [--rules DIR] [--quiet]
#include <csignal>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <sstream>
#include <thread>

#include "cli/command.h"
#include "cli/common.h"
#include "pipeline/ingest.h"

namespace vanban::cli {

namespace {

std::atomic<bool> g_stop{false};

extern "C" void OnInterrupt(int) {
  if (g_stop.exchange(true)) std::_Exit(130);  // a second Ctrl-C: leave now (each document is atomic)
}

Status ParseShard(const std::string& spec, int* k, int* n) {
  if (std::sscanf(spec.c_str(), "%d/%d", k, n) != 2 || *n < 1 || *k < 1 || *k > *n) {
    return InvalidArgument("--shard takes K/N with 1 <= K <= N, not '" + spec + "'");
  }
  return Status::Ok();
}

std::string Duration(double seconds) {
  int s = static_cast<int>(seconds + 0.5);
  std::ostringstream out;
  if (s >= 3600) out << s / 3600 << "h";
  if (s >= 60) out << (s / 60) % 60 << "m";
  out << s % 60 << "s";
  return out.str();
}

}  // namespace

int RunIngest(const std::vector<std::string>& argv) {
  Args args;
  Status parsed = args.Parse(
      argv, {"--db=", "--force", "--jobs=", "--rules=", "--quiet", "--shard=", "--retry-failed"});
  if (!parsed.ok()) return UsageError("ingest: " + parsed.message());
  if (args.positional().empty() && !args.Has("--retry-failed")) {
    return UsageError("ingest: give at least one file or folder (or --retry-failed)");
  }
  const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  Result<int> jobs = args.GetInt("--jobs", cores);
  if (!jobs.ok()) return UsageError("ingest: " + jobs.status().message());
  int shard_k = 1, shard_n = 1;
  if (args.Has("--shard")) {
    Status s = ParseShard(args.Get("--shard"), &shard_k, &shard_n);
    if (!s.ok()) return UsageError("ingest: " + s.message());
  }

  pipeline::ProcessorOptions processor_options;
  processor_options.rules_dir = args.Get("--rules");
  processor_options.jobs = std::max(1, *jobs);
  Result<std::unique_ptr<pipeline::Processor>> processor = pipeline::Processor::Create(processor_options);
  if (!processor.ok()) return Fail("rules: " + processor.status().message());
  Result<std::unique_ptr<store::Database>> db = OpenDatabase(args, false);
  if (!db.ok()) return Fail(db.status().message());

  std::vector<std::string> inputs = args.positional();
  if (args.Has("--retry-failed")) {
    auto failed = (*db)->Failures();
    if (!failed.ok()) return Fail(failed.status().message());
    for (const auto& [path, reason] : *failed) inputs.push_back(path);
  }
  std::vector<std::pair<std::string, std::string>> missing;
  std::vector<pipeline::InputFile> found = pipeline::ExpandInputs(inputs, &missing);
  if (shard_n > 1) found = pipeline::ShardOf(found, shard_k, shard_n);
  std::vector<std::string> files;
  files.reserve(found.size());
  for (pipeline::InputFile& f : found) files.push_back(std::move(f.path));
  found.clear();
  for (const auto& [path, reason] : missing) std::cerr << path << ": " << reason << "\n";

  pipeline::IngestOptions options;
  options.force = args.Has("--force");
  options.jobs = std::max(1, *jobs);
  pipeline::Ingester ingester(db->get(), processor->get(), options);

  const bool quiet = args.Has("--quiet");
  const bool terminal = StderrIsTerminal() && !quiet;
  const auto start = std::chrono::steady_clock::now();
  auto last_line = start;
  int pages = 0;
  std::signal(SIGINT, OnInterrupt);
  std::signal(SIGTERM, OnInterrupt);
  pipeline::IngestSummary summary = pipeline::IngestAll(
      &ingester, files,
      [&](const pipeline::FileOutcome& o, size_t done, size_t total) {
        pages += o.pages;
        if (terminal) std::cerr << "\r\033[K";
        if (o.state == pipeline::FileOutcome::State::kFailed) {
          std::cerr << o.path << ": " << o.reason << "\n";
        } else if (!quiet) {
          std::cout << (o.state == pipeline::FileOutcome::State::kStored ? "stored  " : "skipped ") << "#"
                    << o.document_id << "  " << o.path << "\n" << std::flush;
        }
        auto now = std::chrono::steady_clock::now();
        double elapsed = std::chrono::duration<double>(now - start).count();
        double rate = elapsed > 0 ? pages / elapsed : 0;
        double eta = done ? elapsed / done * (total - done) : 0;
        std::ostringstream line;
        line << "[" << done << "/" << total << "] " << static_cast<int>(100.0 * done / total) << "%  "
             << static_cast<int>(rate * 10) / 10.0 << " pages/s  ETA " << Duration(eta);
        if (terminal) {
          std::cerr << line.str() << std::flush;
        } else if (!quiet && std::chrono::duration<double>(now - last_line).count() >= 10 && done < total) {
          std::cerr << "progress: " << line.str() << "\n";
          last_line = now;
        }
      },
      &g_stop);
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
  if (terminal) std::cerr << "\r\033[K";
  const int failed = summary.failed + static_cast<int>(missing.size());
  std::cerr << (summary.interrupted ? "interrupted: " : "") << summary.stored << " stored, " << summary.skipped
            << " skipped, " << failed << " failed, " << summary.pages << " pages in " << Duration(summary.seconds);
  if (summary.seconds > 0 && summary.pages > 0) {
    std::cerr << " (" << static_cast<int>(summary.pages / summary.seconds * 10) / 10.0 << " pages/s)";
  }
  std::cerr << "\n";
  if (summary.interrupted) {
    std::cerr << "run the same command again to ingest the rest: stored documents are skipped\n";
    return 130;
  }
  return failed > 0 ? kExitFailed : kExitOk;
}

}  // namespace vanban::cli
