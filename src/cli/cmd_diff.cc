// vanban diff A B [--threshold X] [--json] [--color|--no-color] [--no-pager]
// vanban diff DOC --runs
//
// Two documents are compared as reviewed (edits applied, rejected tasks left
// out) unless --raw; runs are compared as extracted.
// What changed between the tasks and indicators of two documents (two
// versions of a plan), or between the last two extraction runs of one
// document. Tasks are matched by content (review/extraction_diff.h); changed
// fields are shown word by word, `[-old-]{+new+}` or red/green. Exit status:
// 0 no differences, 1 differences (or an error), 2 usage.
#include <iostream>

#include "cli/command.h"
#include "cli/common.h"
#include "cli/reviewed.h"
#include "cli/terminal.h"
#include "review/decisions.h"
#include "review/extraction_diff.h"
#include "store/json.h"

namespace vanban::cli {

namespace {

using review::ExtractionDiff;

std::string Join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : "; ") + s;
  return out;
}

// Built with append(): g++ 12 warns (-Wrestrict, a false positive) on long
// chains of operator+ here.
std::string Describe(const store::DocumentRow& row) {
  const std::string ref = Reference(row.header);
  std::string out = "#";
  out += std::to_string(row.id);
  for (const std::string* part : {&row.header.doc_type, &ref}) {
    if (!part->empty()) out.append(" ").append(*part);
  }
  if (!row.header.issued_date.empty()) out.append(" (").append(row.header.issued_date).append(")");
  return out;
}

std::string IndicatorText(const Indicator& i) {
  std::string out;
  if (!i.code.empty()) out.append(i.code).append(" ");
  out.append(i.name).append(" ").append(i.year ? std::to_string(*i.year) : std::string("—"));
  for (const std::string* part : {&i.kind, &i.metric, &i.comparator}) out.append(" ").append(*part);
  out.append(" ").append(i.relative ? "+" : "").append(review::FormatNumber(i.value));
  if (i.out_of) out.append("/").append(review::FormatNumber(*i.out_of));
  return out;
}

nlohmann::json TaskJson(const Task& t) {
  nlohmann::json j = store::ToJson(Extraction{{}, {}, {}, {}, {t}, {}})["tasks"][0];
  return j;
}

nlohmann::json IndicatorJson(const Indicator& i) {
  return store::ToJson(Extraction{{}, {}, {}, {i}, {}, {}})["indicators"][0];
}

nlohmann::json DiffJson(const ExtractionDiff& d, const nlohmann::json& old_ref, const nlohmann::json& new_ref,
                        double threshold) {
  nlohmann::json j;
  j["old"] = old_ref;
  j["new"] = new_ref;
  j["threshold"] = threshold;
  j["tasks"] = {{"added", nlohmann::json::array()}, {"removed", nlohmann::json::array()},
                {"changed", nlohmann::json::array()}, {"unchanged", d.unchanged.size()}};
  for (const Task& t : d.added) j["tasks"]["added"].push_back(TaskJson(t));
  for (const Task& t : d.removed) j["tasks"]["removed"].push_back(TaskJson(t));
  for (const auto& c : d.changed) {
    nlohmann::json fields = nlohmann::json::array();
    for (const auto& f : c.changes) {
      fields.push_back({{"field", f.field}, {"old", f.old_value}, {"new", f.new_value},
                        {"word_diff", review::RenderWordDiff(f.segments, false,
                                                             f.field == "lead" || f.field == "support" ? "; " : " ")}});
    }
    j["tasks"]["changed"].push_back({{"old", TaskJson(c.old_task)}, {"new", TaskJson(c.new_task)},
                                     {"similarity", c.similarity}, {"fields", fields}});
  }
  j["indicators"] = {{"added", nlohmann::json::array()}, {"removed", nlohmann::json::array()},
                     {"changed", nlohmann::json::array()}, {"unchanged", d.indicators_unchanged}};
  for (const auto& c : d.indicators_added) j["indicators"]["added"].push_back(IndicatorJson(*c.new_indicator));
  for (const auto& c : d.indicators_removed) j["indicators"]["removed"].push_back(IndicatorJson(*c.old_indicator));
  for (const auto& c : d.indicators_changed) {
    j["indicators"]["changed"].push_back({{"old", IndicatorJson(*c.old_indicator)}, {"new", IndicatorJson(*c.new_indicator)}});
  }
  j["differences"] = !d.empty();
  return j;
}

void PrintTask(Output& out, const char* mark, const char* sgr, const Task& t) {
  std::string label = review::TaskLabel(t);
  out.out() << out.Paint(std::string(mark) + " " + (label.empty() ? "-" : label) + "  " + t.title, sgr) << "\n";
  std::string lead = Join(review::UnitsOf(t, "lead")), support = Join(review::UnitsOf(t, "support"));
  std::string line = "    lead: " + (lead.empty() ? "—" : lead);
  if (!support.empty()) line += "   support: " + support;
  if (!t.deadline_text.empty()) line += "   deadline: " + t.deadline_text;
  out.out() << line << "\n";
}

