// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// InsightsService's typed client, in the manner of clients/intake_client.h.
// Every call carries a staff session (not owned; must outlive the client)
// and a deadline. Thread-safe as the gRPC stub is.
#ifndef CANDOUR_CLIENTS_INSIGHTS_CLIENT_H_
#define CANDOUR_CLIENTS_INSIGHTS_CLIENT_H_

#include <chrono>
#include <functional>
#include <memory>
#include <string_view>

#include "candour/v1/insights.grpc.pb.h"
#include "clients/rpc.h"

namespace candour::clients {

class InsightsClient {
 public:
  InsightsClient(std::shared_ptr<grpc::Channel> channel, std::chrono::milliseconds deadline,
                 const SessionToken* session)
      : stub_(candour::v1::InsightsService::NewStub(channel)), deadline_(deadline), session_(session) {}

  // Reads the whole stream, calling `on_message` with each message. The
  // deadline covers the whole stream: `stream_deadline`, since a million
  // tags take longer than one unary call should.
  absl::Status FetchTags(std::string_view period, std::chrono::milliseconds stream_deadline,
                         const std::function<void(candour::v1::FetchTagsResponse&)>& on_message);
  absl::StatusOr<candour::v1::GetLedgerResponse> GetLedger(uint64_t after_sequence);
  absl::StatusOr<candour::v1::PublishLedgerEntryResponse> PublishLedgerEntry(
      const candour::v1::PublishLedgerEntryRequest& request);
  absl::StatusOr<candour::v1::GetReleaseResponse> GetRelease(std::string_view period);
  // The server's views, for browsers and for tests that hold the server to
  // the figures a client recomputes; the CLI computes its own.
  absl::StatusOr<candour::v1::GetTablesResponse> GetTables(std::string_view period);
  absl::StatusOr<candour::v1::GetHotspotsResponse> GetHotspots(std::string_view year);
  absl::StatusOr<candour::v1::GetTrendsResponse> GetTrends();

 private:
  std::unique_ptr<candour::v1::InsightsService::Stub> stub_;
  const std::chrono::milliseconds deadline_;
  const SessionToken* const session_;
};

}  // namespace candour::clients

#endif  // CANDOUR_CLIENTS_INSIGHTS_CLIENT_H_
