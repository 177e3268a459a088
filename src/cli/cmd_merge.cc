// vanban merge OUT.sqlite IN.sqlite... [--quiet]
//
// Combines shard databases (made by `vanban ingest --shard K/N`, or anywhere)
// into OUT, created when absent. See store/merge.h for what is kept, and
// docs/scale-out.md for the recipes.
#include <filesystem>
#include <iostream>

#include "cli/command.h"
#include "cli/common.h"
#include "store/merge.h"

namespace vanban::cli {

int RunMerge(const std::vector<std::string>& argv) {
  Args args;
  Status parsed = args.Parse(argv, {"--quiet"});
  if (!parsed.ok()) return UsageError("merge: " + parsed.message());
  const auto& paths = args.positional();
  if (paths.size() < 2) return UsageError("merge: give the output database, then one or more input databases");
  const std::string& out_path = paths[0];
  std::error_code ec;
  for (size_t i = 1; i < paths.size(); ++i) {
    if (!std::filesystem::is_regular_file(paths[i], ec)) {
      return Fail("merge: " + paths[i] + ": no database here");
    }
    if (std::filesystem::exists(out_path, ec) && std::filesystem::equivalent(out_path, paths[i], ec)) {
      return UsageError("merge: " + paths[i] + " is the output database itself");
    }
  }
  Result<std::unique_ptr<store::Database>> out = store::Database::Open(out_path, false);
  if (!out.ok()) return Fail(out.status().message());
  int added = 0, already = 0, failures = 0, failed_inputs = 0;
  for (size_t i = 1; i < paths.size(); ++i) {
    Result<store::MergeCounts> counts = store::MergeInto(out->get(), paths[i]);
    if (!counts.ok()) {
      const std::string& m = counts.status().message();
      std::cerr << (m.rfind(paths[i] + " ", 0) == 0 ? m : paths[i] + ": " + m) << "\n";
      ++failed_inputs;
      continue;
    }
    added += counts->documents_added;
    already += counts->documents_already_there;
    failures += counts->failures;
    if (!args.Has("--quiet")) {
      std::cout << paths[i] << ": " << counts->documents_added << " documents added, "
                << counts->documents_already_there << " already there, " << counts->failures << " failures\n";
    }
  }
  std::cerr << out_path << ": " << added << " documents added, " << already << " already there, " << failures
            << " failures from " << paths.size() - 1 - failed_inputs << " databases"
            << (failed_inputs ? ", " + std::to_string(failed_inputs) + " could not be merged" : std::string()) << "\n";
  return failed_inputs ? kExitFailed : kExitOk;
}

}  // namespace vanban::cli
