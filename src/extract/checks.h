// What a document says about itself, checked against what was extracted, and
// the keys that let a task be recognised across re-ingests.
//
// Warnings (Extraction::warnings), each with a stable code:
//   task-count-mismatch  "Tổng số nhiệm vụ: 21" but another number of tasks found
//   duplicate-task       two tasks with the same title and detail (folded)
//   task-without-lead    a task with no lead unit
//   date-out-of-range    a due date outside the years the document covers
//                        (its issue year up to the last year named in its
//                        title, or the issue year + 1 when the title names none)
//
// Task keys: "t1-" + the first 16 hex digits of SHA-256 over
// (section code, ordinal, folded title) — the section's numeral ("II"), not
// its heading, and the title folded (no case, no marks, punctuation and
// spacing ignored). An edit elsewhere in the document, or to a heading, or
// re-OCR that loses marks, keeps every key; renumbering a task or rewording
// its title gives it a new key. When two tasks would share a key (same
// section, ordinal and title), the later ones get "#2", "#3" appended in
// reading order.
//
// Pure functions; thread-safe.
#ifndef VANBAN_EXTRACT_CHECKS_H_
#define VANBAN_EXTRACT_CHECKS_H_

#include <string>
#include <vector>

#include "core/records.h"

namespace vanban::extract {

// The code of a section: "II" for "II. NHIỆM VỤ CÓ THỜI HẠN", else the folded heading.
std::string SectionCode(const std::string& section);

// Sets Task::key on every task (see above).
void AssignTaskKeys(std::vector<Task>* tasks);

// declared_total < 0 when the document states none.
void CheckTasks(const std::vector<Task>& tasks, int declared_total, const Header& header,
                std::vector<Warning>* warnings);

}  // namespace vanban::extract

#endif  // VANBAN_EXTRACT_CHECKS_H_
