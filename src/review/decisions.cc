#include "review/decisions.h"

#include <algorithm>
#include <map>

#include "core/utf8.h"
#include "review/dates.h"
#include "review/extraction_diff.h"
#include "store/database.h"

namespace vanban::review {

const std::vector<std::string>& EditableFields() {
  static const std::vector<std::string> fields = {"title",     "detail",     "product",    "deadline_text",
                                                  "due_date",  "due_offset", "due_anchor", "recurrence",
                                                  "lead",      "support",    "section",    "ordinal"};
  return fields;
}

bool IsEditableField(const std::string& field) {
  const auto& f = EditableFields();
  return std::find(f.begin(), f.end(), field) != f.end();
}

std::string FieldValue(const Task& t, const std::string& field) {
  if (field == "lead" || field == "support") {
    std::string out;
    for (const std::string& u : UnitsOf(t, field)) {
      if (!out.empty()) out += "; ";
      out += u;
    }
    return out;
  }
  return TaskField(t, field);
}

Status SetField(Task* t, const std::string& field, const std::string& raw_value) {
  std::string value = utf8::Nfc(utf8::CollapseSpace(raw_value));
  if (field == "lead" || field == "support") {
    std::vector<TaskUnit> kept;
    for (const TaskUnit& u : t->units) {
      if (u.role != field) kept.push_back(u);
    }
    std::vector<TaskUnit> added;
    for (std::string_view part : utf8::Split(value, ';')) {
      std::string unit = utf8::CollapseSpace(part);
      if (!unit.empty()) added.push_back(TaskUnit{unit, unit, field});
    }
    // Lead units first, as extraction orders them.
    t->units.clear();
    if (field == "lead") t->units = added;
    for (const TaskUnit& u : kept) t->units.push_back(u);
    if (field == "support") t->units.insert(t->units.end(), added.begin(), added.end());
    return Status::Ok();
  }
  if (field == "due_date" && !value.empty() && !ParseDeadline(value)) {
    return InvalidArgument("due_date must be YYYY-MM-DD (or YYYY-MM, YYYY): '" + value + "'");
  }
  if (field == "due_offset" && !value.empty() && !AddDuration(Date{std::chrono::year{2000}, std::chrono::January,
                                                                     std::chrono::day{1}},
                                                                value)) {
    return InvalidArgument("due_offset must be an ISO 8601 duration such as P3D or -P2D: '" + value + "'");
  }
  if (field == "recurrence" && !value.empty() && value.rfind("FREQ=", 0) != 0) {
    return InvalidArgument("recurrence must be an RFC 5545 rule such as FREQ=MONTHLY;BYMONTHDAY=20: '" + value + "'");
  }
  std::string* target = nullptr;
  if (field == "title") target = &t->title;
  else if (field == "detail") target = &t->detail;
  else if (field == "product") target = &t->product;
  else if (field == "deadline_text") target = &t->deadline_text;
  else if (field == "due_date") target = &t->due_date;
  else if (field == "due_offset") target = &t->due_offset;
  else if (field == "due_anchor") target = &t->due_anchor;
  else if (field == "recurrence") target = &t->recurrence;
  else if (field == "section") target = &t->section;
  else if (field == "ordinal") target = &t->ordinal;
  if (target == nullptr) {
    std::string names;
    for (const auto& f : EditableFields()) names += (names.empty() ? "" : ", ") + f;
    return InvalidArgument("no field '" + field + "' (fields: " + names + ")");
  }
  *target = value;
  return Status::Ok();
}

std::string TaskFingerprint(const Task& t) {
  std::string out;
  for (const std::string& f : EditableFields()) {
    out += f;
    out += '=';
    out += FieldValue(t, f);
    out += '\x1f';
  }
  return out;
}

Status PutDecision(store::Connection* c, Decision d) {
  if (d.field != "task" && !IsEditableField(d.field)) return InvalidArgument("no field '" + d.field + "'");
  if (d.action != "accept" && d.action != "reject" && d.action != "edit") {
    return InvalidArgument("no review action '" + d.action + "'");
  }
  if (d.decided_at.empty()) d.decided_at = store::NowUtc();
  store::Statement s = c->Prepare(
      "INSERT INTO review_decisions(sha256, task_key, field, action, value, seen, decided_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
      "ON CONFLICT(sha256, task_key, field) DO UPDATE SET action = excluded.action, value = excluded.value, "
      "seen = excluded.seen, decided_at = excluded.decided_at");
  s.BindText(1, d.sha256).BindText(2, d.task_key).BindText(3, d.field).BindText(4, d.action);
  if (d.action == "edit") s.BindText(5, d.value); else s.BindNull(5);
  s.Bind(6, d.seen).BindText(7, d.decided_at);
  return s.Run();
}

Status ClearDecisions(store::Connection* c, const std::string& sha256, const std::string& task_key) {
  store::Statement s = c->Prepare("DELETE FROM review_decisions WHERE sha256 = ?1 AND task_key = ?2");
  s.BindText(1, sha256).BindText(2, task_key);
  return s.Run();
}

Result<std::vector<Decision>> LoadDecisions(store::Connection* c, const std::string& sha256) {
  std::vector<Decision> out;
  store::Statement s = c->Prepare(
      "SELECT sha256, task_key, field, action, value, seen, decided_at FROM review_decisions WHERE sha256 = ?1 "
      "ORDER BY task_key, field");
  s.BindText(1, sha256);
  while (s.Step()) {
    out.push_back(Decision{s.Text(0), s.Text(1), s.Text(2), s.Text(3), s.Text(4), s.Text(5), s.Text(6)});
  }
  if (!s.status().ok()) return s.status();
  return out;
}

std::vector<ReviewedTask> ApplyDecisions(const std::vector<Task>& tasks, const std::vector<Decision>& decisions) {
  std::map<std::string, std::vector<const Decision*>> by_key;
  for (const Decision& d : decisions) by_key[d.task_key].push_back(&d);
  std::vector<ReviewedTask> out;
  out.reserve(tasks.size());
  for (const Task& t : tasks) {
    ReviewedTask r{t, t, "unreviewed", false, {}};
    auto it = by_key.find(t.key);
    bool accepted = false, rejected = false;
    if (it != by_key.end()) {
      for (const Decision* d : it->second) {
        if (d->field == "task") {
          accepted = d->action == "accept";
          rejected = d->action == "reject";
          if (accepted && !d->seen.empty() && d->seen != TaskFingerprint(t)) r.stale = true;
          continue;
        }
        if (d->action == "accept") continue;
        // A stored edit was validated when made; a failure here leaves the extraction.
        if (SetField(&r.task, d->field, d->action == "edit" ? d->value : "").ok()) {
          r.edited_fields.push_back(d->field);
        }
      }
    }
    if (rejected) r.state = "rejected";
    else if (!r.edited_fields.empty()) r.state = "edited";
    else if (accepted) r.state = "accepted";
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace vanban::review
