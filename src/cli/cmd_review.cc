// vanban review DOC [--all]                      walk through the tasks at a prompt
// vanban review DOC --accept-all                 accept every task not yet reviewed
// vanban review DOC --task KEY --set FIELD=VALUE [--set …]
// vanban review DOC --task KEY --reject | --accept | --reset
// vanban review DOC --list [--json]              the tasks with their review state
//
// At the prompt (one answer per line on stdin, so answers can be piped):
//   a            accept the task as shown        r            reject the task
//   e FIELD=VAL  edit a field (stay on the task) x FIELD      reject (empty) one field
//   u            undo every decision on the task s or empty   skip to the next task
//   q            quit (end of input quits too)   ?            help
// Decisions are saved as they are made (review/decisions.h): keyed by the
// document's sha256 and the task's key, they survive `ingest --force`.
#include <iostream>
#include <set>

#include "cli/command.h"
#include "cli/common.h"
#include "cli/reviewed.h"
#include "cli/terminal.h"
#include "core/utf8.h"
#include "review/extraction_diff.h"
#include "store/json.h"

namespace vanban::cli {

namespace {

constexpr char kHelp[] =
    "  a            accept the task as shown\n"
    "  r            reject the task (hidden from tasks/export unless --all)\n"
    "  e FIELD=VAL  edit one field; lead/support take units separated by ';'\n"
    "  x FIELD      reject one field (it becomes empty)\n"
    "  u            undo every decision on this task\n"
    "  s, Enter     skip to the next task\n"
    "  q            quit\n";

// A task by exact key, unique key prefix, or unique label ("I.2").
Result<size_t> FindTask(const std::vector<review::ReviewedTask>& tasks, const std::string& ref) {
  std::vector<size_t> prefix, label;
  for (size_t i = 0; i < tasks.size(); ++i) {
    const Task& t = tasks[i].extracted;
    if (t.key == ref) return i;
    if (!ref.empty() && t.key.rfind(ref, 0) == 0) prefix.push_back(i);
    if (review::TaskLabel(t) == ref || review::TaskLabel(tasks[i].task) == ref) label.push_back(i);
  }
  if (prefix.size() == 1) return prefix[0];
  if (prefix.empty() && label.size() == 1) return label[0];
  if (prefix.size() > 1 || label.size() > 1) return InvalidArgument("task '" + ref + "' is ambiguous; give its key");
  return NotFound("no task '" + ref + "' in this document (see `vanban review DOC --list`)");
}

Status ParseAssignment(const std::string& text, std::string* field, std::string* value) {
  std::string s = std::string(utf8::Trim(text));
  size_t eq = s.find('=');
  if (eq == std::string::npos) {
    size_t sp = s.find(' ');
    if (sp == std::string::npos) return InvalidArgument("write FIELD=VALUE");
    eq = sp;
  }
  *field = std::string(utf8::Trim(s.substr(0, eq)));
  *value = std::string(utf8::Trim(s.substr(eq + 1)));
  if (!review::IsEditableField(*field)) {
    std::string names;
    for (const auto& f : review::EditableFields()) names += (names.empty() ? "" : ", ") + f;
    return InvalidArgument("no field '" + *field + "' (fields: " + names + ")");
  }
  return Status::Ok();
}

class Session {
 public:
  Session(store::Database* db, store::StoredDocument doc, Output* out)
      : db_(db), doc_(std::move(doc)), out_(out) {}

  Status Reload() {
    auto decisions = review::LoadDecisions(&db_->connection(), doc_.row.sha256);
    if (!decisions.ok()) return decisions.status();
    decisions_ = std::move(decisions).value();
    tasks_ = review::ApplyDecisions(doc_.extraction.tasks, decisions_);
    return Status::Ok();
  }
  std::vector<review::ReviewedTask>& tasks() { return tasks_; }
  const std::vector<review::Decision>& decisions() const { return decisions_; }

