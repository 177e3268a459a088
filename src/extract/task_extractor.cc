#include "extract/task_extractor.h"

#include <re2/re2.h>

#include <algorithm>
#include <filesystem>

#include "core/utf8.h"
#include "extract/checks.h"

namespace vanban::extract {

namespace {

// True when the character at s[pos] is an upper-case letter or a digit.
bool UpperOrDigitAt(std::string_view s, size_t pos) {
  if (pos >= s.size()) return false;
  if (s[pos] >= '0' && s[pos] <= '9') return true;
  std::string_view ch = utf8::FirstChar(s.substr(pos));
  return utf8::Lower(ch) != ch;
}

std::string ReplaceAll(std::string s, std::string_view from, std::string_view to) {
  size_t pos = 0;
  while ((pos = s.find(from, pos)) != std::string::npos) {
    s.replace(pos, from.size(), to);
    pos += to.size();
  }
  return s;
}

// Splits one line of a list cell into its items: " - Xyz", " '- Xyz", " 2. Xyz".
std::vector<std::string> SplitItems(const std::string& line) {
  std::vector<std::string> items;
  size_t start = 0;
  for (size_t i = 1; i + 2 < line.size(); ++i) {
    if (line[i] != ' ') continue;
    size_t j = i + 1;
    if (line[j] == '\'') ++j;
    size_t next = std::string::npos;
    if (line[j] == '-' && j + 1 < line.size() && line[j + 1] == ' ' && UpperOrDigitAt(line, j + 2)) {
      next = j;
    } else if (line[j] >= '1' && line[j] <= '9') {
      size_t k = j;
      while (k < line.size() && line[k] >= '0' && line[k] <= '9') ++k;
      if (k - j <= 2 && k + 1 < line.size() && line[k] == '.' && line[k + 1] == ' ' && UpperOrDigitAt(line, k + 2)) {
        next = j;
      }
    }
    if (next != std::string::npos) {
      items.push_back(line.substr(start, i - start));
      start = next;
      i = next;
    }
  }
  items.push_back(line.substr(start));
  return items;
}

}  // namespace

std::string CleanCellText(std::string_view cell) {
  std::string s(cell);
  static const RE2 kBreakTags(R"((?i)<\s*(?:br|/?li|/?p|/?ul|/?ol|/?div|/?tr)\b[^<>]*>)");
  static const RE2 kOtherTags(R"(</?[a-zA-Z][^<>]*>)");
  RE2::GlobalReplace(&s, kBreakTags, "\n");
  RE2::GlobalReplace(&s, kOtherTags, "");
  s = ReplaceAll(s, "&nbsp;", " ");
  s = ReplaceAll(s, "&lt;", "<");
  s = ReplaceAll(s, "&gt;", ">");
  s = ReplaceAll(s, "&quot;", "\"");
  s = ReplaceAll(s, "&#39;", "'");
  s = ReplaceAll(s, "&amp;", "&");
  s = ReplaceAll(s, "**", "");
  s = ReplaceAll(s, "\xC2\xA0", " ");
  static const RE2 kArrow(R"([ \t]*(?:-{1,2}>|=>|–>)[ \t]*)");
  RE2::GlobalReplace(&s, kArrow, " → ");

  std::string out;
  for (std::string_view raw : utf8::Split(s, '\n')) {
    std::string line = utf8::CollapseSpace(raw);
    while (!line.empty() && line[0] == '\'') line = std::string(utf8::Trim(line.substr(1)));
    if (line.empty()) continue;
    const bool list = utf8::StartsWith(line, "- ") || utf8::StartsWith(line, "• ") ||
                      utf8::StartsWith(line, "+ ") ||
                      (line.size() > 3 && line[0] >= '1' && line[0] <= '9' && line[1] == '.' && line[2] == ' ');
    std::vector<std::string> items = list ? SplitItems(line) : std::vector<std::string>{line};
    for (std::string item : items) {
      item = std::string(utf8::Trim(item));
      while (!item.empty() && item[0] == '\'') item = std::string(utf8::Trim(item.substr(1)));
      if (utf8::StartsWith(item, "• ") ) item = "- " + item.substr(std::string("• ").size());
      if (item.empty() || item == "-") continue;
      if (!out.empty()) out += '\n';
      out += item;
    }
  }
  return out;
}

int DocumentYear(const Header& header) {
  const std::string& d = header.issued_date;
  if (d.size() < 4) return 0;
  int y = 0;
  for (int i = 0; i < 4; ++i) {
    if (d[i] < '0' || d[i] > '9') return 0;
    y = y * 10 + (d[i] - '0');
  }
  return y;
}

Result<TaskExtractor> TaskExtractor::Load(const std::string& rules_dir) {
  Result<RulePack> pack = RulePack::LoadFile((std::filesystem::path(rules_dir) / "tasks.rules").string());
  if (!pack.ok()) return pack.status();
  static const char* kRules[] = {"col_ordinal", "col_detail", "col_support", "col_lead", "col_product",
                                 "col_deadline", "col_requirement", "col_note", "col_title", "section_code",
                                 "ordinal", "declared_total", "implementation_heading", "section_end",
                                 "numbered_item", "bullet", "article", "lettered_item", "roman_heading",
                                 "no_task_section", "document_end", "lead_cue", "support_cue", "assign_cue",
                                 "request_cue", "responsible_cue", "not_a_task"};
  for (const char* name : kRules) {
    Result<const Rule*> r = pack->Require(name);
    if (!r.ok()) return r.status();
  }
  Result<DeadlineParser> deadlines = DeadlineParser::Load(rules_dir);
  if (!deadlines.ok()) return deadlines.status();
  Result<UnitGazetteer> units = UnitGazetteer::Load(rules_dir);
  if (!units.ok()) return units.status();
  return TaskExtractor(std::move(pack).value(), std::move(deadlines).value(), std::move(units).value());
}

bool TaskExtractor::Matches(const char* rule, std::string_view text, RuleMatch* m) const {
  const Rule* r = pack_.Find(rule);
  RuleMatch local;
  return r != nullptr && r->Find(text, m ? m : &local);
}

void TaskExtractor::AddUnits(std::string_view text, const std::string& role, bool whole_list, Task* task) const {
  size_t consumed = 0;
  std::vector<UnitMention> mentions = whole_list ? units_.ParseList(text) : units_.ParsePrefix(text, &consumed);
  for (const UnitMention& m : mentions) {
    bool dup = false;
    for (const TaskUnit& u : task->units) dup = dup || (u.unit == m.canonical && u.role == role);
    if (!dup) task->units.push_back(TaskUnit{m.canonical, m.as_written, role});
  }
}

bool TaskExtractor::SplitByRoleMarkers(std::string_view cell, Task* task) const {
  static const RE2 kMarker(R"(\(\s*(chủ trì|Chủ trì|CHỦ TRÌ|phối hợp|Phối hợp|PHỐI HỢP)\s*\))");
  re2::StringPiece input(cell.data(), cell.size());
  std::string role_text;
  size_t last = 0;
  bool any = false;
  re2::StringPiece piece = input;
  re2::StringPiece marker;
  while (RE2::FindAndConsume(&piece, kMarker, &role_text)) {
    size_t end = piece.data() - cell.data();
    // The marker itself is the text just consumed; the units are before it.
    size_t marker_len = 0;
    {
      std::string_view upto = cell.substr(0, end);
      marker_len = upto.size() - upto.rfind('(');
    }
    std::string_view units = cell.substr(last, end - marker_len - last);
    std::string role = utf8::Fold(role_text) == "chu tri" ? "lead" : "support";
    AddUnits(units, role, true, task);
    last = end;
    any = true;
  }
  if (any && last < cell.size()) AddUnits(cell.substr(last), "lead", true, task);
  return any;
}

void TaskExtractor::ApplyDeadline(std::string_view text, int doc_year, DeadlineParser::Context context,
                                  Task* task) const {
  if (!task->due_date.empty() || !task->recurrence.empty() || !task->due_offset.empty()) return;
  Deadline d = deadlines_.Parse(text, doc_year, context);
  if (!d.found()) return;
  task->due_date = d.due_date;
  task->recurrence = d.recurrence;
  task->due_offset = d.due_offset;
  task->due_anchor = d.due_anchor;
  if (task->deadline_text.empty()) task->deadline_text = d.text;
}

void TaskExtractor::Extract(const Document& doc, Extraction* out) const {
  const int year = DocumentYear(out->header);
  std::vector<Warning> warnings;
  std::vector<long> table_at, prose_at;
  std::vector<Task> table = FromTables(doc, year, &table_at);
  std::vector<Task> prose = FromProse(doc, year, &prose_at);
  const size_t table_tasks = table.size();
  // Both, in reading order (prose before an appendix table when it comes first).
  std::vector<Task> tasks;
  std::vector<bool> from_table;
  size_t a = 0, b = 0;
  while (a < table.size() || b < prose.size()) {
    if (b >= prose.size() || (a < table.size() && table_at[a] < prose_at[b])) {
      tasks.push_back(std::move(table[a++]));
      from_table.push_back(true);
    } else {
      tasks.push_back(std::move(prose[b++]));
      from_table.push_back(false);
    }
  }

  // Units the gazetteer does not know, once per document.
  std::vector<std::string> unknown;
  for (const Task& t : tasks) {
    for (const TaskUnit& u : t.units) {
      if (!units_.Canonical(u.as_written).empty() || units_.Canonical(u.unit) == u.unit) continue;
      if (std::find(unknown.begin(), unknown.end(), u.unit) != unknown.end()) continue;
      unknown.push_back(u.unit);
      warnings.push_back({"unknown-unit", "đơn vị chưa có trong danh mục (rules/units.tsv): " + u.unit});
    }
  }

  // "Tổng số nhiệm vụ: 21": the last such line counts.
  int declared = -1;
  for (const Page& page : doc.pages) {
    for (const Block& block : page.blocks) {
      auto scan = [&](const std::string& text) {
        RuleMatch m;
        if (Matches("declared_total", text, &m)) {
          std::string n = m.Has("n") ? m.Get("n") : m.Get("n2");
          declared = std::atoi(n.c_str());
        }
      };
      if (block.kind == Block::Kind::kParagraph) {
        for (const Line& l : block.lines) scan(l.text);
      } else {
        for (const auto& row : block.table.rows) {
          for (const Cell& c : row) scan(c.Text());
        }
      }
    }
  }
  // The document counts its own tasks: when its appendix table holds exactly
  // the declared number, that table is the list of tasks, and the duties in
  // the body (Tổ chức thực hiện) say how it is carried out, not more tasks.
  if (declared > 0 && static_cast<int>(table_tasks) == declared) {
    std::vector<Task> listed;
    for (size_t i = 0; i < tasks.size(); ++i) {
      if (from_table[i]) listed.push_back(std::move(tasks[i]));
    }
    tasks = std::move(listed);
    from_table.assign(tasks.size(), true);
  }
  AssignTaskKeys(&tasks);
  // A declared total counts the table's tasks when there is a table.
  std::vector<Task> counted;
  for (size_t i = 0; i < tasks.size(); ++i) {
    if (table_tasks == 0 || from_table[i]) counted.push_back(tasks[i]);
  }
  CheckTasks(counted, declared, out->header, &warnings);
  if (table_tasks > 0) {  // the other checks cover every task
    std::vector<Warning> more;
    std::vector<Task> prose_only;
    for (size_t i = 0; i < tasks.size(); ++i) {
      if (!from_table[i]) prose_only.push_back(tasks[i]);
    }
    CheckTasks(prose_only, -1, out->header, &more);
    for (Warning& w : more) {
      if (w.code != "duplicate-task") warnings.push_back(std::move(w));
    }
  }
  for (Task& t : tasks) out->tasks.push_back(std::move(t));
  for (Warning& w : warnings) out->warnings.push_back(std::move(w));
}

}  // namespace vanban::extract
