// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "tests/integration/process.h"

#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

extern char** environ;

namespace candour::testing {
namespace {

int Decode(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

pid_t Spawn(const std::vector<std::string>& argv, const std::string& in, const std::string& out,
            const std::string& err, bool append) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  int flags = O_WRONLY | O_CREAT | (append ? O_APPEND : O_TRUNC);
  posix_spawn_file_actions_addopen(&actions, 0, in.c_str(), O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), flags, 0600);
  posix_spawn_file_actions_addopen(&actions, 2, err.c_str(), flags, 0600);
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = -1;
  if (posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ) != 0) pid = -1;
  posix_spawn_file_actions_destroy(&actions);
  return pid;
}

}  // namespace

std::string ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

RunResult Run(const std::vector<std::string>& argv, const std::string& work_dir, const std::string& input) {
  static int counter = 0;
  std::string base = work_dir + "/.run" + std::to_string(getpid()) + "_" + std::to_string(counter++);
  { std::ofstream(base + ".in") << input; }
  RunResult result;
  pid_t pid = Spawn(argv, base + ".in", base + ".out", base + ".err", false);
  if (pid > 0) {
    int status = 0;
    waitpid(pid, &status, 0);
    result.exit_code = Decode(status);
  }
  result.out = ReadWholeFile(base + ".out");
  result.err = ReadWholeFile(base + ".err");
  for (const char* ext : {".in", ".out", ".err"}) unlink((base + ext).c_str());
  return result;
}

RunResult RunInTerminal(const std::vector<std::string>& argv, const std::string& input) {
  RunResult result;
  int master = -1;
  pid_t pid = forkpty(&master, nullptr, nullptr, nullptr);
  if (pid < 0) return result;
  if (pid == 0) {
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execv(args[0], args.data());
    _exit(127);
  }
  // The terminal's line discipline buffers what we type until the program
  // reads it, exactly as for a person typing ahead.
  size_t written = 0;
  char buffer[4096];
  while (true) {
    if (written < input.size()) {
      ssize_t n = write(master, input.data() + written, std::min<size_t>(input.size() - written, 256));
      if (n > 0) written += static_cast<size_t>(n);
    }
    pollfd p{master, POLLIN, 0};
    if (poll(&p, 1, 100) > 0) {
      ssize_t n = read(master, buffer, sizeof buffer);
      if (n <= 0) break;  // EIO once the child has exited and closed the terminal
      result.out.append(buffer, static_cast<size_t>(n));
    }
  }
  int status = 0;
  waitpid(pid, &status, 0);
  close(master);
  result.exit_code = Decode(status);
  return result;
}

Process::Process(const std::vector<std::string>& argv, const std::string& log_path) {
  pid_ = Spawn(argv, "/dev/null", log_path, log_path, true);
}

Process::~Process() {
  if (pid_ > 0 && !reaped_) {
    kill(pid_, SIGKILL);
    Wait();
  }
}

void Process::Signal(int signal) {
  if (pid_ > 0 && !reaped_) kill(pid_, signal);
}

int Process::Wait() {
  if (pid_ <= 0) return -1;
  if (!reaped_) {
    int status = 0;
    waitpid(pid_, &status, 0);
    status_ = Decode(status);
    reaped_ = true;
  }
  return status_;
}

}  // namespace candour::testing
