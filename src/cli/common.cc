#include "cli/common.h"

#include <unistd.h>

#include <filesystem>

namespace vanban::cli {

Result<std::unique_ptr<store::Database>> OpenDatabase(const Args& args, bool read_only) {
  std::string path = DatabasePath(args);
  if (read_only && !std::filesystem::exists(path)) {
    return NotFound(path + ": no database here (run `vanban ingest` first, or give --db FILE)");
  }
  return store::Database::Open(path, read_only);
}

bool StderrIsTerminal() { return isatty(2) != 0; }
bool StdoutIsTerminal() { return isatty(1) != 0; }

}  // namespace vanban::cli
