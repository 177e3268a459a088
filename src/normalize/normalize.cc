#include "normalize/normalize.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include "core/utf8.h"
#include "normalize/syllable.h"

namespace vanban::normalize {
namespace {

bool IsOddSpace(char32_t c) {
  return c == 0x00A0 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F ||
         c == 0x3000 || c == 0x1680;
}

bool IsInvisible(char32_t c) {
  return c == 0x00AD || c == 0x200B || c == 0x200C || c == 0x200D || c == 0x2060 ||
         c == 0xFEFF || c == 0x180E;
}

// Cyrillic and Greek letters with a Latin twin; 0 when none.
char32_t LatinTwin(char32_t c) {
  switch (c) {
    // Cyrillic lower
    case U'а': return U'a'; case U'е': return U'e'; case U'о': return U'o';
    case U'р': return U'p'; case U'с': return U'c'; case U'у': return U'y';
    case U'х': return U'x'; case U'і': return U'i'; case U'ј': return U'j';
    case U'ѕ': return U's'; case U'һ': return U'h'; case U'ԁ': return U'd';
    // Cyrillic upper
    case U'А': return U'A'; case U'В': return U'B'; case U'Е': return U'E';
    case U'К': return U'K'; case U'М': return U'M'; case U'Н': return U'H';
    case U'О': return U'O'; case U'Р': return U'P'; case U'С': return U'C';
    case U'Т': return U'T'; case U'Х': return U'X'; case U'І': return U'I';
    case U'Ј': return U'J'; case U'Ѕ': return U'S';
    // Greek
    case U'ο': return U'o'; case U'α': return U'a'; case U'ι': return U'i';
    case U'κ': return U'k'; case U'ν': return U'v'; case U'τ': return U't';
    case U'Α': return U'A'; case U'Β': return U'B'; case U'Ε': return U'E';
    case U'Ζ': return U'Z'; case U'Η': return U'H'; case U'Ι': return U'I';
    case U'Κ': return U'K'; case U'Μ': return U'M'; case U'Ν': return U'N';
    case U'Ο': return U'O'; case U'Ρ': return U'P'; case U'Τ': return U'T';
    case U'Υ': return U'Y'; case U'Χ': return U'X';
    default: return 0;
  }
}

bool IsLatinLetter(char32_t c) {
  if (!u_isalpha(static_cast<UChar32>(c))) return false;
  UErrorCode err = U_ZERO_ERROR;
  return uscript_getScript(static_cast<UChar32>(c), &err) == USCRIPT_LATIN;
}

bool IsWordChar(char32_t c) { return u_isalnum(static_cast<UChar32>(c)) || c == U'\''; }

// Folds look-alikes in one word (a run of letters/digits).
void FoldWord(std::u32string* w) {
  bool latin = false;
  for (char32_t c : *w)
    if (IsLatinLetter(c)) latin = true;
  for (auto& c : *w) {
    if (c == 0x00D0 || c == 0x0189) c = U'Đ';
    else if (c == 0x00F0) c = U'đ';
    else if (latin) {
      if (char32_t t = LatinTwin(c)) c = t;
    }
  }
}

}  // namespace

std::string NormalizeText(std::string_view text) {
  // Printable ASCII needs nothing: no marks to move, no look-alikes, no odd
  // spaces. (Most text without marks takes this path.)
  bool plain = true;
  for (char c : text)
    if (static_cast<unsigned char>(c) >= 0x80) {
      plain = false;
      break;
    }
  if (plain) return std::string(text);
  std::u32string in = ToU32(utf8::Nfc(text));
  std::u32string out;
  out.reserve(in.size());
  std::u32string word;
  auto flush = [&]() {
    if (word.empty()) return;
    bool ascii = true;
    for (char32_t c : word) if (c >= 0x80) ascii = false;
    if (!ascii) {  // ASCII words carry no tone and no look-alike
      FoldWord(&word);
      PlaceToneU32(&word);
    }
    out += word;
    word.clear();
  };
  for (char32_t c : in) {
    if (IsInvisible(c)) continue;
    if (IsOddSpace(c)) c = U' ';
    if (IsWordChar(c) && c != U'\'') {
      word.push_back(c);
    } else {
      flush();
      out.push_back(c);
    }
  }
  flush();
  std::string result = ToUtf8(out);
  // Composition may be undone by nothing above, but folding Ð etc. can
  // create sequences that compose: one more NFC pass is cheap.
  return utf8::Nfc(result);
}

void NormalizeLine(Line* line) {
  std::string n = NormalizeText(line->text);
  if (n != line->text) {
    if (line->original.empty()) line->original = line->text;
    line->text = std::move(n);
  }
  for (Word& w : line->words) {
    std::string wn = NormalizeText(w.text);
    if (wn != w.text) {
      if (w.original.empty()) w.original = w.text;
      w.text = std::move(wn);
    }
  }
}

namespace {

// "chuyê-" at the end of `a` and "n đổi" at the start of `b`: joins the
// broken syllable when that makes a valid one and the pieces are not.
void RepairHyphenation(Line* a, Line* b) {
  const std::string& t = a->text;
  if (t.size() < 2 || t.back() != '-') return;
  std::u32string left = ToU32(t.substr(0, t.size() - 1));
  size_t start = left.size();
  while (start > 0 && IsVietnameseLetter(left[start - 1])) --start;
  if (start == left.size()) return;
  std::u32string head = left.substr(start);
  std::u32string right = ToU32(b->text);
  size_t end = 0;
  while (end < right.size() && IsVietnameseLetter(right[end])) ++end;
  if (end == 0 || IsUpperChar(right[0])) return;
  std::u32string tail = right.substr(0, end);
  std::string joined = ToUtf8(head + tail);
  if (!IsValidSyllable(joined)) return;
  if (IsValidSyllable(ToUtf8(head)) && IsValidSyllable(ToUtf8(tail))) return;
  if (a->original.empty()) a->original = a->text;
  if (b->original.empty()) b->original = b->text;
  a->text = ToUtf8(left) + ToUtf8(tail);
  size_t skip = end;
  while (skip < right.size() && right[skip] == U' ') ++skip;
  b->text = ToUtf8(right.substr(skip));
}

void NormalizeLines(std::vector<Line>* lines) {
  for (Line& l : *lines) NormalizeLine(&l);
  for (size_t i = 0; i + 1 < lines->size(); ++i) RepairHyphenation(&(*lines)[i], &(*lines)[i + 1]);
}

}  // namespace

void NormalizeDocument(Document* doc) {
  for (Page& p : doc->pages) {
    for (Block& b : p.blocks) {
      NormalizeLines(&b.lines);
      for (auto& row : b.table.rows)
        for (Cell& c : row) NormalizeLines(&c.lines);
    }
  }
}

}  // namespace vanban::normalize
