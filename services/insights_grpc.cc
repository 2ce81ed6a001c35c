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

}  // namespace candour::services
