#include "normalize/decode.h"

#include <unicode/normalizer2.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>

#include <array>
#include <memory>

#include "core/utf8.h"
#include "normalize/syllable.h"

namespace vanban::normalize {
namespace {

std::string Nfc(const icu::UnicodeString& u) {
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(err);
  std::string out;
  if (U_FAILURE(err)) {
    u.toUTF8String(out);
    return out;
  }
  nfc->normalize(u, err).toUTF8String(out);
  return out;
}

// TCVN3 (ABC, TCVN 5712:1993 VN3): bytes 0xA1..0xFE; 0 = not a letter.
constexpr char32_t kTcvn3[0x60] = {
    /* A0 */ 0x00A0, U'Ă', U'Â', U'Ê', U'Ô', U'Ơ', U'Ư', U'Đ',
    /* A8 */ U'ă', U'â', U'ê', U'ô', U'ơ', U'ư', U'đ', 0,
    /* B0 */ 0, 0, 0, 0, 0, U'à', U'ả', U'ã',
    /* B8 */ U'á', U'ạ', 0, U'ằ', U'ẳ', U'ẵ', U'ắ', 0,
    /* C0 */ 0, 0, 0, 0, 0, 0, U'ặ', U'ầ',
    /* C8 */ U'ẩ', U'ẫ', U'ấ', U'ậ', U'è', 0, U'ẻ', U'ẽ',
    /* D0 */ U'é', U'ẹ', U'ề', U'ể', U'ễ', U'ế', U'ệ', U'ì',
    /* D8 */ U'ỉ', 0, 0, 0, U'ĩ', U'í', U'ị', U'ò',
    /* E0 */ 0, U'ỏ', U'õ', U'ó', U'ọ', U'ồ', U'ổ', U'ỗ',
    /* E8 */ U'ố', U'ộ', U'ờ', U'ở', U'ỡ', U'ớ', U'ợ', U'ù',
    /* F0 */ 0, U'ủ', U'ũ', U'ú', U'ụ', U'ừ', U'ử', U'ữ',
    /* F8 */ U'ứ', U'ự', U'ỳ', U'ỷ', U'ỹ', U'ý', U'ỵ', 0,
};

// VNI-Windows: a base letter followed by a byte that adds marks.
struct VniMark {
  int quality;  // 0 none, 1 circumflex, 2 breve
  Tone tone;
};

bool VniModifier(unsigned char b, VniMark* m) {
  switch (b | 0x20) {  // upper-case modifiers are the lower-case ones minus 0x20
    case 0xF9: *m = {0, kSac}; return true;
    case 0xF8: *m = {0, kHuyen}; return true;
    case 0xFB: *m = {0, kHoi}; return true;
    case 0xF5: *m = {0, kNga}; return true;
    case 0xEF: *m = {0, kNang}; return true;
    case 0xE2: *m = {1, kNgang}; return true;
    case 0xE1: *m = {1, kSac}; return true;
    case 0xE0: *m = {1, kHuyen}; return true;
    case 0xE5: *m = {1, kHoi}; return true;
    case 0xE3: *m = {1, kNga}; return true;
    case 0xE4: *m = {1, kNang}; return true;
    case 0xEA: *m = {2, kNgang}; return true;
    case 0xE9: *m = {2, kSac}; return true;
    case 0xE8: *m = {2, kHuyen}; return true;
    case 0xFA: *m = {2, kHoi}; return true;
    case 0xFC: *m = {2, kNga}; return true;
    case 0xEB: *m = {2, kNang}; return true;
    default: return false;
  }
}

// Letters VNI writes as one byte.
char32_t VniSingle(unsigned char b) {
  switch (b) {
    case 0xD1: return U'Đ';
    case 0xF1: return U'đ';
    case 0xD4: return U'Ơ';
    case 0xF4: return U'ơ';
    case 0xD6: return U'Ư';
    case 0xF6: return U'ư';
    case 0xCD: return U'Í';
    case 0xED: return U'í';
    case 0xCC: return U'Ì';
    case 0xEC: return U'ì';
    case 0xC6: return U'Ỉ';
    case 0xE6: return U'ỉ';
    case 0xD3: return U'Ĩ';
    case 0xF3: return U'ĩ';
    case 0xD2: return U'Ị';
    case 0xF2: return U'ị';
    case 0xCE: return U'Ỵ';
    case 0xEE: return U'ỵ';
    default: return 0;
  }
}

char32_t AddQuality(char32_t v, int quality) {
  if (quality == 1) {
    switch (v) {
      case U'a': return U'â';
      case U'A': return U'Â';
      case U'e': return U'ê';
      case U'E': return U'Ê';
      case U'o': return U'ô';
      case U'O': return U'Ô';
      default: return 0;
    }
  }
  if (quality == 2) {
    if (v == U'a') return U'ă';
    if (v == U'A') return U'Ă';
    return 0;
  }
  return v;
}

bool IsVniBase(char32_t c) {
  switch (c) {
    case U'a': case U'e': case U'o': case U'u': case U'y': case U'i':
    case U'A': case U'E': case U'O': case U'U': case U'Y': case U'I':
    case U'ơ': case U'Ơ': case U'ư': case U'Ư':
      return true;
    default:
      return false;
  }
}

int CountNul(std::string_view b, size_t parity) {
  int n = 0;
  for (size_t i = parity; i < b.size(); i += 2)
    if (b[i] == 0) ++n;
  return n;
}

}  // namespace

std::string DecodeWithIcu(std::string_view bytes, const char* converter, bool* ok) {
  UErrorCode err = U_ZERO_ERROR;
  icu::UnicodeString u(bytes.data(), static_cast<int32_t>(bytes.size()), converter);
  (void)err;
  if (u.isBogus()) {
    *ok = false;
    return "";
  }
  *ok = true;
  return Nfc(u);
}

std::string DecodeTcvn3(std::string_view bytes) {
  std::u32string out;
  out.reserve(bytes.size());
  for (unsigned char b : bytes) {
    if (b < 0x80) {
      out.push_back(b);
    } else if (b >= 0xA0) {
      char32_t c = kTcvn3[b - 0xA0];
      out.push_back(c ? c : U'\uFFFD');
    } else {
      out.push_back(U'\uFFFD');
    }
  }
  return ToUtf8(out);
}

std::string DecodeVni(std::string_view bytes) {
  std::u32string out;
  out.reserve(bytes.size());
  for (size_t i = 0; i < bytes.size(); ++i) {
    unsigned char b = static_cast<unsigned char>(bytes[i]);
    if (b < 0x80) {
      out.push_back(b);
      continue;
    }
    if (char32_t s = VniSingle(b)) {
      out.push_back(s);
      continue;
    }
    VniMark m;
    if (VniModifier(b, &m) && !out.empty() && IsVniBase(out.back())) {
      char32_t v = AddQuality(out.back(), m.quality);
      if (v != 0) {
        out.back() = m.tone == kNgang ? v : WithTone(v, m.tone);
        continue;
      }
    }
    out.push_back(U'\uFFFD');
  }
  return ToUtf8(out);
}

std::string DecodeViqr(std::string_view ascii) {
  std::u32string out;
  out.reserve(ascii.size());
  size_t i = 0;
  auto is_letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  while (i < ascii.size()) {
    char c = ascii[i];
    if (c == '\\' && i + 1 < ascii.size()) {  // escaped mark: a literal
      out.push_back(static_cast<unsigned char>(ascii[i + 1]));
      i += 2;
      continue;
    }
    if ((c == 'd' || c == 'D') && i + 1 < ascii.size() && (ascii[i + 1] == 'd' || ascii[i + 1] == 'D') &&
        (i == 0 || !is_letter(ascii[i - 1]))) {
      out.push_back(c == 'D' ? U'Đ' : U'đ');
      i += 2;
      continue;
    }
    char32_t v = static_cast<unsigned char>(c);
    if (!IsVowel(v)) {
      out.push_back(v);
      ++i;
      continue;
    }
    ++i;
    // Quality mark.
    if (i < ascii.size()) {
      char q = ascii[i];
      char32_t nv = 0;
      if (q == '(') nv = AddQuality(v, 2);
      else if (q == '^') nv = AddQuality(v, 1);
      else if (q == '+') nv = (v == U'o') ? U'ơ' : (v == U'O') ? U'Ơ' : (v == U'u') ? U'ư' : (v == U'U') ? U'Ư' : 0;
      if (nv != 0) {
        v = nv;
        ++i;
      }
    }
    // Tone mark; '.' and '?' only when a letter or another mark could follow
    // inside the word (not at the end of a sentence).
    if (i < ascii.size()) {
      char t = ascii[i];
      Tone tone = kNgang;
      if (t == '\'' ) tone = kSac;
      else if (t == '`') tone = kHuyen;
      else if (t == '~') tone = kNga;
      else if (t == '?' || t == '.') {
        bool inside = i + 1 < ascii.size() && is_letter(ascii[i + 1]);
        if (inside) tone = t == '?' ? kHoi : kNang;
      }
      if (tone != kNgang) {
        v = WithTone(v, tone);
        ++i;
      }
    }
    out.push_back(v);
  }
  return ToUtf8(out);
}

VietnameseScore ScoreVietnamese(std::string_view utf8) {
  VietnameseScore s;
  std::u32string text = ToU32(utf8);
  std::u32string word;
  auto flush = [&]() {
    if (word.empty()) return;
    ++s.words;
    bool nonascii = false, marked = false;
    for (auto& c : word) {
      if (c >= 0x80) nonascii = true;
      if (HasMark(c)) marked = true;
      c = LowerChar(c);
    }
    Syllable syl;
    bool valid = ParseSyllable(word, &syl);
    if (valid && marked) ++s.marked_valid;
    else if (valid) ++s.plain_valid;
    else if (nonascii) ++s.invalid_nonascii;
    word.clear();
  };
  for (char32_t c : text) {
    if (IsVietnameseLetter(c) || (c >= 0x80 && c != 0xA0 && c != 0x2013 && c != 0x2014 &&
                                  !(c >= 0x2018 && c <= 0x201F))) {
      word.push_back(c);
    } else {
      flush();
    }
  }
  flush();
  return s;
}

Result<Decoded> DecodeText(std::string_view bytes) {
  if (bytes.empty()) return Decoded{"", "UTF-8"};
  auto u16 = [&](std::string_view body, const char* name) -> Result<Decoded> {
    icu::UnicodeString u(body.data(), static_cast<int32_t>(body.size()), name);
    if (u.isBogus()) return Unsupported(std::string("no ICU converter for ") + name);
    return Decoded{Nfc(u), name};
  };
  const auto b0 = static_cast<unsigned char>(bytes[0]);
  const auto b1 = bytes.size() > 1 ? static_cast<unsigned char>(bytes[1]) : 0;
  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") {
    std::string_view body = bytes.substr(3);
    if (!utf8::IsValid(body)) return Corrupt("UTF-8 byte-order mark but invalid UTF-8 after it");
    Decoded d{utf8::Nfc(body), "UTF-8 (BOM)"};
    return d;
  }
  if (b0 == 0xFF && b1 == 0xFE) return u16(bytes.substr(2), "UTF-16LE");
  if (b0 == 0xFE && b1 == 0xFF) return u16(bytes.substr(2), "UTF-16BE");

