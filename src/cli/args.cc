#include "cli/args.h"

#include <algorithm>
#include <cstdlib>

namespace vanban::cli {

Status Args::Parse(const std::vector<std::string>& argv, const std::vector<std::string>& specs) {
  bool only_positional = false;
  for (size_t i = 0; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (only_positional || a.size() < 2 || a[0] != '-' || a == "-") {
      positional_.push_back(a);
      continue;
    }
    if (a == "--") {
      only_positional = true;
      continue;
    }
    std::string name = a, value;
    size_t eq = a.find('=');
    bool inline_value = eq != std::string::npos;
    if (inline_value) {
      name = a.substr(0, eq);
      value = a.substr(eq + 1);
    }
    bool takes_value = std::find(specs.begin(), specs.end(), name + "=") != specs.end();
    bool is_flag = std::find(specs.begin(), specs.end(), name) != specs.end();
    if (!takes_value && !is_flag) return InvalidArgument("unknown option " + name);
    if (takes_value && !inline_value) {
      if (i + 1 >= argv.size()) return InvalidArgument(name + " needs a value");
      value = argv[++i];
    }
    if (is_flag && inline_value) return InvalidArgument(name + " takes no value");
    values_.emplace(name, value);
  }
  return Status::Ok();
}

std::string Args::Get(const std::string& name, const std::string& fallback) const {
  auto range = values_.equal_range(name);
  if (range.first == range.second) return fallback;
  return std::prev(range.second)->second;
}

std::vector<std::string> Args::GetAll(const std::string& name) const {
  std::vector<std::string> out;
  auto range = values_.equal_range(name);
  for (auto it = range.first; it != range.second; ++it) out.push_back(it->second);
  return out;
}

Result<int> Args::GetInt(const std::string& name, int fallback) const {
  if (!Has(name)) return fallback;
  std::string v = Get(name);
  char* end = nullptr;
  long n = std::strtol(v.c_str(), &end, 10);
  if (v.empty() || *end != '\0' || n < 0 || n > 1000000) return InvalidArgument(name + ": not a number: " + v);
  return static_cast<int>(n);
}

std::string DatabasePath(const Args& args) {
  if (args.Has("--db")) return args.Get("--db");
  if (const char* env = std::getenv("VANBAN_DB"); env && *env) return env;
  return "vanban.sqlite";
}

}  // namespace vanban::cli
