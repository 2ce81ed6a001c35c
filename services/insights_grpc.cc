// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "services/insights_grpc.h"

#include "services/call_guard_grpc.h"

namespace candour::services {

using namespace candour::v1;  // NOLINT: every type below is from the proto

grpc::Status InsightsGrpc::FetchTags(grpc::ServerContext* context, const FetchTagsRequest* request,
                                     grpc::ServerWriter<FetchTagsResponse>* writer) {
  return LoggedStreamCall(*authoriser_, context, "/candour.v1.InsightsService/FetchTags", [&](const Caller* caller) {
    return logic_->FetchTags(*caller, *request,
                             [&](const FetchTagsResponse& message) { return writer->Write(message); });
  });
}

grpc::Status InsightsGrpc::GetLedger(grpc::ServerContext* context, const GetLedgerRequest* request,
                                     GetLedgerResponse* response) {
  return LoggedCall(*authoriser_, context, "/candour.v1.InsightsService/GetLedger", response,
                    [&](const Caller* caller) { return logic_->GetLedger(*caller, *request); });
}

grpc::Status InsightsGrpc::PublishLedgerEntry(grpc::ServerContext* context, const PublishLedgerEntryRequest* request,
                                              PublishLedgerEntryResponse* response) {
  return LoggedCall(*authoriser_, context, "/candour.v1.InsightsService/PublishLedgerEntry", response,
                    [&](const Caller* caller) { return logic_->PublishLedgerEntry(*caller, *request); });
}

grpc::Status InsightsGrpc::GetRelease(grpc::ServerContext* context, const GetReleaseRequest* request,
                                      GetReleaseResponse* response) {
  return LoggedCall(*authoriser_, context, "/candour.v1.InsightsService/GetRelease", response,
                    [&](const Caller* caller) { return logic_->GetRelease(*caller, *request); });
}

grpc::Status InsightsGrpc::GetTables(grpc::ServerContext* context, const GetTablesRequest* request, GetTablesResponse* response) {
  return LoggedCall(*authoriser_, context, "/candour.v1.InsightsService/GetTables", response,
                    [&](const Caller* caller) { return views_->GetTables(*caller, *request); });
}

grpc::Status InsightsGrpc::GetHotspots(grpc::ServerContext* context, const GetHotspotsRequest* request, GetHotspotsResponse* response) {
  return LoggedCall(*authoriser_, context, "/candour.v1.InsightsService/GetHotspots", response,
                    [&](const Caller* caller) { return views_->GetHotspots(*caller, *request); });
}

grpc::Status InsightsGrpc::GetTrends(grpc::ServerContext* context, const GetTrendsRequest* request, GetTrendsResponse* response) {
  return LoggedCall(*authoriser_, context, "/candour.v1.InsightsService/GetTrends", response,
                    [&](const Caller* caller) { return views_->GetTrends(*caller, *request); });
}

}  // namespace candour::services
