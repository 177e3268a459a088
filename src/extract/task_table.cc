// Tasks from assignment tables (see task_extractor.h).
#include <algorithm>

#include "core/utf8.h"
#include "extract/task_extractor.h"

namespace vanban::extract {

namespace {

enum class Field { kNone, kOrdinal, kTitle, kDetail, kProduct, kLead, kSupport, kDeadline, kRequirement, kNote };

struct Columns {
  std::vector<Field> fields;
  std::string signature;  // folded header cells, to recognise a repeated header
  int header_rows = 1;
  bool valid = false;
  bool Has(Field f) const { return std::find(fields.begin(), fields.end(), f) != fields.end(); }
};

std::string OneLine(std::string_view s) {
  std::string t(s);
  std::replace(t.begin(), t.end(), '\n', ' ');
  return utf8::CollapseSpace(t);
}

// The cells of a row by field; a field in several columns is joined.
struct RowText {
  std::string Get(Field f) const {
    std::string out;
    for (size_t i = 0; i < fields.size() && i < cells.size(); ++i) {
      if (fields[i] != f || cells[i].empty()) continue;
      if (!out.empty()) out += '\n';
      out += cells[i];
    }
    return out;
  }
  std::vector<Field> fields;
  std::vector<std::string> cells;  // cleaned
  std::string raw;                 // as written, cells joined with TAB
  bool Empty() const {
    for (const std::string& c : cells) {
      if (!c.empty()) return false;
    }
    return true;
  }
};

bool HasLowerLetter(std::string_view s) { return utf8::Upper(s) != s; }

void AppendLine(std::string* to, const std::string& text) {
  if (text.empty()) return;
  if (!to->empty()) *to += '\n';
  *to += text;
}

}  // namespace

std::vector<Task> TaskExtractor::FromTables(const Document& doc, int doc_year,
                                            std::vector<long>* positions) const {
  std::vector<Task> tasks;
  std::vector<long> where;

  auto map_row = [&](const std::vector<Cell>& row, Columns* cols) {
    int mapped = 0;
    cols->fields.clear();
    cols->signature.clear();
    static const std::pair<const char*, Field> kOrder[] = {
        {"col_ordinal", Field::kOrdinal}, {"col_detail", Field::kDetail},
        {"col_support", Field::kSupport}, {"col_lead", Field::kLead},
        {"col_product", Field::kProduct}, {"col_deadline", Field::kDeadline},
        {"col_requirement", Field::kRequirement}, {"col_note", Field::kNote},
        {"col_title", Field::kTitle}};
    for (const Cell& cell : row) {
      std::string text = OneLine(CleanCellText(cell.Text()));
      cols->signature += utf8::Fold(text) + "\t";
      Field f = Field::kNone;
      if (!text.empty() && utf8::Graphemes(text) <= 60) {
        for (const auto& [rule, field] : kOrder) {
          if (Matches(rule, text)) {
            f = field;
            break;
          }
        }
      }
      // A second title column ("Nhiệm vụ" after "Lĩnh vực") holds the detail.
      if (f == Field::kTitle && cols->Has(Field::kTitle)) f = Field::kDetail;
      if (f != Field::kNone) ++mapped;
      cols->fields.push_back(f);
    }
    // Year columns make an indicator table, whatever units it names.
    int year_cells = 0;
    for (const Cell& cell : row) {
      std::string t = OneLine(cell.Text());
      for (size_t p = 0; p + 4 <= t.size(); ++p) {
        if ((t[p] == '1' || t[p] == '2') && (t[p + 1] == '9' || t[p + 1] == '0') && isdigit(t[p + 2]) &&
            isdigit(t[p + 3]) && (p + 4 == t.size() || !isdigit(t[p + 4])) && (p == 0 || !isdigit(t[p - 1]))) {
          ++year_cells;
          break;
        }
      }
    }
    const bool what = year_cells < 2 && (cols->Has(Field::kTitle) || cols->Has(Field::kDetail));
    const bool who = cols->Has(Field::kLead) || cols->Has(Field::kSupport);
    cols->valid = mapped >= 3 && what && who;
    return mapped;
  };

  Columns open;
  bool is_open = false;
  std::string section;
  int table_first_task = 0;
  int section_first_task = 0;

  for (const Page& page : doc.pages) {
    long block_index = 0;
    for (const Block& block : page.blocks) {
      ++block_index;
      if (block.kind == Block::Kind::kParagraph) {
        // Page numbers, a repeated title or a blank between the parts of a
        // table keep it open; real text closes it.
        for (const Line& l : block.lines) {
          if (utf8::Graphemes(utf8::Trim(l.text)) > 60) is_open = false;
        }
        if (block.lines.size() > 3) is_open = false;
        continue;
      }
      const auto& rows = block.table.rows;
      if (rows.empty()) continue;
      Columns cols;
      map_row(rows[0], &cols);
      size_t start = 0;
      if (cols.valid) {
        // A second header row ("Đơn vị" over "Chủ trì | Phối hợp").
        if (rows.size() > 1) {
          Columns second;
          map_row(rows[1], &second);
          bool header_like = second.Has(Field::kLead) || second.Has(Field::kSupport);
          for (const Cell& c : rows[1]) {
            std::string t(utf8::Trim(c.Text()));
            if (!t.empty() && t[0] >= '0' && t[0] <= '9') header_like = false;
          }
          if (header_like) {
            for (size_t i = 0; i < second.fields.size(); ++i) {
              if (second.fields[i] == Field::kNone) continue;
              if (i < cols.fields.size()) {
                cols.fields[i] = second.fields[i];
              } else {
                cols.fields.push_back(second.fields[i]);
              }
            }
            cols.header_rows = 2;
            cols.signature += second.signature;
          }
        }
        start = cols.header_rows;
        if (!(is_open && cols.signature == open.signature)) {
          open = cols;
          section.clear();
          table_first_task = static_cast<int>(tasks.size());
          section_first_task = table_first_task;
        }
        is_open = true;
      } else if (is_open && std::abs(static_cast<int>(rows[0].size()) - static_cast<int>(open.fields.size())) <= 1) {
        start = 0;  // a part of the open table after a page break, without its header
      } else {
        is_open = false;
        continue;
      }

      for (size_t r = start; r < rows.size(); ++r) {
        RowText row;
        row.fields = open.fields;
        for (const Cell& cell : rows[r]) {
          std::string text = cell.Text();
          row.cells.push_back(CleanCellText(text));
          if (!row.raw.empty() || cell.col > 0) row.raw += '\t';
          row.raw += text;
        }
        if (row.Empty()) continue;
        // The header repeated inside the block.
        Columns again;
        map_row(rows[r], &again);
        if (again.valid && again.signature == open.signature) continue;

        const std::string ordinal_cell = OneLine(row.Get(Field::kOrdinal));
        const std::string title_cell = OneLine(row.Get(Field::kTitle));
        const std::string lead_cell = row.Get(Field::kLead);
        const std::string support_cell = row.Get(Field::kSupport);
        const bool no_units = lead_cell.empty() && support_cell.empty();

        // Section rows: "I | CÔNG KHAI …", "II NHIỆM VỤ …" in one cell.
        std::string first;
        size_t first_col = 0;
        for (size_t i = 0; i < row.cells.size(); ++i) {
          if (!row.cells[i].empty()) {
            first = OneLine(row.cells[i]);
            first_col = i;
            break;
          }
        }
        RuleMatch sm;
        if (no_units && row.Get(Field::kProduct).empty() && row.Get(Field::kDeadline).empty() &&
            Matches("section_code", first, &sm)) {
          std::string heading = sm.Get("heading");
          if (heading.empty()) {
            for (size_t i = first_col + 1; i < row.cells.size(); ++i) {
              if (!row.cells[i].empty()) {
                heading = OneLine(row.cells[i]);
                break;
              }
            }
          }
          section = sm.Get("code") + (heading.empty() ? "" : ". " + heading);
          section_first_task = static_cast<int>(tasks.size());
          continue;
        }
        if (ordinal_cell.empty() && no_units && !title_cell.empty() && !HasLowerLetter(title_cell) &&
            row.Get(Field::kDetail).empty() && row.Get(Field::kProduct).empty()) {
          section = title_cell;  // a heading row in capitals without a numeral
          section_first_task = static_cast<int>(tasks.size());
          continue;
        }

        const bool continuation = ordinal_cell.empty() && open.Has(Field::kOrdinal) &&
                                  static_cast<int>(tasks.size()) > table_first_task;
        Task* task;
        if (continuation) {
          task = &tasks.back();
          if (!title_cell.empty()) task->title = task->title.empty() ? title_cell : task->title + " " + title_cell;
          task->raw += "\n" + row.raw;
        } else {
          tasks.emplace_back();
          where.push_back((static_cast<long>(page.number) * 10000 + block_index) * 10000 + static_cast<long>(r));
          task = &tasks.back();
          task->section = section;
          task->ordinal = ordinal_cell;
          RuleMatch om;
          if (Matches("ordinal", ordinal_cell, &om)) task->ordinal = om.Get("ordinal");
          task->title = title_cell;
          task->raw = row.raw;
          task->page = page.number;
        }
        AppendLine(&task->detail, row.Get(Field::kDetail));
        AppendLine(&task->product, row.Get(Field::kProduct));
        if (!lead_cell.empty() && !SplitByRoleMarkers(lead_cell, task)) AddUnits(lead_cell, "lead", true, task);
        if (!support_cell.empty()) AddUnits(support_cell, "support", true, task);
        if (task->title.empty() && !task->detail.empty()) {
          task->title = task->detail.substr(0, task->detail.find('\n'));
          if (utf8::StartsWith(task->title, "- ")) task->title = task->title.substr(2);
        }

        // Merged cells: an empty lead (or deadline) cell takes the one of the
        // row above in the same section; an empty support cell stays empty.
        const bool group_row = !continuation && static_cast<int>(tasks.size()) - 1 > section_first_task;
        if (group_row && lead_cell.empty() && open.Has(Field::kLead)) {
          const Task& above = tasks[tasks.size() - 2];
          for (const TaskUnit& u : above.units) {
            if (u.role == "lead") task->units.push_back(u);
          }
          task->confidence = std::min(task->confidence, 0.8);
        }
        if (group_row && row.Get(Field::kDeadline).empty() && open.Has(Field::kDeadline)) {
          const Task& above = tasks[tasks.size() - 2];
          task->deadline_text = above.deadline_text;
          task->due_date = above.due_date;
          task->due_offset = above.due_offset;
          task->due_anchor = above.due_anchor;
          task->recurrence = above.recurrence;
        }

        // Deadlines: the deadline column first, then the other cells.
        const std::string deadline_cell = row.Get(Field::kDeadline);
        if (!deadline_cell.empty()) {
          ApplyDeadline(deadline_cell, doc_year, DeadlineParser::Context::kCell, task);
          const std::string whole = OneLine(deadline_cell);
          if (task->deadline_text.empty() || !continuation) task->deadline_text = whole;
        }
        const std::string requirement = row.Get(Field::kRequirement);
        if (!requirement.empty()) {
          ApplyDeadline(requirement, doc_year, DeadlineParser::Context::kProse, task);
          AppendLine(&task->detail, requirement.find('\n') == std::string::npos ? "Yêu cầu: " + requirement
                                                                                  : "Yêu cầu:\n" + requirement);
        }
        AppendLine(&task->detail, row.Get(Field::kNote).empty() ? "" : "Ghi chú: " + OneLine(row.Get(Field::kNote)));
        ApplyDeadline(row.Get(Field::kProduct), doc_year, DeadlineParser::Context::kProse, task);
        ApplyDeadline(row.Get(Field::kDetail), doc_year, DeadlineParser::Context::kProse, task);
        ApplyDeadline(title_cell, doc_year, DeadlineParser::Context::kProse, task);
      }
    }
  }

  // A numbered row with no units, product or deadline followed by its
  // sub-tasks ("1" then "1.1", "1.2") is a group heading, not a task.
  std::vector<Task> out;
  for (size_t i = 0; i < tasks.size(); ++i) {
    Task& t = tasks[i];
    const bool group = t.units.empty() && t.product.empty() && t.deadline_text.empty() && !t.ordinal.empty() &&
                       i + 1 < tasks.size() && utf8::StartsWith(tasks[i + 1].ordinal, t.ordinal + ".");
    if (group) {
      where[i] = -1;
      const std::string sub = t.ordinal + ". " + t.title;
      for (size_t j = i + 1; j < tasks.size() && utf8::StartsWith(tasks[j].ordinal, t.ordinal + "."); ++j) {
        tasks[j].section = tasks[j].section.empty() ? sub : tasks[j].section + " › " + sub;
      }
      continue;
    }
    out.push_back(std::move(t));
  }
  if (positions) {
    positions->clear();
    for (long w : where) {
      if (w >= 0) positions->push_back(w);
    }
  }
  return out;
}

}  // namespace vanban::extract
