// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// Bad input end to end: the real server (CandourServer over a real
// RocksDbReportStore, gRPC on 127.0.0.1) gets one bad request per table case
// and must answer with exactly the expected code while leaving every column
// family byte-for-byte as it was.
#include "tests/services/bad_input.h"

#include <gtest/gtest.h>

#include "tests/testing/bad_submissions.h"

namespace candour::services::bad_input {

using candour::testing::DbSnapshot;
using candour::testing::SnapshotDiff;
using candour::testing::TestOrg;
using candour::v1::SignedDirectory;
using candour::v1::SubmitReportRequest;

namespace {

// What gRPC 1.51's sync server answers when the request bytes do not parse
// as the method's request message: GenericDeserialize
// (grpcpp/impl/codegen/proto_utils.h) fails with INTERNAL and an empty
// message before our code runs. Checked here so an upgrade that changes it
// is noticed.
constexpr Code kUnparsableRequestCode = Code::kInternal;

}  // namespace

// The store starts with a schema version and directory v1; a valid report adds
// one record to reports, receipts and arrivals and one per recipient to
// case_keys.
TEST_F(BadInputTest, ValidSubmissionIsStoredAndChangesSnapshot) {
  const DbSnapshot before = Snapshot();
  EXPECT_EQ(before.at("directory").size(), 1u);
  EXPECT_EQ(before.at("reports").size(), 0u);
  absl::StatusOr<candour::v1::SubmitReportResponse> response = intake().SubmitReport(valid());
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(response->report_id(), valid().envelope().report_id());
  const DbSnapshot after = Snapshot();
  ASSERT_TRUE(after != before);
  EXPECT_EQ(after.at("reports").size(), 1u);
  EXPECT_EQ(after.at("case_keys").size(), 3u);
  EXPECT_EQ(after.at("receipts").size(), 1u);
  EXPECT_EQ(after.at("arrivals").size(), 1u);
  EXPECT_EQ(after.at("directory"), before.at("directory"));
  EXPECT_EQ(after.at("meta"), before.at("meta"));
  EXPECT_EQ(candour::testing::RecordCount(after), candour::testing::RecordCount(before) + 6);
}

TEST_F(BadInputTest, GarbageRequestBytesReallyDoNotParse) {
  // Guards the GenericStub case below: it must test the parser, not the rules.
  SubmitReportRequest parsed;
  EXPECT_FALSE(parsed.ParseFromString(std::string(12, '\xff')));
  EXPECT_FALSE(parsed.ParseFromString("\x0a\x40garbage"));  // length 64, 7 bytes follow
}

// --- The table ---------------------------------------------------------

namespace {

std::function<Code(BadInputTest&)> SubmitMutated(std::function<void(SubmitReportRequest&)> mutate) {
  return [mutate = std::move(mutate)](BadInputTest& t) {
    SubmitReportRequest request = t.valid();
    mutate(request);
    return t.Submit(request);
  };
}

void StoreValidReport(BadInputTest& t) { ASSERT_EQ(t.Submit(t.valid()), Code::kOk); }

void PublishVersion(BadInputTest& t, uint64_t version) {
  ASSERT_EQ(t.Publish(t.org().SignedDirectory(version)), Code::kOk);
}

}  // namespace

std::vector<Case> SubmissionCases() {
  std::vector<Case> cases;
  for (const auto& bad : candour::testing::BadSubmissions()) {
    cases.push_back({bad.name, nullptr, SubmitMutated(bad.mutate), bad.expected});
  }
  cases.push_back({"CiphertextOverMaxMessageBytes", nullptr, SubmitMutated([](SubmitReportRequest& r) {
                     r.mutable_envelope()->set_ciphertext(std::string(kMaxMessageBytes + 1024, 'c'));
                   }),
                   Code::kResourceExhausted});
  cases.push_back({"StaleDirectoryVersionAfterPublish", [](BadInputTest& t) { PublishVersion(t, 2); },
                   [](BadInputTest& t) { return t.Submit(t.valid()); }, Code::kFailedPrecondition});
  cases.push_back({"ReportIdReusedByAnotherReport", StoreValidReport,
                   [](BadInputTest& t) {
                     SubmitReportRequest other = t.org().MakeSubmission(t.v1());
                     other.mutable_envelope()->set_report_id(t.valid().envelope().report_id());
                     return t.Submit(other);
                   },
                   Code::kAlreadyExists});
  cases.push_back({"ReportIdReusedWithOneCiphertextByteChanged", StoreValidReport,
                   SubmitMutated([](SubmitReportRequest& r) { r.mutable_envelope()->mutable_ciphertext()->at(5) ^= 1; }),
                   Code::kAlreadyExists});
  cases.push_back({"ReportIdReusedWithOtherCaseKeyRecord", StoreValidReport,
                   SubmitMutated([](SubmitReportRequest& r) {
                     r.mutable_case_key_records(1)->mutable_sealed_case_key()->at(0) ^= 1;
                   }),
                   Code::kAlreadyExists});
  cases.push_back({"ReceiptLookupHashReusedByAnotherReport", StoreValidReport,
                   [](BadInputTest& t) {
                     SubmitReportRequest other = t.org().MakeSubmission(t.v1());
                     other.mutable_receipt()->set_lookup_hash(t.valid().receipt().lookup_hash());
                     return t.Submit(other);
                   },
                   Code::kAlreadyExists});
  cases.push_back(
      {"IdenticalRetry", StoreValidReport, [](BadInputTest& t) { return t.Submit(t.valid()); }, Code::kOk});
  cases.push_back({"GarbageBytesThroughGenericStub", nullptr,
                   [](BadInputTest& t) { return t.SubmitRawBytes(std::string(12, '\xff')); },
                   kUnparsableRequestCode});
  cases.push_back({"TruncatedMessageThroughGenericStub", nullptr,
                   [](BadInputTest& t) {
                     std::string bytes = t.valid().SerializeAsString();
                     bytes.resize(bytes.size() / 2);
                     return t.SubmitRawBytes(bytes);
                   },
                   kUnparsableRequestCode});
  // An empty body is a valid, empty request message: the rules answer it.
  cases.push_back({"EmptyBodyThroughGenericStub", nullptr, [](BadInputTest& t) { return t.SubmitRawBytes(""); },
                   Code::kInvalidArgument});
  return cases;
}

std::vector<Case> PublishCases() {
  std::vector<Case> cases;
  cases.push_back({"PublishBadSignature", nullptr,
                   [](BadInputTest& t) {
                     SignedDirectory d = t.org().SignedDirectory(2);
                     d.mutable_signature()->at(7) ^= 0x10;
                     return t.Publish(d);
                   },
                   Code::kUnauthenticated});
  cases.push_back({"PublishAlteredDirectoryBytes", nullptr,
                   [](BadInputTest& t) {
                     SignedDirectory d = t.org().SignedDirectory(2);
                     d.mutable_directory()->back() ^= 0x01;
                     return t.Publish(d);
                   },
                   Code::kUnauthenticated});
  cases.push_back({"PublishSignedByAnotherOrganisationKey", nullptr,
                   [](BadInputTest& t) {
                     const crypto::Ed25519KeyPair other = crypto::NewEd25519KeyPair();
                     return t.Publish(TestOrg::SignWith(t.org().MakeDirectory(2), other));
                   },
                   Code::kUnauthenticated});
  cases.push_back({"PublishSignedByAnotherKeyClaimingOrganisationKey", nullptr,
                   [](BadInputTest& t) {
                     const crypto::Ed25519KeyPair other = crypto::NewEd25519KeyPair();
                     SignedDirectory d = TestOrg::SignWith(t.org().MakeDirectory(2), other);
                     d.set_organisation_public_key(t.org().organisation_public_key());
                     return t.Publish(d);
                   },
                   Code::kUnauthenticated});
  cases.push_back({"PublishEmptyRequest", nullptr, [](BadInputTest& t) { return t.Publish(SignedDirectory()); },
                   Code::kUnauthenticated});
  cases.push_back({"PublishSameVersion", nullptr, [](BadInputTest& t) { return t.Publish(t.org().SignedDirectory(1)); },
                   Code::kFailedPrecondition});
  cases.push_back({"PublishLowerVersion", [](BadInputTest& t) { PublishVersion(t, 3); },
                   [](BadInputTest& t) { return t.Publish(t.org().SignedDirectory(2)); }, Code::kFailedPrecondition});
  cases.push_back({"PublishPastExpiry", nullptr,
                   [](BadInputTest& t) {
                     return t.Publish(t.org().Sign(t.org().MakeDirectory(2, t.today() - 20, t.today() - 1)));
                   },
                   Code::kFailedPrecondition});
  cases.push_back({"PublishIssuedInTheFuture", nullptr,
                   [](BadInputTest& t) {
                     return t.Publish(t.org().Sign(t.org().MakeDirectory(2, t.today() + 5, t.today() + 30)));
                   },
                   Code::kFailedPrecondition});
  cases.push_back({"PublishOtherOrganisationId", nullptr,
                   [](BadInputTest& t) {
                     candour::v1::Directory d = t.org().MakeDirectory(2);
                     d.set_organisation_id(std::string(16, '\x07'));
                     return t.Publish(t.org().Sign(d));
                   },
                   Code::kInvalidArgument});
  cases.push_back({"PublishMalformedContents", nullptr,
                   [](BadInputTest& t) {
                     candour::v1::Directory d = t.org().MakeDirectory(2);
                     d.clear_departments();
                     return t.Publish(t.org().Sign(d));
                   },
                   Code::kInvalidArgument});
  return cases;
}

namespace {

std::vector<Case> AllCases() {
  return Joined({SubmissionCases(), PublishCases(), StaffCases(), CaseCases(), InsightsCases()});
}

class BadInputTableTest : public BadInputTest, public ::testing::WithParamInterface<Case> {};

TEST_P(BadInputTableTest, GetsExactCodeAndChangesNothing) {
  const Case& c = GetParam();
  if (c.setup) {
    c.setup(*this);
    if (HasFatalFailure()) return;
  }
  const DbSnapshot before = Snapshot();
  const Code code = c.send(*this);
  EXPECT_EQ(code, c.expected) << "got " << absl::StatusCodeToString(code) << " " << last_message_;
  DbSnapshot after = Snapshot();
  if (c.audited) {
    // The query's audit entry is the newest (keys are big-endian sequences).
    std::map<std::string, std::string>& audit = after["audit"];
    ASSERT_EQ(audit.size(), before.at("audit").size() + 1) << "an audited read appends one audit entry";
    audit.erase(std::prev(audit.end()));
  }
  EXPECT_TRUE(after == before) << "store changed:\n" << SnapshotDiff(before, after);
}

INSTANTIATE_TEST_SUITE_P(Table, BadInputTableTest, ::testing::ValuesIn(AllCases()),
                         [](const ::testing::TestParamInfo<Case>& info) { return info.param.name; });

// After every kind of bad input the server still serves: nothing was left
// half-done (a lock, a pending write) by a rejected request.
TEST_F(BadInputTest, ServerStillAcceptsValidReportAfterBadInput) {
  for (const auto& bad : candour::testing::BadSubmissions()) {
    SubmitReportRequest request = valid();
    bad.mutate(request);
    ASSERT_EQ(Submit(request), bad.expected) << bad.name;
  }
  EXPECT_EQ(SubmitRawBytes(std::string(12, '\xff')), kUnparsableRequestCode);
  EXPECT_EQ(Submit(valid()), Code::kOk);
}

}  // namespace
}  // namespace candour::services::bad_input
