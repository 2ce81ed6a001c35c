// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "clients/directory_trust.h"

#include <fstream>
#include <map>
#include <sstream>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "clients/state_file.h"
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
  return ReplaceStateFile(state_file_, text);
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
