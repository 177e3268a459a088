// Fuzz target: the restorer (restore::Restorer::RestoreLine) on arbitrary
// lines, with the shipped model (Restorer::Paths::Default()). Built when
// src/restore exists; does nothing, saying so once, when the model has not
// been built.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string_view>

#include "core/utf8.h"
#include "restore/restorer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const vanban::restore::Restorer* restorer = [] {
    auto loaded = vanban::restore::Restorer::Load(vanban::restore::Restorer::Paths::Default());
    if (!loaded.ok()) {
      std::cerr << "fuzz_restore: no model (" << loaded.status().message() << "); inputs not run\n";
      return static_cast<const vanban::restore::Restorer*>(nullptr);
    }
    return static_cast<const vanban::restore::Restorer*>(std::move(loaded).value().release());
  }();
  if (!restorer || size > 4096) return 0;
  std::string_view line(reinterpret_cast<const char*>(data), size);
  if (!vanban::utf8::IsValid(line)) return 0;  // the restorer sees decoded text only
  for (auto mode : {vanban::restore::RestoreMode::kAuto, vanban::restore::RestoreMode::kOcr}) {
    auto out = restorer->RestoreLine(line, mode);
    (void)out;
  }
  return 0;
}
