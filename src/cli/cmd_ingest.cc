// vanban ingest PATH... [--db FILE] [--force] [--jobs N] [--rules DIR]
#include <iostream>

#include "cli/command.h"
#include "cli/common.h"
#include "pipeline/ingest.h"

namespace vanban::cli {

int RunIngest(const std::vector<std::string>& argv) {
  Args args;
  Status parsed = args.Parse(argv, {"--db=", "--force", "--jobs=", "--rules=", "--quiet"});
  if (!parsed.ok()) return UsageError("ingest: " + parsed.message());
  if (args.positional().empty()) return UsageError("ingest: give at least one file or folder");
  Result<int> jobs = args.GetInt("--jobs", 0);
  if (!jobs.ok()) return UsageError("ingest: " + jobs.status().message());

  pipeline::ProcessorOptions processor_options;
  processor_options.rules_dir = args.Get("--rules");
  processor_options.jobs = *jobs;
  Result<std::unique_ptr<pipeline::Processor>> processor = pipeline::Processor::Create(processor_options);
  if (!processor.ok()) return Fail("rules: " + processor.status().message());
  Result<std::unique_ptr<store::Database>> db = OpenDatabase(args, false);
  if (!db.ok()) return Fail(db.status().message());

  std::vector<std::pair<std::string, std::string>> missing;
  std::vector<std::string> files = pipeline::ExpandPaths(args.positional(), &missing);
  for (const auto& [path, reason] : missing) std::cerr << path << ": " << reason << "\n";

  pipeline::IngestOptions options;
  options.force = args.Has("--force");
  pipeline::Ingester ingester(db->get(), processor->get(), options);
  const bool progress = StderrIsTerminal() && !args.Has("--quiet");
  pipeline::IngestSummary summary = pipeline::IngestAll(
      &ingester, files, [&](const pipeline::FileOutcome& o, size_t done, size_t total) {
        if (progress) std::cerr << "\r\033[K";
        if (o.state == pipeline::FileOutcome::State::kFailed) {
          std::cerr << o.path << ": " << o.reason << "\n";
        } else if (!args.Has("--quiet")) {
          std::cout << (o.state == pipeline::FileOutcome::State::kStored ? "stored  " : "skipped ") << "#"
                    << o.document_id << "  " << o.path << "\n";
        }
        if (progress) std::cerr << "[" << done << "/" << total << "] " << o.path << std::flush;
      });
  if (progress) std::cerr << "\r\033[K";
  std::cerr << summary.stored << " stored, " << summary.skipped << " skipped, "
            << summary.failed + static_cast<int>(missing.size()) << " failed, " << summary.pages << " pages in "
            << static_cast<int>(summary.seconds * 1000) / 1000.0 << " s\n";
  return summary.failed > 0 || !missing.empty() ? kExitFailed : kExitOk;
}

}  // namespace vanban::cli
