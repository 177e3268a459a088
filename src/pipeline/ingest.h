// `vanban ingest`: files and folders into the database, one document per
// transaction. A file that fails is reported (path: reason), recorded in the
// failures table, and the batch goes on; the same bytes already stored are
// skipped unless forced.
//
// Not thread-safe; one Ingester per batch.
#ifndef VANBAN_PIPELINE_INGEST_H_
#define VANBAN_PIPELINE_INGEST_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/document.h"
#include "core/status.h"
#include "pipeline/processor.h"
#include "store/database.h"

namespace vanban::pipeline {

struct IngestOptions {
  bool force = false;   // re-ingest bytes already stored
};

struct FileOutcome {
  enum class State { kStored, kSkipped, kFailed };
  std::string path;
  State state = State::kFailed;
  int64_t document_id = 0;
  int pages = 0;
  std::string reason;  // why it failed or was skipped
};

struct IngestSummary {
  int stored = 0, skipped = 0, failed = 0, pages = 0;
  double seconds = 0;
};

// Files below the given paths: directories recursively in name order, symbolic
// links to directories not followed (no loops), each file once. Paths that do
// not exist come back in `errors` as (path, reason).
std::vector<std::string> ExpandPaths(const std::vector<std::string>& paths,
                                     std::vector<std::pair<std::string, std::string>>* errors);

class Ingester {
 public:
  Ingester(store::Database* db, const Processor* processor, IngestOptions options)
      : db_(db), processor_(processor), options_(std::move(options)) {}

  // Read → OCR → normalize → restore → extract → store, for one file.
  FileOutcome IngestFile(const std::string& path);

 private:
  store::Database* db_;          // not owned
  const Processor* processor_;   // not owned
  IngestOptions options_;
};

// Runs a batch; `report` sees each outcome as it happens.
IngestSummary IngestAll(Ingester* ingester, const std::vector<std::string>& files,
                        const std::function<void(const FileOutcome&, size_t done, size_t total)>& report);

}  // namespace vanban::pipeline

#endif  // VANBAN_PIPELINE_INGEST_H_
