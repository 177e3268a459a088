#include "store/sqlite.h"

namespace vanban::store {

Status SqliteError(sqlite3* db, int rc, std::string_view what) {
  std::string message(what);
  message += ": ";
  std::string detail = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  message += detail;
  if (detail != sqlite3_errstr(rc)) {  // not "disk I/O error (disk I/O error)"
    message += " (";
    message += sqlite3_errstr(rc);
    message += ")";
  }
  return DatabaseError(message);
}

Statement& Statement::Bind(int index, std::string_view text) {
  if (text.empty()) return BindNull(index);
  return BindText(index, text);
}

Statement& Statement::BindText(int index, std::string_view text) {
  if (stmt_) sqlite3_bind_text(stmt_.get(), index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  return *this;
}

Statement& Statement::Bind(int index, int64_t value) {
  if (stmt_) sqlite3_bind_int64(stmt_.get(), index, value);
  return *this;
}

Statement& Statement::Bind(int index, double value) {
  if (stmt_) sqlite3_bind_double(stmt_.get(), index, value);
  return *this;
}

Statement& Statement::Bind(int index, std::optional<double> value) {
  return value ? Bind(index, *value) : BindNull(index);
}

Statement& Statement::BindNull(int index) {
  if (stmt_) sqlite3_bind_null(stmt_.get(), index);
  return *this;
}

bool Statement::Step() {
  if (!stmt_ || !status_.ok()) return false;
  int rc = sqlite3_step(stmt_.get());
  if (rc == SQLITE_ROW) return true;
  if (rc != SQLITE_DONE) status_ = SqliteError(db_, rc, "step");
  return false;
}

Status Statement::Run() {
  while (Step()) {
  }
  return status_;
}

void Statement::Reset() {
  if (!stmt_) return;
  sqlite3_reset(stmt_.get());
  sqlite3_clear_bindings(stmt_.get());
}

std::string Statement::Text(int col) const {
  const unsigned char* t = sqlite3_column_text(stmt_.get(), col);
  if (!t) return "";
  return std::string(reinterpret_cast<const char*>(t), sqlite3_column_bytes(stmt_.get(), col));
}

Result<Connection> Connection::Open(const std::string& path, bool read_only) {
  sqlite3* raw = nullptr;
  int flags = read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  Connection c;
  c.db_.reset(raw);
  c.path_ = path;
  if (rc != SQLITE_OK) return SqliteError(raw, rc, "cannot open " + path);
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_timeout(raw, 10000);
  VANBAN_RETURN_IF_ERROR(c.Exec("PRAGMA foreign_keys = ON"));
  if (!read_only) {
    Status s = c.Exec("PRAGMA journal_mode = WAL");
    if (!s.ok()) return DatabaseError("cannot open " + path + ": " + s.message());
    VANBAN_RETURN_IF_ERROR(c.Exec("PRAGMA synchronous = NORMAL"));
  }
  return c;
}

Statement Connection::Prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v2(db_.get(), sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
  Status s = rc == SQLITE_OK ? Status::Ok() : SqliteError(db_.get(), rc, "prepare");
  return Statement(db_.get(), stmt, std::move(s));
}

Status Connection::Exec(std::string_view sql) {
  char* err = nullptr;
  std::string q(sql);
  int rc = sqlite3_exec(db_.get(), q.c_str(), nullptr, nullptr, &err);
  if (rc == SQLITE_OK) return Status::Ok();
  std::string message = err ? err : sqlite3_errstr(rc);
  sqlite3_free(err);
  if (message == sqlite3_errstr(rc)) return DatabaseError(message);
  return DatabaseError(message + " (" + sqlite3_errstr(rc) + ")");
}

}  // namespace vanban::store
