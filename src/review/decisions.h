// Review decisions: a person's accept / reject / edit of what extraction found,
// kept in the review_decisions table (schema version 2) and applied on top of
// every later extraction.
//
// A decision is keyed by (document sha256, task key, field). field "task" is
// the whole task (accept or reject); the others are the editable fields below.
// Because the key is the document's bytes and the task's stable key — not row
// ids — decisions survive `ingest --force` and rule changes; a task whose key
// disappears keeps its decisions until it comes back.
//
// Applying: an edited field wins over the extraction, a rejected field is
// emptied, a rejected task is hidden by the commands unless --all. A task
// accepted as a whole remembers a fingerprint of what was accepted; when a
// later extraction differs, ReviewedTask::stale says so.
//
// Functions taking a Connection are not thread-safe (one connection per
// thread); the rest are pure.
#ifndef VANBAN_REVIEW_DECISIONS_H_
#define VANBAN_REVIEW_DECISIONS_H_

#include <string>
#include <vector>

#include "core/records.h"
#include "core/status.h"
#include "store/sqlite.h"

namespace vanban::review {

struct Decision {
  std::string sha256, task_key;
  std::string field;   // "task" or one of EditableFields()
  std::string action;  // "accept" | "reject" | "edit"
  std::string value;   // the new value, for "edit"
  std::string seen;    // what the decision was made on (TaskFingerprint or the field's value)
  std::string decided_at;
};

// title, detail, product, deadline_text, due_date, due_offset, due_anchor,
// recurrence, lead, support, section, ordinal.
const std::vector<std::string>& EditableFields();
bool IsEditableField(const std::string& field);
// The field's value; lead/support as units joined by "; ".
std::string FieldValue(const Task& t, const std::string& field);
// Sets one field, checking its form (ISO date, ISO duration, FREQ= rule,
// units separated by ';'). InvalidArgument names what is wrong.
Status SetField(Task* t, const std::string& field, const std::string& value);
// A digest of every editable field, for Decision::seen of a whole-task accept.
std::string TaskFingerprint(const Task& t);

// Inserts or replaces the decision for (sha256, task_key, field).
Status PutDecision(store::Connection* c, Decision d);
// Removes every decision on one task (review --task KEY --reset).
Status ClearDecisions(store::Connection* c, const std::string& sha256, const std::string& task_key);
Result<std::vector<Decision>> LoadDecisions(store::Connection* c, const std::string& sha256);

struct ReviewedTask {
  Task task;           // with the decisions applied
  Task extracted;      // as extracted
  std::string state;   // "unreviewed" | "accepted" | "edited" | "rejected"
  bool stale = false;  // accepted, but the extraction changed since
  std::vector<std::string> edited_fields;
  bool rejected() const { return state == "rejected"; }
};

std::vector<ReviewedTask> ApplyDecisions(const std::vector<Task>& tasks, const std::vector<Decision>& decisions);

}  // namespace vanban::review

#endif  // VANBAN_REVIEW_DECISIONS_H_
