// The SQLite schema other programs read (docs/schema.md documents it).
//
// Versioned with PRAGMA user_version. Migrate() brings a database of an
// older version up to kSchemaVersion step by step, in one transaction, and
// refuses a database newer than this build: never a silent rebuild.
#ifndef VANBAN_STORE_SCHEMA_H_
#define VANBAN_STORE_SCHEMA_H_

#include "core/status.h"
#include "store/sqlite.h"

namespace vanban::store {

inline constexpr int kSchemaVersion = 1;

Status Migrate(Connection* c);
Result<int> SchemaVersion(Connection* c);

}  // namespace vanban::store

#endif  // VANBAN_STORE_SCHEMA_H_
