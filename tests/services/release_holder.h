// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The release holder's side of the insights ledger, for tests against a real
// server (insights_test.cc and the bad-input table): completes and signs
// ledger entries as the next of the ledger, publishes them with a Guardian's
// session, and makes releases as the release holder's client does (FetchTags,
// then clients::MakeRelease with the test organisation's aggregation key and
// the units of its directory v1). It remembers the head of the ledger it has
// published to, so building an entry makes no call: GetLedger is audited, and
// a bad-input row must not write. Entries name directory version 1, whose
// release key is Guardian 0's. Owns nothing it is given; not thread-safe.
#ifndef CANDOUR_TESTS_SERVICES_RELEASE_HOLDER_H_
#define CANDOUR_TESTS_SERVICES_RELEASE_HOLDER_H_

#include <grpcpp/channel.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "candour/v1/insights.pb.h"
#include "clients/insights_client.h"
#include "clients/release_maker.h"
#include "core/budget_ledger.h"
#include "core/insight_release.h"
#include "core/insight_units.h"
#include "core/noise/random_source.h"
#include "core/period.h"
#include "crypto/keys.h"
#include "tests/testing/test_org.h"

namespace candour::testing {

class ReleaseHolder {
 public:
  // `org` and `guardian` (a Guardian's session) are not owned and must
  // outlive this. The server's ledger must be empty.
  ReleaseHolder(const TestOrg* org, std::shared_ptr<grpc::Channel> channel, const clients::SessionToken* guardian,
                std::chrono::seconds deadline);

  // `entry` with the organisation id, the next sequence, the head's hash,
  // signer directory version 1 and today filled in, signed with `key`, and
  // `columns`.
  candour::v1::PublishLedgerEntryRequest Next(candour::v1::LedgerEntry entry,
                                              std::vector<candour::v1::ReleasedColumn> columns,
                                              const crypto::Ed25519KeyPair& key) const;
  // Sends `request` with the Guardian's session; on success the head moves
  // to it. The server's error otherwise.
  absl::StatusOr<uint64_t> Publish(const candour::v1::PublishLedgerEntryRequest& request);
  // Signs `plan` (units from directory version 1) with the release key and publishes it.
  absl::StatusOr<uint64_t> PublishPlan(const core::YearPlan& plan);
  // Fetches `period`'s tags with the Guardian's session and makes its
  // release of `plan`'s tables with `noise`.
  absl::StatusOr<clients::ReleaseMade> Make(const core::Period& period, const core::YearPlan& plan,
                                            core::noise::RandomSource noise) const;
  // Signs `made` with `key` as the next entry and publishes it.
  absl::StatusOr<uint64_t> PublishRelease(clients::ReleaseMade made, const crypto::Ed25519KeyPair& key);

  // Directory v1's release key.
  const crypto::Ed25519KeyPair& release_key() const { return org_->guardian(0).sign; }
  // The units of directory v1.
  const core::UnitMap& map() const { return map_; }
  uint64_t length() const { return length_; }
  const std::string& head_hash() const { return head_hash_; }

 private:
  clients::InsightsClient Insights() const;

  const TestOrg* const org_;  // not owned
  const std::shared_ptr<grpc::Channel> channel_;
  const clients::SessionToken* const guardian_;  // not owned
  const std::chrono::seconds deadline_;
  const core::UnitMap map_;
  uint64_t length_ = 0;
  std::string head_hash_;
};

}  // namespace candour::testing

#endif  // CANDOUR_TESTS_SERVICES_RELEASE_HOLDER_H_
