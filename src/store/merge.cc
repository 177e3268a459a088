#include "store/merge.h"

#include <algorithm>
#include <vector>

#include "store/schema.h"

namespace vanban::store {

namespace {

struct Column {
  std::string name, type;
  int pk = 0;
};

std::string Quote(const std::string& name) {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

Result<std::vector<Column>> Columns(Connection* c, const std::string& schema, const std::string& table) {
  std::vector<Column> out;
  Statement s = c->Prepare("SELECT name, type, pk FROM pragma_table_info(?1, ?2) ORDER BY cid");
  s.BindText(1, table).BindText(2, schema);
  while (s.Step()) out.push_back(Column{s.Text(0), s.Text(1), static_cast<int>(s.Int64(2))});
  if (!s.status().ok()) return s.status();
  return out;
}

Result<int64_t> Scalar(Connection* c, const std::string& sql) {
  Statement s = c->Prepare(sql);
  int64_t v = 0;
  if (s.Step()) v = s.Int64(0);
  if (!s.status().ok()) return s.status();
  return v;
}

bool Has(const std::vector<Column>& cols, const std::string& name) {
  return std::any_of(cols.begin(), cols.end(), [&](const Column& c) { return c.name == name; });
}

// The tables whose rows are handled by name below.
bool HandledByName(const std::string& table) {
  return table == "documents" || table == "tasks" || table == "failures" || table == "document_fts" ||
         table.rfind("document_fts_", 0) == 0 || table.rfind("sqlite_", 0) == 0;
}

// Copies src.table into main.table: the columns both have, the document_id
// and task_id columns mapped through the merge maps, an INTEGER PRIMARY KEY
// `id` left for SQLite to number. Rows hanging off a document or task follow
// it; others are inserted unless their key is there (`conflict` clause).
Status CopyTable(Connection* c, const std::string& table, const std::vector<Column>& src_cols,
                 const std::vector<Column>& out_cols) {
  std::string insert_cols, select_cols;
  int pk_columns = static_cast<int>(std::count_if(src_cols.begin(), src_cols.end(), [](const Column& k) { return k.pk > 0; }));
  for (const Column& col : src_cols) {
    if (!Has(out_cols, col.name)) continue;
    bool own_id = col.pk == 1 && pk_columns == 1 && col.type == "INTEGER";
    if (own_id) continue;  // renumbered
    if (!insert_cols.empty()) {
      insert_cols += ", ";
      select_cols += ", ";
    }
    insert_cols += Quote(col.name);
    if (col.name == "document_id") {
      select_cols += "(SELECT new FROM temp.merge_documents m WHERE m.old = s.document_id)";
    } else if (col.name == "task_id") {
      select_cols += "(SELECT new FROM temp.merge_tasks m WHERE m.old = s.task_id)";
    } else {
      select_cols += "s." + Quote(col.name);
    }
  }
  if (insert_cols.empty()) return Status::Ok();
  std::string where = " WHERE true";
  std::string conflict;
  if (Has(src_cols, "document_id")) {
    where = " WHERE s.document_id IN (SELECT old FROM temp.merge_documents)";
  } else if (Has(src_cols, "task_id")) {
    where = " WHERE s.task_id IN (SELECT old FROM temp.merge_tasks)";
  } else if (table == "review_decisions" && Has(out_cols, "decided_at")) {
    conflict = " ON CONFLICT(sha256, task_key, field) DO UPDATE SET action = excluded.action, value = excluded.value, "
               "seen = excluded.seen, decided_at = excluded.decided_at WHERE excluded.decided_at > decided_at";
  } else {
    conflict = " ON CONFLICT DO NOTHING";
  }
  return c->Exec("INSERT INTO main." + Quote(table) + " (" + insert_cols + ") SELECT " + select_cols + " FROM src." +
                 Quote(table) + " s" + where + " ORDER BY s.rowid" + conflict);
}

Result<MergeCounts> MergeAttached(Connection* c) {
  MergeCounts counts;
  VANBAN_RETURN_IF_ERROR(c->Exec(
      "CREATE TEMP TABLE merge_documents(old INTEGER PRIMARY KEY, new INTEGER NOT NULL);"
      "CREATE TEMP TABLE merge_tasks(old INTEGER PRIMARY KEY, new INTEGER NOT NULL);"));
  // Documents whose bytes OUT does not hold yet, numbered on from OUT's largest id.
  VANBAN_RETURN_IF_ERROR(c->Exec(
      "INSERT INTO temp.merge_documents(old, new) "
      "SELECT s.id, (SELECT coalesce(max(id), 0) FROM main.documents) + row_number() OVER (ORDER BY s.id) "
      "FROM src.documents s WHERE s.sha256 NOT IN (SELECT sha256 FROM main.documents) ORDER BY s.id"));
  Result<int64_t> added = Scalar(c, "SELECT count(*) FROM temp.merge_documents");
  if (!added.ok()) return added.status();
  Result<int64_t> all = Scalar(c, "SELECT count(*) FROM src.documents");
  if (!all.ok()) return all.status();
  counts.documents_added = static_cast<int>(*added);
  counts.documents_already_there = static_cast<int>(*all - *added);
  VANBAN_RETURN_IF_ERROR(c->Exec(
      "INSERT INTO temp.merge_tasks(old, new) "
      "SELECT s.id, (SELECT coalesce(max(id), 0) FROM main.tasks) + row_number() OVER (ORDER BY s.id) "
      "FROM src.tasks s WHERE s.document_id IN (SELECT old FROM temp.merge_documents) ORDER BY s.id"));

  // documents and tasks keep their mapped ids
  for (const std::string table : {"documents", "tasks"}) {
    Result<std::vector<Column>> src_cols = Columns(c, "src", table);
    if (!src_cols.ok()) return src_cols.status();
    Result<std::vector<Column>> out_cols = Columns(c, "main", table);
    if (!out_cols.ok()) return out_cols.status();
    std::string map = table == "documents" ? "temp.merge_documents" : "temp.merge_tasks";
    std::string insert_cols = "id", select_cols = "m.new";
    for (const Column& col : *src_cols) {
      if (col.name == "id" || !Has(*out_cols, col.name)) continue;
      insert_cols += ", " + Quote(col.name);
      select_cols += col.name == "document_id" ? ", (SELECT new FROM temp.merge_documents d WHERE d.old = s.document_id)"
                                               : ", s." + Quote(col.name);
    }
    VANBAN_RETURN_IF_ERROR(c->Exec("INSERT INTO main." + table + " (" + insert_cols + ") SELECT " + select_cols +
                                   " FROM src." + table + " s JOIN " + map + " m ON m.old = s.id ORDER BY s.id"));
  }
  // full-text rows
  VANBAN_RETURN_IF_ERROR(c->Exec(
      "INSERT INTO main.document_fts(folded, document_id, page) "
      "SELECT s.folded, (SELECT new FROM temp.merge_documents m WHERE m.old = s.document_id), s.page "
      "FROM src.document_fts s WHERE s.document_id IN (SELECT old FROM temp.merge_documents) ORDER BY s.rowid"));
  // every other table, by name
  std::vector<std::string> tables;
  {
    Statement s = c->Prepare("SELECT name FROM src.sqlite_master WHERE type = 'table' ORDER BY rootpage");
    while (s.Step()) tables.push_back(s.Text(0));
    VANBAN_RETURN_IF_ERROR(s.status());
  }
  for (const std::string& table : tables) {
    if (HandledByName(table)) continue;
    Result<std::vector<Column>> src_cols = Columns(c, "src", table);
    if (!src_cols.ok()) return src_cols.status();
    Result<std::vector<Column>> out_cols = Columns(c, "main", table);
    if (!out_cols.ok()) return out_cols.status();
    if (out_cols->empty()) {
      // A table OUT lacks (made by another tool): create it as the input has it.
      Statement s = c->Prepare("SELECT sql FROM src.sqlite_master WHERE type = 'table' AND name = ?1");
      s.BindText(1, table);
      std::string sql;
      if (s.Step()) sql = s.Text(0);
      VANBAN_RETURN_IF_ERROR(s.status());
      if (sql.empty()) continue;
      VANBAN_RETURN_IF_ERROR(c->Exec(sql));
      out_cols = Columns(c, "main", table);
      if (!out_cols.ok()) return out_cols.status();
    }
    VANBAN_RETURN_IF_ERROR(CopyTable(c, table, *src_cols, *out_cols));
  }
  // failures: the later failure of a path wins; a path now stored is no failure
  Result<int64_t> failures = Scalar(c, "SELECT count(*) FROM src.failures");
  if (!failures.ok()) return failures.status();
  counts.failures = static_cast<int>(*failures);
  VANBAN_RETURN_IF_ERROR(c->Exec(
      "INSERT INTO main.failures(path, sha256, reason, failed_at) "
      "SELECT path, sha256, reason, failed_at FROM src.failures WHERE true "
      "ON CONFLICT(path) DO UPDATE SET sha256 = excluded.sha256, reason = excluded.reason, "
      "failed_at = excluded.failed_at WHERE excluded.failed_at > failed_at"));
  VANBAN_RETURN_IF_ERROR(
      c->Exec("DELETE FROM main.failures WHERE path IN (SELECT source_path FROM main.documents)"));
  VANBAN_RETURN_IF_ERROR(c->Exec("DROP TABLE temp.merge_documents; DROP TABLE temp.merge_tasks"));
  return counts;
}

}  // namespace

Result<MergeCounts> MergeInto(Database* out, const std::string& input_path) {
  {
    // The input must be a vanban database of this schema version; opening it
    // read-only says so in the user's words when it is not.
    Result<std::unique_ptr<Database>> in = Database::Open(input_path, true);
    if (!in.ok()) {
      const std::string& m = in.status().message();
      if (m.rfind(input_path, 0) == 0) return in.status();  // names the file and says what is wrong
      std::string why = m.rfind("step: ", 0) == 0 ? m.substr(6) : m;
      return DatabaseError(input_path + " is not a vanban database (" + why + ")");
    }
  }
  Connection& c = out->connection();
  Statement attach = c.Prepare("ATTACH DATABASE ?1 AS src");
  attach.BindText(1, input_path);
  VANBAN_RETURN_IF_ERROR(attach.Run());
  Result<MergeCounts> counts = [&]() -> Result<MergeCounts> {
    Transaction tx(&c);
    VANBAN_RETURN_IF_ERROR(tx.Begin());
    Result<MergeCounts> r = MergeAttached(&c);
    if (!r.ok()) return r.status();
    VANBAN_RETURN_IF_ERROR(tx.Commit());
    return r;
  }();
  (void)c.Exec("DROP TABLE IF EXISTS temp.merge_documents; DROP TABLE IF EXISTS temp.merge_tasks");
  Status detached = c.Exec("DETACH DATABASE src");
  if (!counts.ok()) return counts.status();
  VANBAN_RETURN_IF_ERROR(detached);
  return counts;
}

}  // namespace vanban::store
