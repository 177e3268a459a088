// vanban: who must do what, by when, towards which target — from Vietnamese
// administrative documents.
#include <iostream>
#include <string>
#include <vector>

#include "cli/command.h"

namespace {

void PrintHelp(std::ostream& out) {
  out << "usage: vanban COMMAND [ARGS]\n\ncommands:\n";
  for (const auto& c : vanban::cli::Commands()) {
    out << "  " << c.usage << "\n      " << c.summary << "\n";
  }
  out << "\nThe database is ./vanban.sqlite unless --db FILE or $VANBAN_DB says otherwise.\n";
}

}  // namespace

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  if (argc < 2) {
    PrintHelp(std::cerr);
    return vanban::cli::kExitUsage;
  }
  std::string name = argv[1];
  if (name == "--help" || name == "-h" || name == "help") {
    PrintHelp(std::cout);
    return vanban::cli::kExitOk;
  }
  std::vector<std::string> args(argv + 2, argv + argc);
  for (const auto& c : vanban::cli::Commands()) {
    if (name == c.name) return c.run(args);
  }
  std::cerr << "vanban: unknown command '" << name << "'\n";
  PrintHelp(std::cerr);
  return vanban::cli::kExitUsage;
}
