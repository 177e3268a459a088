// Fuzz target: the rule-pack parser (extract::RulePack::Parse) on arbitrary
// text, with the project's rules/ folder for @include; when a pack compiles,
// its examples are run and its rules matched against the pack's own text.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "extract/rule_pack.h"

#ifndef VANBAN_FUZZ_RULES_DIR
#define VANBAN_FUZZ_RULES_DIR "rules"
#endif

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 64 * 1024) return 0;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto pack = vanban::extract::RulePack::Parse(text, "fuzz.rules", VANBAN_FUZZ_RULES_DIR);
  if (!pack.ok()) return 0;
  (void)pack->CheckExamples();
  (void)pack->Firing(text);
  return 0;
}