  Status Decide(size_t i, const std::string& field, const std::string& action, const std::string& value = "") {
    review::Decision d;
    d.sha256 = doc_.row.sha256;
    d.task_key = tasks_[i].extracted.key;
    d.field = field;
    d.action = action;
    d.value = value;
    if (action == "edit") {
      Task probe = tasks_[i].task;
      VANBAN_RETURN_IF_ERROR(review::SetField(&probe, field, value));
      d.value = review::FieldValue(probe, field);
    }
    d.seen = field == "task" ? review::TaskFingerprint(tasks_[i].extracted)
                             : review::FieldValue(tasks_[i].extracted, field);
    VANBAN_RETURN_IF_ERROR(review::PutDecision(&db_->connection(), d));
    return Reload();
  }
  Status Reset(size_t i) {
    VANBAN_RETURN_IF_ERROR(review::ClearDecisions(&db_->connection(), doc_.row.sha256, tasks_[i].extracted.key));
    return Reload();
  }

  void Show(size_t i) {
    const review::ReviewedTask& r = tasks_[i];
    const Task& t = r.task;
    std::ostream& o = out_->out();
    std::string label = review::TaskLabel(t);
    o << out_->Paint("[" + std::to_string(i + 1) + "/" + std::to_string(tasks_.size()) + "] " +
                         (label.empty() ? "-" : label),
                     "1")
      << "  key " << t.key << "  page " << t.page << "  confidence " << review::FormatNumber(t.confidence)
      << "  state " << r.state << (r.stale ? " (the extraction changed since it was accepted)" : "") << "\n";
    for (const std::string& f : review::EditableFields()) {
      std::string v = review::FieldValue(t, f);
      bool edited = std::find(r.edited_fields.begin(), r.edited_fields.end(), f) != r.edited_fields.end();
      if (v.empty() && !edited) continue;
      std::string name = PadToWidth(f + ":", 15);
      if (edited) {
        o << "  " << name << out_->Paint(v.empty() ? "(rejected)" : v, "32") << "   (was: "
          << review::FieldValue(r.extracted, f) << ")\n";
      } else {
        o << "  " << name << v << "\n";
      }
    }
    ShowSource(t);
  }

  void ShowSource(const Task& t) {
    std::ostream& o = out_->out();
    const store::PageRow* page = nullptr;
    for (const auto& p : doc_.pages) {
      if (p.page == t.page) page = &p;
    }
    std::string raw = utf8::CollapseSpace(t.raw);
    if (!raw.empty()) o << "  " << out_->Paint("source:", "2") << "\n";
    std::vector<std::string_view> raw_lines = utf8::Split(t.raw, '\n');
    if (page == nullptr || page->text.empty()) {
      for (std::string_view l : raw_lines) o << "    │ " << TruncateToWidth(Cell(l), Width()) << "\n";
      return;
    }
    std::vector<std::string_view> lines = utf8::Split(page->text, '\n');
    // The first page line that holds the start of the raw text (folded).
    std::string needle = utf8::CollapseSpace(utf8::Fold(raw_lines.empty() ? "" : raw_lines[0]));
    if (needle.size() > 60) needle.resize(60);
    size_t at = lines.size();
    for (size_t k = 0; k < lines.size() && !needle.empty(); ++k) {
      if (utf8::CollapseSpace(utf8::Fold(lines[k])).find(needle) != std::string::npos) {
        at = k;
        break;
      }
    }
    if (at == lines.size()) {
      for (std::string_view l : raw_lines) o << "    │ " << TruncateToWidth(Cell(l), Width()) << "\n";
      o << "    (not found on page " << t.page << ")\n";
      return;
    }
    size_t n = std::max<size_t>(1, raw_lines.size());
    size_t from = at >= 2 ? at - 2 : 0, to = std::min(lines.size(), at + n + 2);
    o << "  " << out_->Paint("page " + std::to_string(t.page) + ", lines " + std::to_string(from + 1) + "–" +
                                 std::to_string(to) + ":",
                             "2")
      << "\n";
    for (size_t k = from; k < to; ++k) {
      bool mine = k >= at && k < at + n;
      std::string text = TruncateToWidth(Cell(lines[k]), Width());
      o << (mine ? "  > " : "    ") << (mine ? out_->Paint(text, "1") : out_->Paint(text, "2")) << "\n";
    }
  }

