// Merging shard databases: `vanban merge OUT IN...`.
//
// Each input is a vanban database of the same schema version as this build
// (kSchemaVersion); it is read, never written. Documents are deduplicated by
// sha256: a document whose bytes OUT already holds (from OUT itself or an
// earlier input) is skipped with all its rows; the others are appended with
// new ids (documents and tasks numbered on from OUT's largest id, in the
// input's id order), together with every row that hangs off them: pages,
// full-text rows, citations, indicators, tasks and task_units, recipients,
// warnings, runs. Failures are kept (the later failure of a path wins) except
// for paths that OUT now holds as a stored document. Other tables an input
// may carry (review decisions, or a table of a later stage) are copied
// generically: rows with a document_id or task_id follow their document;
// rows without are inserted unless their key is already there (for
// review_decisions the later decision wins).
//
// One transaction per input: an input is merged whole or not at all, and
// merging the same input again adds nothing.
//
// Not thread-safe; the caller owns `out`.
#ifndef VANBAN_STORE_MERGE_H_
#define VANBAN_STORE_MERGE_H_

#include <string>

#include "core/status.h"
#include "store/database.h"

namespace vanban::store {

struct MergeCounts {
  int documents_added = 0;
  int documents_already_there = 0;  // same sha256 already in OUT
  int failures = 0;                 // failure rows taken from the input
};

// Merges one input database file into `out` (opened writable).
Result<MergeCounts> MergeInto(Database* out, const std::string& input_path);

}  // namespace vanban::store

#endif  // VANBAN_STORE_MERGE_H_
