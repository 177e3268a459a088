// Fuzz target: the PDF text-layer reader (input::ReadPdfDocument: poppler-cpp
// and vanban's own line and column grouping) on arbitrary bytes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "input/pdf_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 1 << 20) return 0;
  vanban::input::PdfLimits limits;
  limits.max_pages = 50;
  (void)vanban::input::ReadPdfDocument(std::string_view(reinterpret_cast<const char*>(data), size), limits);
  return 0;
}
