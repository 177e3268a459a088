#include <iostream>

#include "cli/command.h"

namespace vanban::cli {

int RunIngest(const std::vector<std::string>& args);
int RunList(const std::vector<std::string>& args);
int RunShow(const std::vector<std::string>& args);
int RunExport(const std::vector<std::string>& args);
int RunMerge(const std::vector<std::string>& args);

const std::vector<Command>& Commands() {
  static const std::vector<Command> commands = {
      {"ingest", "ingest PATH... [--db FILE] [--force] [--jobs N] [--shard K/N] [--retry-failed]",
       "read documents (files or folders) into the database", RunIngest},
      {"list", "list [--db FILE]", "one line per stored document", RunList},
      {"show", "show DOC [--db FILE] [--json]", "what was extracted from one document (id, path or number/symbol)",
       RunShow},
      {"export", "export [--format json] [--doc DOC] [--out FILE] [--db FILE]",
       "everything extracted, for other programs", RunExport},
      {"merge", "merge OUT IN...", "combine shard databases into OUT (documents deduplicated by content)", RunMerge},
  };
  return commands;
}

int UsageError(const std::string& message) {
  std::cerr << "vanban: " << message << "\n";
  return kExitUsage;
}

int Fail(const std::string& message) {
  std::cerr << "vanban: " << message << "\n";
  return kExitFailed;
}

}  // namespace vanban::cli
