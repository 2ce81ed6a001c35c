// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The start every reading insights command shares: sign in as staff, fetch
// the current directory, and fetch and verify the whole insights ledger
// (clients/insights_access.h) before anything is shown.
#ifndef CANDOUR_CLIENTS_INSIGHTS_READER_H_
#define CANDOUR_CLIENTS_INSIGHTS_READER_H_

#include <memory>

#include "absl/status/status.h"
#include "clients/commands.h"
#include "clients/insights_access.h"

namespace candour::clients {

// Runs `fn(Session&, InsightsClient&, const VerifiedLedger&)` signed in as
// `args`' account; its status, or the first error before it.
template <typename Fn>
absl::Status WithVerifiedLedger(const Args& args, const GlobalOptions& globals, Fn fn) {
  return AsStaff(args, globals, [&](const std::shared_ptr<grpc::Channel>& channel, const SignedIn& staff) {
    absl::StatusOr<Session> connection = Connect(globals);
    if (!connection.ok()) return connection.status();
    absl::StatusOr<crypto::VerifiedDirectory> directory = FetchCurrentDirectory(*connection);
    if (!directory.ok()) return directory.status();
    InsightsClient insights(channel, globals.channel.deadline, staff.token.get());
    absl::StatusOr<VerifiedLedger> ledger =
        FetchVerifiedLedger(*connection, insights, directory->directory.organisation_id());
    if (!ledger.ok()) return ledger.status();
    return fn(*connection, insights, *ledger);
  });
}

}  // namespace candour::clients

#endif  // CANDOUR_CLIENTS_INSIGHTS_READER_H_
