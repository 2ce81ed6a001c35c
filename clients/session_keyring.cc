// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// Raw add_key/keyctl system calls: Debian's libkeyutils would be one more
// package for four calls. The user keyring (@u), not the session keyring:
// a process without a session keyring that adds to @s gets a fresh one of
// its own, which dies with it, so a login would not outlive the command.
#include "clients/session_keyring.h"

#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "absl/strings/str_cat.h"

namespace candour::clients {
namespace {

// From <linux/keyctl.h>, which Debian ships only in linux-libc-dev.
constexpr long kUserKeyring = -4;  // KEY_SPEC_USER_KEYRING
constexpr int kSetPerm = 5;        // KEYCTL_SETPERM
constexpr int kSearch = 10;        // KEYCTL_SEARCH
constexpr int kRead = 11;          // KEYCTL_READ
constexpr int kSetTimeout = 15;    // KEYCTL_SET_TIMEOUT
constexpr int kInvalidate = 21;    // KEYCTL_INVALIDATE
// Everything for a process that possesses the key (this user's processes,
// through the user keyring), and only its name for others of the same user.
constexpr unsigned kPossessorAllUserView = 0x3f010000;

constexpr char kKeyType[] = "user";

// Every argument passed, unused ones as 0: the kernel reads all four.
long KeyCtl(int operation, long a, long b = 0, long c = 0, long d = 0) {
  return syscall(SYS_keyctl, operation, a, b, c, d);
}

bool NoKeyring(int error) { return error == ENOSYS || error == EPERM || error == EACCES || error == EOPNOTSUPP; }

absl::Status Failed(const char* what, int error) {
  std::string text = absl::StrCat(what, ": ", std::strerror(error));
  if (NoKeyring(error)) {
    return absl::FailedPreconditionError(
        absl::StrCat("this system gives candour no kernel keyring to keep a session in (", text, ")"));
  }
  return absl::InternalError(text);
}

// The key's serial, or NOT_FOUND.
absl::StatusOr<long> Search(const std::string& name) {
  // No destination keyring (0): the key is already linked in @u.
  long id = KeyCtl(kSearch, kUserKeyring, reinterpret_cast<long>(kKeyType), reinterpret_cast<long>(name.c_str()), 0);
  if (id >= 0) return id;
  const int error = errno;
  if (error == ENOKEY || error == EKEYEXPIRED || error == EKEYREVOKED) {
    return absl::NotFoundError("no saved session");
  }
  return Failed("searching the user keyring", error);
}

}  // namespace

std::string SessionKeyName(std::string_view server, std::string_view account) {
  std::string name = "candour:session:";
  name.append(server).append(":").append(account);
  return name;
}

absl::Status KeepSession(const std::string& name, const crypto::SecretBytes& token, int64_t lifetime_seconds) {
  if (lifetime_seconds < 1) return absl::InvalidArgumentError("a session must be kept for at least a second");
  // add_key replaces a key of the same type and name in place.
  long id = syscall(SYS_add_key, kKeyType, name.c_str(), token.data(), token.size(), kUserKeyring);
  if (id < 0) return Failed("adding the session to the user keyring", errno);
  if (KeyCtl(kSetPerm, id, kPossessorAllUserView) != 0 || KeyCtl(kSetTimeout, id, lifetime_seconds) != 0) {
    const int error = errno;
    KeyCtl(kInvalidate, id);  // a token without its timeout must not linger
    return Failed("setting the saved session's limits", error);
  }
  return absl::OkStatus();
}

absl::StatusOr<crypto::SecretBytes> FindSession(const std::string& name, size_t token_size) {
  absl::StatusOr<long> id = Search(name);
  if (!id.ok()) return id.status();
  crypto::SecretBytes token(token_size);
  long size = KeyCtl(kRead, *id, reinterpret_cast<long>(token.data()), static_cast<long>(token.size()));
  if (size < 0) {
    const int error = errno;
    if (error == EKEYEXPIRED || error == EKEYREVOKED) return absl::NotFoundError("no saved session");
    return Failed("reading the saved session", error);
  }
  if (static_cast<size_t>(size) != token_size) return absl::DataLossError("the saved session is not a session token");
  return token;
}

absl::Status ForgetSession(const std::string& name) {
  absl::StatusOr<long> id = Search(name);
  if (absl::IsNotFound(id.status())) return absl::OkStatus();
  if (!id.ok()) return id.status();
  if (KeyCtl(kInvalidate, *id) != 0) return Failed("dropping the saved session", errno);
  return absl::OkStatus();
}

}  // namespace candour::clients
