// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// `candour cases list | ack | status | close | assign | note | classify |
// link`: a Guardian's casework. Each command that changes a case opens it
// first (report decrypted, whole thread verified, the server's workflow
// record compared with it), then writes one signed, encrypted thread entry;
// the server updates its clear workflow record in the same write.
#include <cstdio>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "clients/commands.h"
#include "clients/guardian_case.h"
#include "core/case_workflow.h"
#include "core/period.h"
#include "crypto/bytes.h"
#include "crypto/link_mark.h"
#include "crypto/wipe_message.h"

namespace candour::clients {
namespace {

using candour::v1::EntryContent;

constexpr char kSignInFlags[] = R"(  --account NAME          your staff account
  --key FILE              your Guardian key file
  --passphrase-file FILE  read the passphrase from FILE instead of asking
)";

constexpr char kListHelp[] = R"(Usage: candour cases list --account NAME --key FILE [--status S[,S...]] [--overdue] [--mine]

Lists cases newest first with their status and deadlines, as the server
keeps them (open a case with `cases show` to check them against its signed
thread). Statuses: new, acknowledged, in-progress, referred, escalated, closed.
  --overdue               only cases past their acknowledgement or feedback day
  --mine                  only cases assigned to you
)";

constexpr char kAckHelp[] = R"(Usage: candour cases ack REPORT_ID --account NAME --key FILE

Acknowledges a new case: the reporter sees that it has been received.
)";

constexpr char kStatusHelp[] = R"(Usage: candour cases status REPORT_ID --to STATUS --account NAME --key FILE

Moves a case on: in-progress, referred or escalated (use `cases close` to
close it). Only legal moves are accepted: new -> acknowledged -> in-progress ->
referred / escalated -> closed; referred and escalated may return to
in-progress; a closed case may be reopened (in-progress).
)";

constexpr char kCloseHelp[] = R"(Usage: candour cases close REPORT_ID --outcome OUTCOME --account NAME --key FILE

Closes a case with its outcome, which only the thread holds (encrypted; the
reporter sees it): resolved, not-upheld, withdrawn, referred-to-hr,
referred-to-police, referred-to-regulator, no-further-action.
)";

constexpr char kAssignHelp[] = R"(Usage: candour cases assign REPORT_ID --to me|GUARDIAN --account NAME --key FILE

Assigns the case to a Guardian of the current directory, by "me", by the
start of their display name, or by key id (32 hex digits); --to none unassigns.
)";

constexpr char kNoteHelp[] = R"(Usage: candour cases note REPORT_ID --message-file FILE --account NAME --key FILE

Adds a note for Guardians only: encrypted under the case's staff key, which
the reporter does not hold.
)";

constexpr char kClassifyHelp[] = R"(Usage: candour cases classify REPORT_ID --account NAME --key FILE
         [--elements E[,E...]] [--group GROUP] [--feedback yes|no] [--speak-up-again ANSWER]

Records the case's triage for the Freedom to Speak Up quarterly return
(Guardians only; the latest classification counts). Elements: patient-safety,
worker-safety, bullying-harassment, inappropriate-behaviour, detriment.
--group is the professional group (one of the directory's). --feedback says
whether the reporter gave feedback; --speak-up-again is their answer to
"would you speak up again?": yes, no, maybe, dont-know.
)";

constexpr char kLinkHelp[] = R"(Usage: candour cases link REPORT_ID --to OTHER_ID --relation RELATION --account NAME --key FILE

Links two cases: same-incident, duplicate or malicious. Guardians see the
link in the thread; insights counts a linked group once (the link is also
sealed, signed by you, to the aggregation key).
)";

absl::Status Help(const char* text) {
  std::fputs(text, stdout);
  std::fputs(kSignInFlags, stdout);
  return absl::OkStatus();
}

