// Normalization of decoded text, before restoration and extraction.
//
// What NormalizeText does to a string, in order:
//   1. NFC (ICU).
//   2. Odd spaces → U+0020 (NBSP, U+2000..U+200A, U+202F, U+205F, U+3000);
//      zero-width characters and soft hyphens (U+00AD) removed.
//   3. Look-alike letters folded: Ð (U+00D0, Icelandic eth) and Ɖ → Đ, ð → đ;
//      Cyrillic and Greek letters that look Latin (а е о р с у х і ...) → Latin
//      when they stand inside a word that also has Latin letters.
//   4. ONE tone-placement convention, the traditional one of the decree's
//      templates (hòa, khỏe, thúy, Ủy, quả, của, người): a valid syllable
//      whose tone sits elsewhere ("hoà", "thuý", "qủa") gets it moved (see
//      normalize/syllable.h).
// NormalizeLine keeps the line's text before any change in Line::original
// (only when something changed and original is still empty) and does the
// same for each Word. NormalizeDocument does every line of every page, then
// repairs line-end hyphenation inside a paragraph ("chuyê-" + "n đổi" →
// "chuyên" + "đổi") when the joined part is a valid syllable and the
// broken pieces are not.
//
// Pure functions; thread-safe.
#ifndef VANBAN_NORMALIZE_NORMALIZE_H_
#define VANBAN_NORMALIZE_NORMALIZE_H_

#include <string>
#include <string_view>

#include "core/document.h"

namespace vanban::normalize {

std::string NormalizeText(std::string_view text);
void NormalizeLine(Line* line);
void NormalizeDocument(Document* doc);

}  // namespace vanban::normalize

#endif  // VANBAN_NORMALIZE_NORMALIZE_H_
