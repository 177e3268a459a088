#include "cli/common.h"

#include <unistd.h>

#include <filesystem>

#include "store/schema.h"

namespace vanban::cli {

Result<std::unique_ptr<store::Database>> OpenDatabase(const Args& args, bool read_only) {
  std::string path = DatabasePath(args);
  if (read_only && !std::filesystem::exists(path)) {
    return NotFound(path + ": no database here (run `vanban ingest` first, or give --db FILE)");
  }
  if (read_only) {
    // A database of an older schema is migrated once (it only gains tables and
    // views) so that readers see the same schema as writers.
    auto probe = store::Connection::Open(path, true);
    if (probe.ok()) {
      auto version = store::SchemaVersion(&*probe);
      if (version.ok() && *version > 0 && *version < store::kSchemaVersion) {
        auto migrated = store::Database::Open(path, false);
        if (!migrated.ok()) return migrated.status();
      }
    }
  }
  return store::Database::Open(path, read_only);
}

bool StderrIsTerminal() { return isatty(2) != 0; }
bool StdoutIsTerminal() { return isatty(1) != 0; }

}  // namespace vanban::cli
