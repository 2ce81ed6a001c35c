// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "clients/directory_trust.h"

#include <fcntl.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "core/directory_rules.h"
#include "crypto/bytes.h"

namespace candour::clients {
namespace {

// State file: one line per organisation, "<fingerprint hex> <highest version>".
absl::StatusOr<std::map<std::string, uint64_t>> ReadState(const std::string& path) {
  std::map<std::string, uint64_t> state;
  std::ifstream in(path);
  if (!in) return state;  // no state yet
  std::string fingerprint, version;
  while (in >> fingerprint >> version) {
    uint64_t v = 0;
    if (!absl::SimpleAtoi(version, &v)) return absl::DataLossError(absl::StrCat("state file ", path, " is corrupt"));
    state[fingerprint] = v;
  }
  return state;
}

// Replaces the state file durably: write a user-only temp file, fsync it,
// rename, fsync the folder. A crash then leaves the old state or the new one,
// never a truncated file that forgets the highest version (which would
// reopen the door to a rollback). The folder is user-only: that this account
// used Candour is itself worth keeping to the user on a shared PC.
absl::Status WriteStateFile(const std::string& path, const std::string& text) {
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

}  // namespace

absl::StatusOr<uint64_t> DirectoryTrust::HighestSeen() const {
  if (state_file_.empty()) return 0;
  auto state = ReadState(state_file_);
  if (!state.ok()) return state.status();
  auto it = state->find(crypto::HexEncode(fingerprint_));
  return it == state->end() ? 0 : it->second;
}

absl::Status DirectoryTrust::Remember(uint64_t version) {
  if (state_file_.empty()) return absl::OkStatus();
  auto state = ReadState(state_file_);
  if (!state.ok()) return state.status();
  uint64_t& highest = (*state)[crypto::HexEncode(fingerprint_)];
  if (version <= highest) return absl::OkStatus();
  highest = version;
  std::string text;
  for (const auto& [fp, v] : *state) absl::StrAppend(&text, fp, " ", v, "\n");
  return WriteStateFile(state_file_, text);
}

absl::StatusOr<crypto::VerifiedDirectory> DirectoryTrust::AcceptCurrent(
    const candour::v1::SignedDirectory& signed_directory, core::Day today) {
  auto verified = crypto::VerifyDirectory(signed_directory, fingerprint_);
  if (!verified.ok()) return verified.status();
  const auto& d = verified->directory;
  if (auto s = core::ValidateDirectory(d); !s.ok()) return s;
  if (auto s = core::CheckDirectoryCurrent(d, today); !s.ok()) return s;
  auto highest = HighestSeen();
  if (!highest.ok()) return highest.status();
  if (d.version() < *highest) {
    return absl::FailedPreconditionError(absl::StrCat("directory version ", d.version(),
                                                      " is older than version ", *highest,
                                                      " already seen: the server may be rolling it back"));
  }
  if (auto s = Remember(d.version()); !s.ok()) return s;
  return verified;
}

absl::StatusOr<crypto::VerifiedDirectory> DirectoryTrust::AcceptHistorical(
    const candour::v1::SignedDirectory& signed_directory, uint64_t version) {
  auto verified = crypto::VerifyDirectory(signed_directory, fingerprint_);
  if (!verified.ok()) return verified.status();
  if (verified->directory.version() != version) {
    return absl::FailedPreconditionError(absl::StrCat("server returned directory version ",
                                                      verified->directory.version(), " for version ", version));
  }
  return verified;
}

}  // namespace candour::clients
