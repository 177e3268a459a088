// Runs the real `vanban` binary the way a user does, with a time limit, and
// checks what a database file holds afterwards.
//
//   RunOutcome r = RunVanban({"ingest", dir, "--db", db}, {.timeout_seconds = 60});
//   EXPECT_EQ(r.exit_code, 1) << r.err;
//
// Not thread-safe (fork); call from the test's thread.
#ifndef VANBAN_TESTS_HOSTILE_RUN_H_
#define VANBAN_TESTS_HOSTILE_RUN_H_

#include <sys/types.h>

#include <string>
#include <vector>

namespace vanban::testing {

struct RunOptions {
  int timeout_seconds = 60;
  // When the test runs as root, run vanban as this user instead (-1 = as is),
  // so that file permissions mean something.
  int as_uid = -1;
  // RLIMIT_FSIZE for vanban in bytes (0 = none); SIGXFSZ is ignored, so a
  // write past it fails with EFBIG like a full disk.
  long file_size_limit = 0;
};

struct RunOutcome {
  int exit_code = -1;     // -1 when killed by a signal or by the time limit
  int signal = 0;         // the signal that ended it, if any
  bool timed_out = false;
  double seconds = 0;
  std::string out, err;
  // The lines of `err`.
  std::vector<std::string> ErrLines() const;
  // "exit 1 after 0.2 s; stderr: …" for failure messages.
  std::string Describe() const;
};

// The vanban binary of this build tree.
std::string VanbanBinary();

// Starts vanban with args; returns at once. Finish() waits for it.
class VanbanProcess {
 public:
  VanbanProcess(const std::vector<std::string>& args, RunOptions options = {});
  ~VanbanProcess();
  RunOutcome Finish();
  // Sends a signal to the running process (SIGTERM, SIGKILL…).
  void Signal(int sig);

 private:
  pid_t pid_ = -1;
  RunOptions options_;
  std::string out_path_, err_path_;
  double start_ = 0;
};

RunOutcome RunVanban(const std::vector<std::string>& args, RunOptions options = {});

// What a vanban database holds, read with plain SQL.
struct DbFacts {
  bool opened = false;
  std::string integrity;       // "ok" from PRAGMA integrity_check
  int documents = 0, failures = 0, runs = 0;
  int orphans = 0;             // rows of child tables whose document is gone
  int documents_without_pages = 0, documents_without_runs = 0;
  int duplicate_sha = 0;
  std::vector<std::string> source_paths;
};
DbFacts ReadDbFacts(const std::string& path);

}  // namespace vanban::testing

#endif  // VANBAN_TESTS_HOSTILE_RUN_H_
