// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "clients/audit_trust.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "clients/cli.h"
#include "clients/state_file.h"
#include "crypto/audit_chain.h"
#include "crypto/bytes.h"

namespace candour::clients {
namespace {

// State file: one line per server, "<host:port> <length> <head hex> <checkpoint length>".
using State = std::map<std::string, RememberedHead>;

absl::StatusOr<State> ReadState(const std::string& path) {
  State state;
  std::ifstream in(path);
  if (!in) return state;  // nothing remembered yet
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string server, length, hash, checkpoint;
    RememberedHead head;
    absl::StatusOr<std::string> bytes = absl::InvalidArgumentError("");
    if (!(fields >> server >> length >> hash >> checkpoint) || !absl::SimpleAtoi(length, &head.length) ||
        !absl::SimpleAtoi(checkpoint, &head.checkpoint_length) || !(bytes = crypto::HexDecode(hash)).ok() ||
        bytes->size() != 32) {
      return absl::DataLossError(absl::StrCat("audit state file ", path, " is corrupt"));
    }
    head.hash = *std::move(bytes);
    state[server] = std::move(head);
  }
  return state;
}

// A point the chain must pass through, and what to call it.
struct Anchor {
  uint64_t length;
  std::string hash;
  std::string what;
};

absl::Status Tampered(std::string message, const std::string& state_file) {
  return WithHint(absl::DataLossError(std::move(message)), AuditTamperHint(state_file));
}

}  // namespace

std::string AuditTamperHint(const std::string& state_file) {
  return absl::StrCat(
      "the server's audit log is not the one it showed before: tell an admin and the Guardians. "
      "If the server was restored from a backup, an admin can confirm it; then remove this "
      "server's line from ",
      state_file);
}

absl::StatusOr<RememberedHead> AuditTrust::Remembered() const {
  if (state_file_.empty()) return RememberedHead();
  absl::StatusOr<State> state = ReadState(state_file_);
  if (!state.ok()) return state.status();
  auto it = state->find(server_);
  return it == state->end() ? RememberedHead() : it->second;
}

absl::Status AuditTrust::Remember(const RememberedHead& head) {
  if (state_file_.empty()) return absl::OkStatus();
  absl::StatusOr<State> state = ReadState(state_file_);
  if (!state.ok()) return state.status();
  (*state)[server_] = head;
  std::string text;
  for (const auto& [server, h] : *state) {
    absl::StrAppend(&text, server, " ", h.length, " ", crypto::HexEncode(h.hash), " ", h.checkpoint_length, "\n");
  }
  return ReplaceStateFile(state_file_, text);
}

absl::StatusOr<AuditTrust::Checked> AuditTrust::CheckHead(const HeadFetcher& fetch, const DirectorySource& directory) {
  absl::StatusOr<RememberedHead> remembered = Remembered();
  if (!remembered.ok()) return remembered.status();
  absl::StatusOr<candour::v1::GetAuditHeadResponse> response = fetch(remembered->length);
  if (!response.ok()) return response.status();
  Checked checked;

  std::vector<Anchor> anchors;
  if (remembered->length > 0) {
    anchors.push_back({remembered->length, remembered->hash, "the head this client saw last"});
  }
  uint64_t checkpoint_length = remembered->checkpoint_length;
  const candour::v1::AuditCheckpoint& checkpoint = response->checkpoint();
  if (response->has_checkpoint() && checkpoint.length() > remembered->checkpoint_length) {
    absl::StatusOr<candour::v1::Directory> current = directory();
    absl::StatusOr<std::string> admin = current.ok() ? crypto::VerifyAuditCheckpoint(checkpoint, *current)
                                                     : absl::StatusOr<std::string>(current.status());
    if (admin.ok()) {
      checked.checkpoint = absl::StrCat("length ", checkpoint.length(), ", signed by ", *admin);
      anchors.push_back({checkpoint.length(), checkpoint.head_hash(), "the checkpoint " + checked.checkpoint});
      checkpoint_length = checkpoint.length();
    } else {
      checked.notes.push_back(
          absl::StrCat("the audit log's latest checkpoint was not checked: ", admin.status().message()));
    }
  }
  for (const Anchor& anchor : anchors) {
    if (anchor.length > response->length()) {
      return Tampered(absl::StrCat("the server's audit log has ", response->length(), " entries, fewer than the ",
                                   anchor.length, " of ", anchor.what, ": entries were cut from the end"),
                      state_file_);
    }
  }
  if (anchors.empty()) {  // first contact: nothing to check against yet
    checked.length = response->length();
    if (absl::Status s = Remember({response->length(), response->head_hash(), 0}); !s.ok()) return s;
    return checked;
  }

  // Walk from the older anchor; the other must be on the way.
  std::sort(anchors.begin(), anchors.end(), [](const Anchor& a, const Anchor& b) { return a.length < b.length; });
  crypto::AuditChainVerifier chain(anchors[0].length, anchors[0].hash);
  for (size_t i = 1; i < anchors.size(); ++i) {
    if (anchors[i].length == anchors[0].length && anchors[i].hash != anchors[0].hash) {
      return Tampered(
          absl::StrCat("entry ", anchors[0].length, " differs between ", anchors[0].what, " and ", anchors[i].what),
          state_file_);
    }
    chain.ExpectHashAt(anchors[i].length, anchors[i].hash, anchors[i].what);
  }
  if (anchors[0].length != remembered->length) response = fetch(anchors[0].length);
  while (response.ok()) {
    for (const std::string& digest : response->body_digests()) {
      if (absl::Status s = chain.AddDigest(digest); !s.ok()) return Tampered(std::string(s.message()), state_file_);
    }
    if (chain.length() >= response->length() || response->body_digests().empty()) break;
    response = fetch(chain.length());
  }
  if (!response.ok()) return response.status();
  if (chain.length() != response->length() || chain.head() != response->head_hash()) {
    return Tampered(absl::StrCat("the server's audit head (", response->length(), " entries) does not follow from ",
                                 anchors[0].what, ": the log was changed since"),
                    state_file_);
  }
  if (absl::Status s = chain.Finish(); !s.ok()) return Tampered(std::string(s.message()), state_file_);
  checked.length = chain.length();
  if (absl::Status s = Remember({chain.length(), chain.head(), checkpoint_length}); !s.ok()) return s;
  return checked;
}

}  // namespace candour::clients
