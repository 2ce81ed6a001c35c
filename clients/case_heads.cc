// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "clients/case_heads.h"

#include <filesystem>
#include <fstream>
#include <map>
#include <utility>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "clients/cli.h"
#include "clients/state_file.h"
#include "crypto/bytes.h"
#include "crypto/envelope.h"

namespace candour::clients {
namespace {

constexpr size_t kHashSize = 32;

// State file: one line per case, "<report id hex> <sequence> <entry_hash hex>",
// ordered by report id (docs/PROTOCOL.md §16, "Case heads").
using State = std::map<std::string, CaseHead>;  // by report id, 16 bytes

std::string Line(const std::string& report_id, const CaseHead& head) {
  return absl::StrCat(crypto::HexEncode(report_id), " ", head.sequence, " ", crypto::HexEncode(head.hash));
}

// Only the form Line writes is read: one spelling per state (lowercase hex,
// no leading zeros or stray spaces), so a file that differs was not
// written by this client as it stands.
bool ParseLine(const std::string& line, std::string& report_id, CaseHead& head) {
  std::vector<std::string> fields = absl::StrSplit(line, ' ');
  if (fields.size() != 3) return false;
  absl::StatusOr<std::string> id = crypto::HexDecode(fields[0]);
  absl::StatusOr<std::string> hash = crypto::HexDecode(fields[2]);
  if (!id.ok() || id->size() != crypto::kReportIdSize || !hash.ok() || hash->size() != kHashSize ||
      !absl::SimpleAtoi(fields[1], &head.sequence) || head.sequence == 0) {
    return false;
  }
  report_id = *std::move(id);
  head.hash = *std::move(hash);
  return Line(report_id, head) == line;
}

// A file that is there but does not parse is an error, never an empty
// state: forgetting what was seen is exactly what a rollback needs.
absl::StatusOr<State> ReadState(const std::string& path) {
  State state;
  std::error_code ec;
  if (!std::filesystem::exists(path, ec) && !ec) return state;  // nothing remembered yet
  std::ifstream in(path);
  if (!in) return absl::InternalError(absl::StrCat("cannot read ", path));
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    std::string report_id;
    CaseHead head;
    if (!ParseLine(line, report_id, head) || state.contains(report_id)) {
      return WithHint(absl::DataLossError(absl::StrCat("case heads file ", path, " is corrupt (line ", number, ")")),
                      "only this client writes it: restore it from a backup, or remove it, which forgets what "
                      "this client has seen of every case");
    }
    state.emplace(std::move(report_id), std::move(head));
  }
  return state;
}

std::string Entries(size_t n) { return n == 1 ? "1 entry" : absl::StrCat(n, " entries"); }

absl::Status RolledBack(std::string message, const std::string& state_file) {
  return WithHint(absl::DataLossError(std::move(message)), CaseRollbackHint(state_file));
}

// Remembers `head` for the case in `state` and writes the file, unless as
// new a head is kept already.
absl::Status Advance(const std::string& state_file, State& state, const std::string& report_id,
                     const CaseHead& head) {
  CaseHead& kept = state[report_id];
  // Never back: an older head would let the entries after it be withheld.
  if (head.sequence <= kept.sequence) return absl::OkStatus();
  kept = head;
  std::string text;
  for (const auto& [id, h] : state) absl::StrAppend(&text, Line(id, h), "\n");
  return ReplaceStateFile(state_file, text);
}

}  // namespace

std::string CaseRollbackHint(const std::string& state_file) {
  return absl::StrCat(
      "the server is not showing this case's thread as it was: tell a Guardian or an admin. If the server "
      "was restored from a backup, entries written since are lost; once that is confirmed, remove this "
      "case's line from ",
      state_file);
}

absl::StatusOr<CaseHead> CaseHeads::Remembered(const std::string& report_id) const {
  if (state_file_.empty()) return CaseHead();
  absl::StatusOr<State> state = ReadState(state_file_);
  if (!state.ok()) return state.status();
  auto it = state->find(report_id);
  return it == state->end() ? CaseHead() : it->second;
}

absl::Status CaseHeads::Remember(const std::string& report_id, const CaseHead& head) {
  if (report_id.size() != crypto::kReportIdSize || (head.sequence > 0 && head.hash.size() != kHashSize)) {
    return absl::InvalidArgumentError("a case head is a 16-byte report id and a 32-byte entry hash");
  }
  if (state_file_.empty() || head.sequence == 0) return absl::OkStatus();
  absl::StatusOr<State> state = ReadState(state_file_);
  if (!state.ok()) return state.status();
  return Advance(state_file_, *state, report_id, head);
}

absl::Status CaseHeads::Check(const std::string& report_id, const VerifiedThread& thread) {
  if (!thread.problem.ok()) {
    return absl::FailedPreconditionError("only a thread that verifies to its end is checked against what was seen");
  }
  if (state_file_.empty()) return absl::OkStatus();
  // Read once: the check and the update see the same state.
  absl::StatusOr<State> state = ReadState(state_file_);
  if (!state.ok()) return state.status();
  auto remembered = state->find(report_id);
  const CaseHead seen = remembered == state->end() ? CaseHead() : remembered->second;
  // VerifyThread keeps entries in sequence from 1, so entry s is items[s - 1].
  const std::vector<ThreadItem>& items = thread.items;
  if (seen.sequence > items.size()) {
    return RolledBack(
        absl::StrCat("the server now shows ", Entries(items.size()), " of this case, but this client has seen ",
                     seen.sequence, ": entries were withheld or rewritten"),
        state_file_);
  }
  if (seen.sequence > 0 && items[seen.sequence - 1].hash != seen.hash) {
    return RolledBack(absl::StrCat("entry ", seen.sequence,
                                   " of this case is not the one this client saw: the thread was rewritten from "
                                   "there on"),
                      state_file_);
  }
  if (items.empty()) return absl::OkStatus();
  return Advance(state_file_, *state, report_id, {items.back().sequence, items.back().hash});
}

}  // namespace candour::clients