// Opens the case, seals `content` as the next entry of `kind` and hands it
// to `send`; prints what happened.
template <typename Send>
absl::Status WriteEntry(GuardianSession& guardian, const std::string& report_id, candour::v1::EntryKind kind,
                        const std::function<absl::StatusOr<EntryContent>(const OpenedCase&)>& make, Send send,
                        absl::string_view done) {
  auto opened = OpenCase(guardian, report_id);
  if (!opened.ok()) return opened.status();
  absl::StatusOr<EntryContent> content = make(*opened);
  if (!content.ok()) return content.status();
  auto entry = SealNext(*opened, guardian.keys(), kind, *content);
  crypto::WipeMessage(*content);
  if (!entry.ok()) return entry.status();
  CaseworkClient casework = guardian.casework();
  absl::StatusOr<candour::v1::EntryAdded> added = send(casework, *opened, *entry);
  if (!added.ok()) return WithHint(added.status(), "run `candour cases show` to see the case as it is now");
  std::printf("%s (entry %u). Status: %s.\n", std::string(done).c_str(), added->sequence(),
              core::StatusName(added->workflow().status()).c_str());
  return RememberWritten(*opened, *entry);
}

absl::StatusOr<EntryContent> StatusChange(const OpenedCase& opened, candour::v1::CaseStatus to,
                                          candour::v1::CaseOutcome outcome) {
  if (!core::IsLegalTransition(opened.thread.status, to)) {
    return WithHint(absl::FailedPreconditionError(absl::StrCat("a case that is ", core::StatusName(opened.thread.status),
                                                               " cannot move to ", core::StatusName(to))),
                    "see candour cases status --help for the moves allowed");
  }
  EntryContent content;
  content.mutable_status_change()->set_from(opened.thread.status);
  content.mutable_status_change()->set_to(to);
  content.mutable_status_change()->set_outcome(outcome);
  return content;
}

absl::Status Move(const Args& args, const GlobalOptions& globals, const char* command, candour::v1::CaseStatus to,
                  candour::v1::CaseOutcome outcome) {
  auto report_id = ReportIdArgument(args, command);
  if (!report_id.ok()) return report_id.status();
  auto guardian = GuardianSession::Start(args, globals);
  if (!guardian.ok()) return guardian.status();
  return WriteEntry(
      **guardian, *report_id, candour::v1::ENTRY_KIND_STATUS_CHANGE,
      [&](const OpenedCase& opened) { return StatusChange(opened, to, outcome); },
      [&](CaseworkClient& casework, const OpenedCase&, const candour::v1::ThreadEntry& entry) {
        candour::v1::ChangeStatusRequest request;
        *request.mutable_entry() = entry;
        request.set_to(to);
        return casework.ChangeStatus(request);
      },
      absl::StrCat("Moved to ", core::StatusName(to)));
}

const std::set<std::string> kSignIn = {"account", "key", "passphrase-file"};
std::set<std::string> With(std::initializer_list<std::string> more) {
  std::set<std::string> flags = kSignIn;
  flags.insert(more.begin(), more.end());
  return flags;
}

}  // namespace

