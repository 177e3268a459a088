// Status and Result<T>: how errors cross stage boundaries in vanban.
//
// No exception leaves a stage. Each third-party library's own error style
// (Tesseract's -1, RE2's ok(), sqlite3 result codes, Poppler's nulls) is turned
// into a Status once, in the adapter that wraps it.
//
//   Result<Document> r = ReadFile(path);
//   if (!r.ok()) return r.status();
//   Document doc = std::move(r).value();
//
// Thread-safety: values; safe to copy and move between threads.
#ifndef VANBAN_CORE_STATUS_H_
#define VANBAN_CORE_STATUS_H_

#include <cassert>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace vanban {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,  // the caller passed something malformed
  kNotFound,         // a file, document or rule that is not there
  kAlreadyExists,    // the same bytes are stored already
  kUnsupported,      // input of a kind vanban does not read (binary, unknown format)
  kCorrupt,          // input of a known kind that cannot be parsed
  kEncrypted,        // a password-protected PDF
  kIoError,          // the operating system said no
  kDatabase,         // SQLite said no
  kTimeout,          // a time limit was reached
  kResourceLimit,    // too large: pages, pixels, bytes
  kInternal,         // a bug in vanban
};

std::string_view StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

  // "corrupt: xref table is damaged"
  std::string ToString() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

inline Status InvalidArgument(std::string m) { return {StatusCode::kInvalidArgument, std::move(m)}; }
inline Status NotFound(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
inline Status AlreadyExists(std::string m) { return {StatusCode::kAlreadyExists, std::move(m)}; }
inline Status Unsupported(std::string m) { return {StatusCode::kUnsupported, std::move(m)}; }
inline Status Corrupt(std::string m) { return {StatusCode::kCorrupt, std::move(m)}; }
inline Status Encrypted(std::string m) { return {StatusCode::kEncrypted, std::move(m)}; }
inline Status IoError(std::string m) { return {StatusCode::kIoError, std::move(m)}; }
inline Status DatabaseError(std::string m) { return {StatusCode::kDatabase, std::move(m)}; }
inline Status Timeout(std::string m) { return {StatusCode::kTimeout, std::move(m)}; }
inline Status ResourceLimit(std::string m) { return {StatusCode::kResourceLimit, std::move(m)}; }
inline Status Internal(std::string m) { return {StatusCode::kInternal, std::move(m)}; }

// A value or the Status that explains why there is none.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {  // NOLINT: implicit by design
    assert(!status_.ok() && "Result built from an OK status has no value");
    if (status_.ok()) status_ = Internal("Result built from an OK status");
  }

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }

  const T& value() const& { assert(ok()); return *value_; }
  T& value() & { assert(ok()); return *value_; }
  T&& value() && { assert(ok()); return std::move(*value_); }

  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

 private:
  Status status_;
  std::optional<T> value_;
};

}  // namespace vanban

#define VANBAN_RETURN_IF_ERROR(expr)            \
  do {                                          \
    ::vanban::Status vanban_status_ = (expr);   \
    if (!vanban_status_.ok()) return vanban_status_; \
  } while (0)

#endif  // VANBAN_CORE_STATUS_H_
