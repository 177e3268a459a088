#include <iostream>

#include "cli/command.h"

namespace vanban::cli {

int RunIngest(const std::vector<std::string>& args);
int RunList(const std::vector<std::string>& args);
int RunShow(const std::vector<std::string>& args);
int RunExport(const std::vector<std::string>& args);
int RunText(const std::vector<std::string>& args);
int RunTasks(const std::vector<std::string>& args);
int RunDiff(const std::vector<std::string>& args);
int RunReview(const std::vector<std::string>& args);
int RunSearch(const std::vector<std::string>& args);
int RunMerge(const std::vector<std::string>& args);
int RunRestore(const std::vector<std::string>& args);

const std::vector<Command>& Commands() {
  static const std::vector<Command> commands = {
      {"ingest", "ingest PATH... [--db FILE] [--force] [--jobs N] [--shard K/N] [--retry-failed]",
       "read documents (files or folders) into the database", RunIngest},
      {"list", "list [--db FILE]", "one line per stored document", RunList},
      {"show", "show DOC [--db FILE] [--json]", "what was extracted from one document (id, path or number/symbol)",
       RunShow},
      {"export", "export [--format json|csv|ics] [--doc DOC] [--out FILE] [--all] [--bom] [--db FILE]",
       "everything extracted (json), tasks as a table (csv) or deadlines as a calendar (ics)", RunExport},
      {"text", "text FILE [--json] [--jobs N] [--rules DIR]",
       "what vanban reads from a file (text layer or OCR), page by page; --json with boxes and confidences",
       RunText},
      {"tasks", "tasks [--unit U] [--doc DOC] [--section S] [--due-before DATE] [--overdue] [--json] [--all]",
       "the tasks of every document as a table, reviews applied", RunTasks},
      {"diff", "diff A B | diff DOC --runs [--json] [--threshold X]",
       "what changed between two documents' tasks and indicators (exit 1 when something did)", RunDiff},
      {"review", "review DOC [--accept-all | --task KEY --set FIELD=VALUE | --task KEY --reject | --list]",
       "accept, reject or edit each extracted task, next to its source text", RunReview},
      {"search", "search QUERY... [--doc DOC] [--limit N] [--fts] [--json]",
       "full-text search ignoring marks, ranked, with snippets", RunSearch},
      {"merge", "merge OUT IN...", "combine shard databases into OUT (documents deduplicated by content)", RunMerge},
      {"restore", "restore [FILE] [--show-changes] [--ocr] [--model FILE] [--local FILE]",
       "put back lost Vietnamese marks and OCR errors (stdin when no FILE)", RunRestore},
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
