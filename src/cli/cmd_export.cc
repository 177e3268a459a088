// vanban export [--format json|csv|ics] [--doc DOC]... [--out FILE] [--all] [--bom] [--db FILE]
//
// json: every document with everything extracted; tasks with the review
//       applied and a review_state (rejected ones dropped unless --all).
// csv:  one row per task (RFC 4180, CRLF, UTF-8; --bom prefixes a byte-order
//       mark for spreadsheet programs): its document, units, deadline, due date
//       (resolved from due_offset when anchored to the issue date).
// ics:  iCalendar (RFC 5545): one all-day VEVENT per task with a deadline;
//       recurring tasks carry their RRULE and start at their first occurrence
//       on or after the issue date; UID from the task key. Tasks without a
//       date or a rule are left out (counted on stderr).
#include <fstream>
#include <iostream>

#include "cli/command.h"
#include "cli/common.h"
#include "cli/reviewed.h"
#include "review/calendar.h"
#include "review/dates.h"
#include "review/extraction_diff.h"
#include "store/json.h"

namespace vanban::cli {

namespace {

std::string Join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : "; ") + s;
  return out;
}

std::string Json(const std::vector<ReviewedDocument>& docs, bool all) {
  nlohmann::json out = nlohmann::json::array();
  for (const ReviewedDocument& d : docs) {
    Extraction e = d.doc.extraction;
    e.tasks.clear();
    std::vector<const review::ReviewedTask*> kept;
    for (const auto& r : d.tasks) {
      if (r.rejected() && !all) continue;
      e.tasks.push_back(r.task);
      kept.push_back(&r);
    }
    nlohmann::json j = store::ToJson(e);
    for (size_t k = 0; k < kept.size(); ++k) {
      j["tasks"][k]["review_state"] = kept[k]->state;
      if (kept[k]->stale) j["tasks"][k]["review_stale"] = true;
      auto due = review::EffectiveDueDate(kept[k]->task, d.doc.row.header.issued_date);
      j["tasks"][k]["effective_due_date"] = due ? nlohmann::json(review::FormatIso(*due)) : nlohmann::json(nullptr);
    }
    j["id"] = d.doc.row.id;
    j["sha256"] = d.doc.row.sha256;
    j["source_path"] = d.doc.row.source_path;
    j["text_source"] = d.doc.row.text_source;
    j["page_count"] = d.doc.row.page_count;
    j["ingested_at"] = d.doc.row.ingested_at;
    out.push_back(std::move(j));
  }
  return out.dump(2) + "\n";
}

std::string Csv(const std::vector<ReviewedDocument>& docs, bool all, bool bom) {
  std::string out = bom ? "\xEF\xBB\xBF" : "";
  out += review::CsvRow({"document_id", "doc_type", "reference", "issued_date", "issuer", "task_key", "section",
                         "ordinal", "title", "detail", "lead_units", "support_units", "product", "deadline_text",
                         "due_date", "due_offset", "due_anchor", "recurrence", "page", "review_state"});
  for (const ReviewedDocument& d : docs) {
    const Header& h = d.doc.row.header;
    for (const auto& r : d.tasks) {
      if (r.rejected() && !all) continue;
      const Task& t = r.task;
      auto due = review::EffectiveDueDate(t, h.issued_date);
      out += review::CsvRow({std::to_string(d.doc.row.id), h.doc_type, Reference(h), h.issued_date, h.issuer, t.key,
                             t.section, t.ordinal, t.title, t.detail, Join(review::UnitsOf(t, "lead")),
                             Join(review::UnitsOf(t, "support")), t.product, t.deadline_text,
                             due ? review::FormatIso(*due) : "", t.due_offset, t.due_anchor, t.recurrence,
                             std::to_string(t.page), r.state});
    }
  }
  return out;
}

std::string Ics(const std::vector<ReviewedDocument>& docs, bool all, int* left_out) {
  std::vector<review::CalendarEvent> events;
  for (const ReviewedDocument& d : docs) {
    const Header& h = d.doc.row.header;
    std::string ref = Reference(h);
    auto issued = review::ParseIsoDate(h.issued_date);
    for (const auto& r : d.tasks) {
      if (r.rejected() && !all) continue;
      const Task& t = r.task;
      review::CalendarEvent e;
      auto due = review::EffectiveDueDate(t, h.issued_date);
      if (!t.recurrence.empty()) {
        std::optional<review::Date> from = issued ? issued : due;
        if (!from) {
          ++*left_out;
          continue;
        }
        auto first = review::FirstOccurrence(t.recurrence, *from);
        if (!first) {
          ++*left_out;
          continue;
        }
        e.start = *first;
        e.rrule = t.recurrence;
        if (due && !t.due_date.empty()) {
          e.rrule += ";UNTIL=" + review::FormatBasic(*due);  // a recurring task with an end date
        }
      } else if (due) {
        e.start = *due;
      } else {
        ++*left_out;
        continue;
      }
      std::string label = review::TaskLabel(t);
      e.uid = t.key + "-" + d.doc.row.sha256.substr(0, 12) + "@vanban";
      e.dtstamp = review::IcsUtcStamp(d.doc.row.ingested_at);
      e.summary = (label.empty() ? "" : label + " ") + t.title;
      std::string desc;
      auto add = [&](const std::string& name, const std::string& value) {
        if (!value.empty()) desc += (desc.empty() ? "" : "\n") + name + ": " + value;
      };
      add(h.doc_type.empty() ? "Văn bản" : h.doc_type, ref.empty() ? std::string("#").append(std::to_string(d.doc.row.id)) : ref);
      add("Chủ trì", Join(review::UnitsOf(t, "lead")));
      add("Phối hợp", Join(review::UnitsOf(t, "support")));
      add("Sản phẩm", t.product);
      add("Thời hạn", t.deadline_text);
      e.description = desc;
      for (const std::string& u : review::UnitsOf(t, "lead")) e.categories.push_back(u);
      events.push_back(std::move(e));
    }
  }
  return review::RenderCalendar(events);
}

}  // namespace

int RunExport(const std::vector<std::string>& argv) {
  Args args;
  Status parsed = args.Parse(argv, {"--db=", "--format=", "--json", "--doc=", "--out=", "--all", "--bom"});
  if (!parsed.ok()) return UsageError("export: " + parsed.message());
  if (!args.positional().empty()) return UsageError("export: unexpected argument '" + args.positional()[0] + "'");
  std::string format = args.Has("--json") ? "json" : args.Get("--format", "json");
  if (format != "json" && format != "csv" && format != "ics") {
    return UsageError("export: unknown format '" + format + "' (json, csv, ics)");
  }
  auto db = OpenDatabase(args, true);
  if (!db.ok()) return Fail(db.status().message());
  auto docs = LoadReviewedByRef(db->get(), args.GetAll("--doc"));
  if (!docs.ok()) return Fail(docs.status().message());

  const bool all = args.Has("--all");
  std::string text;
  int left_out = 0;
  if (format == "json") text = Json(*docs, all);
  if (format == "csv") text = Csv(*docs, all, args.Has("--bom"));
  if (format == "ics") text = Ics(*docs, all, &left_out);
  if (left_out > 0) {
    std::cerr << left_out
              << (left_out == 1 ? " task has no date or rule and is not in the calendar\n"
                                : " tasks have no date or rule and are not in the calendar\n");
  }
  if (args.Has("--out")) {
    std::ofstream f(args.Get("--out"), std::ios::binary);
    f << text;
    if (!f) return Fail(args.Get("--out") + ": cannot write");
  } else {
    std::cout << text << std::flush;
  }
  return kExitOk;
}

}  // namespace vanban::cli
