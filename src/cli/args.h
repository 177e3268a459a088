// Command-line arguments of one vanban command: positionals and --options.
//
//   Args a;
//   Status s = a.Parse(argv_after_command, {"--db=", "--force", "--jobs="});
//
// An option spec ending in '=' takes a value ("--db FILE" or "--db=FILE");
// others are flags. Unknown options are an error naming them.
#ifndef VANBAN_CLI_ARGS_H_
#define VANBAN_CLI_ARGS_H_

#include <map>
#include <string>
#include <vector>

#include "core/status.h"

namespace vanban::cli {

class Args {
 public:
  Status Parse(const std::vector<std::string>& argv, const std::vector<std::string>& specs);

  const std::vector<std::string>& positional() const { return positional_; }
  bool Has(const std::string& name) const { return values_.count(name) > 0; }
  std::string Get(const std::string& name, const std::string& fallback = "") const;
  // All values of a repeated option (--set a=1 --set b=2).
  std::vector<std::string> GetAll(const std::string& name) const;
  Result<int> GetInt(const std::string& name, int fallback) const;

 private:
  std::vector<std::string> positional_;
  std::multimap<std::string, std::string> values_;
};

// The database path: --db, else $VANBAN_DB, else ./vanban.sqlite.
std::string DatabasePath(const Args& args);

}  // namespace vanban::cli

#endif  // VANBAN_CLI_ARGS_H_
