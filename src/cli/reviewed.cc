#include "cli/reviewed.h"

namespace vanban::cli {

std::string Reference(const Header& h) {
  if (h.symbol.empty()) return h.number;
  if (h.number.empty()) return h.symbol;
  return h.number + "/" + h.symbol;
}

Result<std::vector<int64_t>> ResolveDocs(store::Database* db, const std::vector<std::string>& refs) {
  std::vector<int64_t> ids;
  for (const std::string& r : refs) {
    Result<int64_t> id = db->Resolve(r);
    if (!id.ok()) return id.status();
    ids.push_back(*id);
  }
  if (refs.empty()) {
    auto docs = db->ListDocuments();
    if (!docs.ok()) return docs.status();
    for (const auto& d : *docs) ids.push_back(d.id);
  }
  return ids;
}

Result<std::vector<ReviewedDocument>> LoadReviewed(store::Database* db, const std::vector<int64_t>& ids_in) {
  std::vector<int64_t> ids = ids_in;
  if (ids.empty()) {
    auto all = ResolveDocs(db, {});
    if (!all.ok()) return all.status();
    ids = *all;
  }
  std::vector<ReviewedDocument> out;
  for (int64_t id : ids) {
    auto doc = db->LoadDocument(id);
    if (!doc.ok()) return doc.status();
    auto decisions = review::LoadDecisions(&db->connection(), doc->row.sha256);
    if (!decisions.ok()) return decisions.status();
    ReviewedDocument r;
    r.tasks = review::ApplyDecisions(doc->extraction.tasks, *decisions);
    r.doc = std::move(doc).value();
    out.push_back(std::move(r));
  }
  return out;
}

Result<std::vector<ReviewedDocument>> LoadReviewedByRef(store::Database* db, const std::vector<std::string>& refs) {
  auto ids = ResolveDocs(db, refs);
  if (!ids.ok()) return ids.status();
  return LoadReviewed(db, *ids);
}

}  // namespace vanban::cli
