// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// Staff accounts for tests against a real server: the first admin made
// through the store as `candourd admin bootstrap` does, everyone else invited
// by that admin over gRPC and signed in with the real client code. Accounts
// take the server's limits (InProcessServer sets interactive ones, so a
// sign-in costs about 0.1 s).
#ifndef CANDOUR_TESTS_TESTING_STAFF_H_
#define CANDOUR_TESTS_TESTING_STAFF_H_

#include <grpcpp/channel.h>

#include <map>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "candour/v1/auth.pb.h"
#include "clients/staff_session.h"
#include "storage/report_store.h"

namespace candour::testing {

class StaffFixture {
 public:
  StaffFixture(storage::ReportStore* store, std::shared_ptr<grpc::Channel> channel)
      : store_(store), channel_(std::move(channel)) {}
  // After the server restarted on the same data: accounts and passphrases carry over.
  void Reconnect(storage::ReportStore* store, std::shared_ptr<grpc::Channel> channel) {
    store_ = store;
    channel_ = std::move(channel);
  }

  // Makes the account `name` with `grants` (the first call also makes the
  // admin "root", which invites it). The passphrase is generated.
  absl::Status Create(const std::string& name, const candour::v1::Grants& grants);
  // A fresh session for an account made by Create (or "root").
  absl::StatusOr<clients::SignedIn> SignIn(const std::string& name);
  const std::string& passphrase(const std::string& name) { return passphrases_.at(name); }

  static candour::v1::Grants RoleGrants(candour::v1::Role role);

 private:
  absl::Status EnsureRoot();

  storage::ReportStore* store_;  // not owned
  std::shared_ptr<grpc::Channel> channel_;
  std::map<std::string, std::string> passphrases_;
};

}  // namespace candour::testing

#endif  // CANDOUR_TESTS_TESTING_STAFF_H_
