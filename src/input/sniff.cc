#include "input/sniff.h"

#include "core/utf8.h"

namespace vanban::input {

const char* FormatName(Format format) {
  switch (format) {
    case Format::kPdf: return "pdf";
    case Format::kPng: return "png";
    case Format::kJpeg: return "jpeg";
    case Format::kTiff: return "tiff";
    case Format::kText: return "text";
    case Format::kEmpty: return "empty";
    case Format::kBinary: return "binary";
  }
  return "binary";
}

namespace {

bool HasPrefix(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// Bytes that look like text: valid UTF-8 (allowing a character cut at the
// end of the sample), or an 8-bit code page with no NULs and few controls.
bool LooksLikeText(std::string_view head) {
  std::string_view sample = head;
  // Tolerate a multi-byte character cut by the sample's end.
  for (int i = 0; i < 3 && !sample.empty() && !utf8::IsValid(sample); ++i) sample.remove_suffix(1);
  size_t controls = 0;
  for (unsigned char c : head) {
    if (c == 0) return false;
    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') ++controls;
  }
  if (controls * 100 > head.size()) return false;
  if (utf8::IsValid(sample)) return true;
  // Not UTF-8: an 8-bit encoding (TCVN3, VNI, Windows-1258) has mostly
  // printable bytes; binary data has many bytes in 0x80-0x9F and 0xF0-0xFF.
  size_t high = 0;
  for (unsigned char c : head) high += c >= 0x80;
  return high * 3 < head.size();
}

}  // namespace

Format Sniff(std::string_view head) {
  if (head.empty()) return Format::kEmpty;
  // A PDF header may follow some junk within the first KiB (as readers allow).
  if (head.substr(0, 1024).find("%PDF-") != std::string_view::npos) return Format::kPdf;
  if (HasPrefix(head, "\x89PNG\r\n\x1a\n")) return Format::kPng;
  if (HasPrefix(head, "\xff\xd8\xff")) return Format::kJpeg;
  if (HasPrefix(head, std::string_view("II*\0", 4)) || HasPrefix(head, std::string_view("MM\0*", 4))) {
    return Format::kTiff;
  }
  if (HasPrefix(head, "\xff\xfe") || HasPrefix(head, "\xfe\xff")) return Format::kText;  // UTF-16 BOM
  if (utf8::Trim(head).empty()) return Format::kEmpty;
  return LooksLikeText(head) ? Format::kText : Format::kBinary;
}

}  // namespace vanban::input
