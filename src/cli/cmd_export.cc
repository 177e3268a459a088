// vanban export [--format json] [--doc DOC] [--out FILE]
#include <fstream>
#include <iostream>

#include "cli/command.h"
#include "cli/common.h"
#include "store/json.h"

namespace vanban::cli {

int RunExport(const std::vector<std::string>& argv) {
  Args args;
  Status parsed = args.Parse(argv, {"--db=", "--format=", "--json", "--doc=", "--out="});
  if (!parsed.ok()) return UsageError("export: " + parsed.message());
  std::string format = args.Has("--json") ? "json" : args.Get("--format", "json");
  if (format != "json") return UsageError("export: unknown format '" + format + "' (json)");
  auto db = OpenDatabase(args, true);
  if (!db.ok()) return Fail(db.status().message());

  std::vector<int64_t> ids;
  if (args.Has("--doc")) {
    auto id = (*db)->Resolve(args.Get("--doc"));
    if (!id.ok()) return Fail(id.status().message());
    ids.push_back(*id);
  } else {
    auto docs = (*db)->ListDocuments();
    if (!docs.ok()) return Fail(docs.status().message());
    for (const auto& d : *docs) ids.push_back(d.id);
  }
  nlohmann::json out = nlohmann::json::array();
  for (int64_t id : ids) {
    auto doc = (*db)->LoadDocument(id);
    if (!doc.ok()) return Fail(doc.status().message());
    nlohmann::json j = store::ToJson(doc->extraction);
    j["id"] = doc->row.id;
    j["sha256"] = doc->row.sha256;
    j["source_path"] = doc->row.source_path;
    j["text_source"] = doc->row.text_source;
    j["page_count"] = doc->row.page_count;
    j["ingested_at"] = doc->row.ingested_at;
    out.push_back(std::move(j));
  }
  if (args.Has("--out")) {
    std::ofstream f(args.Get("--out"));
    f << out.dump(2) << "\n";
    if (!f) return Fail(args.Get("--out") + ": cannot write");
  } else {
    std::cout << out.dump(2) << "\n";
  }
  return kExitOk;
}

}  // namespace vanban::cli
