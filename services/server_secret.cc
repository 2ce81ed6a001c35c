// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "services/server_secret.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "absl/strings/str_cat.h"
#include "crypto/staff_credentials.h"

namespace candour::services {
namespace {

absl::Status FileError(const std::string& what, const std::string& path) {
  const int error = errno;
  std::string message = absl::StrCat("cannot ", what, " ", path, ": ", std::strerror(error));
  if (error == EACCES || error == EPERM) return absl::PermissionDeniedError(message);
  return absl::UnavailableError(message);
}

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

absl::StatusOr<crypto::SecretBytes> Read(const std::string& path, int raw_fd) {
  Fd fd(raw_fd);
  struct stat st {};
  if (fstat(fd.get(), &st) != 0) return FileError("stat", path);
  if (!S_ISREG(st.st_mode) || st.st_uid != geteuid()) {
    return absl::FailedPreconditionError(absl::StrCat(path, " is not a regular file owned by candourd's user"));
  }
  if ((st.st_mode & 077) != 0) {
    return absl::FailedPreconditionError(absl::StrCat(path, " is readable by others; chmod 600 it"));
  }
  if (st.st_size != static_cast<off_t>(crypto::kServerSecretSize)) {
    return absl::DataLossError(absl::StrCat(path, " is not a candourd secret (wrong size)"));
  }
  crypto::SecretBytes secret(crypto::kServerSecretSize);
  size_t done = 0;
  while (done < secret.size()) {
    ssize_t n = read(fd.get(), secret.data() + done, secret.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return FileError("read", path);
    done += static_cast<size_t>(n);
  }
  return secret;
}

absl::StatusOr<crypto::SecretBytes> Create(const std::string& path) {
  Fd fd(open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600));
  if (fd.get() < 0) return FileError("create", path);
  crypto::SecretBytes secret(crypto::kServerSecretSize);
  randombytes_buf(secret.data(), secret.size());
  size_t done = 0;
  while (done < secret.size()) {
    ssize_t n = write(fd.get(), secret.data() + done, secret.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return FileError("write", path);
    done += static_cast<size_t>(n);
  }
  if (fsync(fd.get()) != 0) return FileError("sync", path);
  // The directory entry must be durable too, or a crash could lose the file
  // and with it every unknown-name salt handed out so far.
  std::string dir = std::filesystem::path(path).parent_path().string();
  Fd dir_fd(open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dir_fd.get() < 0 || fsync(dir_fd.get()) != 0) return FileError("sync the directory of", path);
  return secret;
}

}  // namespace

absl::StatusOr<crypto::SecretBytes> LoadOrCreateServerSecret(const std::string& path) {
  // O_NOFOLLOW: a symlink planted in the data dir must not redirect us.
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd >= 0) return Read(path, fd);
  if (errno != ENOENT) return FileError("open", path);
  absl::StatusOr<crypto::SecretBytes> created = Create(path);
  if (created.ok() || !absl::IsUnavailable(created.status()) || errno != EEXIST) return created;
  // Another process made it between our open and create: read theirs.
  fd = open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) return FileError("open", path);
  return Read(path, fd);
}

}  // namespace candour::services
