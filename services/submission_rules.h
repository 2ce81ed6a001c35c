// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// What the server can check of a report it cannot read: versions, sizes and
// the recipient set, against the current directory. Pure functions; the
// order of checks decides which status a request with several faults gets.
#ifndef CANDOUR_SERVICES_SUBMISSION_RULES_H_
#define CANDOUR_SERVICES_SUBMISSION_RULES_H_

#include "absl/status/status.h"
#include "candour/v1/intake.pb.h"
#include "services/directory_registry.h"

namespace candour::services {

// OK, or the first broken rule:
//   INVALID_ARGUMENT: a field of the wrong size or version, a ciphertext not of
//     a bucket size, recipients missing, duplicated, unordered or unknown,
//     records not matching recipients, unknown fields;
//   RESOURCE_EXHAUSTED: a ciphertext above the largest bucket;
//   FAILED_PRECONDITION: not the current directory version or hash, or the
//     current directory has expired (the client must fetch it and re-encrypt).
absl::Status ValidateSubmission(const candour::v1::SubmitReportRequest& request, const CurrentDirectory& current,
                                core::Day today);

}  // namespace candour::services

#endif  // CANDOUR_SERVICES_SUBMISSION_RULES_H_
