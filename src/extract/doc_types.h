// The types of documents and their abbreviations (rules/doc_types.tsv).
#ifndef VANBAN_EXTRACT_DOC_TYPES_H_
#define VANBAN_EXTRACT_DOC_TYPES_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace vanban::extract {

class DocTypes {
 public:
  static Result<DocTypes> Load(const std::string& rules_dir);
  // "Kế hoạch" for "KH"; "" when unknown. Exact abbreviation (QĐ, QyĐ, CTr).
  std::string NameForAbbreviation(std::string_view abbr) const;
  // "Kế hoạch" when the line is a type heading ("KẾ HOẠCH", "Kế hoạch"); else "".
  std::string NameForHeading(std::string_view line) const;
  // "BÁO CÁO SƠ KẾT 6 THÁNG …": the type a heading line starts with ("Báo
  // cáo"), and in *rest the words after it; "" when none.
  std::string NameForHeadingPrefix(std::string_view line, std::string* rest) const;

 private:
  struct Entry {
    std::string abbr, name, folded;
  };
  std::vector<Entry> entries_;
};

}  // namespace vanban::extract

#endif  // VANBAN_EXTRACT_DOC_TYPES_H_
