// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "core/noisy_count_distribution.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "core/noise_interval.h"

namespace candour::core {
namespace {

// Each side of C's and of D's distribution is cut where the mass beyond the
// cut is provably below this (P(mode) <= 1, so C's bound in units of
// P(mode) is an absolute one too).
constexpr long double kTailBound = 1e-15L;
// Quantile levels are kept this far inside (0, 1): the held mass of C is 1
// only to about 1e-13, so a level closer to 1 might never be reached.
constexpr double kLevelMargin = 1e-12;

// Extra variance below this share of the mean is taken as none: the
// negative binomial is then within the accuracy of the Poisson, and its
// size mu^2/v could overflow.
constexpr long double kNegligibleExtraVariance = 1e-12L;

// C's law as ratios of neighbouring probabilities, P(k+1)/P(k). With extra
// variance v the negative binomial of mean mu has size s = mu^2/v and
// success ratio p = mu/(mu + s) = v/(mu + v), so Var = mu + mu^2/s = mu + v;
// v = 0 is the Poisson limit.
class CountLaw {
 public:
  CountLaw(long double mean, long double extra_variance)
      : mean_(mean),
        poisson_(extra_variance <= kNegligibleExtraVariance * mean),
        size_(poisson_ ? 0 : mean * mean / extra_variance),
        p_(poisson_ ? 0 : extra_variance / (mean + extra_variance)) {}

  // P(k+1)/P(k).
  long double Up(long double k) const { return poisson_ ? mean_ / (k + 1) : p_ * (k + size_) / (k + 1); }
  // A bound on Up(j) for every j >= k: Poisson ratios fall with k; NB
  // ratios fall towards p when s > 1 and rise towards it when s < 1.
  long double UpBound(long double k) const { return poisson_ ? Up(k) : std::max(Up(k), p_); }
  // P(k-1)/P(k) for k >= 1, which falls as k falls below the mode (for NB
  // the mode is 0 unless s > 1, and then k/(k - 1 + s) rises with k).
  long double Down(long double k) const { return 1 / Up(k - 1); }
  long double Mode() const {
    if (poisson_) return std::floor(mean_);
    return size_ > 1 ? std::floor(p_ * (size_ - 1) / (1 - p_)) : 0;
  }

