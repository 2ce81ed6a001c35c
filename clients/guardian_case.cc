// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "clients/guardian_case.h"

#include <ctime>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "clients/author_directories.h"
#include "clients/case_heads.h"
#include "clients/commands.h"
#include "clients/report_form.h"
#include "clients/state_file.h"
#include "core/case_workflow.h"
#include "core/period.h"
#include "crypto/access_proof.h"
#include "crypto/bytes.h"
#include "crypto/key_file.h"
#include "crypto/sealed_tag.h"
#include "crypto/thread_entry.h"
#include "crypto/wipe_message.h"

namespace candour::clients {
namespace {

std::string RenderTag(const crypto::AggregationTag& tag) {
  std::vector<std::string> chars;
  for (int v = 1; v <= 10; ++v) {
    if (tag.characteristics & (1u << (v - 1))) chars.push_back(EnumName(candour::v1::Characteristic_descriptor(), v));
  }
  return absl::StrCat("department ", tag.department_id, ", kind ", EnumName(candour::v1::ReportKind_descriptor(), tag.kind),
                      ", characteristics ", absl::StrJoin(chars, "+"), ", source ",
                      EnumName(candour::v1::BehaviourSource_descriptor(), tag.source));
}

// Opens the sealed tag with the aggregation key sealed to this recipient in
// the directory, and compares it with the report's own fields.
std::string CheckTag(const candour::v1::Envelope& envelope, const crypto::VerifiedDirectory& directory,
                     const crypto::RecipientKeys& keys, const candour::v1::ReportContent& content) {
  for (const auto& rec : directory.directory.aggregation_key_records()) {
    if (rec.recipient_key_id() != keys.key_id) continue;
    auto secret = crypto::OpenSealed(keys.box, rec.sealed_secret_key());
    if (!secret.ok() || secret->size() != 32) return "Aggregation tag: your sealed aggregation key does not open\n";
    auto pair = crypto::X25519KeyPairFromSecret(crypto::SecretKey<32>::CopyOf(secret->span()));
    if (!pair.ok() || pair->public_key != directory.directory.aggregation_public_key()) {
      return "Aggregation tag: the sealed aggregation key does not match the directory's\n";
    }
    auto tag = crypto::OpenTag(envelope.sealed_tag(), *pair);
    if (!tag.ok()) return "Aggregation tag: does not open\n";
    crypto::AggregationTag expected = TagFor(content);
    bool agrees = tag->department_id == expected.department_id && tag->kind == expected.kind &&
                  tag->characteristics == expected.characteristics && tag->source == expected.source;
    return absl::StrCat("Aggregation tag: ", RenderTag(*tag), agrees ? " (agrees with the report)\n"
                                                                    : " (DOES NOT agree with the report)\n");
  }
  return "Aggregation tag: no aggregation key is sealed to you in this directory\n";
}

std::string DayOrDash(int32_t day) { return day == 0 ? "-" : core::FormatDay(day); }

// Fetches the report with a fresh access proof and opens it with `keys`
// under the directory it was made under, filling in `opened` up to its
// thread keys.
absl::Status OpenReport(Session& connection, CaseworkClient& casework, const crypto::RecipientKeys& keys,
                        const std::string& report_id, OpenedCase& opened) {
  candour::v1::GetReportRequest request;
  request.set_report_id(report_id);
  request.set_recipient_key_id(keys.key_id);
  request.set_issued_at(std::time(nullptr));
  request.set_signature(crypto::SignReportAccess(keys, report_id, request.issued_at()));
  auto fetched = casework.GetReport(request);
  if (!fetched.ok()) return WithHint(fetched.status(), "check the report id and that your key is in the directory");
  // The AAD binds the envelope to its own report id; this binds it to the
  // one we asked for, so a server cannot answer with another report wholesale.
  if (fetched->envelope().report_id() != report_id) {
    return WithHint(absl::DataLossError("the server returned a different report than the one asked for"),
                    "the server may have been tampered with; tell your administrator");
  }
  opened.report_id = report_id;
  opened.received_day = fetched->received_day();
  opened.envelope = fetched->envelope();
  opened.key_holders.assign(fetched->key_holder_ids().begin(), fetched->key_holder_ids().end());

  IntakeClient intake(connection.channel, connection.options.channel.deadline);
  const uint64_t version = opened.envelope.directory_version();
  auto signed_directory = intake.GetDirectory(version);
  if (!signed_directory.ok()) return signed_directory.status();
  auto directory = connection.trust->AcceptHistorical(*signed_directory, version);
  if (!directory.ok()) return WithHint(directory.status(), "the server's directory cannot be trusted");
  opened.report_directory = *std::move(directory);
  auto report = crypto::OpenAsRecipient(opened.envelope, fetched->case_key_record(), keys, opened.report_directory);
  if (!report.ok()) {
    return WithHint(report.status(), "the stored report fails its integrity checks: it may have been tampered with");
  }
  opened.report.emplace(*std::move(report));
  opened.thread_keys.emplace(crypto::ThreadKeys::FromCaseKey(opened.report->case_key));
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::unique_ptr<GuardianSession>> GuardianSession::Start(const Args& args,
                                                                         const GlobalOptions& globals) {
  if (!args.Has("key") || !args.Has("account")) {
    return WithHint(absl::InvalidArgumentError("--account and --key are required"),
                    "your staff account name and your Guardian key file");
  }
  auto key_text = ReadFile(args.Get("key"));
  if (!key_text.ok()) return key_text.status();
  auto passphrase = ReadPassphrase(args, "Passphrase for your Guardian key");
  if (!passphrase.ok()) return passphrase.status();
  auto keys = crypto::UnwrapRecipientKeys(*key_text, passphrase->view());
  if (!keys.ok()) return WithHint(keys.status(), "check the passphrase and the key file");

  auto connection = Connect(globals);
  if (!connection.ok()) return connection.status();
  auto saved = SavedSession(connection->channel, globals, args.Get("account"));
  if (!saved.ok()) return saved.status();
  absl::StatusOr<SignedIn> staff = absl::UnknownError("not signed in");
  if (saved->has_value()) {
    staff = **std::move(saved);
  } else {
    AuthClient auth(connection->channel, globals.channel.deadline);
    staff = SignInStaff(auth, args.Get("account"), passphrase->view());
    if (absl::IsUnauthenticated(staff.status()) && !args.Has("passphrase-file")) {
      // The account was made with a passphrase of its own.
      auto account_passphrase = ReadPassphrase(args, "Passphrase for your staff account");
      if (!account_passphrase.ok()) return account_passphrase.status();
      staff = SignInStaff(auth, args.Get("account"), account_passphrase->view());
    }
    if (!staff.ok()) return WithHint(staff.status(), "check the account name and passphrase");
  }
  std::unique_ptr<GuardianSession> session(
      new GuardianSession(*std::move(connection), *std::move(staff), *std::move(keys), globals.channel.deadline));
  // As for every staff command: nothing is read or written on a server whose
  // audit log does not extend the one this client saw. On a refusal the
  // session is dropped, and so signed out.
  if (absl::Status s = CheckAuditTrail(session->connection_.channel, globals, session->staff_); !s.ok()) return s;
  return session;
}

GuardianSession::~GuardianSession() {
  if (staff_.saved) return;  // kept by `candour login` until `candour logout`
  AuthClient signed_in(connection_.channel, deadline_, staff_.token.get());
  static_cast<void>(signed_in.SignOut());  // it expires by itself if this fails
}

OpenedCase::~OpenedCase() {
  if (report.has_value()) crypto::WipeMessage(report->content);
}

absl::StatusOr<OpenedCase> OpenCase(GuardianSession& guardian, const std::string& report_id) {
  CaseworkClient casework = guardian.casework();
  return OpenCase(guardian.connection(), casework, guardian.keys(), report_id);
}

absl::StatusOr<OpenedCase> OpenCase(Session& connection, CaseworkClient& casework, const crypto::RecipientKeys& keys,
                                    const std::string& report_id) {
  OpenedCase opened;
  if (absl::Status s = OpenReport(connection, casework, keys, report_id, opened); !s.ok()) return s;
  auto current = FetchCurrentDirectory(connection);
  if (!current.ok()) return current.status();
  opened.current_directory = *std::move(current);
  auto thread = casework.GetThread(report_id);
  if (!thread.ok()) return thread.status();
  std::vector<candour::v1::ThreadEntry> entries(thread->entries().begin(), thread->entries().end());
  auto directories = AuthorDirectories(connection, entries, opened.report_directory, opened.current_directory);
  if (!directories.ok()) return directories.status();
  opened.thread = VerifyThread(entries, opened.envelope, *opened.thread_keys,
                               opened.report->content.followup_signing_public_key(), DirectoryPointers(*directories),
                               opened.report_directory.directory.organisation_id());
  opened.workflow = thread->workflow();
  opened.heads_file = StateFileBeside(connection.options.state_file, "case-heads");
  if (opened.thread.problem.ok()) {
    // A shorter thread is still a valid chain: only what this client saw
    // before shows that the newest entries were withheld.
    if (absl::Status s = CaseHeads(opened.heads_file).Check(report_id, opened.thread); !s.ok()) return s;
    opened.mismatch = WorkflowMismatch(opened.thread, opened.workflow.status(), opened.workflow.assignee_key_id(),
                                       /*staff_view=*/true);
  }
  return opened;
}

std::string RenderCase(const OpenedCase& opened, const crypto::RecipientKeys& keys) {
  std::string shown = RenderReport(opened.report->content, opened.report_directory.directory);
  const candour::v1::CaseSummary& w = opened.workflow;
  std::string out = absl::StrCat(
      "Report ", crypto::HexEncode(opened.report_id), ", received ", core::FormatDay(opened.received_day),
      " (as the server says), directory version ", opened.envelope.directory_version(), "\n\n", shown, "\n",
      CheckTag(opened.envelope, opened.report_directory, keys, opened.report->content));
  crypto::WipeString(shown);
  absl::StrAppend(&out, "\nStatus: ", core::StatusName(opened.thread.status));
  if (opened.thread.status == candour::v1::CASE_STATUS_CLOSED) {
    absl::StrAppend(&out, " (outcome: ", core::OutcomeName(opened.thread.outcome), ")");
  }
  absl::StrAppend(&out, "; acknowledge by ", DayOrDash(w.acknowledge_due_day()),
                  w.acknowledge_overdue() ? " (OVERDUE)" : "", "; feedback by ", DayOrDash(w.feedback_due_day()),
                  w.feedback_overdue() ? " (OVERDUE)" : "", "\n");
  if (opened.mismatch.has_value()) {
    absl::StrAppend(&out, "WARNING: ", *opened.mismatch, "; the signed thread is what counts\n");
  }
  std::string thread = RenderThread(opened.thread, /*staff_view=*/true);
  absl::StrAppend(&out, "\nThread:\n\n", thread);
  crypto::WipeString(thread);
  return out;
}

absl::StatusOr<candour::v1::ThreadEntry> SealNext(const OpenedCase& opened, const crypto::RecipientKeys& keys,
                                                  candour::v1::EntryKind kind,
                                                  const candour::v1::EntryContent& content) {
  if (!opened.thread.problem.ok()) {
    return WithHint(absl::FailedPreconditionError("the case's thread does not verify, so nothing was written"),
                    "show the case and report the problem to your administrator");
  }
  if (opened.mismatch.has_value()) {
    return WithHint(absl::FailedPreconditionError(absl::StrCat(*opened.mismatch, ", so nothing was written")),
                    "report this to your administrator: the server's records may have been altered");
  }
  crypto::EntryHeader header;
  header.report_id = opened.report_id;
  header.sequence = opened.thread.next_sequence;
  header.kind = kind;
  header.previous_hash = opened.thread.last_hash;
  header.quoted_hash = opened.thread.last_reporter_hash;
  return crypto::SealEntry(header, content, *opened.thread_keys, keys.sign, keys.key_id,
                           opened.report_directory.directory.organisation_id());
}

absl::Status RememberWritten(const OpenedCase& opened, const candour::v1::ThreadEntry& entry) {
  const CaseHead head{entry.sequence(), crypto::EntryHash(entry, opened.report_directory.directory.organisation_id())};
  absl::Status s = CaseHeads(opened.heads_file).Remember(opened.report_id, head);
  if (s.ok()) return s;
  // The next time the case opens, its thread shows the entry and this
  // client remembers it then; the entry must not be written twice.
  return WithHint(s, absl::StrCat("entry ", entry.sequence(), " was written; do not write it again"));
}

absl::StatusOr<std::string> ReportIdArgument(const Args& args, absl::string_view help_command) {
  if (args.positional().size() != 1) {
    return WithHint(absl::InvalidArgumentError("give one REPORT_ID"), absl::StrCat("see ", help_command, " --help"));
  }
  auto report_id = crypto::HexDecode(args.positional()[0]);
  if (!report_id.ok() || report_id->size() != crypto::kReportIdSize) {
    return WithHint(absl::InvalidArgumentError("REPORT_ID must be 32 hex digits"), "copy it from `candour cases list`");
  }
  return *report_id;
}

}  // namespace candour::clients
