// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// Runs the real binaries for integration tests: a command to completion with
// its output captured, or a long-lived server that the test signals. Output
// goes through files, so a chatty child can never block on a full pipe.
#ifndef CANDOUR_TESTS_INTEGRATION_PROCESS_H_
#define CANDOUR_TESTS_INTEGRATION_PROCESS_H_

#include <sys/types.h>

#include <string>
#include <vector>

namespace candour::testing {

struct RunResult {
  int exit_code = -1;  // the exit status, or 128 + signal
  std::string out;
  std::string err;
};

// Runs argv[0] with the arguments, `input` on stdin, in `work_dir`.
RunResult Run(const std::vector<std::string>& argv, const std::string& work_dir, const std::string& input = "");

// Runs argv[0] on a new pseudo-terminal, as a person at a terminal would:
// isatty() is true, `input` is typed (line by line) and the screen (with the
// typed echo) comes back in `out`.
RunResult RunInTerminal(const std::vector<std::string>& argv, const std::string& input);

std::string ReadWholeFile(const std::string& path);

// A background process with stderr (and stdout) appended to `log_path`.
class Process {
 public:
  Process(const std::vector<std::string>& argv, const std::string& log_path);
  ~Process();  // SIGKILLs the process if it is still running
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;

  pid_t pid() const { return pid_; }
  void Signal(int signal);
  // Waits for exit; returns the exit status, or 128 + signal.
  int Wait();

 private:
  pid_t pid_ = -1;
  bool reaped_ = false;
  int status_ = -1;
};

}  // namespace candour::testing

#endif  // CANDOUR_TESTS_INTEGRATION_PROCESS_H_