 private:
  const long double mean_;
  const bool poisson_;
  const long double size_;
  const long double p_;
};

// True once the mass beyond a point of relative probability `value`, whose
// further ratios are all at most `ratio`, is below kTailBound:
// value * (ratio + ratio^2 + ...) = value * ratio / (1 - ratio).
bool TailIsNegligible(long double value, long double ratio) {
  return ratio < 1 && value * ratio / (1 - ratio) < kTailBound;
}

absl::Status TooManyPoints(const NoisyCountModel& model) {
  return absl::ResourceExhaustedError(absl::StrCat("noisy count: mean ", model.mean, " with extra variance ",
                                                   model.extra_variance, " needs more than ", kMaxCountPoints,
                                                   " points"));
}

// A distribution on the integers first, first + 1, ...
struct HeldPmf {
  int64_t first = 0;
  std::vector<long double> pmf;
};

// C's probabilities, outward from the mode in units of P(mode); normalising
// at the end removes the unknown P(mode).
absl::StatusOr<HeldPmf> CountPmf(const NoisyCountModel& model) {
  const CountLaw law(model.mean, model.extra_variance);
  const long double mode = law.Mode();
  if (mode > static_cast<long double>(int64_t{1} << 62)) return TooManyPoints(model);
  std::vector<long double> above{1.0L};
  for (long double k = mode, value = 1.0L; !TailIsNegligible(value, law.UpBound(k)); k += 1) {
    if (static_cast<int64_t>(above.size()) >= kMaxCountPoints) return TooManyPoints(model);
    value *= law.Up(k);
    above.push_back(value);
  }
  std::vector<long double> below;
  for (long double k = mode, value = 1.0L; k > 0 && !TailIsNegligible(value, law.Down(k)); k -= 1) {
    if (static_cast<int64_t>(above.size() + below.size()) >= kMaxCountPoints) return TooManyPoints(model);
    value *= law.Down(k);
    below.push_back(value);
  }
  HeldPmf held{static_cast<int64_t>(mode) - static_cast<int64_t>(below.size()),
               std::vector<long double>(below.rbegin(), below.rend())};
  held.pmf.insert(held.pmf.end(), above.begin(), above.end());
  long double total = 0;
  for (long double v : held.pmf) total += v;
  for (long double& v : held.pmf) v /= total;
  return held;
}

// C + D: C's probabilities convolved with D's on [-L, L], for the least L
// with P(|D| > L) = 2q^(L+1)/(1 + q) below kTailBound.
absl::StatusOr<HeldPmf> AddExpectationNoise(HeldPmf count, const NoisyCountModel& model) {
  if (model.expectation_scale.num() == 0) return count;
  const long double q = DiscreteLaplaceRatio(model.expectation_scale);
  int64_t half_width = 0;
  for (long double tail = 2 * q / (1 + q); tail >= kTailBound; tail *= q) {
    if (++half_width + static_cast<int64_t>(count.pmf.size()) >= kMaxCountPoints / 2) return TooManyPoints(model);
  }
  std::vector<long double> noise;
  for (int64_t x = -half_width; x <= half_width; ++x) noise.push_back(DiscreteLaplacePmf(model.expectation_scale, x));
  HeldPmf sum{count.first - half_width, std::vector<long double>(count.pmf.size() + noise.size() - 1, 0.0L)};
  for (size_t c = 0; c < count.pmf.size(); ++c) {
    for (size_t d = 0; d < noise.size(); ++d) sum.pmf[c + d] += count.pmf[c] * noise[d];
  }
  return sum;
}

}  // namespace

absl::StatusOr<NoisyCountDistribution> NoisyCountDistribution::Create(const NoisyCountModel& model) {
  if (!(model.mean > 0) || !std::isfinite(model.mean)) {
    return absl::InvalidArgumentError("noisy count: mean must be positive and finite");
  }
  if (!(model.extra_variance >= 0) || !std::isfinite(model.extra_variance)) {
    return absl::InvalidArgumentError("noisy count: extra variance must be finite and not negative");
  }
  if (model.noise_scale.num() == 0) return absl::InvalidArgumentError("noisy count: noise scale must be positive");
  absl::StatusOr<HeldPmf> count = CountPmf(model);
  if (!count.ok()) return count.status();
  absl::StatusOr<HeldPmf> held = AddExpectationNoise(*std::move(count), model);
  if (!held.ok()) return held.status();
  long double variance = static_cast<long double>(model.mean) + model.extra_variance +
                         DiscreteLaplaceVariance(model.noise_scale);
  if (model.expectation_scale.num() != 0) variance += DiscreteLaplaceVariance(model.expectation_scale);
  return NoisyCountDistribution(held->first, std::move(held->pmf), DiscreteLaplaceRatio(model.noise_scale),
                                variance);
}

double NoisyCountDistribution::Cdf(int64_t y) const {
  // P(Y <= y) = sum over c of P(C + D = c) P(X <= y - c), with X's CDF in
  // closed form: P(X <= m) = 1 - q^(m+1)/(1 + q) for m >= 0 and
  // q^-m/(1 + q) for m < 0. The powers of q are carried outward from y, so
  // one CDF costs a multiplication a point rather than an exp.
  const int64_t last = first_ + static_cast<int64_t>(pmf_.size()) - 1;
  long double at_or_below = 0;  // sum over c <= y of P(c) q^(y - c)
  long double mass_below = 0;   // P(C + D <= y)
  long double power = y > last ? std::pow(q_, static_cast<long double>(y - last)) : 1;
  for (int64_t c = std::min(y, last); c >= first_; --c, power *= q_) {
    at_or_below += pmf_[c - first_] * power;
    mass_below += pmf_[c - first_];
  }
  long double above = 0;  // sum over c > y of P(c) q^(c - y)
  power = y + 1 >= first_ ? q_ : std::pow(q_, static_cast<long double>(first_ - y));
  for (int64_t c = std::max(y + 1, first_); c <= last; ++c, power *= q_) above += pmf_[c - first_] * power;
  return static_cast<double>(mass_below - q_ * at_or_below / (1 + q_) + above / (1 + q_));
}

double NoisyCountDistribution::MidCdf(int64_t y) const { return (Cdf(y - 1) + Cdf(y)) / 2; }

double NoisyCountDistribution::Quantile(double level) const {
  level = std::clamp(level, kLevelMargin, 1 - kLevelMargin);
  // MidCdf rises strictly (the noise reaches every integer) from 0 to 1, so
  // bracket the first c with MidCdf(c) >= level by doubling steps out from
  // the middle of the support of C + D, then bisect.
  const int64_t middle = first_ + static_cast<int64_t>(pmf_.size() / 2);
  // The steps stop short of overflow; the held mass reaches the clamped
  // level long before.
  constexpr int64_t kLongestStep = int64_t{1} << 40;
  int64_t high = middle;
  for (int64_t step = 1; MidCdf(high) < level && step < kLongestStep; step *= 2) high += step;
  int64_t low = middle - 1;
  for (int64_t step = 1; MidCdf(low) >= level && step < kLongestStep; step *= 2) low -= step;
  while (high - low > 1) {
    const int64_t mid = low + (high - low) / 2;
    (MidCdf(mid) >= level ? high : low) = mid;
  }
  const double at_high = MidCdf(high);
  const double at_low = MidCdf(low);
  return static_cast<double>(high) - (at_high - level) / (at_high - at_low);
}

}  // namespace candour::core