void PrintText(Output& out, const ExtractionDiff& d, const std::string& old_name, const std::string& new_name) {
  out.out() << out.Paint("--- " + old_name, "1") << "\n" << out.Paint("+++ " + new_name, "1") << "\n\n";
  out.out() << "Tasks: " << d.added.size() << " added, " << d.removed.size() << " removed, " << d.changed.size()
            << " changed, " << d.unchanged.size() << " unchanged\n";
  for (const Task& t : d.removed) PrintTask(out, "-", "31", t);
  for (const Task& t : d.added) PrintTask(out, "+", "32", t);
  for (const auto& c : d.changed) {
    std::string ol = review::TaskLabel(c.old_task), nl = review::TaskLabel(c.new_task);
    std::string label = ol == nl ? nl : (ol.empty() ? "-" : ol) + " → " + (nl.empty() ? "-" : nl);
    out.out() << out.Paint("~ " + label + "  " + c.new_task.title, "33") << "\n";
    for (const auto& f : c.changes) {
      const char* sep = f.field == "lead" || f.field == "support" ? "; " : " ";
      out.out() << "    " << f.field << ": " << review::RenderWordDiff(f.segments, out.color(), sep) << "\n";
    }
  }
  size_t ind_changes = d.indicators_added.size() + d.indicators_removed.size() + d.indicators_changed.size();
  if (ind_changes > 0 || d.indicators_unchanged > 0) {
    out.out() << "\nIndicators: " << d.indicators_added.size() << " added, " << d.indicators_removed.size()
              << " removed, " << d.indicators_changed.size() << " changed, " << d.indicators_unchanged
              << " unchanged\n";
    for (const auto& c : d.indicators_removed) out.out() << out.Paint("- " + IndicatorText(*c.old_indicator), "31") << "\n";
    for (const auto& c : d.indicators_added) out.out() << out.Paint("+ " + IndicatorText(*c.new_indicator), "32") << "\n";
    for (const auto& c : d.indicators_changed) {
      out.out() << "~ " << review::RenderWordDiff(review::WordDiff(IndicatorText(*c.old_indicator),
                                                                    IndicatorText(*c.new_indicator)),
                                                   out.color())
                << "\n";
    }
  }
  if (d.empty()) out.out() << "No differences.\n";
}

}  // namespace

int RunDiff(const std::vector<std::string>& argv) {
  Args args;
  std::vector<std::string> specs = {"--db=", "--runs", "--json", "--threshold=", "--raw"};
  for (const auto& s : TerminalOptionSpecs()) specs.push_back(s);
  Status parsed = args.Parse(argv, specs);
  if (!parsed.ok()) return UsageError("diff: " + parsed.message());
  const bool runs = args.Has("--runs");
  if (runs && args.positional().size() != 1) return UsageError("diff: --runs takes one document");
  if (!runs && args.positional().size() != 2) return UsageError("diff: give two documents (or one with --runs)");
  double threshold = review::kDefaultMatchThreshold;
  if (args.Has("--threshold")) {
    char* end = nullptr;
    std::string v = args.Get("--threshold");
    threshold = std::strtod(v.c_str(), &end);
    if (v.empty() || *end != '\0' || threshold <= 0 || threshold > 1) {
      return UsageError("diff: --threshold is a number in (0, 1]");
    }
  }
  auto db = OpenDatabase(args, true);
  if (!db.ok()) return Fail(db.status().message());

  Extraction old_ex, new_ex;
  std::string old_name, new_name;
  nlohmann::json old_ref, new_ref;
  if (runs) {
    auto id = (*db)->Resolve(args.positional()[0]);
    if (!id.ok()) return Fail(id.status().message());
    auto doc = (*db)->LoadDocument(*id);
    if (!doc.ok()) return Fail(doc.status().message());
    auto all = (*db)->Runs(*id, 2);  // the last two are compared
    if (!all.ok()) return Fail(all.status().message());
    if (all->size() < 2) {
      return Fail("diff: " + Describe(doc->row) + " has " + std::to_string(all->size()) +
                  " extraction run(s); re-ingest it with --force to make another");
    }
    const store::RunRow& a = (*all)[all->size() - 2];
    const store::RunRow& b = all->back();
    old_ex = a.extraction;
    new_ex = b.extraction;
    old_name = Describe(doc->row) + " run " + std::to_string(a.id) + " (" + a.created_at + ")";
    new_name = Describe(doc->row) + " run " + std::to_string(b.id) + " (" + b.created_at + ")";
    old_ref = {{"document_id", *id}, {"run", a.id}, {"created_at", a.created_at}};
    new_ref = {{"document_id", *id}, {"run", b.id}, {"created_at", b.created_at}};
  } else {
    for (int k = 0; k < 2; ++k) {
      auto id = (*db)->Resolve(args.positional()[k]);
      if (!id.ok()) return Fail(id.status().message());
      auto doc = (*db)->LoadDocument(*id);
      if (!doc.ok()) return Fail(doc.status().message());
      Extraction e = doc->extraction;
      if (!args.Has("--raw")) {
        // Compare what people see: reviews applied, rejected tasks left out.
        auto decisions = review::LoadDecisions(&(*db)->connection(), doc->row.sha256);
        if (!decisions.ok()) return Fail(decisions.status().message());
        e.tasks.clear();
        for (const auto& r : review::ApplyDecisions(doc->extraction.tasks, *decisions)) {
          if (!r.rejected()) e.tasks.push_back(r.task);
        }
      }
      (k == 0 ? old_ex : new_ex) = std::move(e);
      (k == 0 ? old_name : new_name) = Describe(doc->row);
      (k == 0 ? old_ref : new_ref) = {{"document_id", *id}, {"reference", Reference(doc->row.header)},
                                      {"issued_date", doc->row.header.issued_date}};
    }
  }
  ExtractionDiff d = review::DiffExtractions(old_ex, new_ex, threshold);
  Output out(args);
  if (args.Has("--json")) {
    out.out() << DiffJson(d, old_ref, new_ref, threshold).dump(2) << "\n";
  } else {
    PrintText(out, d, old_name, new_name);
  }
  out.Finish();
  return d.empty() ? kExitOk : kExitFailed;
}

}  // namespace vanban::cli
