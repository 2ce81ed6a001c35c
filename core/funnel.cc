// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "core/funnel.h"

#include <cmath>

#include "absl/status/status.h"
#include "core/noise_interval.h"
#include "core/noise_status_adapter.h"
#include "core/noisy_count_distribution.h"
#include "core/overdispersion.h"

namespace candour::core {
namespace {

// Rates are shown per 100 staff.
constexpr double kPer = 100;

FunnelBand PerHundred(const FunnelBand& counts, uint32_t headcount) {
  return {kPer * counts.lower / headcount, kPer * counts.upper / headcount};
}

// D's scale for a unit of n staff. Its expectation r n = T n / N carries
// the share n/N of the noise on the organisation total T, and a discrete
// Laplace of scale t times n/N is the integer version of that share: the
// same variance to within 1/6 and the same exponential tails, and the tails
// are what the red limit is made of. Leaving D out would make the limits
// too narrow for large units whenever the total came out low, so large
// units were flagged falsely more often than small ones (docs/INSIGHTS.md).
absl::StatusOr<noise::Fraction> ExpectationScale(const FunnelModel& model, uint32_t headcount) {
  const noise::FractionResult share = noise::MakeFraction(headcount, model.organisation_headcount);
  if (absl::Status s = NoiseStatusToStatus(share.status, "funnel: a unit's share of the organisation"); !s.ok()) {
    return s;
  }
  const noise::FractionResult scale = noise::Multiply(model.organisation_noise_scale, share.value);
  if (absl::Status s = NoiseStatusToStatus(scale.status, "funnel: the share of the organisation noise scale");
      !s.ok()) {
    return s;
  }
  return scale.value;
}

absl::Status CheckModel(const FunnelModel& model, uint32_t headcount) {
  if (headcount == 0 || headcount > model.organisation_headcount) {
    return absl::InvalidArgumentError("funnel: headcount must be in 1..the organisation's");
  }
  if (!(model.rate > 0) || !std::isfinite(model.rate)) {
    return absl::InvalidArgumentError("funnel: rate must be positive and finite");
  }
  if (!(model.phi >= 1) || !std::isfinite(model.phi)) return absl::InvalidArgumentError("funnel: phi must be >= 1");
  if (model.unit_noise_scale.num() == 0) return absl::InvalidArgumentError("funnel: unit noise scale is 0");
  return absl::OkStatus();
}

absl::Status CheckInput(const FunnelInput& input) {
  if (input.units.empty()) return absl::InvalidArgumentError("funnel: no units");
  uint64_t headcount = 0;
  for (const FunnelUnitInput& unit : input.units) {
    if (unit.headcount == 0) return absl::InvalidArgumentError("funnel: a unit's headcount is 0");
    headcount += unit.headcount;
  }
  if (headcount > input.organisation_headcount) {
    return absl::InvalidArgumentError("funnel: the units' headcounts sum to more than the organisation's");
  }
  if (input.unit_noise_scale.num() == 0) return absl::InvalidArgumentError("funnel: unit noise scale is 0");
  return absl::OkStatus();
}

FunnelFlag FlagOf(int64_t noisy_count, const FunnelLimits& limits) {
  const double y = static_cast<double>(noisy_count);
  if (y > limits.red.upper) return FunnelFlag::kRed;
  if (y > limits.amber.upper) return FunnelFlag::kAmber;
  return FunnelFlag::kNone;
}

}  // namespace

absl::StatusOr<FunnelLimits> LimitsFor(const FunnelModel& model, uint32_t headcount) {
  if (absl::Status s = CheckModel(model, headcount); !s.ok()) return s;
  absl::StatusOr<noise::Fraction> expectation_scale = ExpectationScale(model, headcount);
  if (!expectation_scale.ok()) return expectation_scale.status();
  FunnelLimits limits;
  limits.expected = model.rate * headcount;
  limits.variance = limits.expected + static_cast<double>(DiscreteLaplaceVariance(model.unit_noise_scale));
  if (expectation_scale->num() != 0) {
    limits.variance += static_cast<double>(DiscreteLaplaceVariance(*expectation_scale));
  }
  // Overdispersion scales the whole null variance by phi; C takes it all.
  const NoisyCountModel y_model{limits.expected, (model.phi - 1) * limits.variance, *expectation_scale,
                                model.unit_noise_scale};
  absl::StatusOr<NoisyCountDistribution> y = NoisyCountDistribution::Create(y_model);
  if (!y.ok()) return y.status();
  limits.amber = {y->Quantile(kAmberTail), y->Quantile(1 - kAmberTail)};
  limits.red = {y->Quantile(kRedTail), y->Quantile(1 - kRedTail)};
  limits.amber_rate = PerHundred(limits.amber, headcount);
  limits.red_rate = PerHundred(limits.red, headcount);
  return limits;
}

absl::StatusOr<Funnel> BuildFunnel(const FunnelInput& input) {
  if (absl::Status s = CheckInput(input); !s.ok()) return s;
  Funnel funnel;
  funnel.rate_clamped = input.organisation_noisy_total <= 0;
  const double reports =
      funnel.rate_clamped ? kMinOrganisationReports : static_cast<double>(input.organisation_noisy_total);
  funnel.model = {reports / static_cast<double>(input.organisation_headcount), 1, input.unit_noise_scale,
                  input.organisation_noise_scale, input.organisation_headcount};
  funnel.organisation_rate = kPer * funnel.model.rate;
  // Limits under the Poisson null first: their variances give the z-scores
  // that decide whether the units are overdispersed.
  std::vector<double> z;
  for (const FunnelUnitInput& unit : input.units) {
    absl::StatusOr<FunnelLimits> limits = LimitsFor(funnel.model, unit.headcount);
    if (!limits.ok()) return limits.status();
    z.push_back((static_cast<double>(unit.noisy_count) - limits->expected) / std::sqrt(limits->variance));
    funnel.points.push_back({unit.unit_id, unit.headcount, unit.noisy_count,
                             kPer * static_cast<double>(unit.noisy_count) / unit.headcount, z.back(), *limits,
                             FlagOf(unit.noisy_count, *limits)});
  }
  const Overdispersion dispersion = EstimateOverdispersion(z);
  funnel.phi = dispersion.phi;
  funnel.overdispersion_p_value = dispersion.p_value;
  funnel.negative_binomial = dispersion.overdispersed;
  if (!dispersion.overdispersed) return funnel;
  funnel.model.phi = dispersion.phi;
  for (FunnelPoint& point : funnel.points) {
    absl::StatusOr<FunnelLimits> limits = LimitsFor(funnel.model, point.headcount);
    if (!limits.ok()) return limits.status();
    point.limits = *limits;
    point.flag = FlagOf(point.noisy_count, *limits);
  }
  return funnel;
}

}  // namespace candour::core
