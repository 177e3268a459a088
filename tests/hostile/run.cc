#include "hostile/run.h"

#include <fcntl.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cstdio>
#include <sstream>

#include "testing/paths.h"

namespace vanban::testing {

namespace {

double Now() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

std::string Slurp(const std::string& path) {
  std::string out;
  FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return out;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
  std::fclose(f);
  return out;
}

int Count(sqlite3* db, const std::string& sql) {
  sqlite3_stmt* s = nullptr;
  int n = -1;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW) {
    n = sqlite3_column_int(s, 0);
  }
  sqlite3_finalize(s);
  return n;
}

}  // namespace

std::vector<std::string> RunOutcome::ErrLines() const {
  std::vector<std::string> lines;
  std::istringstream in(err);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::string RunOutcome::Describe() const {
  std::ostringstream s;
  if (timed_out) s << "TIMED OUT ";
  if (signal) s << "killed by signal " << signal << " ";
  s << "exit " << exit_code << " after " << seconds << " s\n--- stderr:\n" << err << "--- stdout:\n"
    << out.substr(0, 2000);
  return s.str();
}

std::string VanbanBinary() { return BinaryPath("src/cli/vanban"); }

VanbanProcess::VanbanProcess(const std::vector<std::string>& args, RunOptions options) : options_(options) {
  std::string dir = TempDir();
  out_path_ = dir + "/stdout";
  err_path_ = dir + "/stderr";
  std::string binary = VanbanBinary();
  std::vector<std::string> argv_s = {binary};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_s) argv.push_back(a.data());
  argv.push_back(nullptr);
  start_ = Now();
  pid_ = fork();
  if (pid_ == 0) {
    int out = open(out_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0666);
    int err = open(err_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0666);
    if (out < 0 || err < 0) _exit(126);
    dup2(out, 1);
    dup2(err, 2);
    if (options_.as_uid >= 0 && geteuid() == 0) {
      if (setgid(static_cast<gid_t>(options_.as_uid)) != 0 || setuid(static_cast<uid_t>(options_.as_uid)) != 0) {
        _exit(125);
      }
    }
    if (options_.file_size_limit > 0) {
      signal(SIGXFSZ, SIG_IGN);
      rlimit limit{static_cast<rlim_t>(options_.file_size_limit), static_cast<rlim_t>(options_.file_size_limit)};
      setrlimit(RLIMIT_FSIZE, &limit);
    }
    setenv("VANBAN_RULES_DIR", SourcePath("rules").c_str(), 0);  // $VANBAN_RULES_DIR wins
    execv(binary.c_str(), argv.data());
    _exit(127);
  }
}

VanbanProcess::~VanbanProcess() {
  if (pid_ > 0) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
}

void VanbanProcess::Signal(int sig) {
  if (pid_ > 0) kill(pid_, sig);
}

RunOutcome VanbanProcess::Finish() {
  RunOutcome r;
  if (pid_ < 0) {
    r.err = "fork failed";
    return r;
  }
  int status = 0;
  const double deadline = start_ + options_.timeout_seconds;
  for (;;) {
    pid_t done = waitpid(pid_, &status, WNOHANG);
    if (done == pid_) break;
    if (Now() > deadline) {
      r.timed_out = true;
      kill(pid_, SIGKILL);
      waitpid(pid_, &status, 0);
      break;
    }
    usleep(10000);
  }
  pid_ = -1;
  r.seconds = Now() - start_;
  if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) r.signal = WTERMSIG(status);
  if (r.timed_out) r.signal = 0;
  r.out = Slurp(out_path_);
  r.err = Slurp(err_path_);
  return r;
}

RunOutcome RunVanban(const std::vector<std::string>& args, RunOptions options) {
  VanbanProcess p(args, options);
  return p.Finish();
}

DbFacts ReadDbFacts(const std::string& path) {
  DbFacts f;
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    return f;
  }
  sqlite3_busy_timeout(db, 10000);
  f.opened = true;
  sqlite3_stmt* s = nullptr;
  if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &s, nullptr) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW) {
    f.integrity = reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
  }
  sqlite3_finalize(s);
  f.documents = Count(db, "SELECT count(*) FROM documents");
  f.failures = Count(db, "SELECT count(*) FROM failures");
  f.runs = Count(db, "SELECT count(*) FROM runs");
  f.orphans = 0;
  for (const char* table : {"pages", "citations", "indicators", "tasks", "recipients", "warnings", "runs"}) {
    f.orphans += Count(db, std::string("SELECT count(*) FROM ") + table +
                               " WHERE document_id NOT IN (SELECT id FROM documents)");
  }
  f.orphans += Count(db, "SELECT count(*) FROM task_units WHERE task_id NOT IN (SELECT id FROM tasks)");
  f.orphans += Count(db, "SELECT count(*) FROM document_fts WHERE document_id NOT IN (SELECT id FROM documents)");
  f.documents_without_pages = Count(
      db, "SELECT count(*) FROM documents d WHERE page_count != (SELECT count(*) FROM pages p WHERE p.document_id = d.id)");
  f.documents_without_runs =
      Count(db, "SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM runs r WHERE r.document_id = d.id)");
  f.duplicate_sha = Count(db, "SELECT count(*) - count(DISTINCT sha256) FROM documents");
  if (sqlite3_prepare_v2(db, "SELECT source_path FROM documents ORDER BY id", -1, &s, nullptr) == SQLITE_OK) {
    while (sqlite3_step(s) == SQLITE_ROW) {
      f.source_paths.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(s, 0)));
    }
  }
  sqlite3_finalize(s);
  sqlite3_close(db);
  return f;
}

}  // namespace vanban::testing
