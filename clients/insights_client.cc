// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "clients/insights_client.h"

#include <grpcpp/client_context.h>

namespace candour::clients {

using namespace candour::v1;  // NOLINT: every type below is from the proto

absl::Status InsightsClient::FetchTags(std::string_view period, std::chrono::milliseconds stream_deadline,
                                       const std::function<void(FetchTagsResponse&)>& on_message) {
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + stream_deadline);
  if (session_ != nullptr) session_->Attach(context);
  FetchTagsRequest request;
  request.set_period(std::string(period));
  std::unique_ptr<grpc::ClientReader<FetchTagsResponse>> reader = stub_->FetchTags(&context, request);
  FetchTagsResponse message;
  while (reader->Read(&message)) on_message(message);
  return FromGrpc(reader->Finish());
}

absl::StatusOr<GetLedgerResponse> InsightsClient::GetLedger(uint64_t after_sequence) {
  GetLedgerRequest request;
  request.set_after_sequence(after_sequence);
  return Call(*stub_, &InsightsService::Stub::GetLedger, request, deadline_, session_);
}

absl::StatusOr<PublishLedgerEntryResponse> InsightsClient::PublishLedgerEntry(const PublishLedgerEntryRequest& request) {
  return Call(*stub_, &InsightsService::Stub::PublishLedgerEntry, request, deadline_, session_);
}

absl::StatusOr<GetReleaseResponse> InsightsClient::GetRelease(std::string_view period) {
  GetReleaseRequest request;
  request.set_period(std::string(period));
  return Call(*stub_, &InsightsService::Stub::GetRelease, request, deadline_, session_);
}

absl::StatusOr<GetTablesResponse> InsightsClient::GetTables(std::string_view period) {
  GetTablesRequest request;
  request.set_period(std::string(period));
  return Call(*stub_, &InsightsService::Stub::GetTables, request, deadline_, session_);
}

absl::StatusOr<GetHotspotsResponse> InsightsClient::GetHotspots(std::string_view year) {
  GetHotspotsRequest request;
  request.set_year(std::string(year));
  return Call(*stub_, &InsightsService::Stub::GetHotspots, request, deadline_, session_);
}

absl::StatusOr<GetTrendsResponse> InsightsClient::GetTrends() {
  return Call(*stub_, &InsightsService::Stub::GetTrends, GetTrendsRequest(), deadline_, session_);
}

}  // namespace candour::clients
