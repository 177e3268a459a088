// UTF-8 string helpers shared by the stages, built on ICU.
//
// Vietnamese-aware where it matters: Fold() removes every mark, including the
// stroke of đ/Đ, so "Văn phòng" and "van phong" compare equal.
// Thread-safe: no shared state beyond ICU's own immutable singletons.
#ifndef VANBAN_CORE_UTF8_H_
#define VANBAN_CORE_UTF8_H_

#include <string>
#include <string_view>
#include <vector>

namespace vanban::utf8 {

bool IsValid(std::string_view s);
std::string Lower(std::string_view s);
std::string Upper(std::string_view s);
// Lower case, no marks, đ → d: the key for mark-insensitive matching.
std::string Fold(std::string_view s);
// Same as Fold, but also returns for each output byte the offset of the input
// byte it came from, so that a match on the folded text maps back to a span
// of the original. offsets.size() == result.size() + 1 (the end).
std::string FoldWithOffsets(std::string_view s, std::vector<size_t>* offsets);
// NFC.
std::string Nfc(std::string_view s);
// Lower case, decomposed (NFD), with the Vietnamese tone mark (grave, acute,
// hook, tilde, dot below) moved to the end: equal for the same word whatever
// letter carries its tone ("uỷ" = "ủy"), different for different words
// ("bộ" ≠ "bố", "sở" ≠ "số"). Quality marks (ă â ê ô ơ ư) and đ are kept.
std::string MarkKey(std::string_view s);
// Number of user-perceived characters (grapheme clusters).
size_t Graphemes(std::string_view s);
// Terminal columns (East Asian wide characters count 2, marks 0).
size_t DisplayWidth(std::string_view s);

// Bytes of the UTF-8 character that starts with byte `lead` (1 to 4).
inline size_t CharLength(unsigned char lead) { return lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4; }
// The first character of s ("" when s is empty).
inline std::string_view FirstChar(std::string_view s) {
  return s.empty() ? s : s.substr(0, CharLength(static_cast<unsigned char>(s[0])));
}

// ASCII whitespace and U+00A0 trimmed from both ends.
std::string_view Trim(std::string_view s);
// Internal runs of whitespace collapsed to one space, ends trimmed.
std::string CollapseSpace(std::string_view s);
std::vector<std::string_view> Split(std::string_view s, char sep);
bool StartsWith(std::string_view s, std::string_view prefix);

}  // namespace vanban::utf8

#endif  // VANBAN_CORE_UTF8_H_
