#include "store/schema.h"

#include <string>

namespace vanban::store {

namespace {

// Version 1: the contract of design.md, plus what vanban needs to keep its
// promises (pages, warnings, runs, failures, full-text search).
constexpr char kV1[] = R"sql(
CREATE TABLE documents (
  id               INTEGER PRIMARY KEY,
  sha256           TEXT NOT NULL UNIQUE,
  source_path      TEXT NOT NULL,
  doc_type         TEXT,
  number           TEXT,
  symbol           TEXT,
  issuer           TEXT,
  parent_issuer    TEXT,
  place            TEXT,
  issued_date      TEXT,
  title            TEXT,
  signer_name      TEXT,
  signer_title     TEXT,
  signer_authority TEXT,
  page_count       INTEGER NOT NULL,
  text_source      TEXT NOT NULL CHECK (text_source IN ('text-layer', 'ocr', 'text')),
  ingested_at      TEXT NOT NULL,
  format           TEXT,
  encoding         TEXT
);
CREATE INDEX documents_number_symbol ON documents(number, symbol);

CREATE TABLE pages (
  document_id     INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  page            INTEGER NOT NULL,
  text_source     TEXT NOT NULL,
  failed          INTEGER NOT NULL DEFAULT 0,
  error           TEXT,
  dpi             INTEGER,
  width_px        INTEGER,
  height_px       INTEGER,
  skew_degrees    REAL,
  mean_confidence REAL,
  text            TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (document_id, page)
);

CREATE TABLE citations (
  id          INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  doc_type    TEXT,
  number      TEXT,
  symbol      TEXT,
  issued_date TEXT,
  issuer      TEXT,
  raw         TEXT
);
CREATE INDEX citations_document ON citations(document_id);

CREATE TABLE indicators (
  id          INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  code        TEXT,
  name        TEXT,
  year        INTEGER,
  kind        TEXT CHECK (kind IN ('actual', 'target')),
  metric      TEXT CHECK (metric IN ('score', 'rank', 'percent', 'count')),
  comparator  TEXT CHECK (comparator IN ('=', '>=', '<=', '>', '<')),
  value       REAL,
  out_of      REAL,
  raw         TEXT,
  page        INTEGER
);
CREATE INDEX indicators_document ON indicators(document_id);

CREATE TABLE tasks (
  id            INTEGER PRIMARY KEY,
  document_id   INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  key           TEXT NOT NULL,
  section       TEXT,
  ordinal       TEXT,
  title         TEXT,
  detail        TEXT,
  product       TEXT,
  deadline_text TEXT,
  due_date      TEXT,
  due_offset    TEXT,
  due_anchor    TEXT,
  recurrence    TEXT,
  raw           TEXT,
  page          INTEGER,
  confidence    REAL
);
CREATE INDEX tasks_document ON tasks(document_id);
CREATE INDEX tasks_key ON tasks(key);

CREATE TABLE task_units (
  task_id    INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
  unit       TEXT NOT NULL,
  role       TEXT NOT NULL CHECK (role IN ('lead', 'support')),
  as_written TEXT
);
CREATE INDEX task_units_task ON task_units(task_id);
CREATE INDEX task_units_unit ON task_units(unit);

CREATE TABLE recipients (
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  recipient   TEXT NOT NULL,
  purpose     TEXT
);
CREATE INDEX recipients_document ON recipients(document_id);

CREATE TABLE warnings (
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  code        TEXT NOT NULL,
  message     TEXT NOT NULL
);

-- Every extraction run of a document, as JSON, so that two runs can be compared.
CREATE TABLE runs (
  id          INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  created_at  TEXT NOT NULL,
  extraction  TEXT NOT NULL
);
CREATE INDEX runs_document ON runs(document_id);

-- Files that failed, with the reason, for --retry-failed and reports.
CREATE TABLE failures (
  path      TEXT NOT NULL PRIMARY KEY,
  sha256    TEXT,
  reason    TEXT NOT NULL,
  failed_at TEXT NOT NULL
);

-- Full-text search that ignores case and marks: `folded` holds each page's
-- text folded by vanban (lower case, no marks, đ → d).
CREATE VIRTUAL TABLE document_fts USING fts5(
  folded, document_id UNINDEXED, page UNINDEXED, tokenize = 'unicode61'
);
)sql";


// Version 2: review decisions (src/review/decisions.h) and the views trackers
// read. Only adds: a version 1 database keeps every row.
constexpr char kV2Head[] = R"sql(
-- A person's accept / reject / edit of one field of one task (field 'task':
-- the whole task), keyed so that it survives re-ingests and rule changes.
CREATE TABLE review_decisions (
  sha256     TEXT NOT NULL,
  task_key   TEXT NOT NULL,
  field      TEXT NOT NULL,
  action     TEXT NOT NULL CHECK (action IN ('accept', 'reject', 'edit')),
  value      TEXT,
  seen       TEXT,
  decided_at TEXT NOT NULL,
  PRIMARY KEY (sha256, task_key, field)
);

