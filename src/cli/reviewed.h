// Stored documents with their tasks as reviewed: what `tasks`, `export` and
// `show` present (review decisions applied; see review/decisions.h).
#ifndef VANBAN_CLI_REVIEWED_H_
#define VANBAN_CLI_REVIEWED_H_

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "review/decisions.h"
#include "store/database.h"

namespace vanban::cli {

struct ReviewedDocument {
  store::StoredDocument doc;
  std::vector<review::ReviewedTask> tasks;
};

// The documents with these ids (all when empty), in id order.
Result<std::vector<ReviewedDocument>> LoadReviewed(store::Database* db, const std::vector<int64_t>& ids);
// "412/KH-BQL", "KH-UBND" for a blank number, "" when neither.
std::string Reference(const Header& h);
// Resolves each --doc value; all documents when none.
Result<std::vector<int64_t>> ResolveDocs(store::Database* db, const std::vector<std::string>& refs);
// ResolveDocs, then LoadReviewed: the documents named by --doc values.
Result<std::vector<ReviewedDocument>> LoadReviewedByRef(store::Database* db, const std::vector<std::string>& refs);

}  // namespace vanban::cli

#endif  // VANBAN_CLI_REVIEWED_H_
