// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// `candour followup`: the reporter's way back, with only the receipt code.
// Everything is checked here before it is shown: the directory against the
// pin, the report against its directory, every entry of the thread against
// its chain and its author's key. The code never leaves this machine; only a
// lookup value derived from it does. Nothing of the case is kept on this
// machine unless the reporter asks (--remember).
#include <cstdio>

#include "clients/author_directories.h"
#include "clients/case_heads.h"
#include "clients/case_thread.h"
#include "clients/commands.h"
#include "core/case_workflow.h"
#include "core/period.h"
#include "crypto/envelope.h"
#include "crypto/receipt.h"
#include "crypto/thread_entry.h"
#include "crypto/wipe_message.h"

namespace candour::clients {
namespace {

constexpr char kFollowUpHelp[] = R"(Usage: candour followup [--code-file FILE] [--message-file FILE] [--remember FILE]

Comes back to a report with its receipt code: shows the Guardians' replies
and, with --message-file, sends them the text of FILE (more information, an
answer to their question). No name, account or e-mail is involved. The code
is asked for without echo unless --code-file gives a file holding it.

Every entry of the thread is checked, but by default nothing of the report
is kept on this computer, so a server that holds back the newest replies
cannot be caught.
  --remember FILE   keep the newest entry seen of this report in FILE (its
                    report id and entry number and hash; never the code) and
                    refuse a thread that no longer holds it. FILE shows that
                    this computer was used to follow up a report: keep it
                    where only you can read it, not on a shared or work
                    computer. One FILE serves several reports.
)";

}  // namespace

absl::Status RunFollowUp(const Argv& argv, const GlobalOptions& globals) {
  auto args = Args::Parse(argv, {"code-file", "message-file", "remember"}, {"help"});
  if (!args.ok()) return args.status();
  if (args->Has("help")) return std::fputs(kFollowUpHelp, stdout), absl::OkStatus();
  if (args->Has("remember") && args->Get("remember").empty()) {
    return WithHint(absl::InvalidArgumentError("--remember needs a file name"), "see candour followup --help");
  }
  // Opt-in only (no file: no state): a file kept by default on a shared or
  // employer-managed computer would itself show that someone here reported.
  CaseHeads heads(args->Get("remember"));
  std::unique_ptr<crypto::SecretBytes> message;
  if (args->Has("message-file")) {
    auto text = ReadFile(args->Get("message-file"));
    if (!text.ok()) return text.status();
    message = std::make_unique<crypto::SecretBytes>(crypto::SecretBytes::CopyOf(*text));
    crypto::WipeString(*text);
  }
  auto typed = ReadSecret(*args, "code-file", "Receipt code");
  if (!typed.ok()) return typed.status();
  auto code = crypto::ReceiptCode::Parse(typed->view());
  if (!code.ok()) return WithHint(code.status(), "a receipt code has 28 characters, as shown when you reported");
  const crypto::ReceiptKeys keys = crypto::DeriveReceiptKeys(*code);

  auto session = Connect(globals);
  if (!session.ok()) return session.status();
  auto current = FetchCurrentDirectory(*session);
  if (!current.ok()) return current.status();
  IntakeClient intake(session->channel, globals.channel.deadline);
  auto found = intake.GetCase(std::string_view(reinterpret_cast<const char*>(keys.lookup.data()), keys.lookup.size()));
  if (!found.ok()) return WithHint(found.status(), "check the code for typing mistakes");

  const candour::v1::Envelope& envelope = found->envelope();
  uint64_t version = envelope.directory_version();
  auto signed_directory = intake.GetDirectory(version);
  if (!signed_directory.ok()) return signed_directory.status();
  auto report_directory = session->trust->AcceptHistorical(*signed_directory, version);
  if (!report_directory.ok()) return WithHint(report_directory.status(), "the server's directory cannot be trusted");
  // The sealed view key names its report inside the seal, which only this
  // code's key opens: a server that paired the code with someone else's
  // report is caught here.
  auto view_key = crypto::OpenViewKey(found->sealed_view_key(), envelope.report_id(), keys.box);
  if (!view_key.ok()) {
    return WithHint(absl::DataLossError("the report the server returned was not made with this code"),
                    "tell a Guardian: the server may have been tampered with");
  }
  const crypto::ThreadKeys thread_keys = crypto::ThreadKeys::FromViewKey(*std::move(view_key));

  const std::string& organisation_id = report_directory->directory.organisation_id();
  std::vector<candour::v1::ThreadEntry> entries(found->entries().begin(), found->entries().end());
  auto directories = AuthorDirectories(*session, entries, *report_directory, *current);
  if (!directories.ok()) return directories.status();
  VerifiedThread thread = VerifyThread(entries, envelope, thread_keys, keys.sign.public_key,
                                       DirectoryPointers(*directories), organisation_id);
  if (thread.problem.ok()) {
    if (absl::Status s = heads.Check(envelope.report_id(), thread); !s.ok()) return s;
  }
  std::string rendered = RenderThread(thread, /*staff_view=*/false);
  std::printf("Your report (made under directory version %llu).\n\n%s", static_cast<unsigned long long>(version),
              rendered.c_str());
  crypto::WipeString(rendered);
  if (thread.problem.ok()) {
    std::printf("Status: %s", core::StatusName(thread.status).c_str());
    if (thread.status == candour::v1::CASE_STATUS_CLOSED) {
      std::printf(" (outcome: %s)", core::OutcomeName(thread.outcome).c_str());
    } else if (found->reply_due_day() > 0) {
      std::printf(". Expect to hear from a Guardian by %s", core::FormatDay(found->reply_due_day()).c_str());
    }
    std::printf(".\n");
    if (auto mismatch = WorkflowMismatch(thread, found->status(), "", /*staff_view=*/false)) {
      std::printf("WARNING: %s; the signed thread is what counts.\n", mismatch->c_str());
    }
  }
  if (!thread.problem.ok()) return WithHint(thread.problem, "nothing was sent");
  if (message == nullptr) return absl::OkStatus();

  crypto::EntryHeader header;
  header.report_id = envelope.report_id();
  header.sequence = thread.next_sequence;
  header.kind = candour::v1::ENTRY_KIND_REPORTER_MESSAGE;
  header.previous_hash = thread.last_hash;
  candour::v1::EntryContent content;
  content.set_text(std::string(message->view()));
  auto entry = crypto::SealEntry(header, content, thread_keys, keys.sign, crypto::SigningKeyId(keys.sign.public_key),
                                 organisation_id);
  crypto::WipeMessage(content);
  if (!entry.ok()) return entry.status();
  auto sent = intake.AddFollowUp(std::string_view(reinterpret_cast<const char*>(keys.lookup.data()), keys.lookup.size()),
                                 *entry);
  if (!sent.ok()) return WithHint(sent.status(), "run the command again to see the thread as it is now");
  std::printf("Sent as message %u. A Guardian will see it; come back with your code for the reply.\n",
              sent->sequence());
  if (absl::Status s =
          heads.Remember(envelope.report_id(), {entry->sequence(), crypto::EntryHash(*entry, organisation_id)});
      !s.ok()) {
    return WithHint(s, "the message was sent; do not send it again");
  }
  return absl::OkStatus();
}

}  // namespace candour::clients
