#include "normalize/syllable.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <unordered_map>
#include <unordered_set>

namespace vanban::normalize {
namespace {

// Each row: the base vowel and its five toned forms, in Tone order.
constexpr std::array<std::u32string_view, 24> kToneRows = {
    U"aàáảãạ", U"ăằắẳẵặ", U"âầấẩẫậ", U"eèéẻẽẹ", U"êềếểễệ", U"iìíỉĩị",
    U"oòóỏõọ", U"ôồốổỗộ", U"ơờớởỡợ", U"uùúủũụ", U"ưừứửữự", U"yỳýỷỹỵ",
    U"AÀÁẢÃẠ", U"ĂẰẮẲẴẶ", U"ÂẦẤẨẪẬ", U"EÈÉẺẼẸ", U"ÊỀẾỂỄỆ", U"IÌÍỈĨỊ",
    U"OÒÓỎÕỌ", U"ÔỒỐỔỖỘ", U"ƠỜỚỞỠỢ", U"UÙÚỦŨỤ", U"ƯỪỨỬỮỰ", U"YỲÝỶỸỴ",
};

struct Tables {
  std::unordered_map<char32_t, std::pair<char32_t, Tone>> strip;
  std::unordered_map<char32_t, std::array<char32_t, 6>> toned;
  std::unordered_set<std::u32string> rhymes;
  Tables() {
    for (auto row : kToneRows) {
      std::array<char32_t, 6> forms{};
      for (int t = 0; t < 6; ++t) {
        forms[t] = row[t];
        strip[row[t]] = {row[0], static_cast<Tone>(t)};
      }
      toned[row[0]] = forms;
    }
    for (const auto& r : Rhymes()) rhymes.insert(r);
  }
};

const Tables& T() {
  static const Tables* t = new Tables();
  return *t;
}

bool IsStopRhyme(std::u32string_view r) {
  if (r.empty()) return false;
  char32_t last = r.back();
  return last == U'p' || last == U't' || last == U'c' || (r.size() >= 2 && r.substr(r.size() - 2) == U"ch");
}

bool IsFrontStart(std::u32string_view r) {
  // e ê i y (and iê) start a rhyme that takes k / gh / ngh.
  if (r.empty()) return false;
  char32_t c = r[0];
  return c == U'e' || c == U'ê' || c == U'i' || c == U'y';
}

bool IsQualityVowel(char32_t c) {
  return c == U'ă' || c == U'â' || c == U'ê' || c == U'ô' || c == U'ơ' || c == U'ư';
}

// Splits a toneless lower-case word into onset and rhyme, handling gi- and qu-.
void SplitOnset(std::u32string_view w, std::u32string* onset, std::u32string* rhyme) {
  static const std::array<std::u32string_view, 26> kOnsets = {
      U"ngh", U"ng", U"nh", U"ch", U"gh", U"gi", U"kh", U"ph", U"qu", U"th", U"tr", U"b", U"c",
      U"d",   U"đ",  U"g",  U"h",  U"k",  U"l",  U"m",  U"n",  U"p",  U"r",  U"s",  U"t", U"v"};
  onset->clear();
  rhyme->clear();
  if (w.size() >= 2 && w.substr(0, 2) == U"gi") {
    std::u32string_view rest = w.substr(2);
    *onset = U"gi";
    // gì, gìn, giếng: the i of gi- is also the rhyme's vowel.
    if (rest.empty() || !IsVowel(rest[0]) || rest[0] == U'ê') {
      *rhyme = U"i";
      rhyme->append(rest);
    } else {
      *rhyme = rest;
    }
    return;
  }
  if (w.size() >= 3 && w.substr(0, 3) == U"quy") {
    // quy, quyết, quỳnh: the u of qu- is also the glide of the uy- rhyme.
    *onset = U"qu";
    *rhyme = U"u";
    rhyme->append(w.substr(2));
    return;
  }
  for (auto o : kOnsets) {
    if (w.size() > o.size() && w.substr(0, o.size()) == o) {
      *onset = o;
      *rhyme = w.substr(o.size());
      return;
    }
  }
  if (!w.empty() && w[0] == U'x') {
    *onset = U"x";
    *rhyme = w.substr(1);
    return;
  }
  *rhyme = w;
}

bool SpellingOk(const std::u32string& onset, const std::u32string& rhyme) {
  if (rhyme.empty()) return false;
  if (T().rhymes.count(rhyme) == 0) return false;
  const bool front = IsFrontStart(rhyme);
  const bool starts_ie = rhyme.size() >= 2 && rhyme[0] == U'i' && rhyme[1] == U'ê';
  const bool starts_ye = rhyme.size() >= 2 && rhyme[0] == U'y' && rhyme[1] == U'ê';
  if (starts_ye && !onset.empty()) return false;  // yêu, yên: no onset
  if (starts_ie && onset.empty()) return false;   // tiên, but yên
  if (onset == U"k") return front;
  if (onset == U"c") return !front;
  if (onset == U"gh" || onset == U"ngh") return front && rhyme[0] != U'y';
  if (onset == U"g" || onset == U"ng") return !front;
  if (onset == U"qu") {
    if (rhyme.size() >= 2 && rhyme[0] == U'u' && rhyme[1] == U'y') return true;
    char32_t c = rhyme[0];
    return c != U'u' && c != U'ư' && c != U'y';
  }
  if (onset == U"gi") {
    return !(rhyme[0] == U'y');
  }
  return true;
}

}  // namespace

const std::vector<std::u32string>& Onsets() {
  static const std::vector<std::u32string> v = {
      U"",   U"b",  U"c",  U"ch", U"d",  U"đ",  U"g",  U"gh", U"gi", U"h",
      U"k",  U"kh", U"l",  U"m",  U"n",  U"ng", U"ngh", U"nh", U"p",  U"ph",
      U"qu", U"r",  U"s",  U"t",  U"th", U"tr", U"v",  U"x"};
  return v;
}

const std::vector<std::u32string>& Rhymes() {
  static const std::vector<std::u32string> v = {
      // a ă â
      U"a", U"ac", U"ach", U"ai", U"am", U"an", U"ang", U"anh", U"ao", U"ap", U"at", U"au", U"ay",
      U"ăc", U"ăm", U"ăn", U"ăng", U"ăp", U"ăt",
      U"âc", U"âm", U"ân", U"âng", U"âp", U"ât", U"âu", U"ây",
      // e ê
      U"e", U"ec", U"em", U"en", U"eng", U"eo", U"ep", U"et",
      U"ê", U"êch", U"êm", U"ên", U"ênh", U"êp", U"êt", U"êu",
      // i, iê, ia
      U"i", U"ia", U"ich", U"im", U"in", U"inh", U"ip", U"it", U"iu",
      U"iêc", U"iêm", U"iên", U"iêng", U"iêp", U"iêt", U"iêu",
      // o ô ơ
      U"o", U"oc", U"oi", U"om", U"on", U"ong", U"op", U"ot", U"oong", U"ooc",
      U"ô", U"ôc", U"ôi", U"ôm", U"ôn", U"ông", U"ôp", U"ôt",
      U"ơ", U"ơi", U"ơm", U"ơn", U"ơp", U"ơt",
      // u, uô, ua
      U"u", U"ua", U"uc", U"ui", U"um", U"un", U"ung", U"up", U"ut",
      U"uôc", U"uôi", U"uôm", U"uôn", U"uông", U"uôt",
      // ư, ươ, ưa
      U"ư", U"ưa", U"ưc", U"ưi", U"ưm", U"ưn", U"ưng", U"ưt", U"ưu",
      U"ươc", U"ươi", U"ươm", U"ươn", U"ương", U"ươp", U"ươt", U"ươu",
      // y, yê
      U"y", U"yêm", U"yên", U"yêng", U"yêt", U"yêu",
      // rounded (o-/u- glide)
      U"oa", U"oac", U"oach", U"oai", U"oam", U"oan", U"oang", U"oanh", U"oao", U"oap", U"oat",
      U"oay", U"oăc", U"oăm", U"oăn", U"oăng", U"oăt",
      U"oe", U"oem", U"oen", U"oeo", U"oet",
      U"uân", U"uâng", U"uât", U"uây",
      U"uê", U"uêch", U"uênh", U"uêt",
      U"uơ",
      U"uy", U"uych", U"uyn", U"uynh", U"uyp", U"uyt", U"uya", U"uyu",
      U"uyên", U"uyêt",
  };
  return v;
}

std::u32string ToU32(std::string_view utf8) {
  std::u32string out;
  out.reserve(utf8.size());
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(utf8.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(utf8.data(), i, n, c);
    out.push_back(c < 0 ? U'\uFFFD' : static_cast<char32_t>(c));
  }
  return out;
}

std::string ToUtf8(std::u32string_view s) {
  std::string out;
  out.reserve(s.size() * 2);
  for (char32_t c : s) {
    char buf[4];
    int32_t len = 0;
    UBool err = false;
    U8_APPEND(reinterpret_cast<uint8_t*>(buf), len, 4, static_cast<UChar32>(c), err);
    if (!err) out.append(buf, len);
  }
  return out;
}

char32_t LowerChar(char32_t c) {
  if (c < 0x80) return (c >= U'A' && c <= U'Z') ? c + 32 : c;
  return static_cast<char32_t>(u_tolower(static_cast<UChar32>(c)));
}
char32_t UpperChar(char32_t c) {
  if (c < 0x80) return (c >= U'a' && c <= U'z') ? c - 32 : c;
  return static_cast<char32_t>(u_toupper(static_cast<UChar32>(c)));
}
bool IsUpperChar(char32_t c) {
  if (c < 0x80) return c >= U'A' && c <= U'Z';
  return u_isupper(static_cast<UChar32>(c));
}

char32_t StripTone(char32_t c, Tone* tone) {
  auto it = T().strip.find(c);
  if (it == T().strip.end()) {
    *tone = kNgang;
    return c;
  }
  *tone = it->second.second;
  return it->second.first;
}

char32_t WithTone(char32_t base, Tone tone) {
  auto it = T().toned.find(base);
  if (it == T().toned.end()) return base;
  return it->second[tone];
}

bool IsVowel(char32_t c) { return T().strip.count(c) > 0; }

bool IsVietnameseLetter(char32_t c) {
  if ((c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z')) return true;
  return c == U'đ' || c == U'Đ' || IsVowel(c);
}

char32_t FoldLetter(char32_t c) {
  if (c == U'đ') return U'd';
  if (c == U'Đ') return U'D';
  Tone t;
  char32_t b = StripTone(c, &t);
  switch (b) {
    case U'ă': case U'â': return U'a';
    case U'Ă': case U'Â': return U'A';
    case U'ê': return U'e';
    case U'Ê': return U'E';
    case U'ô': case U'ơ': return U'o';
    case U'Ô': case U'Ơ': return U'O';
    case U'ư': return U'u';
    case U'Ư': return U'U';
    default: return b;
  }
}

bool HasMark(char32_t c) { return FoldLetter(c) != c; }

bool ParseSyllable(std::u32string_view lower, Syllable* out) {
  if (lower.empty() || lower.size() > 8) return false;
  std::u32string base;
  base.reserve(lower.size());
  Tone tone = kNgang;
  for (char32_t c : lower) {
    Tone t;
    char32_t b = StripTone(c, &t);
    if (t != kNgang) {
      if (tone != kNgang) return false;  // two tone marks
      tone = t;
    }
    if (!((b >= U'a' && b <= U'z') || b == U'đ' || IsVowel(b))) return false;
    base.push_back(b);
  }
  Syllable s;
  SplitOnset(base, &s.onset, &s.rhyme);
  if (!SpellingOk(s.onset, s.rhyme)) return false;
  if (IsStopRhyme(s.rhyme) && tone != kSac && tone != kNang) return false;
  s.tone = tone;
  *out = std::move(s);
  return true;
}

size_t TonePosition(const Syllable& s) {
  // The written form: for gi + i-rhymes the onset's i is shared.
  std::u32string_view onset = s.onset;
  if (s.onset == U"gi" && !s.rhyme.empty() && s.rhyme[0] == U'i') onset = U"g";
  if (s.onset == U"qu" && !s.rhyme.empty() && s.rhyme[0] == U'u') onset = U"q";
  const std::u32string& r = s.rhyme;
  // Vowel positions within the rhyme; after qu- the rhyme's leading u is the
  // onset's, never the tone carrier (quý, quỹ, quỳnh).
  const size_t first = onset.size() < s.onset.size() && s.onset == U"qu" ? 1 : 0;
  std::vector<size_t> v;
  for (size_t i = first; i < r.size(); ++i)
    if (IsVowel(r[i])) v.push_back(i);
  size_t pos = 0;
  if (v.empty()) {
    pos = 0;
  } else {
    size_t quality = std::u32string::npos;
    for (size_t i : v)
      if (IsQualityVowel(r[i])) quality = i;  // the last one: ươ → ơ, uô → ô, iê → ê
    const bool coda = v.back() + 1 < r.size();
    if (quality != std::u32string::npos) {
      pos = quality;
    } else if (v.size() == 1) {
      pos = v[0];
    } else if (coda) {
      pos = v.back();
    } else if (v.size() == 2) {
      pos = v[0];  // traditional: hòa, khỏe, thúy, like mái, múa, túi
    } else {
      pos = v[1];  // oai, oay, uya, uyu, oeo: the middle vowel
    }
  }
  return onset.size() + pos;
}

std::u32string Compose(const Syllable& s) {
  std::u32string w;
  if (s.onset == U"gi" && !s.rhyme.empty() && s.rhyme[0] == U'i') {
    w = U"g" + s.rhyme;
  } else if (s.onset == U"qu" && !s.rhyme.empty() && s.rhyme[0] == U'u') {
    w = U"q" + s.rhyme;
  } else {
    w = s.onset + s.rhyme;
  }
  if (s.tone != kNgang) {
    size_t p = TonePosition(s);
    if (p < w.size()) w[p] = WithTone(w[p], s.tone);
  }
  return w;
}

namespace {
std::u32string NfcU32(std::string_view word) {
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(err);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(word.data(), word.size()));
  if (U_SUCCESS(err) && !nfc->isNormalized(u, err)) {
    err = U_ZERO_ERROR;
    u = nfc->normalize(u, err);
  }
  std::string s;
  u.toUTF8String(s);
  return ToU32(s);
}
}  // namespace

bool IsValidSyllable(std::string_view word) {
  std::u32string w = NfcU32(word);
  for (auto& c : w) c = LowerChar(c);
  Syllable s;
  return ParseSyllable(w, &s);
}

std::string PlaceTone(std::string_view word) {
  std::u32string w = NfcU32(word);
  std::u32string lower = w;
  for (auto& c : lower) c = LowerChar(c);
  Syllable s;
  if (!ParseSyllable(lower, &s)) return std::string(word);
  std::u32string placed = Compose(s);
  if (placed == lower) return std::string(word);
  return ToUtf8(ApplyCase(w, placed));
}

void PlaceToneU32(std::u32string* w) {
  std::u32string lower = *w;
  for (auto& c : lower) c = LowerChar(c);
  Syllable s;
  if (!ParseSyllable(lower, &s)) return;
  std::u32string placed = Compose(s);
  if (placed != lower) *w = ApplyCase(*w, placed);
}

std::u32string ApplyCase(std::u32string_view pattern, std::u32string_view lower) {
  std::u32string out(lower);
  if (pattern.size() == lower.size()) {
    for (size_t i = 0; i < out.size(); ++i)
      if (IsUpperChar(pattern[i])) out[i] = UpperChar(out[i]);
    return out;
  }
  size_t letters = 0, upper = 0;
  for (char32_t c : pattern) {
    if (u_isalpha(static_cast<UChar32>(c))) {
      ++letters;
      if (IsUpperChar(c)) ++upper;
    }
  }
  if (letters > 1 && upper == letters) {
    for (auto& c : out) c = UpperChar(c);
  } else if (!pattern.empty() && IsUpperChar(pattern[0]) && !out.empty()) {
    out[0] = UpperChar(out[0]);
  }
  return out;
}

std::vector<std::u32string> GenerateInventory() {
  std::vector<std::u32string> out;
  std::unordered_set<std::u32string> seen;
  for (const auto& onset : Onsets()) {
    for (const auto& rhyme : Rhymes()) {
      if (!SpellingOk(onset, rhyme)) continue;
      // gi + i-rhyme and gi + rhyme: write, then re-parse to check round trip.
      for (int t = 0; t < 6; ++t) {
        Syllable s{onset, rhyme, static_cast<Tone>(t)};
        if (IsStopRhyme(rhyme) && s.tone != kSac && s.tone != kNang) continue;
        std::u32string w = Compose(s);
        Syllable back;
        if (!ParseSyllable(w, &back)) continue;
        if (back.onset != onset || back.rhyme != rhyme) continue;
        if (seen.insert(w).second) out.push_back(w);
      }
    }
  }
  return out;
}

}  // namespace vanban::normalize
