// vanban tasks [--unit U] [--role lead|support] [--doc DOC]... [--section S]
//              [--due-before DATE] [--overdue] [--today DATE] [--sort doc|due]
//              [--all] [--wrap] [--json] [--color|--no-color] [--no-pager] [--width N]
//
// One line per task across documents, review decisions applied (rejected
// tasks hidden unless --all). Filters compare folded text: `--unit "van phong"`
// finds "Văn phòng". A deadline is the task's due date, or its offset from the
// document's issue date; recurring tasks without a date are never overdue.
#include <algorithm>
#include <iostream>

#include "cli/command.h"
#include "cli/common.h"
#include "cli/reviewed.h"
#include "cli/terminal.h"
#include "core/utf8.h"
#include "review/dates.h"
#include "review/extraction_diff.h"
#include "store/json.h"

namespace vanban::cli {

namespace {

struct Row {
  const ReviewedDocument* doc;
  const review::ReviewedTask* task;
  std::optional<review::Date> due;
};

std::string Join(const std::vector<std::string>& v, const char* sep) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : sep) + s;
  return out;
}

bool SectionMatches(const std::string& section, const std::string& want) {
  std::string s = utf8::CollapseSpace(utf8::Fold(section)), w = utf8::CollapseSpace(utf8::Fold(want));
  if (w.empty()) return true;
  if (s == w) return true;
  if (s.rfind(w, 0) == 0 && (s[w.size()] == '.' || s[w.size()] == ' ')) return true;
  return w.size() >= 3 && s.find(w) != std::string::npos;
}

std::string DueText(const Row& r) {
  const Task& t = r.task->task;
  if (r.due) return review::FormatIso(*r.due);
  if (!t.deadline_text.empty()) return t.deadline_text;
  if (!t.recurrence.empty()) return t.recurrence;
  return "—";
}

nlohmann::json RowJson(const Row& r) {
  const Task& t = r.task->task;
  const Header& h = r.doc->doc.row.header;
  auto or_null = [](const std::string& s) { return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s); };
  return {{"document", {{"id", r.doc->doc.row.id}, {"doc_type", or_null(h.doc_type)},
                        {"reference", or_null(Reference(h))}, {"issued_date", or_null(h.issued_date)}}},
          {"key", t.key},
          {"section", or_null(t.section)},
          {"ordinal", or_null(t.ordinal)},
          {"title", or_null(t.title)},
          {"detail", or_null(t.detail)},
          {"product", or_null(t.product)},
          {"lead", review::UnitsOf(t, "lead")},
          {"support", review::UnitsOf(t, "support")},
          {"deadline_text", or_null(t.deadline_text)},
          {"due_date", or_null(t.due_date)},
          {"due_offset", or_null(t.due_offset)},
          {"due_anchor", or_null(t.due_anchor)},
          {"recurrence", or_null(t.recurrence)},
          {"effective_due_date", r.due ? nlohmann::json(review::FormatIso(*r.due)) : nlohmann::json(nullptr)},
          {"page", t.page},
          {"review_state", r.task->state},
          {"stale", r.task->stale},
          {"edited_fields", r.task->edited_fields}};
}

}  // namespace

