// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// InsightsService over gRPC: each handler goes through the call guard
// (services/call_guard_grpc.h) into InsightsService. Thread-safe.
#ifndef CANDOUR_SERVICES_INSIGHTS_GRPC_H_
#define CANDOUR_SERVICES_INSIGHTS_GRPC_H_

#include "candour/v1/insights.grpc.pb.h"
#include "services/authoriser.h"
#include "services/insight_views_service.h"
#include "services/insights_service.h"

namespace candour::services {

class InsightsGrpc final : public candour::v1::InsightsService::Service {
 public:
  InsightsGrpc(InsightsService* logic, InsightViewsService* views, const Authoriser* authoriser)
      : logic_(logic), views_(views), authoriser_(authoriser) {}
  grpc::Status FetchTags(grpc::ServerContext* context, const candour::v1::FetchTagsRequest* request,
                         grpc::ServerWriter<candour::v1::FetchTagsResponse>* writer) override;
  grpc::Status GetLedger(grpc::ServerContext* context, const candour::v1::GetLedgerRequest* request,
                         candour::v1::GetLedgerResponse* response) override;
  grpc::Status PublishLedgerEntry(grpc::ServerContext* context, const candour::v1::PublishLedgerEntryRequest* request,
                                  candour::v1::PublishLedgerEntryResponse* response) override;
  grpc::Status GetRelease(grpc::ServerContext* context, const candour::v1::GetReleaseRequest* request,
                          candour::v1::GetReleaseResponse* response) override;
  grpc::Status GetTables(grpc::ServerContext* context, const candour::v1::GetTablesRequest* request,
                         candour::v1::GetTablesResponse* response) override;
  grpc::Status GetHotspots(grpc::ServerContext* context, const candour::v1::GetHotspotsRequest* request,
                           candour::v1::GetHotspotsResponse* response) override;
  grpc::Status GetTrends(grpc::ServerContext* context, const candour::v1::GetTrendsRequest* request,
                         candour::v1::GetTrendsResponse* response) override;

 private:
  InsightsService* const logic_;        // not owned
  InsightViewsService* const views_;    // not owned
  const Authoriser* const authoriser_;  // not owned
};

}  // namespace candour::services

#endif  // CANDOUR_SERVICES_INSIGHTS_GRPC_H_
