// Vietnamese syllables: parse, validate, place the tone mark, enumerate.
//
// A written syllable is onset + rhyme + tone. Letters carry two kinds of
// marks: vowel quality (ă â ê ô ơ ư, and the stroke of đ) and one of five
// tones (huyền ` sắc ´ hỏi ̉ ngã ~ nặng .). Everything here works on
// code points (std::u32string) in lower case; callers lower-case first and
// put the case back afterwards (see ApplyCase).
//
// Tone placement follows ONE convention, the traditional one (kiểu cũ) that
// the templates of Nghị định 30/2020 and the documents agencies actually
// send use ("Ủy ban", "văn hóa"): in an open syllable ending in oa, oe or
// uy the tone goes on the first vowel (hòa, khỏe, thúy); otherwise the rules
// shared by both styles apply (hoàng, quả, quý, của, người, giữ, thuở).
//
// Pure functions over immutable tables; thread-safe.
#ifndef VANBAN_NORMALIZE_SYLLABLE_H_
#define VANBAN_NORMALIZE_SYLLABLE_H_

#include <string>
#include <string_view>
#include <vector>

namespace vanban::normalize {

enum Tone : int {
  kNgang = 0,  // no mark
  kHuyen = 1,  // à
  kSac = 2,    // á
  kHoi = 3,    // ả
  kNga = 4,    // ã
  kNang = 5,   // ạ
};

// A code point split into its base (quality marks kept, tone removed) and tone.
// Non-Vietnamese code points come back unchanged with kNgang.
char32_t StripTone(char32_t c, Tone* tone);
// The base vowel (a ă â e ê i o ô ơ u ư y, either case) with a tone; other
// code points come back unchanged.
char32_t WithTone(char32_t base, Tone tone);
// True for the twelve vowel letters, with or without marks, either case.
bool IsVowel(char32_t c);
// True for a letter Vietnamese writes: a-z A-Z and the marked letters.
bool IsVietnameseLetter(char32_t c);
// True when c carries any mark (tone, quality or đ's stroke).
bool HasMark(char32_t c);
// a-z with every mark removed, đ → d; other code points unchanged.
char32_t FoldLetter(char32_t c);

// A lower-case syllable taken apart.
struct Syllable {
  std::u32string onset;  // "", "b", "ch", "gi", "ngh", "qu", ...
  std::u32string rhyme;  // without tone: "oa", "ương", "iêt", ...
  Tone tone = kNgang;
};

// Parses a lower-case syllable (tone anywhere, NFC). Returns false when it is
// not a well-formed Vietnamese syllable (unknown rhyme, c/k/g/gh/ng/ngh
// spelling broken, a stop rhyme -p -t -c -ch with a tone other than sắc or
// nặng, more than one tone mark).
bool ParseSyllable(std::u32string_view lower, Syllable* out);
// Writes a syllable back with its tone placed by the convention above.
std::u32string Compose(const Syllable& s);
// Index in the written form (onset + rhyme) of the letter that carries the tone.
size_t TonePosition(const Syllable& s);

// Convenience over UTF-8 words (any case, NFC or not).
bool IsValidSyllable(std::string_view word);
// The word with its tone moved to the conventional place, case kept; the
// word unchanged when it is not a valid syllable.
std::string PlaceTone(std::string_view word);

// The same on an NFC word in place.
void PlaceToneU32(std::u32string* word);

// Re-applies the letter case of `pattern` to `lower` position by position
// (both have the same number of code points); when the lengths differ, an
// all-upper pattern gives all upper, a first-upper pattern a capital first.
std::u32string ApplyCase(std::u32string_view pattern, std::u32string_view lower);

// All valid syllables, with every admissible tone, in a stable order,
// generated from the onset × rhyme × tone rules above.
std::vector<std::u32string> GenerateInventory();

// The onsets and rhymes the generator uses (for documentation and tests).
const std::vector<std::u32string>& Onsets();
const std::vector<std::u32string>& Rhymes();

std::u32string ToU32(std::string_view utf8);
std::string ToUtf8(std::u32string_view s);
char32_t LowerChar(char32_t c);
char32_t UpperChar(char32_t c);
bool IsUpperChar(char32_t c);

}  // namespace vanban::normalize

#endif  // VANBAN_NORMALIZE_SYLLABLE_H_
