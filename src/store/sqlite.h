// A thin RAII adapter over sqlite3: the only place sqlite3 result codes are
// turned into Status values.
//
//   Statement s = db.Prepare("SELECT id FROM documents WHERE sha256 = ?1");
//   s.Bind(1, sha);
//   while (s.Step()) id = s.Int64(0);
//   VANBAN_RETURN_IF_ERROR(s.status());
//
// Not thread-safe: one Connection per thread.
#ifndef VANBAN_STORE_SQLITE_H_
#define VANBAN_STORE_SQLITE_H_

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"

namespace vanban::store {

struct SqliteCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct StmtFinalizer {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};

class Statement {
 public:
  Statement() = default;
  Statement(sqlite3* db, sqlite3_stmt* stmt, Status status) : db_(db), stmt_(stmt), status_(std::move(status)) {}

  // Binds are 1-based. Empty text binds NULL (the contract stores "not found" as NULL).
  Statement& Bind(int index, std::string_view text);
  Statement& BindText(int index, std::string_view text);  // "" stays ""
  Statement& Bind(int index, int64_t value);
  Statement& Bind(int index, double value);
  Statement& Bind(int index, std::optional<double> value);
  Statement& BindNull(int index);

  // True while there is a row; false at the end or on error (see status()).
  bool Step();
  // Runs to completion (for INSERT/UPDATE/DELETE).
  Status Run();
  void Reset();

  int64_t Int64(int col) const { return sqlite3_column_int64(stmt_.get(), col); }
  double Double(int col) const { return sqlite3_column_double(stmt_.get(), col); }
  bool IsNull(int col) const { return sqlite3_column_type(stmt_.get(), col) == SQLITE_NULL; }
  std::string Text(int col) const;

  const Status& status() const { return status_; }

 private:
  sqlite3* db_ = nullptr;
  std::unique_ptr<sqlite3_stmt, StmtFinalizer> stmt_;
  Status status_;
};

class Connection {
 public:
  // Opens (creating when allowed) with foreign keys on, WAL, and a busy timeout.
  static Result<Connection> Open(const std::string& path, bool read_only);

  Statement Prepare(std::string_view sql);
  Status Exec(std::string_view sql);
  int64_t LastInsertId() const { return sqlite3_last_insert_rowid(db_.get()); }
  sqlite3* raw() const { return db_.get(); }
  const std::string& path() const { return path_; }

 private:
  std::unique_ptr<sqlite3, SqliteCloser> db_;
  std::string path_;
};

// "database error: disk I/O error (SQLITE_IOERR): …" from a result code.
Status SqliteError(sqlite3* db, int rc, std::string_view what);

// A transaction that rolls back unless committed.
class Transaction {
 public:
  explicit Transaction(Connection* c) : c_(c) {}
  Status Begin() { return c_->Exec("BEGIN IMMEDIATE"); }
  Status Commit() {
    Status s = c_->Exec("COMMIT");
    if (s.ok()) done_ = true;
    return s;
  }
  ~Transaction() {
    if (!done_) (void)c_->Exec("ROLLBACK");
  }

 private:
  Connection* c_;
  bool done_ = false;
};

}  // namespace vanban::store

#endif  // VANBAN_STORE_SQLITE_H_
