#include "store/json.h"

namespace vanban::store {

using nlohmann::json;

namespace {

json OrNull(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }
std::string Str(const json& j, const char* key) {
  auto it = j.find(key);
  return it == j.end() || it->is_null() ? std::string() : it->get<std::string>();
}

}  // namespace

json ToJson(const Header& h) {
  return json{{"doc_type", OrNull(h.doc_type)},       {"number", OrNull(h.number)},
              {"symbol", OrNull(h.symbol)},           {"issuer", OrNull(h.issuer)},
              {"parent_issuer", OrNull(h.parent_issuer)}, {"place", OrNull(h.place)},
              {"issued_date", OrNull(h.issued_date)}, {"title", OrNull(h.title)},
              {"signer_name", OrNull(h.signer_name)}, {"signer_title", OrNull(h.signer_title)},
              {"signer_authority", OrNull(h.signer_authority)}};
}

json ToJson(const Extraction& e) {
  json j;
  j["header"] = ToJson(e.header);
  j["citations"] = json::array();
  for (const Citation& c : e.citations) {
    j["citations"].push_back({{"doc_type", OrNull(c.doc_type)}, {"number", OrNull(c.number)},
                              {"symbol", OrNull(c.symbol)}, {"issued_date", OrNull(c.issued_date)},
                              {"issuer", OrNull(c.issuer)}, {"raw", OrNull(c.raw)}});
  }
  j["recipients"] = json::array();
  for (const Recipient& r : e.recipients) {
    j["recipients"].push_back({{"recipient", r.recipient}, {"purpose", OrNull(r.purpose)}});
  }
  j["indicators"] = json::array();
  for (const Indicator& i : e.indicators) {
    j["indicators"].push_back({{"code", OrNull(i.code)}, {"name", OrNull(i.name)},
                               {"year", i.year ? json(*i.year) : json(nullptr)}, {"kind", i.kind},
                               {"metric", i.metric}, {"comparator", i.comparator}, {"value", i.value},
                               {"out_of", i.out_of ? json(*i.out_of) : json(nullptr)},
                               {"relative", i.relative}, {"raw", OrNull(i.raw)}, {"page", i.page}});
  }
  j["tasks"] = json::array();
  for (const Task& t : e.tasks) {
    json units = json::array();
    for (const TaskUnit& u : t.units) {
      units.push_back({{"unit", u.unit}, {"role", u.role}, {"as_written", OrNull(u.as_written)}});
    }
    j["tasks"].push_back({{"key", t.key}, {"section", OrNull(t.section)}, {"ordinal", OrNull(t.ordinal)},
                          {"title", OrNull(t.title)}, {"detail", OrNull(t.detail)},
                          {"product", OrNull(t.product)}, {"deadline_text", OrNull(t.deadline_text)},
                          {"due_date", OrNull(t.due_date)}, {"due_offset", OrNull(t.due_offset)},
                          {"due_anchor", OrNull(t.due_anchor)}, {"recurrence", OrNull(t.recurrence)},
                          {"raw", OrNull(t.raw)}, {"page", t.page}, {"confidence", t.confidence},
                          {"units", units}});
  }
  j["warnings"] = json::array();
  for (const Warning& w : e.warnings) j["warnings"].push_back({{"code", w.code}, {"message", w.message}});
  return j;
}

Extraction ExtractionFromJson(const json& j) {
  Extraction e;
  if (j.contains("header")) {
    const json& h = j["header"];
    e.header = Header{Str(h, "doc_type"),    Str(h, "number"),      Str(h, "symbol"),
                      Str(h, "issuer"),      Str(h, "parent_issuer"), Str(h, "place"),
                      Str(h, "issued_date"), Str(h, "title"),       Str(h, "signer_name"),
                      Str(h, "signer_title"), Str(h, "signer_authority")};
  }
  for (const json& c : j.value("citations", json::array())) {
    e.citations.push_back(Citation{Str(c, "doc_type"), Str(c, "number"), Str(c, "symbol"),
                                   Str(c, "issued_date"), Str(c, "issuer"), Str(c, "raw")});
  }
  for (const json& r : j.value("recipients", json::array())) {
    e.recipients.push_back(Recipient{Str(r, "recipient"), Str(r, "purpose")});
  }
  for (const json& i : j.value("indicators", json::array())) {
    Indicator ind;
    ind.code = Str(i, "code");
    ind.name = Str(i, "name");
    if (i.contains("year") && !i["year"].is_null()) ind.year = i["year"].get<int>();
    ind.kind = Str(i, "kind");
    ind.metric = Str(i, "metric");
    ind.comparator = Str(i, "comparator");
    ind.value = i.value("value", 0.0);
    if (i.contains("out_of") && !i["out_of"].is_null()) ind.out_of = i["out_of"].get<double>();
    ind.relative = i.value("relative", false);
    ind.raw = Str(i, "raw");
    ind.page = i.value("page", 0);
    e.indicators.push_back(std::move(ind));
  }
  for (const json& t : j.value("tasks", json::array())) {
    Task task;
    task.key = Str(t, "key");
    task.section = Str(t, "section");
    task.ordinal = Str(t, "ordinal");
    task.title = Str(t, "title");
    task.detail = Str(t, "detail");
    task.product = Str(t, "product");
    task.deadline_text = Str(t, "deadline_text");
    task.due_date = Str(t, "due_date");
    task.due_offset = Str(t, "due_offset");
    task.due_anchor = Str(t, "due_anchor");
    task.recurrence = Str(t, "recurrence");
    task.raw = Str(t, "raw");
    task.page = t.value("page", 0);
    task.confidence = t.value("confidence", 1.0);
    for (const json& u : t.value("units", json::array())) {
      task.units.push_back(TaskUnit{Str(u, "unit"), Str(u, "as_written"), Str(u, "role")});
    }
    e.tasks.push_back(std::move(task));
  }
  for (const json& w : j.value("warnings", json::array())) {
    e.warnings.push_back(Warning{Str(w, "code"), Str(w, "message")});
  }
  return e;
}

}  // namespace vanban::store