absl::Status RunCasesList(const Argv& argv, const GlobalOptions& globals) {
  auto args = Args::Parse(argv, With({"status"}), {"help", "overdue", "mine"});
  if (!args.ok()) return args.status();
  if (args->Has("help")) return Help(kListHelp);
  candour::v1::ListCasesRequest request;
  if (args->Has("status")) {
    for (absl::string_view name : absl::StrSplit(args->Get("status"), ',')) {
      std::optional<candour::v1::CaseStatus> status = core::ParseStatus(std::string(name));
      if (!status.has_value()) {
        return WithHint(absl::InvalidArgumentError(absl::StrCat("unknown status '", name, "'")),
                        "see candour cases list --help");
      }
      request.add_statuses(*status);
    }
  }
  request.set_overdue_only(args->Has("overdue"));
  auto guardian = GuardianSession::Start(*args, globals);
  if (!guardian.ok()) return guardian.status();
  if (args->Has("mine")) request.set_assignee_key_id((*guardian)->keys().key_id);
  CaseworkClient casework = (*guardian)->casework();
  size_t shown = 0;
  std::printf("%-32s  %-10s  %-12s  %-10s  %-10s  %s\n", "REPORT", "RECEIVED", "STATUS", "ACK BY", "FEEDBACK BY",
              "ASSIGNED");
  do {
    auto page = casework.ListCases(request);
    if (!page.ok()) return page.status();
    for (const candour::v1::CaseSummary& c : page->cases()) {
      ++shown;
      std::string flags;
      if (c.acknowledge_overdue()) flags += " ACK-OVERDUE";
      if (c.feedback_overdue()) flags += " FEEDBACK-OVERDUE";
      std::printf("%-32s  %-10s  %-12s  %-10s  %-10s  %s%s\n", crypto::HexEncode(c.report_id()).c_str(),
                  core::FormatDay(c.received_day()).c_str(), core::StatusName(c.status()).c_str(),
                  core::FormatDay(c.acknowledge_due_day()).c_str(), core::FormatDay(c.feedback_due_day()).c_str(),
                  c.assignee_key_id().empty() ? "-" : crypto::HexEncode(c.assignee_key_id()).substr(0, 8).c_str(),
                  flags.c_str());
    }
    request.set_page_token(page->page_token());
  } while (!request.page_token().empty());
  std::printf("%zu case(s).\n", shown);
  return absl::OkStatus();
}

absl::Status RunCasesAck(const Argv& argv, const GlobalOptions& globals) {
  auto args = Args::Parse(argv, kSignIn, {"help"});
  if (!args.ok()) return args.status();
  if (args->Has("help")) return Help(kAckHelp);
  return Move(*args, globals, "candour cases ack", candour::v1::CASE_STATUS_ACKNOWLEDGED,
              candour::v1::CASE_OUTCOME_UNSPECIFIED);
}

absl::Status RunCasesStatus(const Argv& argv, const GlobalOptions& globals) {
  auto args = Args::Parse(argv, With({"to"}), {"help"});
  if (!args.ok()) return args.status();
  if (args->Has("help")) return Help(kStatusHelp);
  std::optional<candour::v1::CaseStatus> to = core::ParseStatus(args->Get("to"));
  if (!to.has_value() || *to == candour::v1::CASE_STATUS_CLOSED || *to == candour::v1::CASE_STATUS_NEW) {
    return WithHint(absl::InvalidArgumentError("--to must be acknowledged, in-progress, referred or escalated"),
                    "use candour cases close to close a case");
  }
  return Move(*args, globals, "candour cases status", *to, candour::v1::CASE_OUTCOME_UNSPECIFIED);
}

absl::Status RunCasesClose(const Argv& argv, const GlobalOptions& globals) {
  auto args = Args::Parse(argv, With({"outcome"}), {"help"});
  if (!args.ok()) return args.status();
  if (args->Has("help")) return Help(kCloseHelp);
  std::optional<candour::v1::CaseOutcome> outcome = core::ParseOutcome(args->Get("outcome"));
  if (!outcome.has_value()) {
    return WithHint(absl::InvalidArgumentError("--outcome is required and must be a known outcome"),
                    "see candour cases close --help");
  }
  return Move(*args, globals, "candour cases close", candour::v1::CASE_STATUS_CLOSED, *outcome);
}

