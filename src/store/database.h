// The vanban database: one SQLite file that other trackers read.
//
// Writes: StoreDocument() puts one document and everything extracted from it
// in ONE transaction — a failure leaves no partial rows. A re-ingest
// (replace = true) keeps the document's id, replaces its rows, and appends a
// run, so earlier runs stay comparable.
//
// Not thread-safe: use one Database per thread (SQLite's WAL lets several
// processes and connections read while one writes).
#ifndef VANBAN_STORE_DATABASE_H_
#define VANBAN_STORE_DATABASE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/document.h"
#include "core/records.h"
#include "core/status.h"
#include "store/sqlite.h"

namespace vanban::store {

struct DocumentRow {
  int64_t id = 0;
  std::string sha256, source_path, text_source, ingested_at, format, encoding;
  int page_count = 0;
  Header header;
};

struct PageRow {
  int page = 0;
  std::string text_source, error, text;
  bool failed = false;
  int dpi = 0;
  double skew_degrees = 0, mean_confidence = -1;
};

struct StoredDocument {
  DocumentRow row;
  Extraction extraction;
  std::vector<PageRow> pages;
};

struct RunRow {
  int64_t id = 0;
  std::string created_at;
  Extraction extraction;
};

class Database {
 public:
  // Creates or migrates the schema when writable.
  static Result<std::unique_ptr<Database>> Open(const std::string& path, bool read_only = false);

  // The id of the document with these bytes, if stored.
  Result<std::optional<int64_t>> FindBySha(const std::string& sha256);
  // Stores doc and its extraction in one transaction; replace re-ingests an
  // existing sha256 (otherwise it is an error to store it twice).
  Result<int64_t> StoreDocument(const Document& doc, const Extraction& extraction, bool replace);

  Status RecordFailure(const std::string& path, const std::string& sha256, const std::string& reason);
  Status ClearFailure(const std::string& path);
  Result<std::vector<std::pair<std::string, std::string>>> Failures();

  Result<std::vector<DocumentRow>> ListDocuments();
  Result<StoredDocument> LoadDocument(int64_t id);
  // A document by id ("12"), by source path, or by number/symbol ("3822/KH-BQL", "KH-BQL").
  Result<int64_t> Resolve(const std::string& ref);
  // The document's extraction runs, oldest first; only the latest `last` when last > 0.
  Result<std::vector<RunRow>> Runs(int64_t document_id, int last = 0);

  Connection& connection() { return conn_; }

 private:
  explicit Database(Connection conn) : conn_(std::move(conn)) {}
  Status InsertRows(int64_t id, const Document& doc, const Extraction& ex);
  Connection conn_;
};

// Current UTC time, ISO 8601 ("2026-11-22T05:31:00Z").
std::string NowUtc();

}  // namespace vanban::store

#endif  // VANBAN_STORE_DATABASE_H_
