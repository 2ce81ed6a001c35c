// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// Bad-input rows for case threads from both sides: IntakeService's GetCase
// and AddFollowUp with the receipt lookup (wrong sizes, unknown lookups,
// malformed or misplaced entries) and CaseworkService's GetThread and Reply
// with a Guardian's session (malformed report ids, malformed and oversize
// entries, signatures and authors the server refuses, unknown reports). The
// setup stores a report whose receipt code the test holds; each row's one
// request must get its exact code and leave the store as it was.
#include <optional>
#include <string>
#include <vector>

#include "tests/services/bad_input.h"

namespace candour::services::bad_input {
namespace {

using candour::v1::ThreadEntry;

// Above the largest entry bucket (32 KiB + 16), below the gRPC limit.
const std::string kOversizeCiphertext(48 * 1024, 'c');
// Not (1024 << k) + 16 for any k.
const std::string kOffBucketCiphertext(1000, 'c');

void StoreReport(BadInputTest& t) { t.StoreReport(); }
void StoreReportAndSignInGuardian(BadInputTest& t) {
  t.StoreReport();
  t.SignInGuardian();
}

Code GetCase(BadInputTest& t, const std::string& lookup) { return t.Record(t.intake().GetCase(lookup).status()); }

// The reporter's valid first entry, changed by `mutate` (if any), with the
// real lookup or `lookup`.
std::function<Code(BadInputTest&)> FollowUp(std::function<void(ThreadEntry&)> mutate,
                                            std::optional<std::string> lookup = std::nullopt) {
  return [mutate = std::move(mutate), lookup = std::move(lookup)](BadInputTest& t) {
    ThreadEntry entry = t.ReporterEntry();
    if (mutate) mutate(entry);
    return t.Record(t.intake().AddFollowUp(lookup.value_or(t.Lookup()), entry).status());
  };
}

// Guardian 0's valid first reply, changed by `mutate`.
std::function<Code(BadInputTest&)> Reply(std::function<void(ThreadEntry&)> mutate) {
  return [mutate = std::move(mutate)](BadInputTest& t) {
    ThreadEntry entry = t.GuardianEntry();
    mutate(entry);
    return t.Record(t.Casework().Reply(entry).status());
  };
}

std::function<Code(BadInputTest&)> GetThread(std::string report_id) {
  return [report_id = std::move(report_id)](BadInputTest& t) {
    return t.Record(t.Casework().GetThread(report_id).status());
  };
}

std::vector<Case> FollowUpCases() {
  std::vector<Case> cases;
  for (size_t size : {size_t{0}, size_t{31}, size_t{33}}) {
    const std::string suffix = std::to_string(size);
    cases.push_back({"GetCaseLookupOf" + suffix + "Bytes", StoreReport,
                     [size](BadInputTest& t) { return GetCase(t, std::string(size, 'l')); }, Code::kInvalidArgument});
    cases.push_back({"AddFollowUpLookupOf" + suffix + "Bytes", StoreReport, FollowUp(nullptr, std::string(size, 'l')),
                     Code::kInvalidArgument});
  }
  cases.push_back({"GetCaseUnknownLookup", StoreReport,
                   [](BadInputTest& t) { return GetCase(t, std::string(32, 'l')); }, Code::kNotFound});
  cases.push_back({"AddFollowUpUnknownLookup", StoreReport, FollowUp(nullptr, std::string(32, 'l')), Code::kNotFound});
  // The code opens one report: an entry naming any other id, well-formed or
  // not, is refused before its shape is looked at.
  cases.push_back({"AddFollowUpEntryForAnotherReport", StoreReport,
                   FollowUp([](ThreadEntry& e) { e.set_report_id(std::string(16, 'r')); }), Code::kPermissionDenied});
  cases.push_back({"AddFollowUpReportIdOf15Bytes", StoreReport,
                   FollowUp([](ThreadEntry& e) { e.mutable_report_id()->pop_back(); }), Code::kPermissionDenied});
  cases.push_back({"AddFollowUpNonceOf23Bytes", StoreReport,
                   FollowUp([](ThreadEntry& e) { e.mutable_nonce()->pop_back(); }), Code::kInvalidArgument});
  cases.push_back({"AddFollowUpSignatureOf63Bytes", StoreReport,
                   FollowUp([](ThreadEntry& e) { e.mutable_signature()->pop_back(); }), Code::kInvalidArgument});
  cases.push_back({"AddFollowUpPreviousHashOf31Bytes", StoreReport,
                   FollowUp([](ThreadEntry& e) { e.mutable_previous_hash()->pop_back(); }), Code::kInvalidArgument});
  cases.push_back({"AddFollowUpCiphertextOffBucket", StoreReport,
                   FollowUp([](ThreadEntry& e) { e.set_ciphertext(kOffBucketCiphertext); }), Code::kInvalidArgument});
  cases.push_back({"AddFollowUpCiphertextOversize", StoreReport,
                   FollowUp([](ThreadEntry& e) { e.set_ciphertext(kOversizeCiphertext); }), Code::kResourceExhausted});
  cases.push_back({"AddFollowUpUnknownField", StoreReport,
                   FollowUp([](ThreadEntry& e) { e.GetReflection()->MutableUnknownFields(&e)->AddVarint(99, 1); }),
                   Code::kInvalidArgument});
  cases.push_back({"AddFollowUpGuardianKind", StoreReport,
                   FollowUp([](ThreadEntry& e) { e.set_kind(candour::v1::ENTRY_KIND_GUARDIAN_MESSAGE); }),
                   Code::kInvalidArgument});
  cases.push_back({"AddFollowUpSequenceGap", StoreReport, FollowUp([](ThreadEntry& e) { e.set_sequence(2); }),
                   Code::kFailedPrecondition});
  cases.push_back({"AddFollowUpOffTheChain", StoreReport,
                   FollowUp([](ThreadEntry& e) { e.mutable_previous_hash()->at(0) ^= 1; }), Code::kFailedPrecondition});
  return cases;
}

std::vector<Case> CaseworkCases() {
  std::vector<Case> cases;
  for (size_t size : {size_t{0}, size_t{15}, size_t{17}}) {
    cases.push_back({"GetThreadReportIdOf" + std::to_string(size) + "Bytes", StoreReportAndSignInGuardian,
                     GetThread(std::string(size, 'r')), Code::kInvalidArgument});
  }
  cases.push_back(
      {"GetThreadUnknownReport", StoreReportAndSignInGuardian, GetThread(std::string(16, 'r')), Code::kNotFound});
  cases.push_back(
      {"GetThreadWithoutSession", StoreReport,
       [](BadInputTest& t) { return t.Record(t.Casework().GetThread(t.report().envelope().report_id()).status()); },
       Code::kUnauthenticated});
  cases.push_back({"ReplyReportIdOf15Bytes", StoreReportAndSignInGuardian,
                   Reply([](ThreadEntry& e) { e.mutable_report_id()->pop_back(); }), Code::kInvalidArgument});
  cases.push_back({"ReplyNonceOf25Bytes", StoreReportAndSignInGuardian,
                   Reply([](ThreadEntry& e) { e.mutable_nonce()->push_back('n'); }), Code::kInvalidArgument});
  cases.push_back({"ReplyQuotedHashMissing", StoreReportAndSignInGuardian,
                   Reply([](ThreadEntry& e) { e.clear_quoted_hash(); }), Code::kInvalidArgument});
  cases.push_back({"ReplyCiphertextOffBucket", StoreReportAndSignInGuardian,
                   Reply([](ThreadEntry& e) { e.set_ciphertext(kOffBucketCiphertext); }), Code::kInvalidArgument});
  cases.push_back({"ReplyCiphertextOversize", StoreReportAndSignInGuardian,
                   Reply([](ThreadEntry& e) { e.set_ciphertext(kOversizeCiphertext); }), Code::kResourceExhausted});
  cases.push_back({"ReplyReporterKind", StoreReportAndSignInGuardian,
                   Reply([](ThreadEntry& e) { e.set_kind(candour::v1::ENTRY_KIND_REPORTER_MESSAGE); }),
                   Code::kInvalidArgument});
  cases.push_back({"ReplyUnknownReport", StoreReportAndSignInGuardian,
                   Reply([](ThreadEntry& e) { e.set_report_id(std::string(16, 'r')); }), Code::kNotFound});
  cases.push_back({"ReplyAuthorNotInDirectory", StoreReportAndSignInGuardian,
                   Reply([](ThreadEntry& e) { e.set_author_key_id(std::string(16, 'a')); }), Code::kPermissionDenied});
  cases.push_back({"ReplySignatureAltered", StoreReportAndSignInGuardian,
                   Reply([](ThreadEntry& e) { e.mutable_signature()->at(10) ^= 1; }), Code::kUnauthenticated});
  cases.push_back({"ReplyCiphertextAltered", StoreReportAndSignInGuardian,
                   Reply([](ThreadEntry& e) { e.mutable_ciphertext()->at(10) ^= 1; }), Code::kUnauthenticated});
  cases.push_back(
      {"ReplyQuotesNothingInTheThread", StoreReportAndSignInGuardian,
       [](BadInputTest& t) { return t.Record(t.Casework().Reply(t.GuardianEntry(std::string(32, 'q'))).status()); },
       Code::kFailedPrecondition});
  cases.push_back({"ReplySequenceGap", StoreReportAndSignInGuardian, Reply([](ThreadEntry& e) { e.set_sequence(2); }),
                   Code::kFailedPrecondition});
  cases.push_back({"ReplyWithoutSession", StoreReport,
                   [](BadInputTest& t) { return t.Record(t.Casework().Reply(t.GuardianEntry()).status()); },
                   Code::kUnauthenticated});
  return cases;
}

}  // namespace

std::vector<Case> CaseCases() { return Joined({FollowUpCases(), CaseworkCases()}); }

}  // namespace candour::services::bad_input
