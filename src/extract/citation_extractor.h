// Finds every document a text cites: "Nghị quyết số 02/NQ-CP ngày 05/01/2024
// của Chính phủ", "Kế hoạch 253/KH-UBND ngày 17 tháng 6 năm 2024 của Ủy ban
// nhân dân tỉnh", "Quyết định số 56/2021/QĐ-UBND", "Nghị quyết số 03-NQ/TU",
// and lists ("các Kế hoạch của UBND thành phố: số 268/KH-UBND …; số 197/…").
//
// Each number/symbol (rules/citations.rules `docno`) becomes one citation;
// the type is read to its left (or from the symbol's abbreviation), the date
// and issuer to its right. The document's own number is not a citation. The
// same number/symbol cited twice is one citation, with the fullest details.
#ifndef VANBAN_EXTRACT_CITATION_EXTRACTOR_H_
#define VANBAN_EXTRACT_CITATION_EXTRACTOR_H_

#include <string>
#include <vector>

#include "core/records.h"
#include "core/status.h"
#include "extract/doc_types.h"
#include "extract/rule_pack.h"
#include "extract/text_lines.h"

namespace vanban::extract {

class CitationExtractor {
 public:
  static Result<CitationExtractor> Load(const std::string& rules_dir, const DocTypes* types);
  // own: the document's number and symbol, to leave out.
  std::vector<Citation> Extract(const std::vector<TextLine>& lines, const Header& own) const;

 private:
  CitationExtractor(RulePack pack, const DocTypes* types) : pack_(std::move(pack)), types_(types) {}
  RulePack pack_;
  const DocTypes* types_;  // not owned; outlives this
};

}  // namespace vanban::extract

#endif  // VANBAN_EXTRACT_CITATION_EXTRACTOR_H_
