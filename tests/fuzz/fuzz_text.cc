// Fuzz target: sniffing, text decoding and the text reader on arbitrary bytes
// (input::Sniff, input::DecodeText, input::ReadTextDocument).
//
// Invariants checked: nothing crashes; decoded text is valid UTF-8; a
// document's plain text is valid UTF-8.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/utf8.h"
#include "input/sniff.h"
#include "input/text_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  (void)vanban::input::FormatName(vanban::input::Sniff(bytes));
  auto decoded = vanban::input::DecodeText(bytes);
  if (decoded.ok() && !vanban::utf8::IsValid(decoded->utf8)) std::abort();
  auto doc = vanban::input::ReadTextDocument(bytes);
  if (doc.ok() && !vanban::utf8::IsValid(doc->PlainText())) std::abort();
  return 0;
}
