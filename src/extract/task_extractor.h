// Tasks (who must do what, by when) from a document, in two forms:
//
//  * assignment tables (phụ lục phân công nhiệm vụ): header cells mapped to
//    fields by rules/tasks.rules (TT/STT → ordinal; Nhiệm vụ/Nội dung/Lĩnh
//    vực/Tiêu chí → title; Nội dung chi tiết → detail; Sản phẩm/Kết quả →
//    product; Chủ trì/Đơn vị thực hiện → lead; Phối hợp → support; Thời
//    gian/Thời hạn/Yêu cầu → deadline); section rows ("I	CÔNG KHAI …")
//    give Task::section; a table continued over pages (its header repeated,
//    or rows of the same width) is one table; a row with an empty TT
//    continues the task above; a lead or deadline cell left empty (merged
//    cells) takes the one of the row above in the same section, while an
//    empty support cell stays empty; one unit cell with "(chủ trì)" /
//    "(phối hợp)" markers is split by them; a numbered row without units
//    whose next row is its sub-task ("1" then "1.1") is a group heading
//    (added to the sub-tasks' section); a table with year columns is an
//    indicator table, not a task table; HTML list markup, "- " bullets and
//    "-->" in cells become clean lines.
//  * prose, anywhere in the body (up to Nơi nhận / the signature / an
//    appendix), following corpus/README.md's conventions: a unit heading
//    ("2. Phòng Kinh tế - Hạ tầng và Đô thị:") gives its lead to the
//    bullets and lettered items under it; a numbered or lettered item, or a
//    plain paragraph in a "Tổ chức thực hiện" section, is a task when it
//    names its unit: "X chủ trì, phối hợp với Y …" (X leads, Y supports),
//    "Giao X …", "Đề nghị X …", "X có trách nhiệm …", "X: text" (X leads),
//    a sentence opening with units, and "X phối hợp với Y …" / "Phối hợp
//    với Y …" under X's heading (Y leads, X supports). Not tasks: items
//    naming nobody (goals), closing formulas ("Trên đây là …", "… nghiêm túc
//    thực hiện./.", "… Chỉ thị này"), "Trong quá trình thực hiện, nếu …",
//    and the items of "Kiến nghị" / "Kết quả thực hiện" sections.
//
// Extract returns table and prose tasks together in reading order. A
// declared total ("Tổng số nhiệm vụ: 21") is compared with the table's tasks
// when there is a table, since it counts the appendix.
//
// Units go through the gazetteer (rules/units.tsv): canonical name in
// TaskUnit::unit, the alias in as_written; a unit the gazetteer does not know
// is kept as written and reported once per document as a warning with code
// "unknown-unit". Deadlines go through DeadlineParser, resolved against the
// document's year (Extraction::header.issued_date). Keys and the document's
// checks on itself are made by checks.h.
//
// Immutable after Load; Extract may run on several threads at once.
#ifndef VANBAN_EXTRACT_TASK_EXTRACTOR_H_
#define VANBAN_EXTRACT_TASK_EXTRACTOR_H_

#include <string>
#include <vector>

#include "core/document.h"
#include "core/records.h"
#include "core/status.h"
#include "extract/deadline_parser.h"
#include "extract/rule_pack.h"
#include "extract/unit_gazetteer.h"

namespace vanban::extract {

// A cell's text made clean: HTML tags (<ul>, <li>, <p>, <br>) and entities
// resolved to lines, "- " bullets written inline split one per line, Excel's
// leading apostrophes and Markdown ** dropped, "-->"/"->" written "→",
// spaces collapsed. Lines are joined with '\n'.
std::string CleanCellText(std::string_view cell);

class TaskExtractor {
 public:
  // Reads tasks.rules, deadlines.rules and units.tsv (+ local files) from rules_dir.
  static Result<TaskExtractor> Load(const std::string& rules_dir);

  // Appends to out->tasks and out->warnings; reads out->header for the year.
  // Runs the checks of checks.h and gives every task its key.
  void Extract(const Document& doc, Extraction* out) const;

  // The two halves, for tests. doc_year 0 when unknown. positions, when
  // given, receives each task's place in reading order (page, block, line).
  std::vector<Task> FromTables(const Document& doc, int doc_year, std::vector<long>* positions = nullptr) const;
  std::vector<Task> FromProse(const Document& doc, int doc_year, std::vector<long>* positions = nullptr) const;

  const UnitGazetteer& units() const { return units_; }
  const DeadlineParser& deadlines() const { return deadlines_; }
  const RulePack& pack() const { return pack_; }

 private:
  TaskExtractor(RulePack pack, DeadlineParser deadlines, UnitGazetteer units)
      : pack_(std::move(pack)), deadlines_(std::move(deadlines)), units_(std::move(units)) {}
  bool Matches(const char* rule, std::string_view text, RuleMatch* m = nullptr) const;
  // Adds units of one role to the task; unknown ones go to warnings.
  void AddUnits(std::string_view text, const std::string& role, bool whole_list, Task* task) const;
  // "Phòng Nội vụ (chủ trì); VP HĐND-UBND quận, UBND các phường (phối hợp)":
  // one cell, roles by markers. False when the cell has no markers.
  bool SplitByRoleMarkers(std::string_view cell, Task* task) const;
  void ApplyDeadline(std::string_view text, int doc_year, DeadlineParser::Context context, Task* task) const;

  RulePack pack_;
  DeadlineParser deadlines_;
  UnitGazetteer units_;
};

// The document's year from Header::issued_date ("2024-01" → 2024), else 0.
int DocumentYear(const Header& header);

}  // namespace vanban::extract

#endif  // VANBAN_EXTRACT_TASK_EXTRACTOR_H_
