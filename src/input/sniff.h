// Decides what a file is from its first bytes, never from its name.
#ifndef VANBAN_INPUT_SNIFF_H_
#define VANBAN_INPUT_SNIFF_H_

#include <string_view>

namespace vanban::input {

enum class Format { kPdf, kPng, kJpeg, kTiff, kText, kEmpty, kBinary };

// "pdf", "png", "jpeg", "tiff", "text", "empty", "binary".
const char* FormatName(Format format);

// Looks at the start of a file (a few KiB are enough). kText means bytes that
// read as UTF-8 or UTF-16 with a BOM, or as an 8-bit Vietnamese encoding
// (no NUL bytes, few control characters); kBinary is everything else.
Format Sniff(std::string_view head);

}  // namespace vanban::input

#endif  // VANBAN_INPUT_SNIFF_H_
