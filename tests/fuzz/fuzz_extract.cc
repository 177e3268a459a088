// Fuzz target: the extractor on arbitrary text — input::ReadTextDocument,
// then extract::Extractor::Extract with the project's rule packs (loaded
// once) — and the whole pipeline's checks (pipeline::LooksVietnamese).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string_view>

#include "extract/extractor.h"
#include "input/text_reader.h"
#include "pipeline/reader.h"

#ifndef VANBAN_FUZZ_RULES_DIR
#define VANBAN_FUZZ_RULES_DIR "rules"
#endif

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const vanban::extract::Extractor* extractor = [] {
    auto loaded = vanban::extract::Extractor::Load(VANBAN_FUZZ_RULES_DIR);
    if (!loaded.ok()) std::abort();  // the rules of the source tree must load
    return std::move(loaded).value().release();
  }();
  if (size > 256 * 1024) return 0;
  auto doc = vanban::input::ReadTextDocument(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!doc.ok()) return 0;
  (void)vanban::pipeline::LooksVietnamese(*doc);
  vanban::Extraction ex = extractor->Extract(*doc);
  (void)ex;
  return 0;
}
