// The commands of the `vanban` program. Each lives in cmd_<name>.cc and is
// listed once in commands.cc. A command returns the process exit code:
// 0 success, 1 something failed (or, for diff, differences found), 2 usage.
#ifndef VANBAN_CLI_COMMAND_H_
#define VANBAN_CLI_COMMAND_H_

#include <string>
#include <vector>

namespace vanban::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;
inline constexpr int kExitUsage = 2;

struct Command {
  const char* name;
  const char* usage;    // "ingest PATH... [--db FILE] [--force]"
  const char* summary;  // one line
  int (*run)(const std::vector<std::string>& args);
};

const std::vector<Command>& Commands();

// Prints "vanban: message" to stderr and returns kExitUsage or kExitFailed.
int UsageError(const std::string& message);
int Fail(const std::string& message);

}  // namespace vanban::cli

#endif  // VANBAN_CLI_COMMAND_H_
