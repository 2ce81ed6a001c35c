// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The bad-input table's fixture and rows, shared by the files of the
// bad_input_test binary: bad_input_test.cc (submissions, directories and the
// table itself), bad_staff_input.cc (AuthService, AdminService),
// bad_case_input.cc (IntakeService follow-ups, CaseworkService threads) and
// bad_insights_input.cc (InsightsService).
// Each row gets a fresh data dir and a real server (CandourServer over
// RocksDB, gRPC on 127.0.0.1); its setup may write, then the test snapshots
// every column family, sends the one bad request, and expects exactly the
// row's code and the same bytes everywhere afterwards, but for the one audit
// entry an audited read appends. Not thread-safe.
#ifndef CANDOUR_TESTS_SERVICES_BAD_INPUT_H_
#define CANDOUR_TESTS_SERVICES_BAD_INPUT_H_

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "clients/insights_client.h"
#include "clients/intake_client.h"
#include "clients/staff_session.h"
#include "crypto/receipt.h"
#include "tests/services/release_holder.h"
#include "tests/testing/in_process_server.h"
#include "tests/testing/rocksdb_snapshot.h"
#include "tests/testing/staff.h"
#include "tests/testing/test_org.h"

namespace candour::services::bad_input {

using Code = absl::StatusCode;

inline constexpr int64_t kMaxMessageBytes = 256 * 1024;
inline constexpr std::chrono::seconds kDeadline(10);

class BadInputTest;

// One row of the table. `setup` may write (publish a newer directory, store a
// report, sign in); the snapshot is taken after it, so `send` must change
// nothing, except that an `audited` read (one whose refusal comes after the
// server recorded the query, such as GetRelease's NOT_FOUND) appends exactly
// one audit entry.
struct Case {
  std::string name;
  std::function<void(BadInputTest&)> setup;  // may be empty
  std::function<Code(BadInputTest&)> send;
  Code expected;
  bool audited = false;
};

inline std::ostream& operator<<(std::ostream& out, const Case& c) { return out << c.name; }

// The rows of `parts`, in order.
inline std::vector<Case> Joined(std::vector<std::vector<Case>> parts) {
  std::vector<Case> all;
  for (std::vector<Case>& part : parts) {
    for (Case& c : part) all.push_back(std::move(c));
  }
  return all;
}

// The rows, by file.
std::vector<Case> SubmissionCases();
std::vector<Case> PublishCases();
std::vector<Case> StaffCases();
std::vector<Case> CaseCases();
std::vector<Case> InsightsCases();

// A fresh data dir and server per test, with directory v1 published, a
// valid submission under it ready, and (on request, in a row's setup) a
// stored report whose receipt code the test holds, an admin, a Guardian and
// HR signed in, an invitation, and the release holder.
class BadInputTest : public ::testing::Test {
 public:
  void SetUp() override;

  Code Submit(const candour::v1::SubmitReportRequest& request);
  Code Publish(const candour::v1::SignedDirectory& directory);
  // Sends `bytes` as the body of a SubmitReport call, whatever they are.
  Code SubmitRawBytes(const std::string& bytes);
  // Keeps the last call's message for failure output; returns its code.
  Code Record(const absl::Status& status);

  candour::testing::DbSnapshot Snapshot() { return candour::testing::Snapshot(server_->store()); }

  // Setup steps (they write).
  // Stores report(), the report made for the receipt code the test holds.
  void StoreReport();
  // Signs in the admin "root" (made on first use).
  void SignInAdmin();
  // Makes the account "guardian" and signs it in.
  void SignInGuardian();
  // Makes the account "hr" (ROLE_HR) and signs it in.
  void SignInHr();
  // Signs the Guardian in and makes holder() with its session.
  void StartReleaseHolder();
  // An invitation for "erin" from root (signs root in); see Acceptance().
  void InviteErin();

  // Clients. Admin() and Casework() carry root's and the Guardian's session
  // once signed in, and none before.
  clients::AuthClient Auth() const { return clients::AuthClient(server_->channel(), kDeadline); }
  clients::AdminClient Admin() const;
  clients::CaseworkClient Casework() const;
  clients::IntakeClient& intake() { return *intake_; }
  // With the session of "root", "guardian" or "hr" once signed in; none for "".
  clients::InsightsClient Insights(const std::string& account) const;
  // REQUIRES: StartReleaseHolder().
  candour::testing::ReleaseHolder& holder() { return *holder_; }

  // A request that would make erin's account: InviteErin's code, the salt
  // and limits GetSalt answers, a 32-byte key.
  candour::v1::AcceptInvitationRequest Acceptance();
  // The lookup value of report()'s receipt code.
  std::string Lookup() const;
  // The valid first entries of report()'s thread: the reporter's, signed
  // with the receipt's key, and Guardian 0's, quoting the envelope (or
  // `quoted_hash`, re-signed).
  candour::v1::ThreadEntry ReporterEntry() const;
  candour::v1::ThreadEntry GuardianEntry(const std::string& quoted_hash = "") const;

  const candour::testing::TestOrg& org() const { return org_; }
  const candour::v1::SignedDirectory& v1() const { return v1_; }
  const candour::v1::SubmitReportRequest& valid() const { return valid_; }
  const candour::v1::SubmitReportRequest& report() const { return report_; }
  const std::string& invitation_code() const { return invitation_code_; }
  core::Day today() const { return today_; }

 protected:
  // Makes the account `name` with `role` and signs it in.
  void SignIn(const std::string& name, candour::v1::Role role);

  static const candour::testing::TestOrg org_;  // one organisation for the binary: keys are the slow part
  candour::testing::ScopedTempDir dir_{"candour_bad_input"};
  std::unique_ptr<candour::testing::InProcessServer> server_;
  std::unique_ptr<clients::IntakeClient> intake_;
  std::unique_ptr<candour::testing::StaffFixture> staff_;
  std::map<std::string, std::unique_ptr<clients::SignedIn>> sessions_;  // by account name
  std::unique_ptr<candour::testing::ReleaseHolder> holder_;            // uses the Guardian's session
  candour::v1::SignedDirectory v1_;
  candour::v1::SubmitReportRequest valid_;
  const crypto::ReceiptCode code_ = crypto::ReceiptCode::Generate();
  const crypto::ReceiptKeys receipt_ = crypto::DeriveReceiptKeys(code_);
  candour::v1::SubmitReportRequest report_;
  std::string invitation_code_;
  const core::Day today_ = core::TodayInLondon();
  std::string last_message_;
};

}  // namespace candour::services::bad_input

#endif  // CANDOUR_TESTS_SERVICES_BAD_INPUT_H_
