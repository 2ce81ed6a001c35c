// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "clients/state_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <filesystem>

#include "absl/strings/str_cat.h"

namespace candour::clients {

// A crash leaves the old state or the new one, never a truncated file that
// forgets what was seen (which would reopen the door to a rollback). The
// folder is user-only: that this account used Candour is itself worth
// keeping to the user on a shared PC.
absl::Status ReplaceStateFile(const std::string& path, const std::string& text) {
  std::filesystem::path file(path);
  std::string dir = file.has_parent_path() ? file.parent_path().string() : ".";
  std::error_code ec;
  if (std::filesystem::create_directories(dir, ec)) {
    std::filesystem::permissions(dir, std::filesystem::perms::owner_all, ec);
  }
  std::string tmp = path + ".tmp";
  int fd = open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return absl::InternalError(absl::StrCat("cannot write ", tmp));
  bool ok = write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && fsync(fd) == 0;
  ok = close(fd) == 0 && ok;
  if (!ok || rename(tmp.c_str(), path.c_str()) != 0) {
    unlink(tmp.c_str());
    return absl::InternalError(absl::StrCat("cannot replace ", path));
  }
  int dir_fd = open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd >= 0) {
    fsync(dir_fd);
    close(dir_fd);
  }
  return absl::OkStatus();
}

std::string StateFileBeside(const std::string& state_file, const std::string& name) {
  if (state_file.empty()) return "";
  return (std::filesystem::path(state_file).parent_path() / name).string();
}

}  // namespace candour::clients
