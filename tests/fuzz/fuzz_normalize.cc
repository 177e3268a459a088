// Fuzz target: the normalize stage on arbitrary bytes — encoding detection
// and decoding (normalize::DecodeText, legacy Vietnamese encodings
// included), NormalizeText, and NormalizeDocument over the text reader's
// pages. Built when src/normalize exists.
//
// Invariants checked: decoded and normalized text is valid UTF-8, and
// normalizing twice changes nothing more.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/utf8.h"
#include "input/text_reader.h"
#include "normalize/decode.h"
#include "normalize/normalize.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 64 * 1024) return 0;
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto decoded = vanban::normalize::DecodeText(bytes);
  if (!decoded.ok()) return 0;
  if (!vanban::utf8::IsValid(decoded->utf8)) std::abort();
  std::string once = vanban::normalize::NormalizeText(decoded->utf8);
  if (!vanban::utf8::IsValid(once)) std::abort();
  if (vanban::normalize::NormalizeText(once) != once) std::abort();  // idempotent
  (void)vanban::normalize::ScoreVietnamese(once);
  vanban::Document doc;
  doc.pages = vanban::input::PagesFromText(decoded->utf8, vanban::TextSource::kText);
  vanban::normalize::NormalizeDocument(&doc);
  if (!vanban::utf8::IsValid(doc.PlainText())) std::abort();
  return 0;
}
