// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The bad-input table for SubmitReport: each entry breaks exactly one rule of
// a valid request (as TestOrg::MakeSubmission makes it, under the current
// directory) and names the status the server must answer with. Shared by the
// unit test of services/submission_rules.h and the end-to-end bad-input test
// over gRPC, so both hold the same rules. Stateless and thread-safe.
#ifndef CANDOUR_TESTS_TESTING_BAD_SUBMISSIONS_H_
#define CANDOUR_TESTS_TESTING_BAD_SUBMISSIONS_H_

#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "candour/v1/intake.pb.h"

namespace candour::testing {

struct BadSubmission {
  std::string name;  // a valid GoogleTest name
  std::function<void(candour::v1::SubmitReportRequest&)> mutate;
  absl::StatusCode expected;
};

// Printed by GoogleTest as the case's name.
inline std::ostream& operator<<(std::ostream& out, const BadSubmission& c) { return out << c.name; }

// Every case. REQUIRES of the request mutated: valid, with 3 recipients.
const std::vector<BadSubmission>& BadSubmissions();

}  // namespace candour::testing

#endif  // CANDOUR_TESTS_TESTING_BAD_SUBMISSIONS_H_
