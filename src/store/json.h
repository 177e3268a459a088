// Extraction and stored documents as JSON (nlohmann::json), for `vanban
// export --json`, `show --json` and the runs table. Field names are the
// SQLite contract's column names.
#ifndef VANBAN_STORE_JSON_H_
#define VANBAN_STORE_JSON_H_

#include <nlohmann/json.hpp>

#include "core/records.h"

namespace vanban::store {

nlohmann::json ToJson(const Header& h);
nlohmann::json ToJson(const Extraction& e);
// Inverse of ToJson(Extraction), for stored runs.
Extraction ExtractionFromJson(const nlohmann::json& j);

}  // namespace vanban::store

#endif  // VANBAN_STORE_JSON_H_
