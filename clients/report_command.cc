// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// `candour report`: ask (or take from flags) what happened, check it against
// the verified directory, seal it on this machine, send it, and show the
// receipt code once.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <thread>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "clients/commands.h"
#include "clients/report_form.h"
#include "clients/report_prompts.h"
#include "crypto/bytes.h"
#include "crypto/envelope.h"
#include "crypto/receipt.h"
#include "crypto/wipe_message.h"

namespace candour::clients {
namespace {

using candour::v1::ReportContent;

constexpr char kHelp[] = R"(Usage: candour report [flags]

Report discrimination, harassment, bullying or victimisation, or something you
saw happen to someone else. What you write is encrypted on this computer so
that only the recipients in your organisation's signed directory (its Freedom
to Speak Up Guardians, and its offline recovery key if it has one) can read it.
Anonymous unless you pass --named. Run without flags to be asked each question;
text given as flags can be seen by other users of this computer and stays in
your shell history, so prefer the questions or --what-file.

  --kind K                 discrimination, harassment, bullying, victimisation,
                           bystander-observation, other
  --characteristic C       (repeatable) age, disability, gender-reassignment,
                           marriage-civil-partnership, pregnancy-maternity, race,
                           religion-belief, sex, sexual-orientation, none-or-not-sure
  --source S               manager, colleague, public, contractor, other
  --department ID          department id (see `candour admin directory show`)
  --site TEXT              optional site
  --when YYYY-MM           the month it happened
  --what TEXT | --what-file FILE   what happened
  --impact TEXT            optional: the effect on you or the person targeted
  --wants W                record-only, talk-to-guardian, formal-action
  --bystander-action D     (repeatable, bystanders) direct, distract, delegate, delay, document
  --target-supported A     (bystanders) yes, no, dont-know
  --professional-group G   optional, one of the organisation's groups
  --my-characteristic C    optional, repeatable: your own characteristics
  --named --name N --contact C   put your name on the report
  --yes                    send without asking for confirmation
)";

absl::Status ParseEnumFlag(const Args& args, const std::string& flag, const google::protobuf::EnumDescriptor* type,
                           std::function<void(int)> set) {
  for (const auto& value : args.GetAll(flag)) {
    auto v = ParseEnumName(type, value);
    if (!v.ok()) return WithHint(absl::InvalidArgumentError(absl::StrCat("--", flag, ": ", v.status().message())),
                                 absl::StrCat("--", flag, " takes one of: ", EnumNames(type)));
    set(*v);
  }
  return absl::OkStatus();
}

absl::Status FillFromFlags(const Args& args, ReportContent& c) {
  using namespace candour::v1;
  if (auto s = ParseEnumFlag(args, "kind", ReportKind_descriptor(), [&](int v) { c.set_kind(ReportKind(v)); }); !s.ok()) return s;
  if (auto s = ParseEnumFlag(args, "characteristic", Characteristic_descriptor(),
                             [&](int v) { c.add_characteristics(Characteristic(v)); }); !s.ok()) return s;
  if (auto s = ParseEnumFlag(args, "source", BehaviourSource_descriptor(), [&](int v) { c.set_source(BehaviourSource(v)); }); !s.ok()) return s;
  if (auto s = ParseEnumFlag(args, "wants", WantedOutcome_descriptor(), [&](int v) { c.set_wanted_outcome(WantedOutcome(v)); }); !s.ok()) return s;
  if (auto s = ParseEnumFlag(args, "bystander-action", BystanderAction_descriptor(),
                             [&](int v) { c.add_bystander_actions(BystanderAction(v)); }); !s.ok()) return s;
  if (auto s = ParseEnumFlag(args, "target-supported", TargetSupported_descriptor(),
                             [&](int v) { c.set_target_supported(TargetSupported(v)); }); !s.ok()) return s;
  if (auto s = ParseEnumFlag(args, "my-characteristic", Characteristic_descriptor(),
                             [&](int v) { c.add_reporter_characteristics(Characteristic(v)); }); !s.ok()) return s;
  if (args.Has("department")) {
    uint32_t id = 0;
    if (!absl::SimpleAtoi(args.Get("department"), &id)) {
      return WithHint(absl::InvalidArgumentError("--department must be a department id (a number)"),
                      "list departments with `candour admin directory show`");
    }
    c.set_department_id(id);
  }
  if (args.Has("when")) {
    std::vector<std::string> parts = absl::StrSplit(args.Get("when"), '-');
    uint32_t year = 0, month = 0;
    if (parts.size() != 2 || !absl::SimpleAtoi(parts[0], &year) || !absl::SimpleAtoi(parts[1], &month)) {
      return WithHint(absl::InvalidArgumentError("--when must be a month like 2026-10"), "give year and month only");
    }
    c.set_occurred_year(year);
    c.set_occurred_month(month);
  }
  c.set_site(args.Get("site"));
  c.set_what_happened(args.Get("what"));
  if (args.Has("what-file")) {
    auto text = ReadFile(args.Get("what-file"));
    if (!text.ok()) return text.status();
    c.set_what_happened(*text);
    crypto::WipeString(*text);
  }
  c.set_impact(args.Get("impact"));
  c.set_professional_group(args.Get("professional-group"));
  if (args.Has("named")) {
    c.mutable_identity()->set_name(args.Get("name"));
    c.mutable_identity()->set_contact(args.Get("contact"));
  } else if (args.Has("name") || args.Has("contact")) {
    return WithHint(absl::InvalidArgumentError("--name and --contact need --named"),
                    "add --named to put your name on the report, or leave them out to stay anonymous");
  }
  return absl::OkStatus();
}