absl::Status RunCasesAssign(const Argv& argv, const GlobalOptions& globals) {
  auto args = Args::Parse(argv, With({"to"}), {"help"});
  if (!args.ok()) return args.status();
  if (args->Has("help")) return Help(kAssignHelp);
  if (!args->Has("to")) return WithHint(absl::InvalidArgumentError("--to is required"), "me, a name, or none");
  auto report_id = ReportIdArgument(*args, "candour cases assign");
  if (!report_id.ok()) return report_id.status();
  auto guardian = GuardianSession::Start(*args, globals);
  if (!guardian.ok()) return guardian.status();
  std::string assignee;
  return WriteEntry(
      **guardian, *report_id, candour::v1::ENTRY_KIND_ASSIGNMENT,
      [&](const OpenedCase& opened) -> absl::StatusOr<EntryContent> {
        const std::string to = args->Get("to");
        if (to == "me") {
          assignee = (*guardian)->keys().key_id;
        } else if (to != "none") {
          auto hex = crypto::HexDecode(to);
          for (const auto& r : opened.current_directory.directory.recipients()) {
            if (r.role() != candour::v1::RECIPIENT_ROLE_GUARDIAN) continue;
            const bool by_id = hex.ok() && *hex == r.key_id();
            const bool by_name = absl::StartsWithIgnoreCase(r.display_name(), to);
            if (!by_id && !by_name) continue;
            if (!assignee.empty() && assignee != r.key_id()) {
              return WithHint(absl::InvalidArgumentError("--to matches more than one Guardian"),
                              "give more of the name, or the key id");
            }
            assignee = r.key_id();
          }
          if (assignee.empty()) {
            return WithHint(absl::NotFoundError("--to matches no Guardian of the current directory"),
                            "check the name with candour admin directory show");
          }
        }
        EntryContent content;
        content.mutable_assignment()->set_assignee_key_id(assignee);
        return content;
      },
      [&](CaseworkClient& casework, const OpenedCase&, const candour::v1::ThreadEntry& entry) {
        candour::v1::AssignRequest request;
        *request.mutable_entry() = entry;
        request.set_assignee_key_id(assignee);
        return casework.Assign(request);
      },
      "Assigned");
}

absl::Status RunCasesNote(const Argv& argv, const GlobalOptions& globals) {
  auto args = Args::Parse(argv, With({"message-file"}), {"help"});
  if (!args.ok()) return args.status();
  if (args->Has("help")) return Help(kNoteHelp);
  if (!args->Has("message-file")) {
    return WithHint(absl::InvalidArgumentError("--message-file is required"), "write your note in a file first");
  }
  auto report_id = ReportIdArgument(*args, "candour cases note");
  if (!report_id.ok()) return report_id.status();
  auto text = ReadFile(args->Get("message-file"));
  if (!text.ok()) return text.status();
  const crypto::SecretBytes note = crypto::SecretBytes::CopyOf(*text);
  crypto::WipeString(*text);
  auto guardian = GuardianSession::Start(*args, globals);
  if (!guardian.ok()) return guardian.status();
  return WriteEntry(
      **guardian, *report_id, candour::v1::ENTRY_KIND_NOTE,
      [&](const OpenedCase&) -> absl::StatusOr<EntryContent> {
        EntryContent content;
        content.set_text(std::string(note.view()));
        return content;
      },
      [&](CaseworkClient& casework, const OpenedCase&, const candour::v1::ThreadEntry& entry) {
        candour::v1::AddNoteRequest request;
        *request.mutable_entry() = entry;
        return casework.AddNote(request);
      },
      "Note added for Guardians only");
}

