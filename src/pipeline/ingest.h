// `vanban ingest`: files and folders into the database, one document per
// transaction. A file that fails is reported (path: reason), recorded in the
// failures table, and the batch goes on; the same bytes already stored are
// skipped unless forced.
//
// A batch runs `jobs` workers that read, OCR and extract documents in
// parallel, each with its own read-only connection for "already stored?"
// look-ups, and one writer (the calling thread) that stores finished
// documents. At most 2 × jobs documents are in memory at once, whatever the
// batch size. Interrupted (stop flag, Ctrl-C), it finishes the documents in
// hand and stops: the database holds only whole documents, and the next run
// skips them and picks up the rest.
#ifndef VANBAN_PIPELINE_INGEST_H_
#define VANBAN_PIPELINE_INGEST_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/document.h"
#include "core/status.h"
#include "pipeline/processor.h"
#include "store/database.h"

namespace vanban::pipeline {

struct IngestOptions {
  bool force = false;  // re-ingest bytes already stored
  int jobs = 1;        // documents processed in parallel
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
  bool interrupted = false;
  double seconds = 0;
};

// A file to ingest and the name that decides its shard.
struct InputFile {
  std::string path;       // as found: the argument itself, or the argument / the path below it
  std::string shard_key;  // see ShardKeyOf
};

// Files below the given paths: directories recursively in name order, symbolic
// links to directories not followed (no loops), each file once (the first
// argument that reaches it wins). Paths that do not exist come back in
// `errors` as (path, reason).
std::vector<InputFile> ExpandInputs(const std::vector<std::string>& paths,
                                    std::vector<std::pair<std::string, std::string>>* errors);
// The same, paths only.
std::vector<std::string> ExpandPaths(const std::vector<std::string>& paths,
                                     std::vector<std::pair<std::string, std::string>>* errors);

// The shard key of a file: its path relative to the argument it was found
// under — below a directory argument, that path ("sub/a.pdf"); for a file
// argument, its file name — with '/' between parts and no "." or empty
// parts. It does not depend on where the tree is mounted or how the argument
// is spelled ("/data/in", "./in", "in//"), so every machine splits one tree
// the same way.
std::string ShardKeyOf(const std::string& argument, const std::string& path);

// 0 … n-1: FNV-1a (64 bit) of the key, modulo n.
int ShardIndex(std::string_view shard_key, int n);

// The files of shard `k` of `n` (1-based k): ShardIndex(shard_key, n) ==
// k - 1, so the shards of one input are disjoint, cover it, and do not
// depend on the order of the list or on the machine.
std::vector<InputFile> ShardOf(const std::vector<InputFile>& files, int k, int n);

// A file read and processed, ready to be stored.
struct Prepared {
  FileOutcome outcome;            // final unless `doc` is set
  std::string sha256;
  bool replace = false;
  std::optional<Document> doc;
  Extraction extraction;
};

class Ingester {
 public:
  Ingester(store::Database* db, const Processor* processor, IngestOptions options)
      : db_(db), processor_(processor), options_(std::move(options)) {}

  // Read → OCR → normalize → restore → extract → store, for one file.
  FileOutcome IngestFile(const std::string& path);

  // The first half, safe to run on several threads at once: `lookup` is a
  // connection of the calling thread's own, used to ask whether the bytes
  // are stored already.
  Prepared Prepare(const std::string& path, store::Database* lookup) const;
  // The second half, on the writer's thread: one transaction.
  FileOutcome Commit(Prepared prepared);

  store::Database* database() const { return db_; }
  const IngestOptions& options() const { return options_; }

 private:
  store::Database* db_;          // not owned; the writer's connection
  const Processor* processor_;   // not owned
  IngestOptions options_;
};

// Runs a batch; `report` sees each outcome, in input order, as it is stored.
// Stops early when *stop becomes true.
IngestSummary IngestAll(Ingester* ingester, const std::vector<std::string>& files,
                        const std::function<void(const FileOutcome&, size_t done, size_t total)>& report,
                        const std::atomic<bool>* stop = nullptr);

}  // namespace vanban::pipeline

#endif  // VANBAN_PIPELINE_INGEST_H_
