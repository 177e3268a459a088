// DecodeText: bytes of a text file → UTF-8 (NFC), whatever encoding it was in.
//
// Recognised, in this order:
//   - a byte-order mark: UTF-8, UTF-16LE, UTF-16BE;
//   - UTF-16 without a mark, when every other byte is NUL;
//   - valid UTF-8 (reported "UTF-8", or "UTF-8-NFD" when it was decomposed,
//     e.g. from macOS, and has been composed, or "UTF-8 (double-encoded)"
//     when it is UTF-8 that was once read as Windows-1252 and saved again:
//     "Viá»‡t Nam" → "Việt Nam");
//   - pure ASCII that reads as VIQR ("Vie^.t Nam") → "VIQR";
//   - otherwise the legacy 8-bit encodings Windows-1258 (ICU's converter),
//     TCVN3 (ABC) and VNI-Windows, each decoded and SCORED by how many valid
//     Vietnamese syllables with marks it yields; the best wins if it reads as
//     Vietnamese.
// Anything else — NUL bytes or control characters (binary), or 8-bit text
// that no Vietnamese encoding explains — is Status kUnsupported with the
// reason. Encoding names are the values of Document::encoding.
//
// Pure function; thread-safe.
#ifndef VANBAN_NORMALIZE_DECODE_H_
#define VANBAN_NORMALIZE_DECODE_H_

#include <string>
#include <string_view>

#include "core/status.h"

namespace vanban::normalize {

struct Decoded {
  std::string utf8;      // NFC, without a byte-order mark
  std::string encoding;  // "UTF-8", "UTF-8 (BOM)", "UTF-8-NFD", "UTF-16LE", "UTF-16BE", "VIQR",
                         // "Windows-1258", "TCVN3", "VNI-Windows"
};

Result<Decoded> DecodeText(std::string_view bytes);

// The single decoders, exposed for tests and tools. Unmappable bytes become
// U+FFFD. Output is NFC.
std::string DecodeTcvn3(std::string_view bytes);
std::string DecodeVni(std::string_view bytes);
std::string DecodeViqr(std::string_view ascii);
// Via ICU; "" and *ok=false when the converter is missing.
std::string DecodeWithIcu(std::string_view bytes, const char* converter, bool* ok);

// How Vietnamese a UTF-8 text looks: counts of word tokens that are valid
// syllables carrying marks, valid syllables without marks, and tokens with
// non-ASCII letters that are not valid syllables.
struct VietnameseScore {
  int marked_valid = 0;
  int plain_valid = 0;
  int invalid_nonascii = 0;
  int words = 0;
};
VietnameseScore ScoreVietnamese(std::string_view utf8);

}  // namespace vanban::normalize

#endif  // VANBAN_NORMALIZE_DECODE_H_
