// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The budget in plain English, for the people who agree it: an HR director
// and a trade-union rep should be able to read what a cap of ε means for one
// report, and for a person who makes two or three (ε adds up: 2ε, 3ε).
// e^ε, the most any one report can change the odds of what is published, is
// written as "at most 7.4 times more likely" (or "at most 5.2% more likely"
// below 2), rounded up to two significant figures so that the words never
// understate the bound. Display only: ε itself stays exact (budget_ledger.h)
// and only the rounded bound passes through a double. Stateless and
// thread-safe.
#ifndef CANDOUR_CORE_BUDGET_EXPLANATION_H_
#define CANDOUR_CORE_BUDGET_EXPLANATION_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "core/budget_ledger.h"
#include "core/noise/fraction.h"

namespace candour::core {

// "at most 7.4 times more likely" for ε = 2, "at most 5.2% more likely" for
// ε = 0.05, "more than a million times more likely" from ε ≈ 13.8 up.
// REQUIRES: epsilon > 0.
std::string LikelihoodBound(noise::Fraction epsilon);

// The lines that say what a per-report ε means: what ε is, then one report,
// two reports and three reports by the same person. INVALID_ARGUMENT if
// epsilon is 0; OUT_OF_RANGE if 3ε does not fit in a Fraction.
absl::StatusOr<std::vector<std::string>> ExplainEpsilon(noise::Fraction epsilon);

// For a plan: one line with its year, the ε it spends per report and its
// cap, then ExplainEpsilon(plan.cap): the cap is the promise, the plan what
// is spent under it. The codes of ValidatePlan, then of ExplainEpsilon.
absl::StatusOr<std::vector<std::string>> ExplainBudget(const YearPlan& plan);

}  // namespace candour::core

#endif  // CANDOUR_CORE_BUDGET_EXPLANATION_H_
