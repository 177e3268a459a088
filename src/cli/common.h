// Pieces several commands share: opening the database, loading the rules.
#ifndef VANBAN_CLI_COMMON_H_
#define VANBAN_CLI_COMMON_H_

#include <memory>
#include <string>

#include "cli/args.h"
#include "core/status.h"
#include "extract/extractor.h"
#include "store/database.h"

namespace vanban::cli {

// Opens the database named by the arguments; read_only for readers.
Result<std::unique_ptr<store::Database>> OpenDatabase(const Args& args, bool read_only);
// Loads rule packs from --rules DIR, $VANBAN_RULES_DIR or the default place.
Result<std::unique_ptr<extract::Extractor>> LoadExtractor(const Args& args);

bool StderrIsTerminal();
bool StdoutIsTerminal();

}  // namespace vanban::cli

#endif  // VANBAN_CLI_COMMON_H_
