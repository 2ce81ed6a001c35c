// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "tests/services/release_holder.h"

#include <optional>
#include <utility>

#include "crypto/ledger.h"

namespace candour::testing {
namespace {

core::UnitMap UnitsOfVersion1(const TestOrg& org) {
  const candour::v1::Directory directory = org.MakeDirectory(1);
  return core::BuildUnitMap({directory.departments().begin(), directory.departments().end()}).value();
}

}  // namespace

ReleaseHolder::ReleaseHolder(const TestOrg* org, std::shared_ptr<grpc::Channel> channel,
                             const clients::SessionToken* guardian, std::chrono::seconds deadline)
    : org_(org),
      channel_(std::move(channel)),
      guardian_(guardian),
      deadline_(deadline),
      map_(UnitsOfVersion1(*org)),
      head_hash_(crypto::LedgerGenesisHash()) {}

clients::InsightsClient ReleaseHolder::Insights() const {
  return clients::InsightsClient(channel_, deadline_, guardian_);
}

candour::v1::PublishLedgerEntryRequest ReleaseHolder::Next(candour::v1::LedgerEntry entry,
                                                           std::vector<candour::v1::ReleasedColumn> columns,
                                                           const crypto::Ed25519KeyPair& key) const {
  entry.set_organisation_id(org_->organisation_id());
  entry.set_sequence(length_ + 1);
  entry.set_previous_hash(head_hash_);
  entry.set_signer_directory_version(1);
  entry.set_signed_day(core::TodayInLondon());
  candour::v1::PublishLedgerEntryRequest request;
  *request.mutable_entry() = crypto::SignLedgerEntry(entry.SerializeAsString(), key);
  for (candour::v1::ReleasedColumn& c : columns) *request.add_columns() = std::move(c);
  return request;
}

absl::StatusOr<uint64_t> ReleaseHolder::Publish(const candour::v1::PublishLedgerEntryRequest& request) {
  absl::StatusOr<candour::v1::PublishLedgerEntryResponse> published = Insights().PublishLedgerEntry(request);
  if (!published.ok()) return published.status();
  length_ = published->sequence();
  head_hash_ = crypto::LedgerEntryHash(request.entry().entry());
  return published->sequence();
}

absl::StatusOr<uint64_t> ReleaseHolder::PublishPlan(const core::YearPlan& plan) {
  candour::v1::LedgerEntry entry;
  *entry.mutable_plan() = core::YearPlanToProto(plan, 1);
  return Publish(Next(std::move(entry), {}, release_key()));
}

absl::StatusOr<clients::ReleaseMade> ReleaseHolder::Make(const core::Period& period, const core::YearPlan& plan,
                                                         core::noise::RandomSource noise) const {
  std::vector<candour::v1::TaggedReport> reports;
  std::vector<std::string> marks;
  absl::Status fetched = Insights().FetchTags(period.name, deadline_, [&](candour::v1::FetchTagsResponse& m) {
    for (auto& r : *m.mutable_reports()) reports.push_back(std::move(r));
    for (auto& s : *m.mutable_sealed_link_marks()) marks.push_back(std::move(s));
  });
  if (!fetched.ok()) return fetched;
  clients::ReleaseInputs inputs;
  inputs.period = period;
  inputs.map = &map_;
  inputs.tables = core::PlannedTablesFor(plan, period);
  inputs.aggregation = &org_->aggregation_key();
  inputs.organisation_id = org_->organisation_id();
  inputs.author_public_key = [](std::string_view) { return std::nullopt; };
  inputs.noise = noise;
  return clients::MakeRelease(inputs, reports, marks);
}

absl::StatusOr<uint64_t> ReleaseHolder::PublishRelease(clients::ReleaseMade made, const crypto::Ed25519KeyPair& key) {
  candour::v1::LedgerEntry entry;
  *entry.mutable_release() = std::move(made.release);
  return Publish(Next(std::move(entry), std::move(made.columns), key));
}

}  // namespace candour::testing
