// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The report as the reporter's client sees it: enum names for flags and
// prompts, the rules a report must meet before it is sealed, the aggregation
// tag drawn from it, and a plain-text rendering for the Guardian. Stateless
// and thread-safe.
#ifndef CANDOUR_CLIENTS_REPORT_FORM_H_
#define CANDOUR_CLIENTS_REPORT_FORM_H_

#include <string>
#include <vector>

#include <google/protobuf/descriptor.h>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "candour/v1/directory.pb.h"
#include "candour/v1/report.pb.h"
#include "core/period.h"
#include "crypto/sealed_tag.h"

namespace candour::clients {

// "harassment" <-> REPORT_KIND_HARASSMENT: lower case, '-' for '_', without
// the enum's prefix. Works for every enum of report.proto.
std::string EnumName(const google::protobuf::EnumDescriptor* type, int value);
// INVALID_ARGUMENT listing the accepted names.
absl::StatusOr<int> ParseEnumName(const google::protobuf::EnumDescriptor* type, absl::string_view name);
// The accepted names, comma-separated, for hints and help.
std::string EnumNames(const google::protobuf::EnumDescriptor* type);

inline constexpr size_t kMaxNarrativeBytes = 60000;

// INVALID_ARGUMENT naming the first broken rule (with the field), e.g. an
// unknown department, characteristics mixing "none or not sure" with others,
// a date in the future, bystander answers on another kind of report.
absl::Status ValidateReport(const candour::v1::ReportContent& content, const candour::v1::Directory& directory,
                            core::Day today);

// The aggregation tag of a valid report.
crypto::AggregationTag TagFor(const candour::v1::ReportContent& content);

// Who can open the report, in plain words: "Sam Okafor (Freedom to Speak Up
// Guardian), the organisation's recovery key (kept offline)".
std::string DescribeRecipients(const candour::v1::Directory& directory);

// Human-readable rendering for a Guardian's terminal.
std::string RenderReport(const candour::v1::ReportContent& content, const candour::v1::Directory& directory);

}  // namespace candour::clients

#endif  // CANDOUR_CLIENTS_REPORT_FORM_H_
