// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The hotspot funnel (docs/INSIGHTS.md, "Hotspots"): each unit's yearly
// reports per 100 staff against limits around the organisation's rate,
// computed only from released numbers (the noisy unit-total and
// organisation-total cells, the public headcounts and the tables' noise
// scales) and with no randomness, so a stored release recomputes to the same
// view. Under the null, a unit of n staff shows Y = C + D + X
// (core/noisy_count_distribution.h): C ~ Poisson(r n) reports, or a negative
// binomial of the same mean when the units are overdispersed
// (core/overdispersion.h); D the share n/N of the noise on the organisation
// total that r was estimated from; X the unit-total table's noise. Limits
// are quantiles of Y's mid-distribution function with one-sided tails of 5%
// (amber) and 0.2% (red); a unit is flagged only above them. Stateless and
// thread-safe.
#ifndef CANDOUR_CORE_FUNNEL_H_
#define CANDOUR_CORE_FUNNEL_H_

#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "core/noise/fraction.h"

namespace candour::core {

// One-sided tails: a level's upper limit cuts off that much probability
// above, its lower limit that much below.
inline constexpr double kAmberTail = 0.05;
inline constexpr double kRedTail = 0.002;
// The organisation's yearly reports assumed when its noisy total is at or
// below zero. A true count is never negative, and at zero every unit's
// Poisson would be a point mass and its negative binomial undefined; half a
// report is below any real total, so the limits are then those of the noise.
inline constexpr double kMinOrganisationReports = 0.5;

struct FunnelUnitInput {
  uint32_t unit_id = 0;
  uint32_t headcount = 0;   // the directory's, public
  int64_t noisy_count = 0;  // the released unit-total cell, sign kept
};

struct FunnelInput {
  std::vector<FunnelUnitInput> units;
  int64_t organisation_noisy_total = 0;      // the released organisation-total cell
  uint64_t organisation_headcount = 0;       // at least the units' sum (normally equal)
  noise::Fraction unit_noise_scale;          // the unit-total table's, 1/ε: 10/7
  noise::Fraction organisation_noise_scale;  // the organisation-total table's: 20; 0 if exact
};

// The null model, enough to draw the funnel's curves for any headcount.
struct FunnelModel {
  double rate = 0;  // expected reports per person a year, after any clamp
  double phi = 1;   // the winsorised phi when overdispersed, else 1
  noise::Fraction unit_noise_scale;
  noise::Fraction organisation_noise_scale;
  uint64_t organisation_headcount = 0;
};

struct FunnelBand {
  double lower = 0;
  double upper = 0;
};

// The limits for one headcount, as counts and as rates per 100 staff.
struct FunnelLimits {
  double expected = 0;    // rate * headcount
  double variance = 0;    // Var(Y) under the null before overdispersion, for z-scores
  FunnelBand amber;       // the 5% and 95% quantiles of Y
  FunnelBand red;         // the 0.2% and 99.8% quantiles of Y
  FunnelBand amber_rate;  // the same per 100 staff
  FunnelBand red_rate;
};

enum class FunnelFlag { kNone, kAmber, kRed };

struct FunnelPoint {
  uint32_t unit_id = 0;
  uint32_t headcount = 0;
  int64_t noisy_count = 0;
  double rate = 0;     // 100 * noisy_count / headcount
  double z_score = 0;  // (noisy_count - expected) / sqrt(variance)
  FunnelLimits limits;
  FunnelFlag flag = FunnelFlag::kNone;  // red above red.upper, else amber above amber.upper
};

struct Funnel {
  FunnelModel model;
  double organisation_rate = 0;  // per 100 staff a year, after any clamp
  bool rate_clamped = false;     // the noisy total was at or below zero
  double phi = 1;                // winsorised mean square z-score, reported even when not overdispersed
  double overdispersion_p_value = 1;
  bool negative_binomial = false;   // overdispersed, so C is negative binomial
  std::vector<FunnelPoint> points;  // in input order
};

// The limits for a unit of `headcount` staff under `model`. INVALID_ARGUMENT
// if headcount is 0 or above the organisation's, the rate is not positive
// and finite, phi is below 1 or not finite, or the unit noise scale is 0;
// OUT_OF_RANGE if the organisation scale times headcount/N does not fit in a
// Fraction; RESOURCE_EXHAUSTED as NoisyCountDistribution::Create.
absl::StatusOr<FunnelLimits> LimitsFor(const FunnelModel& model, uint32_t headcount);

// The funnel for one year's release. INVALID_ARGUMENT if there are no
// units, a headcount is 0, the units' headcounts sum to more than the
// organisation's, or the unit noise scale is 0; the codes of LimitsFor.
absl::StatusOr<Funnel> BuildFunnel(const FunnelInput& input);

}  // namespace candour::core

#endif  // CANDOUR_CORE_FUNNEL_H_
