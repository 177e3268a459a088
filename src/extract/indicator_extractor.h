// Indicators (chỉ số): yearly results and targets, from tables and prose,
// with the rules of rules/indicators.rules.
//
// Tables: a header with two or more year columns side by side ("2021 2022
// 2023") and, after them, a target column ("Mục tiêu 2024"; "Mục tiêu" whose
// year sits on a line of its own; or one more number than there are years,
// taken as the target for the year after the last). Each row gives one
// Indicator per value: kind "actual" for a year column, "target" for the
// target column; comparator "="; code from a Roman numeral in the first
// cell; metric "rank" for "Xếp hạng (trên tổng 21 …)" (out_of 21), "score"
// with out_of 100 for "Tổng điểm … (trên tổng 100 điểm)", "percent" for
// "Tỷ lệ … (%)", else "score". The table may be a Block::kTable (cells) or
// plain lines with the numbers at the end (OCR without a detected grid):
// both are read as lines. Decimal commas are read ("7,44" = 7.44). OCR
// repairs: '|' column rules are ignored; a 3-digit integer among values
// that all have decimals and are below 100 ("714" beside "7,06") is read as
// a lost decimal comma (7.14); a Roman numeral read as "| |", "Il" or "1T"
// becomes the next numeral in sequence. Indicator::raw keeps the line as
// written.
//
// Prose: "đạt 93,20/100 điểm" (actual score, out_of 100), "xếp hạng 6/20"
// (actual rank, out_of 20), "đạt từ 79 điểm trở lên" (target score, >=),
// "tăng 2 bậc xếp hạng" (target rank, value 2, comparator ">=", name "tăng
// bậc xếp hạng"), "(77,39 điểm xếp hạng 5)" (actual score and rank),
// "Năm 2024 ≤ 25" (target, <=), "100% …" (percent; target unless the
// sentence reports a past year). The year is the last "năm YYYY" before the
// statement in its paragraph, else the document's; the name is the index
// named last before it (PCI, DDCI, Chỉ số CCHC …), else the one in the
// document's title.
//
// Immutable after Load; Extract may run on several threads at once.
#ifndef VANBAN_EXTRACT_INDICATOR_EXTRACTOR_H_
#define VANBAN_EXTRACT_INDICATOR_EXTRACTOR_H_

#include <string>
#include <vector>

#include "core/document.h"
#include "core/records.h"
#include "core/status.h"
#include "extract/rule_pack.h"

namespace vanban::extract {

class IndicatorExtractor {
 public:
  static Result<IndicatorExtractor> Load(const std::string& rules_dir);

  // Appends to out->indicators; reads out->header for the year and title.
  void Extract(const Document& doc, Extraction* out) const;

  // One line of text with its page, in reading order (table rows joined with " | ").
  struct SourceLine {
    std::string text;
    int page = 1;
    bool table = false;  // from a Block::kTable row
    bool gap = false;    // a blank between blocks
  };
  static std::vector<SourceLine> Lines(const Document& doc);

  std::vector<Indicator> FromTables(const std::vector<SourceLine>& lines, std::vector<bool>* used) const;
  std::vector<Indicator> FromProse(const std::vector<SourceLine>& lines, const std::vector<bool>& used,
                                   const Header& header) const;

 private:
  explicit IndicatorExtractor(RulePack pack) : pack_(std::move(pack)) {}
  bool Matches(const char* rule, std::string_view text, RuleMatch* m = nullptr) const;
  // A ruled table with a plan column and a result column ("Kế hoạch năm
  // 2024 | Kết quả thực hiện") starting at lines[i]; returns the line after
  // it, or i when lines[i] is not such a header.
  size_t CellTable(const std::vector<SourceLine>& lines, size_t i, std::vector<bool>* used,
                   std::vector<Indicator>* out) const;
  RulePack pack_;
};

// "76,19" → 76.19, "7.7" → 7.7; false when s is not a number.
bool ParseDecimal(std::string_view s, double* value);

}  // namespace vanban::extract

#endif  // VANBAN_EXTRACT_INDICATOR_EXTRACTOR_H_
