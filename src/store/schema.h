// The SQLite schema other programs read (docs/schema.md documents it).
//
// Versioned with PRAGMA user_version. Migrate() brings a database of an
// older version up to kSchemaVersion step by step, in one transaction, and
// refuses a database newer than this build: never a silent rebuild.
#ifndef VANBAN_STORE_SCHEMA_H_
#define VANBAN_STORE_SCHEMA_H_

#include <string_view>

#include "core/status.h"
#include "store/sqlite.h"

namespace vanban::store {

inline constexpr int kSchemaVersion = 3;

Status Migrate(Connection* c);
// The SQL of one migration step (1, 2 or 3), for tests that build an old database.
std::string_view MigrationSql(int version);
Result<int> SchemaVersion(Connection* c);

}  // namespace vanban::store

#endif  // VANBAN_STORE_SCHEMA_H_
