// Pieces several commands share: opening the database, loading the rules.
#ifndef VANBAN_CLI_COMMON_H_
#define VANBAN_CLI_COMMON_H_

#include <memory>
#include <string>

#include "cli/args.h"
#include "core/status.h"
#include "store/database.h"

namespace vanban::cli {

// Opens the database named by the arguments; read_only for readers.
Result<std::unique_ptr<store::Database>> OpenDatabase(const Args& args, bool read_only);

bool StderrIsTerminal();
bool StdoutIsTerminal();

}  // namespace vanban::cli

#endif  // VANBAN_CLI_COMMON_H_