void PrintReceipt(const std::string& report_id_hex, const crypto::ReceiptCode& code,
                  const candour::v1::Directory& directory, bool confirmed) {
  crypto::SecretBytes shown = code.Display();
  if (confirmed) {
    std::printf("\nYour report has been sent. It was encrypted on this computer so that only\n"
                "these can read it: %s.\n\n", DescribeRecipients(directory).c_str());
  } else {
    std::printf("\nWe could not confirm that your report reached the server: it may have.\n"
                "Keep this receipt code. If the report arrived, the code is how you follow it up;\n"
                "if it did not, the code will not work and you can report again later.\n\n");
  }
  std::printf(
      "  Report id:     %s\n"
      "  Receipt code:  %.*s\n\n"
      "Keep the receipt code somewhere private, such as a password manager or a note\n"
      "at home. It is shown only this once. With it you can come back to read replies\n"
      "and add information; anyone who has it can do the same, and nobody, not even\n"
      "the Guardians, can recover it for you.\n",
      report_id_hex.c_str(), static_cast<int>(shown.size()), reinterpret_cast<const char*>(shown.data()));
}

// True if a failed call may still have stored the report: the server may have
// committed before the answer was lost.
bool MayHaveArrived(const absl::Status& status) {
  switch (status.code()) {
    case absl::StatusCode::kUnavailable:
    case absl::StatusCode::kDeadlineExceeded:
    case absl::StatusCode::kCancelled:
    case absl::StatusCode::kAborted:
    case absl::StatusCode::kInternal:
    case absl::StatusCode::kUnknown:
    case absl::StatusCode::kDataLoss:
      return true;
    default:
      return false;
  }
}

// Sends the same bytes until the answer is definite. The server treats an
// identical retry as success, so resending can never store the report twice.
absl::StatusOr<candour::v1::SubmitReportResponse> SubmitWithRetries(IntakeClient& intake,
                                                                     const candour::v1::SubmitReportRequest& request) {
  absl::StatusOr<candour::v1::SubmitReportResponse> response;
  for (int attempt = 0; attempt < 4; ++attempt) {
    if (attempt > 0) std::this_thread::sleep_for(std::chrono::milliseconds(125 << attempt));
    response = intake.SubmitReport(request);
    if (response.ok() || !MayHaveArrived(response.status())) break;
  }
  return response;
}

}  // namespace

absl::Status RunReport(const Argv& argv, const GlobalOptions& globals) {
  auto args = Args::Parse(argv,
                          {"kind", "characteristic", "source", "department", "site", "when", "what", "what-file",
                           "impact", "wants", "bystander-action", "target-supported", "professional-group",
                           "my-characteristic", "name", "contact"},
                          {"named", "yes", "help"});
  if (!args.ok()) return args.status();
  if (args->Has("help")) {
    std::fputs(kHelp, stdout);
    return absl::OkStatus();
  }
  auto session = Connect(globals);
  if (!session.ok()) return session.status();
  auto directory = FetchCurrentDirectory(*session);
  if (!directory.ok()) return directory.status();

  ReportContent content;
  content.set_content_version(1);
  if (auto s = FillFromFlags(*args, content); !s.ok()) return s;
  bool interactive = isatty(STDIN_FILENO) && !args->Has("kind");
  if (interactive) {
    if (auto s = AskForReport(directory->directory, content); !s.ok()) return s;
  }
  core::Day today = core::TodayInLondon();
  if (auto s = ValidateReport(content, directory->directory, today); !s.ok()) {
    return WithHint(s, interactive ? "start again with `candour report`" : "see `candour report --help`");
  }
  if (interactive && !args->Has("yes") && !ConfirmSend(directory->directory, content)) {
    return WithHint(absl::CancelledError("not sent"), "nothing left this computer");
  }

  crypto::ReceiptCode code = crypto::ReceiptCode::Generate();
  crypto::ReceiptKeys receipt = crypto::DeriveReceiptKeys(code);
  content.set_followup_signing_public_key(receipt.sign.public_key);
  auto request = crypto::SealReport(content, TagFor(content), *directory, receipt);
  // The plaintext is no longer needed: zero it before its memory is freed.
  crypto::WipeMessage(content);
  if (!request.ok()) return request.status();

  IntakeClient intake(session->channel, globals.channel.deadline);
  auto response = SubmitWithRetries(intake, *request);
  const std::string report_id = crypto::HexEncode(request->envelope().report_id());
  if (!response.ok() && MayHaveArrived(response.status())) {
    PrintReceipt(report_id, code, directory->directory, false);
    return WithHint(response.status(), "keep the receipt code above; the service may be down, try again later");
  }
  if (!response.ok()) {
    return WithHint(response.status(), absl::IsFailedPrecondition(response.status())
                                           ? "the directory changed while you wrote; nothing was stored, run the "
                                             "command again"
                                           : "nothing was stored");
  }
  PrintReceipt(report_id, code, directory->directory, true);
  return absl::OkStatus();
}

}  // namespace candour::clients
