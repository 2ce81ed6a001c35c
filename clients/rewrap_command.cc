// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// `candour cases rewrap [REPORT_ID]`: turnover. After a new directory adds
// a Guardian (or the recovery key), a Guardian who holds the open cases
// gives each case's key to the recipients that lack it. Every case is
// opened and verified first, the recipients are taken from the verified
// current directory only, and each case gets one signed REWRAP entry naming
// them, written with their case-key records in one server write.
#include <cstdio>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "clients/case_rewrap.h"
#include "clients/commands.h"
#include "clients/guardian_case.h"
#include "crypto/bytes.h"

namespace candour::clients {
namespace {

constexpr char kRewrapHelp[] = R"(Usage: candour cases rewrap [REPORT_ID] --account NAME --key FILE

Gives the case key of every case that is not closed (or of REPORT_ID only)
to the Guardians and recovery key of the current directory that do not hold
it yet: run it after a new directory adds a Guardian. Each case is opened
and verified first; the newcomers' keys come only from the signed
directory. Each case gets one re-wrap entry, signed by you, naming who was
given the key; Guardians see it in the thread.

A Guardian removed from the directory keeps whatever they already read but
gets no key for new reports. When you remove one, also make the next
directory's aggregation key for the Guardians who remain:
candour guardian aggregation-key.
  --account NAME          your staff account
  --key FILE              your Guardian key file
  --passphrase-file FILE  read the passphrase from FILE instead of asking
)";

// Every case that is not closed, newest first.
absl::StatusOr<std::vector<std::string>> OpenCaseIds(CaseworkClient& casework) {
  candour::v1::ListCasesRequest request;
  for (candour::v1::CaseStatus s :
       {candour::v1::CASE_STATUS_NEW, candour::v1::CASE_STATUS_ACKNOWLEDGED, candour::v1::CASE_STATUS_IN_PROGRESS,
        candour::v1::CASE_STATUS_REFERRED, candour::v1::CASE_STATUS_ESCALATED}) {
    request.add_statuses(s);
  }
  std::vector<std::string> ids;
  do {
    auto page = casework.ListCases(request);
    if (!page.ok()) return page.status();
    for (const candour::v1::CaseSummary& c : page->cases()) ids.push_back(c.report_id());
    request.set_page_token(page->page_token());
  } while (!request.page_token().empty());
  return ids;
}

std::string Names(const std::vector<candour::v1::Recipient>& recipients) {
  std::vector<std::string> names;
  for (const candour::v1::Recipient& r : recipients) {
    names.push_back(absl::StrCat(r.display_name(), " (", crypto::HexEncode(r.key_id()).substr(0, 8), ")"));
  }
  return absl::StrJoin(names, ", ");
}

// Re-wraps one case; what was done, as a line for the user.
absl::StatusOr<std::string> RewrapCase(GuardianSession& guardian, const std::string& report_id) {
  auto opened = OpenCase(guardian, report_id);
  if (!opened.ok()) return opened.status();
  const std::vector<candour::v1::Recipient> missing = MissingRecipients(*opened);
  if (missing.empty()) return std::string("every recipient of the directory already holds the key");
  auto request = SealRewrap(*opened, guardian.keys(), missing);
  if (!request.ok()) return request.status();
  auto added = guardian.casework().Rewrap(*request);
  if (!added.ok()) return added.status();
  std::string done = absl::StrCat("gave the key to ", Names(missing), " (entry ", added->sequence(), ")");
  // Done all the same: the case shows the entry, and is remembered, when it next opens.
  if (absl::Status s = RememberWritten(*opened, request->entry()); !s.ok()) {
    absl::StrAppend(&done, "; not remembered on this machine: ", s.message());
  }
  return done;
}

}  // namespace

absl::Status RunCasesRewrap(const Argv& argv, const GlobalOptions& globals) {
  auto args = Args::Parse(argv, {"account", "key", "passphrase-file"}, {"help"});
  if (!args.ok()) return args.status();
  if (args->Has("help")) {
    std::fputs(kRewrapHelp, stdout);
    return absl::OkStatus();
  }
  std::vector<std::string> ids;
  if (!args->positional().empty()) {
    auto report_id = ReportIdArgument(*args, "candour cases rewrap");
    if (!report_id.ok()) return report_id.status();
    ids.push_back(*report_id);
  }
  auto guardian = GuardianSession::Start(*args, globals);
  if (!guardian.ok()) return guardian.status();
  if (ids.empty()) {
    CaseworkClient casework = (*guardian)->casework();
    auto open = OpenCaseIds(casework);
    if (!open.ok()) return open.status();
    ids = *std::move(open);
  }
  size_t failed = 0;
  for (const std::string& id : ids) {
    absl::StatusOr<std::string> done = RewrapCase(**guardian, id);
    failed += done.ok() ? 0 : 1;
    std::printf("%s: %s\n", crypto::HexEncode(id).c_str(),
                done.ok() ? done->c_str() : absl::StrCat("NOT re-wrapped: ", done.status().message()).c_str());
  }
  std::printf("%zu case(s), %zu not re-wrapped.\n", ids.size(), failed);
  if (failed > 0) {
    return WithHint(absl::FailedPreconditionError(absl::StrCat(failed, " case(s) could not be re-wrapped")),
                    "run `candour cases show` on them, then `candour cases rewrap REPORT_ID` again");
  }
  return absl::OkStatus();
}

}  // namespace candour::clients
