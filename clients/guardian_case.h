// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// What every Guardian command shares: signing in with the Guardian's key
// file and account, opening a case on this machine (the report checked
// against the signed directory it was made under and decrypted with the
// Guardian's key, its whole thread verified, the server's clear workflow
// record compared with the signed thread, and the thread checked against the
// newest entry this client saw of it), and sealing the next entry of the
// thread. A command writes only after the case it writes to has opened and
// verified to its end.
#ifndef CANDOUR_CLIENTS_GUARDIAN_CASE_H_
#define CANDOUR_CLIENTS_GUARDIAN_CASE_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "candour/v1/casework.pb.h"
#include "clients/case_thread.h"
#include "clients/cli.h"
#include "clients/insights_client.h"
#include "clients/intake_client.h"
#include "clients/staff_session.h"
#include "crypto/envelope.h"
#include "crypto/keys.h"

namespace candour::clients {

// A Guardian signed in for the length of one command; signs out when
// destroyed, unless the session is the one `candour login` kept.
class GuardianSession {
 public:
  // Reads --key and --account from `args`, asks for (or reads) the
  // passphrase, unwraps the key, resumes the kept session or signs in, and
  // checks the server's audit log (CheckAuditTrail in clients/commands.h):
  // DATA_LOSS, signed out again, if the log does not extend the one this
  // client saw.
  static absl::StatusOr<std::unique_ptr<GuardianSession>> Start(const Args& args, const GlobalOptions& globals);
  ~GuardianSession();

  Session& connection() { return connection_; }
  const crypto::RecipientKeys& keys() const { return keys_; }
  CaseworkClient casework() { return CaseworkClient(connection_.channel, deadline_, staff_.token.get()); }
  InsightsClient insights() { return InsightsClient(connection_.channel, deadline_, staff_.token.get()); }
  std::chrono::milliseconds deadline() const { return deadline_; }

 private:
  GuardianSession(Session connection, SignedIn staff, crypto::RecipientKeys keys, std::chrono::milliseconds deadline)
      : connection_(std::move(connection)), staff_(std::move(staff)), keys_(std::move(keys)), deadline_(deadline) {}
  Session connection_;
  SignedIn staff_;
  crypto::RecipientKeys keys_;
  std::chrono::milliseconds deadline_;
};

// A case opened and verified on this machine. The report content is wiped
// when this is destroyed.
struct OpenedCase {
  OpenedCase() = default;
  OpenedCase(OpenedCase&&) = default;
  ~OpenedCase();

  std::string report_id;
  int32_t received_day = 0;
  candour::v1::Envelope envelope;
  crypto::VerifiedDirectory report_directory;   // the one the report was made under
  crypto::VerifiedDirectory current_directory;  // the latest
  // Recipient key ids holding a case-key record, as the server says (for
  // turnover: the server can only hide a holder or invent one, and either
  // way no key goes to anyone the current directory does not name).
  std::vector<std::string> key_holders;
  std::optional<crypto::OpenedReport> report;
  std::optional<crypto::ThreadKeys> thread_keys;
  VerifiedThread thread;
  candour::v1::CaseSummary workflow;    // the server's clear record
  std::optional<std::string> mismatch;  // where it and the thread disagree
  std::string heads_file;               // where this client remembers the case's newest entry ("": nowhere)
};

// Fetches, verifies and decrypts a case. A thread that fails verification
// is not an error here (thread.problem says where it broke): `cases show`
// still shows what verified. A thread that verifies is checked against the
// newest entry this client saw of the case, kept in `case-heads` beside the
// state file (clients/case_heads.h), which then moves to the thread's
// newest. Errors: the report does not come or does not open; DATA_LOSS with
// a hint if the thread no longer holds the entry this client saw (the
// server withheld or rewrote entries) or the case-heads file is corrupt.
absl::StatusOr<OpenedCase> OpenCase(GuardianSession& guardian, const std::string& report_id);
// The same with the parts a GuardianSession holds, for callers (tests) that
// have a connection and a signed-in casework client of their own.
absl::StatusOr<OpenedCase> OpenCase(Session& connection, CaseworkClient& casework, const crypto::RecipientKeys& keys,
                                    const std::string& report_id);

// The report, its aggregation-tag check, the workflow and the thread, as text.
std::string RenderCase(const OpenedCase& opened, const crypto::RecipientKeys& keys);

// Seals `content` as the next entry of the case's thread, signed with the
// Guardian's key and quoting the reporter's latest entry. FAILED_PRECONDITION
// if the thread did not verify to its end, or the server's workflow record
// disagrees with it: nothing is written to a case that cannot be trusted.
absl::StatusOr<candour::v1::ThreadEntry> SealNext(const OpenedCase& opened, const crypto::RecipientKeys& keys,
                                                  candour::v1::EntryKind kind,
                                                  const candour::v1::EntryContent& content);

// Remembers `entry`, which this Guardian sealed for `opened` and the server
// has accepted, as the case's newest entry on this machine. DATA_LOSS or
// INTERNAL as CaseHeads::Remember, with a hint that the entry was written.
absl::Status RememberWritten(const OpenedCase& opened, const candour::v1::ThreadEntry& entry);

// REPORT_ID as 32 hex digits, from the command's one positional argument.
absl::StatusOr<std::string> ReportIdArgument(const Args& args, absl::string_view help_command);

}  // namespace candour::clients

#endif  // CANDOUR_CLIENTS_GUARDIAN_CASE_H_
