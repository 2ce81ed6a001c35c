// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// Changing one planned release of a year's budget plan from text, for the
// release holder who measured a better plan than the default (docs/
// INSIGHTS.md, "The plan"): "unit-total=0.5" sets a table's ε,
// "organisation-total:quarter=0.1" one granularity's, "directorate-by-kind=none"
// drops a table, and "unit-total:quarter=0.3" adds a release the plan did not
// have. The result is checked by ValidatePlan as any plan is. Stateless.
#ifndef CANDOUR_CORE_PLAN_OVERRIDE_H_
#define CANDOUR_CORE_PLAN_OVERRIDE_H_

#include <string_view>

#include "absl/status/status.h"
#include "core/budget_ledger.h"

namespace candour::core {

// Applies `spec`, TABLE[:year|quarter]=EPSILON|none, to `plan`. Without a
// granularity it means the table's one planned release. INVALID_ARGUMENT
// (naming what is wrong, never guessing) for an unknown table or
// granularity, a malformed ε, a table planned at both granularities named
// without one, or a release to drop or change that the plan does not have.
absl::Status OverridePlannedRelease(std::string_view spec, YearPlan* plan);

}  // namespace candour::core

#endif  // CANDOUR_CORE_PLAN_OVERRIDE_H_
