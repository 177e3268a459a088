// Writes names printed in capitals in normal case:
//   "BAN QUẢN LÝ KHU KINH TẾ HẢI PHÒNG" → "Ban Quản lý Khu kinh tế Hải Phòng"
//   "UBND THÀNH PHỐ HẢI PHÒNG"          → "UBND thành phố Hải Phòng"
//   "PHÓ TRƯỞNG BAN"                    → "Phó Trưởng ban"
// driven by rules/casing.tsv (phrases, heads, place words, abbreviations) and
// rules/places.txt. Immutable after Load; safe to share between threads.
#ifndef VANBAN_EXTRACT_CASING_H_
#define VANBAN_EXTRACT_CASING_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace vanban::extract {

class Casing {
 public:
  static Result<Casing> Load(const std::string& rules_dir);
  std::string NormalCase(std::string_view text) const;

 private:
  struct Phrase {
    std::vector<std::string> folded;  // folded words
    std::vector<std::string> written; // words as they should be written
  };
  std::vector<Phrase> phrases_, heads_, place_words_, places_;
  std::vector<std::string> abbreviations_;  // folded
};

// "hải" → "Hải"
std::string Capitalize(std::string_view word);

}  // namespace vanban::extract

#endif  // VANBAN_EXTRACT_CASING_H_