absl::Status RunCasesClassify(const Argv& argv, const GlobalOptions& globals) {
  auto args = Args::Parse(argv, With({"elements", "group", "feedback", "speak-up-again"}), {"help"});
  if (!args.ok()) return args.status();
  if (args->Has("help")) return Help(kClassifyHelp);
  candour::v1::Classification classification;
  if (args->Has("elements")) {
    for (absl::string_view name : absl::StrSplit(args->Get("elements"), ',')) {
      std::optional<candour::v1::CaseElement> element = core::ParseElement(std::string(name));
      if (!element.has_value()) {
        return WithHint(absl::InvalidArgumentError(absl::StrCat("unknown element '", name, "'")),
                        "see candour cases classify --help");
      }
      classification.add_elements(*element);
    }
  }
  classification.set_professional_group(args->Get("group"));
  const std::string feedback = args->Get("feedback", "no");
  if (feedback != "yes" && feedback != "no") {
    return WithHint(absl::InvalidArgumentError("--feedback must be yes or no"), "see candour cases classify --help");
  }
  classification.set_feedback_given(feedback == "yes");
  if (args->Has("speak-up-again")) {
    std::optional<candour::v1::SpeakUpAgain> answer = core::ParseSpeakUpAgain(args->Get("speak-up-again"));
    if (!answer.has_value()) {
      return WithHint(absl::InvalidArgumentError("--speak-up-again must be yes, no, maybe or dont-know"),
                      "see candour cases classify --help");
    }
    classification.set_speak_up_again(*answer);
  }
  auto report_id = ReportIdArgument(*args, "candour cases classify");
  if (!report_id.ok()) return report_id.status();
  auto guardian = GuardianSession::Start(*args, globals);
  if (!guardian.ok()) return guardian.status();
  return WriteEntry(
      **guardian, *report_id, candour::v1::ENTRY_KIND_CLASSIFICATION,
      [&](const OpenedCase&) -> absl::StatusOr<EntryContent> {
        EntryContent content;
        *content.mutable_classification() = classification;
        return content;
      },
      [&](CaseworkClient& casework, const OpenedCase&, const candour::v1::ThreadEntry& entry) {
        candour::v1::ClassifyRequest request;
        *request.mutable_entry() = entry;
        return casework.Classify(request);
      },
      "Classified");
}

absl::Status RunCasesLink(const Argv& argv, const GlobalOptions& globals) {
  auto args = Args::Parse(argv, With({"to", "relation"}), {"help"});
  if (!args.ok()) return args.status();
  if (args->Has("help")) return Help(kLinkHelp);
  auto other = crypto::HexDecode(args->Get("to"));
  if (!other.ok() || other->size() != crypto::kReportIdSize) {
    return WithHint(absl::InvalidArgumentError("--to must be the other case's REPORT_ID (32 hex digits)"),
                    "copy it from candour cases list");
  }
  std::optional<candour::v1::LinkRelation> relation = core::ParseRelation(args->Get("relation"));
  if (!relation.has_value()) {
    return WithHint(absl::InvalidArgumentError("--relation must be same-incident, duplicate or malicious"),
                    "see candour cases link --help");
  }
  auto report_id = ReportIdArgument(*args, "candour cases link");
  if (!report_id.ok()) return report_id.status();
  if (*other == *report_id) return absl::InvalidArgumentError("a case cannot be linked to itself");
  auto guardian = GuardianSession::Start(*args, globals);
  if (!guardian.ok()) return guardian.status();
  return WriteEntry(
      **guardian, *report_id, candour::v1::ENTRY_KIND_LINK,
      [&](const OpenedCase&) -> absl::StatusOr<EntryContent> {
        EntryContent content;
        content.mutable_link()->set_other_report_id(*other);
        content.mutable_link()->set_relation(*relation);
        return content;
      },
      [&](CaseworkClient& casework, const OpenedCase& opened,
          const candour::v1::ThreadEntry& entry) -> absl::StatusOr<candour::v1::EntryAdded> {
        const candour::v1::Directory& current = opened.current_directory.directory;
        auto mark = crypto::SealLinkMark({*report_id, *other, *relation, (*guardian)->keys().key_id},
                                         (*guardian)->keys().sign, current.organisation_id(),
                                         current.aggregation_public_key());
        if (!mark.ok()) return mark.status();
        candour::v1::LinkRequest request;
        *request.mutable_entry() = entry;
        request.set_sealed_link_mark(*mark);
        return casework.Link(request);
      },
      "Linked");
}

}  // namespace candour::clients