  // UTF-16 without a mark: mostly-ASCII text has NUL in every other byte.
  if (bytes.size() >= 8 && bytes.size() % 2 == 0) {
    const int half = static_cast<int>(bytes.size() / 2);
    const int odd = CountNul(bytes, 1), even = CountNul(bytes, 0);
    if (odd > half * 0.4 && even == 0) return u16(bytes, "UTF-16LE");
    if (even > half * 0.4 && odd == 0) return u16(bytes, "UTF-16BE");
  }

  // Binary: NUL bytes or many control characters.
  size_t controls = 0, nul = 0, high = 0;
  for (unsigned char c : bytes) {
    if (c == 0) ++nul;
    else if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1A) ++controls;
    if (c >= 0x80) ++high;
  }
  if (nul > 0)
    return Unsupported("binary data, not text: " + std::to_string(nul) + " NUL bytes");
  if (controls * 20 > bytes.size())
    return Unsupported("binary data, not text: " + std::to_string(controls) + " control bytes");

  if (utf8::IsValid(bytes)) {
    if (high == 0) {
      // ASCII: plain (perhaps unmarked) text, or VIQR.
      std::string viqr = DecodeViqr(bytes);
      if (viqr != bytes) {
        VietnameseScore plain = ScoreVietnamese(bytes);
        VietnameseScore v = ScoreVietnamese(viqr);
        if (v.marked_valid >= 2 && v.marked_valid * 5 >= v.words &&
            v.marked_valid + v.plain_valid > plain.plain_valid) {
          return Decoded{viqr, "VIQR"};
        }
      }
      return Decoded{std::string(bytes), "UTF-8"};
    }
    std::string nfc = utf8::Nfc(bytes);
    // UTF-8 that was read as Windows-1252 and saved again as UTF-8
    // ("Viá»‡t Nam"): undo it when that reads as Vietnamese.
    VietnameseScore as_is = ScoreVietnamese(nfc);
    if (as_is.invalid_nonascii > as_is.marked_valid) {
      icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(bytes.data(), bytes.size()));
      UErrorCode err = U_ZERO_ERROR;
      std::unique_ptr<UConverter, void (*)(UConverter*)> conv(ucnv_open("windows-1252", &err), ucnv_close);
      if (U_SUCCESS(err)) {
        ucnv_setFromUCallBack(conv.get(), UCNV_FROM_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &err);
        std::string back(bytes.size() + 16, '\0');
        int32_t n = ucnv_fromUChars(conv.get(), back.data(), static_cast<int32_t>(back.size()), u.getBuffer(),
                                    u.length(), &err);
        if (U_SUCCESS(err)) {
          back.resize(n);
          if (utf8::IsValid(back)) {
            std::string fixed = utf8::Nfc(back);
            VietnameseScore f = ScoreVietnamese(fixed);
            if (f.marked_valid > as_is.marked_valid && f.invalid_nonascii < as_is.invalid_nonascii)
              return Decoded{fixed, "UTF-8 (double-encoded)"};
          }
        }
      }
    }
    return Decoded{nfc, nfc == bytes ? "UTF-8" : "UTF-8-NFD"};
  }

  // Legacy 8-bit encodings, decided by how much Vietnamese each yields.
  struct Candidate {
    const char* name;
    std::string text;
    VietnameseScore score;
  };
  std::vector<Candidate> cands;
  bool ok = false;
  std::string w1258 = DecodeWithIcu(bytes, "windows-1258", &ok);
  if (ok) cands.push_back({"Windows-1258", std::move(w1258), {}});
  cands.push_back({"TCVN3", DecodeTcvn3(bytes), {}});
  cands.push_back({"VNI-Windows", DecodeVni(bytes), {}});
  const Candidate* best = nullptr;
  int best_value = 0;
  for (auto& c : cands) {
    c.score = ScoreVietnamese(c.text);
    int value = c.score.marked_valid * 2 - c.score.invalid_nonascii * 3;
    if (best == nullptr || value > best_value) {
      best = &c;
      best_value = value;
    }
  }
  if (best != nullptr && best->score.marked_valid > 0 &&
      best->score.marked_valid >= 2 * best->score.invalid_nonascii) {
    return Decoded{best->text, best->name};
  }
  return Unsupported(
      "not text vanban can read: invalid UTF-8, and neither Windows-1258, TCVN3 nor VNI-Windows "
      "yields Vietnamese (" + std::to_string(high) + " bytes above 0x7F)");
}

}  // namespace vanban::normalize
