// Tokenizer shared by the language-model builder and the Restorer.
//
// A line is cut at white space into chunks; leading and trailing punctuation
// of a chunk become their own tokens. What is left is classified:
//   kUrl     e-mail addresses and URLs (contain @, ://, www.)
//   kSymbol  document symbols and codes: alphanumerics joined by - / .
//            (KH-BQL, 02/NQ-CP, DVVL-ĐT-XTĐT, 2024-2025, 05/01/2024)
//   kNumber  digits, with . or , inside (3822, 77,39, 1.000)
//   kWord    letters, possibly with digits inside (Hải, ctia, s6, 1y)
//   kPunct   one punctuation or symbol character
// Offsets are byte offsets into the line, so a caller can rebuild the line
// with the spacing it had.
//
// LmKey gives the string the n-gram model counts for a token: a lower-case
// word, "<num>" for numbers (and number ranges and dates: 2024-2025,
// 05/01/2024), "<sym>" for other symbols and URLs, the character for
// punctuation, "<unk>" for words with digits inside.
//
// Pure functions; thread-safe.
#ifndef VANBAN_RESTORE_TOKENIZE_H_
#define VANBAN_RESTORE_TOKENIZE_H_

#include <string>
#include <string_view>
#include <vector>

namespace vanban::restore {

enum class TokenKind { kWord, kNumber, kSymbol, kUrl, kPunct };

struct Token {
  TokenKind kind;
  size_t begin = 0, end = 0;  // bytes in the line
  std::string text;
};

std::vector<Token> Tokenize(std::string_view line);
std::string LmKey(const Token& t);

}  // namespace vanban::restore

#endif  // VANBAN_RESTORE_TOKENIZE_H_