int RunTasks(const std::vector<std::string>& argv) {
  Args args;
  std::vector<std::string> specs = {"--db=",    "--unit=",  "--role=", "--doc=",  "--section=", "--due-before=",
                                    "--overdue", "--today=", "--sort=", "--all", "--wrap", "--json"};
  for (const auto& s : TerminalOptionSpecs()) specs.push_back(s);
  Status parsed = args.Parse(argv, specs);
  if (!parsed.ok()) return UsageError("tasks: " + parsed.message());
  if (!args.positional().empty()) return UsageError("tasks: unexpected argument '" + args.positional()[0] + "'");
  std::string role = args.Get("--role");
  if (!role.empty() && role != "lead" && role != "support") return UsageError("tasks: --role is lead or support");
  std::string sort = args.Get("--sort", "doc");
  if (sort != "doc" && sort != "due") return UsageError("tasks: --sort is doc or due");
  std::optional<review::Date> before;
  if (args.Has("--due-before")) {
    before = review::ParseIsoDate(args.Get("--due-before"));
    if (!before) return UsageError("tasks: --due-before needs YYYY-MM-DD");
  }
  review::Date today = review::Today();
  if (args.Has("--today")) {
    auto t = review::ParseIsoDate(args.Get("--today"));
    if (!t) return UsageError("tasks: --today needs YYYY-MM-DD");
    today = *t;
  }

  auto db = OpenDatabase(args, true);
  if (!db.ok()) return Fail(db.status().message());
  auto docs = LoadReviewedByRef(db->get(), args.GetAll("--doc"));
  if (!docs.ok()) return Fail(docs.status().message());

  const std::string unit = utf8::CollapseSpace(utf8::Fold(args.Get("--unit")));
  std::vector<Row> rows;
  int hidden = 0;
  for (const ReviewedDocument& d : *docs) {
    for (const review::ReviewedTask& rt : d.tasks) {
      const Task& t = rt.task;
      if (!unit.empty()) {
        bool found = false;
        for (const TaskUnit& u : t.units) {
          if (!role.empty() && u.role != role) continue;
          if (utf8::CollapseSpace(utf8::Fold(u.unit)).find(unit) != std::string::npos ||
              utf8::CollapseSpace(utf8::Fold(u.as_written)).find(unit) != std::string::npos) {
            found = true;
          }
        }
        if (!found) continue;
      }
      if (args.Has("--section") && !SectionMatches(t.section, args.Get("--section"))) continue;
      Row r{&d, &rt, review::EffectiveDueDate(t, d.doc.row.header.issued_date)};
      if (before && !(r.due && *r.due < *before)) continue;
      if (args.Has("--overdue") && !(r.due && *r.due < today)) continue;
      if (rt.rejected() && !args.Has("--all")) {
        ++hidden;
        continue;
      }
      rows.push_back(r);
    }
  }
  if (sort == "due") {
    std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
      if (a.due.has_value() != b.due.has_value()) return a.due.has_value();
      return a.due && *a.due < *b.due;
    });
  }

  Output out(args);
  if (args.Has("--json")) {
    nlohmann::json j = nlohmann::json::array();
    for (const Row& r : rows) j.push_back(RowJson(r));
    out.out() << j.dump(2) << "\n";
    out.Finish();
    return kExitOk;
  }

  // Columns: document, label, title, lead, due, state.
  bool show_state = std::any_of(rows.begin(), rows.end(), [](const Row& r) { return r.task->state != "unreviewed"; });
  struct Cells {
    std::string doc, label, title, lead, due, state;
  };
  std::vector<Cells> cells;
  for (const Row& r : rows) {
    std::string ref = Reference(r.doc->doc.row.header);
    std::string state = r.task->state + (r.task->stale ? "*" : "");
    cells.push_back({"#" + std::to_string(r.doc->doc.row.id) + (ref.empty() ? "" : " " + ref),
                     review::TaskLabel(r.task->task), r.task->task.title,
                     Join(review::UnitsOf(r.task->task, "lead"), ", "), DueText(r), state});
  }
  const Cells header{"DOC", "TASK", "TITLE", "LEAD", "DUE", "STATE"};
  auto width_of = [&](auto member, size_t cap) {
    size_t w = utf8::DisplayWidth(header.*member);
    for (const Cells& c : cells) w = std::max(w, utf8::DisplayWidth(c.*member));
    return std::min(w, cap);
  };
  size_t w_doc = width_of(&Cells::doc, 24), w_label = width_of(&Cells::label, 10);
  size_t w_lead = width_of(&Cells::lead, 30), w_due = width_of(&Cells::due, 22);
  size_t w_state = show_state ? width_of(&Cells::state, 12) : 0;
  // Fit the terminal: the title takes what is left, at least 20 columns; when
  // that does not fit, the lead, due and document columns give way in turn.
  const size_t total = static_cast<size_t>(out.width());
  auto fixed = [&] { return w_doc + w_label + w_lead + w_due + (show_state ? w_state + 2 : 0) + 2 * 4; };
  for (size_t* w : {&w_lead, &w_due, &w_doc}) {
    while (fixed() + 20 > total && *w > 10) --*w;
  }
  size_t w_title = total > fixed() + 20 ? total - fixed() : 20;
  size_t natural_title = width_of(&Cells::title, 1000);
  w_title = std::min(w_title, std::max(natural_title, utf8::DisplayWidth(header.title)));

  auto line = [&](const Cells& c, const Row* r) {
    std::vector<std::string> title_lines =
        args.Has("--wrap") ? WrapToWidth(c.title, w_title) : std::vector<std::string>{TruncateToWidth(c.title, w_title)};
    std::string due = PadToWidth(TruncateToWidth(c.due, w_due), w_due);
    if (r && r->due && out.color()) {
      if (*r->due < today) due = out.Paint(due, "31");
      else if (std::chrono::sys_days{*r->due} - std::chrono::sys_days{today} <= std::chrono::days{7}) due = out.Paint(due, "33");
    }
    std::string first = PadToWidth(TruncateToWidth(c.doc, w_doc), w_doc) + "  " +
                        PadToWidth(TruncateToWidth(c.label, w_label), w_label) + "  " +
                        PadToWidth(title_lines[0], w_title) + "  " +
                        PadToWidth(TruncateToWidth(c.lead, w_lead), w_lead) + "  " + due;
    if (show_state) {
      std::string st = TruncateToWidth(c.state, w_state);
      if (r && r->task->rejected()) st = out.Paint(st, "31");
      else if (r && r->task->state != "unreviewed") st = out.Paint(st, "32");
      first += "  " + st;
    }
    while (!first.empty() && first.back() == ' ') first.pop_back();
    out.out() << first << "\n";
    for (size_t k = 1; k < title_lines.size(); ++k) {
      out.out() << std::string(w_doc + w_label + 4, ' ') << title_lines[k] << "\n";
    }
  };
  if (!rows.empty()) {
    std::string h = PadToWidth(header.doc, w_doc) + "  " + PadToWidth(header.label, w_label) + "  " +
                    PadToWidth(header.title, w_title) + "  " + PadToWidth(header.lead, w_lead) + "  " +
                    (show_state ? PadToWidth(header.due, w_due) + "  " + header.state : header.due);
    out.out() << out.Paint(h, "1") << "\n";
  }
  for (size_t k = 0; k < rows.size(); ++k) line(cells[k], &rows[k]);
  out.out() << rows.size() << (rows.size() == 1 ? " task" : " tasks");
  if (hidden > 0) out.out() << " (" << hidden << " rejected, not shown: --all shows them)";
  out.out() << "\n";
  out.Finish();
  return kExitOk;
}

}  // namespace vanban::cli
