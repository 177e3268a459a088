// Scoring OCR output against the text that is on the page: character and word
// error rates (Levenshtein distance over the reference length), after NFC
// and with every run of whitespace (spaces, tabs, line and page breaks) made
// one space. Used by the tests and benchmarks. Pure; thread-safe.
#ifndef VANBAN_OCR_METRICS_H_
#define VANBAN_OCR_METRICS_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace vanban::ocr {

struct ErrorCount {
  size_t errors = 0;     // insertions + deletions + substitutions
  size_t reference = 0;  // length of the reference (code points or words)
  double rate() const { return reference ? static_cast<double>(errors) / static_cast<double>(reference) : 0.0; }
  ErrorCount& operator+=(const ErrorCount& o) { errors += o.errors; reference += o.reference; return *this; }
};

// NFC, whitespace runs → ' ', trimmed.
std::string NormalizeForScoring(std::string_view text);
// Over Unicode code points of the normalized texts.
ErrorCount CharacterErrors(std::string_view reference, std::string_view hypothesis);
// Over space-separated words of the normalized texts.
ErrorCount WordErrors(std::string_view reference, std::string_view hypothesis);

}  // namespace vanban::ocr

#endif  // VANBAN_OCR_METRICS_H_
