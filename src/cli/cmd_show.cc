// vanban list / vanban show DOC [--json]
#include <iostream>

#include "cli/command.h"
#include "cli/common.h"
#include "cli/reviewed.h"
#include "store/json.h"

namespace vanban::cli {

namespace {

std::string Or(const std::string& s, const char* dash = "—") { return s.empty() ? dash : s; }

std::string NumberSymbol(const Header& h) {
  if (h.symbol.empty()) return h.number;
  return (h.number.empty() ? "" : h.number) + "/" + h.symbol;
}

}  // namespace

int RunList(const std::vector<std::string>& argv) {
  Args args;
  Status parsed = args.Parse(argv, {"--db="});
  if (!parsed.ok()) return UsageError("list: " + parsed.message());
  auto db = OpenDatabase(args, true);
  if (!db.ok()) return Fail(db.status().message());
  auto docs = (*db)->ListDocuments();
  if (!docs.ok()) return Fail(docs.status().message());
  for (const auto& d : *docs) {
    std::cout << "#" << d.id << "  " << Or(d.header.doc_type) << "  " << Or(NumberSymbol(d.header)) << "  "
              << Or(d.header.issued_date) << "  " << Or(d.header.issuer) << "  [" << d.text_source << ", "
              << d.page_count << (d.page_count == 1 ? " page" : " pages") << "]  " << d.source_path << "\n";
  }
  return kExitOk;
}

int RunShow(const std::vector<std::string>& argv) {
  Args args;
  Status parsed = args.Parse(argv, {"--db=", "--json"});
  if (!parsed.ok()) return UsageError("show: " + parsed.message());
  if (args.positional().size() != 1) return UsageError("show: give one document (id, path or number/symbol)");
  auto db = OpenDatabase(args, true);
  if (!db.ok()) return Fail(db.status().message());
  auto id = (*db)->Resolve(args.positional()[0]);
  if (!id.ok()) return Fail(id.status().message());
  auto loaded = LoadReviewed(db->get(), {*id});
  if (!loaded.ok()) return Fail(loaded.status().message());
  ReviewedDocument& reviewed = loaded->front();
  // Tasks as reviewed: edits applied; rejected ones stay, marked.
  reviewed.doc.extraction.tasks.clear();
  for (const auto& r : reviewed.tasks) reviewed.doc.extraction.tasks.push_back(r.task);
  const auto& d = reviewed.doc;
  const Header& h = d.extraction.header;

  if (args.Has("--json")) {
    nlohmann::json j = store::ToJson(d.extraction);
    j["id"] = d.row.id;
    j["sha256"] = d.row.sha256;
    j["source_path"] = d.row.source_path;
    j["text_source"] = d.row.text_source;
    j["page_count"] = d.row.page_count;
    for (size_t k = 0; k < reviewed.tasks.size(); ++k) j["tasks"][k]["review_state"] = reviewed.tasks[k].state;
    j["pages"] = nlohmann::json::array();
    for (const auto& p : d.pages) {
      j["pages"].push_back({{"page", p.page}, {"text_source", p.text_source}, {"failed", p.failed},
                            {"error", p.error}, {"dpi", p.dpi}, {"skew_degrees", p.skew_degrees},
                            {"mean_confidence", p.mean_confidence}});
    }
    std::cout << j.dump(2) << "\n";
    return kExitOk;
  }

  std::cout << "Document #" << d.row.id << "  " << Or(h.doc_type) << " " << Or(NumberSymbol(h)) << "\n";
  std::cout << "  Issuer:        " << Or(h.issuer) << "\n";
  if (!h.parent_issuer.empty()) std::cout << "  Parent issuer: " << h.parent_issuer << "\n";
  std::cout << "  Place, date:   " << Or(h.place) << ", " << Or(h.issued_date) << "\n";
  std::cout << "  Title:         " << Or(h.title) << "\n";
  std::cout << "  Signer:        " << Or(h.signer_authority) << " · " << Or(h.signer_title) << " · "
            << Or(h.signer_name) << "\n";
  std::cout << "  Source:        " << d.row.source_path << " (" << d.row.text_source << ", " << d.row.page_count
            << (d.row.page_count == 1 ? " page" : " pages") << ", sha256 " << d.row.sha256.substr(0, 12) << ")\n";
  for (const auto& p : d.pages) {
    if (p.failed) std::cout << "  Page " << p.page << " FAILED: " << p.error << "\n";
    if (p.text_source == "ocr" && !p.failed) {
      std::cout << "  Page " << p.page << ": OCR at " << p.dpi << " dpi, deskewed " << p.skew_degrees
                << "°, mean confidence " << p.mean_confidence << "\n";
    }
  }
  const Extraction& e = d.extraction;
  std::cout << "\nCitations (" << e.citations.size() << "):\n";
  for (const auto& c : e.citations) {
    std::cout << "  " << Or(c.doc_type) << " " << c.number << "/" << c.symbol;
    if (!c.issued_date.empty()) std::cout << "  " << c.issued_date;
    if (!c.issuer.empty()) std::cout << "  " << c.issuer;
    std::cout << "\n";
  }
  std::cout << "\nRecipients (" << e.recipients.size() << "):\n";
  for (const auto& r : e.recipients) {
    std::cout << "  " << r.recipient;
    if (!r.purpose.empty()) std::cout << "  (" << r.purpose << ")";
    std::cout << "\n";
  }
  std::cout << "\nTasks (" << e.tasks.size() << "):\n";
  for (size_t k = 0; k < e.tasks.size(); ++k) {
    const Task& t = e.tasks[k];
    const std::string& state = reviewed.tasks[k].state;
    std::cout << "  " << Or(t.ordinal, "-") << ". " << Or(t.title)
              << (state == "unreviewed" ? "" : "  [" + state + "]") << "\n";
    std::string lead, support;
    for (const auto& u : t.units) {
      std::string& list = u.role == "lead" ? lead : support;
      if (!list.empty()) list += ", ";
      list += u.unit;
    }
    std::cout << "      lead: " << Or(lead) << "   support: " << Or(support) << "\n";
    if (!t.deadline_text.empty()) {
      std::cout << "      deadline: " << t.deadline_text;
      if (!t.due_date.empty()) std::cout << "  → " << t.due_date;
      if (!t.recurrence.empty()) std::cout << "  → RRULE " << t.recurrence;
      if (!t.due_offset.empty()) std::cout << "  → " << t.due_offset << " after " << t.due_anchor;
      std::cout << "\n";
    }
  }
  std::cout << "\nIndicators (" << e.indicators.size() << "):\n";
  for (const auto& i : e.indicators) {
    std::cout << "  " << Or(i.code, "") << (i.code.empty() ? "" : " ") << Or(i.name) << "  "
              << (i.year ? std::to_string(*i.year) : std::string("—")) << "  " << i.kind << " " << i.metric << " "
              << i.comparator << " " << (i.relative ? "+" : "") << i.value;
    if (i.out_of) std::cout << "/" << *i.out_of;
    std::cout << "\n";
  }
  if (!e.warnings.empty()) {
    std::cout << "\nWarnings (" << e.warnings.size() << "):\n";
    for (const auto& w : e.warnings) std::cout << "  [" << w.code << "] " << w.message << "\n";
  }
  return kExitOk;
}

}  // namespace vanban::cli