 private:
  static std::string Cell(std::string_view line) {
    std::string out;
    for (char c : line) {
      if (c == '\t') out += " │ ";
      else if (c != '\f' && c != '\r') out += c;
    }
    return out;
  }
  size_t Width() const { return out_->width() > 10 ? static_cast<size_t>(out_->width() - 6) : 60; }

  store::Database* db_;
  store::StoredDocument doc_;
  Output* out_;
  std::vector<review::ReviewedTask> tasks_;
  std::vector<review::Decision> decisions_;
};

int Interactive(Session& s, Output& out, bool all) {
  int accepted = 0, rejected = 0, edited = 0, skipped = 0;
  bool quit = false;
  size_t shown = 0;
  for (size_t i = 0; i < s.tasks().size() && !quit; ++i) {
    const review::ReviewedTask& r = s.tasks()[i];
    if (!all && r.state != "unreviewed" && !r.stale) continue;
    ++shown;
    s.Show(i);
    bool edited_here = false;
    while (true) {
      out.out() << "accept [a], reject [r], edit [e FIELD=VALUE], skip [s], quit [q], help [?] > ";
      out.Finish();
      std::string line;
      if (!std::getline(std::cin, line)) {
        out.out() << "\n";
        quit = true;
        break;
      }
      std::string answer(utf8::Trim(line));
      std::string cmd = answer.substr(0, answer.find(' '));
      std::string rest = answer.size() > cmd.size() ? std::string(utf8::Trim(answer.substr(cmd.size()))) : "";
      Status st;
      if (cmd == "a" && rest.empty()) {
        st = s.Decide(i, "task", "accept");
        if (st.ok()) { ++accepted; break; }
      } else if (cmd == "r" && rest.empty()) {
        st = s.Decide(i, "task", "reject");
        if (st.ok()) { ++rejected; break; }
      } else if (cmd == "e") {
        std::string field, value;
        st = ParseAssignment(rest, &field, &value);
        if (st.ok()) st = s.Decide(i, field, "edit", value);
        if (st.ok()) {
          edited_here = true;
          out.out() << "  " << field << " = " << review::FieldValue(s.tasks()[i].task, field) << "\n";
        }
      } else if (cmd == "x" && review::IsEditableField(rest)) {
        st = s.Decide(i, rest, "reject");
        if (st.ok()) {
          edited_here = true;
          out.out() << "  " << rest << " rejected\n";
        }
      } else if (cmd == "u") {
        st = s.Reset(i);
        if (st.ok()) {
          edited_here = false;
          out.out() << "  decisions on this task undone\n";
          s.Show(i);
        }
      } else if (cmd == "s" || cmd.empty()) {
        if (edited_here) ++edited; else ++skipped;
        break;
      } else if (cmd == "q") {
        if (edited_here) ++edited;
        quit = true;
        break;
      } else if (cmd == "?" || cmd == "h" || cmd == "help") {
        out.out() << kHelp;
      } else {
        out.out() << "  not understood: '" << answer << "' (? for help)\n";
      }
      if (!st.ok()) out.out() << "  " << st.message() << "\n";
    }
    out.out() << "\n";
  }
  if (shown == 0) out.out() << "Nothing to review (every task has a decision; --all shows them again).\n";
  out.out() << accepted << " accepted, " << rejected << " rejected, " << edited << " edited, " << skipped
            << " skipped\n";
  out.Finish();
  return kExitOk;
}

}  // namespace

int RunReview(const std::vector<std::string>& argv) {
  Args args;
  std::vector<std::string> specs = {"--db=",    "--all",    "--accept-all", "--task=", "--set=",
                                    "--reject", "--accept", "--reset",      "--list",  "--json"};
  for (const auto& s : TerminalOptionSpecs()) specs.push_back(s);
  Status parsed = args.Parse(argv, specs);
  if (!parsed.ok()) return UsageError("review: " + parsed.message());
  if (args.positional().size() != 1) return UsageError("review: give one document (id, path or number/symbol)");
  int task_actions = args.Has("--reject") + args.Has("--accept") + args.Has("--reset") + !args.GetAll("--set").empty();
  if (task_actions > 0 && !args.Has("--task")) return UsageError("review: --set/--reject/--accept/--reset need --task KEY");
  if (args.Has("--task") && task_actions != 1) {
    return UsageError("review: with --task give one of --set FIELD=VALUE (repeatable), --reject, --accept, --reset");
  }
  if (args.Has("--accept-all") && args.Has("--task")) return UsageError("review: --accept-all or --task, not both");

  auto db = OpenDatabase(args, false);
  if (!db.ok()) return Fail(db.status().message());
  auto id = (*db)->Resolve(args.positional()[0]);
  if (!id.ok()) return Fail(id.status().message());
  auto doc = (*db)->LoadDocument(*id);
  if (!doc.ok()) return Fail(doc.status().message());
  if (doc->extraction.tasks.empty()) return Fail("review: document #" + std::to_string(*id) + " has no tasks");
  Output out(args);
  out.DisablePager();
  Session session(db->get(), std::move(doc).value(), &out);
  if (Status st = session.Reload(); !st.ok()) return Fail(st.message());

  if (args.Has("--task")) {
    auto i = FindTask(session.tasks(), args.Get("--task"));
    if (!i.ok()) return Fail("review: " + i.status().message());
    Status st;
    if (args.Has("--reject")) st = session.Decide(*i, "task", "reject");
    if (args.Has("--accept")) st = session.Decide(*i, "task", "accept");
    if (args.Has("--reset")) st = session.Reset(*i);
    for (const std::string& assignment : args.GetAll("--set")) {
      std::string field, value;
      st = ParseAssignment(assignment, &field, &value);
      if (st.ok()) st = session.Decide(*i, field, "edit", value);
      if (!st.ok()) break;
    }
    if (!st.ok()) return Fail("review: " + st.message());
    const review::ReviewedTask& r = session.tasks()[*i];
    out.out() << r.task.key << "  " << review::TaskLabel(r.task) << "  " << r.state << "\n";
    out.Finish();
    return kExitOk;
  }
  if (args.Has("--accept-all")) {
    int n = 0;
    for (size_t i = 0; i < session.tasks().size(); ++i) {
      if (session.tasks()[i].state != "unreviewed") continue;
      if (Status st = session.Decide(i, "task", "accept"); !st.ok()) return Fail("review: " + st.message());
      ++n;
    }
    out.out() << n << (n == 1 ? " task" : " tasks") << " accepted\n";
    out.Finish();
    return kExitOk;
  }
  if (args.Has("--list")) {
    nlohmann::json j = nlohmann::json::array();
    for (const auto& r : session.tasks()) {
      if (args.Has("--json")) {
        j.push_back({{"key", r.task.key}, {"label", review::TaskLabel(r.task)}, {"title", r.task.title},
                     {"review_state", r.state}, {"stale", r.stale}, {"edited_fields", r.edited_fields}});
        continue;
      }
      std::string label = review::TaskLabel(r.task);
      out.out() << PadToWidth(r.task.key, 22) << PadToWidth(label.empty() ? "-" : label, 8)
                << PadToWidth(r.state + (r.stale ? "*" : ""), 12) << TruncateToWidth(r.task.title, 60) << "\n";
    }
    if (args.Has("--json")) {
      out.out() << j.dump(2) << "\n";
    } else {
      // Decisions on keys this extraction no longer has (a rule change renamed
      // or dropped the task): kept, and applied again if the task comes back.
      std::set<std::string> live, orphans;
      for (const auto& r : session.tasks()) live.insert(r.extracted.key);
      for (const auto& d : session.decisions()) {
        if (!live.count(d.task_key)) orphans.insert(d.task_key);
      }
      if (!orphans.empty()) {
        out.out() << "\nDecisions kept for " << orphans.size()
                  << (orphans.size() == 1 ? " task" : " tasks") << " not in the current extraction:";
        for (const auto& k : orphans) out.out() << " " << k;
        out.out() << "\n";
      }
    }
    out.Finish();
    return kExitOk;
  }
  return Interactive(session, out, args.Has("--all"));
}

}  // namespace vanban::cli