-- One row per task with the review applied (an edit wins, a rejected field is
-- NULL) and its review state; rejected tasks are kept, with that state.
CREATE VIEW task_view AS
SELECT
  t.id AS task_id,
  t.document_id,
  d.sha256 AS document_sha256,
  d.doc_type,
  d.number,
  d.symbol,
  CASE WHEN d.symbol IS NULL THEN d.number ELSE COALESCE(d.number || '/', '') || d.symbol END AS reference,
  d.issued_date,
  d.issuer,
  t.key,
)sql";

constexpr char kV2Tail[] = R"sql(  t.page,
  t.confidence,
  CASE
    WHEN EXISTS (SELECT 1 FROM review_decisions r WHERE r.sha256 = d.sha256 AND r.task_key = t.key
                 AND r.field = 'task' AND r.action = 'reject') THEN 'rejected'
    WHEN EXISTS (SELECT 1 FROM review_decisions r WHERE r.sha256 = d.sha256 AND r.task_key = t.key
                 AND r.field <> 'task' AND r.action <> 'accept') THEN 'edited'
    WHEN EXISTS (SELECT 1 FROM review_decisions r WHERE r.sha256 = d.sha256 AND r.task_key = t.key
                 AND r.field = 'task' AND r.action = 'accept') THEN 'accepted'
    ELSE 'unreviewed' END AS review_state
FROM tasks t JOIN documents d ON d.id = t.document_id;
)sql";

// One column of task_view: the person's edit when there is one, NULL when
// the field was rejected, else the extracted value.
std::string ReviewedColumn(const char* field, const std::string& extracted, const char* alias) {
  return std::string("  NULLIF(COALESCE((SELECT CASE r.action WHEN 'edit' THEN r.value ELSE '' END FROM review_decisions r\n"
                     "          WHERE r.sha256 = d.sha256 AND r.task_key = t.key AND r.field = '") +
         field + "' AND r.action <> 'accept'),\n         " + extracted + "), '') AS " + alias + ",\n";
}

// The units of one role, in the order the extractor found them.
std::string UnitsOf(const char* role) {
  return std::string("(SELECT group_concat(unit, '; ') FROM (SELECT unit FROM task_units u\n"
                     "          WHERE u.task_id = t.id AND u.role = '") +
         role + "' ORDER BY u.rowid))";
}

const std::string& V2() {
  static const std::string sql = [] {
    std::string s = kV2Head;
    for (const char* f : {"section", "ordinal", "title", "detail", "product"}) {
      s += ReviewedColumn(f, std::string("t.") + f, f);
    }
    s += ReviewedColumn("lead", UnitsOf("lead"), "lead_units");
    s += ReviewedColumn("support", UnitsOf("support"), "support_units");
    for (const char* f : {"deadline_text", "due_date", "due_offset", "due_anchor", "recurrence"}) {
      s += ReviewedColumn(f, std::string("t.") + f, f);
    }
    return s + kV2Tail;
  }();
  return sql;
}

// Version 3: an indicator may state a change ("tăng 2 bậc") rather than a level.
constexpr const char* kV3 = R"sql(
ALTER TABLE indicators ADD COLUMN relative INTEGER NOT NULL DEFAULT 0 CHECK (relative IN (0, 1));
)sql";

}  // namespace

std::string_view MigrationSql(int version) {
  if (version == 1) return kV1;
  if (version == 2) return V2();
  if (version == 3) return kV3;
  return {};
}

Result<int> SchemaVersion(Connection* c) {
  Statement s = c->Prepare("PRAGMA user_version");
  int version = 0;
  if (s.Step()) version = static_cast<int>(s.Int64(0));
  if (!s.status().ok()) return s.status();
  return version;
}

Status Migrate(Connection* c) {
  Result<int> version = SchemaVersion(c);
  if (!version.ok()) return version.status();
  if (*version == kSchemaVersion) return Status::Ok();
  if (*version > kSchemaVersion) {
    return DatabaseError(c->path() + " has schema version " + std::to_string(*version) +
                         ", newer than this vanban (" + std::to_string(kSchemaVersion) + ")");
  }
  Transaction tx(c);
  VANBAN_RETURN_IF_ERROR(tx.Begin());
  // Re-read inside the write lock: another process may have migrated meanwhile.
  version = SchemaVersion(c);
  if (!version.ok()) return version.status();
  if (*version < 1) {
    VANBAN_RETURN_IF_ERROR(c->Exec(kV1));
  }
  if (*version < 2) {
    VANBAN_RETURN_IF_ERROR(c->Exec(V2()));
  }
  if (*version < 3) {
    VANBAN_RETURN_IF_ERROR(c->Exec(kV3));
  }
  VANBAN_RETURN_IF_ERROR(c->Exec("PRAGMA user_version = " + std::to_string(kSchemaVersion)));
  return tx.Commit();
}

}  // namespace vanban::store
