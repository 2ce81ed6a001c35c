// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "services/access_table.h"

#include <google/protobuf/descriptor.h>

#include "absl/strings/str_cat.h"
#include "candour/v1/insights.pb.h"

namespace candour::services {

absl::StatusOr<AccessTable> AccessTable::FromServices(
    const std::vector<const google::protobuf::ServiceDescriptor*>& services) {
  AccessTable table;
  for (const google::protobuf::ServiceDescriptor* service : services) {
    for (int i = 0; i < service->method_count(); ++i) {
      const google::protobuf::MethodDescriptor* method = service->method(i);
      const std::string name = absl::StrCat("/", service->full_name(), "/", method->name());
      if (!method->options().HasExtension(candour::v1::access)) {
        return absl::FailedPreconditionError(absl::StrCat(name, " has no candour.v1.access option"));
      }
      const candour::v1::Access& access = method->options().GetExtension(candour::v1::access);
      if (!access.anonymous() && access.roles().empty()) {
        return absl::FailedPreconditionError(absl::StrCat(name, " declares neither roles nor anonymous access"));
      }
      if (access.anonymous() && !access.roles().empty()) {
        // Roles on an anonymous RPC would read as a restriction that is not enforced.
        return absl::FailedPreconditionError(absl::StrCat(name, " declares roles and anonymous access"));
      }
      if (access.browser() && (method->client_streaming() || method->server_streaming())) {
        return absl::FailedPreconditionError(absl::StrCat(name, " is browser-callable but streaming"));
      }
      table.methods_.emplace(name, access);
    }
  }
  return table;
}

absl::StatusOr<AccessTable> AccessTable::ForCandour() {
  // InsightsService has no messages yet, so nothing else pulls its file into
  // the link; without it the pool below would not know the service.
  // A volatile store keeps the reference (and so the object file) from
  // being optimised away.
  const void* volatile keep_linked = &descriptor_table_candour_2fv1_2finsights_2eproto;
  static_cast<void>(keep_linked);
  std::vector<const google::protobuf::ServiceDescriptor*> services;
  for (const char* name : kCandourServices) {
    const auto* service = google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(name);
    if (service == nullptr) return absl::FailedPreconditionError(absl::StrCat(name, " is not linked in"));
    services.push_back(service);
  }
  return FromServices(services);
}

const candour::v1::Access* AccessTable::Find(std::string_view method) const {
  auto it = methods_.find(method);
  return it == methods_.end() ? nullptr : &it->second;
}

}  // namespace candour::services
