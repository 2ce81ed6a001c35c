// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// `candour return --quarter 2026-27Q2`: the Freedom to Speak Up quarterly
// return, computed on the Guardian's machine from every case received in the
// quarter, each opened and verified here (clients/quarterly_return.h).
#include <cstdio>

#include "absl/strings/str_cat.h"
#include "clients/commands.h"
#include "clients/guardian_case.h"
#include "clients/quarterly_return.h"
#include "core/period.h"
#include "crypto/bytes.h"

namespace candour::clients {
namespace {

constexpr char kReturnHelp[] = R"(Usage: candour return --quarter YYYY-YYQn --account NAME --key FILE [--out FILE]
         [--passphrase-file FILE]

Computes the organisation's Freedom to Speak Up quarterly return from the
cases received in that quarter (NHS financial year: Q1 April-June ... Q4
January-March), each decrypted and verified on this machine, and writes it
as CSV (to stdout, or to a new file with --out): cases raised, raised
anonymously, each element, by professional group, feedback given, and the
"would you speak up again" answers. Counts are exact: a case counts once in
the total and may carry several elements. Classify cases first with
`candour cases classify`; a case with a thread that does not verify stops
the return.
)";

}  // namespace

absl::Status RunReturn(const Argv& argv, const GlobalOptions& globals) {
  auto args = Args::Parse(argv, {"quarter", "account", "key", "passphrase-file", "out"}, {"help"});
  if (!args.ok()) return args.status();
  if (args->Has("help")) return std::fputs(kReturnHelp, stdout), absl::OkStatus();
  auto quarter = core::ParsePeriod(args->Get("quarter"));
  if (!quarter.ok() || quarter->quarter == 0) {
    return WithHint(absl::InvalidArgumentError("--quarter must name a quarter, like 2026-27Q2"),
                    "Q1 is April to June; the year is the financial year");
  }
  auto guardian = GuardianSession::Start(*args, globals);
  if (!guardian.ok()) return guardian.status();

  // The server lists newest first; stop once past the quarter's first day.
  CaseworkClient casework = (*guardian)->casework();
  candour::v1::ListCasesRequest request;
  request.set_page_size(200);
  std::vector<std::string> in_quarter;
  bool done = false;
  do {
    auto page = casework.ListCases(request);
    if (!page.ok()) return page.status();
    for (const candour::v1::CaseSummary& c : page->cases()) {
      if (c.received_day() < quarter->first_day) {
        done = true;
        break;
      }
      if (quarter->Contains(c.received_day())) in_quarter.push_back(c.report_id());
    }
    request.set_page_token(page->page_token());
  } while (!done && !request.page_token().empty());

  std::vector<CaseFacts> facts;
  std::vector<std::string> groups;
  for (const std::string& report_id : in_quarter) {
    auto opened = OpenCase(**guardian, report_id);
    if (!opened.ok()) return opened.status();
    if (!opened->thread.problem.ok()) {
      return WithHint(absl::DataLossError(absl::StrCat("case ", crypto::HexEncode(report_id),
                                                       ": ", opened->thread.problem.message())),
                      "show the case with candour cases show and tell your administrator");
    }
    const candour::v1::ReportContent& content = opened->report->content;
    facts.push_back({opened->received_day, !content.has_identity(), content.professional_group(),
                     opened->thread.classification});
    if (groups.empty()) {
      groups.assign(opened->current_directory.directory.professional_groups().begin(),
                    opened->current_directory.directory.professional_groups().end());
    }
  }
  if (groups.empty()) {
    auto current = FetchCurrentDirectory((*guardian)->connection());
    if (!current.ok()) return current.status();
    groups.assign(current->directory.professional_groups().begin(), current->directory.professional_groups().end());
  }
  const std::string csv = ReturnCsv(ComputeQuarterlyReturn(facts, *quarter, groups), *quarter);
  if (args->Has("out")) {
    if (auto s = WriteNewFile(args->Get("out"), csv, false); !s.ok()) return s;
    std::fprintf(stderr, "Wrote the %s return (%zu cases) to %s.\n", quarter->name.c_str(), facts.size(),
                 args->Get("out").c_str());
  } else {
    std::fputs(csv.c_str(), stdout);
  }
  return absl::OkStatus();
}

}  // namespace candour::clients
