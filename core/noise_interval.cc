// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "core/noise_interval.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace candour::core {
namespace {

// Below this fraction of the mode's probability, the NB tail is dropped;
// what is dropped sums to well under 1e-20 for any accepted size.
constexpr long double kCutOff = 1e-30L;
// The coverage a half-width must reach before it is accepted: 0.9 plus a
// margin over the computation's error (below 1e-12, see the header).
constexpr long double kSafety = 1e-11L;

// The distribution of A - B for A, B independent NB(terms, 1 - q), held as
// the NB probabilities on [lo, lo + size) and their running sums.
class SumOfNoise {
 public:
  static absl::StatusOr<SumOfNoise> Build(noise::Fraction scale, int terms);

  // P(|A - B| <= w).
  long double Coverage(int64_t w) const;
  // The largest |A - B| the held support can show.
  int64_t Span() const { return static_cast<int64_t>(pmf_.size()) - 1; }

 private:
  // P(lo <= A <= lo + i), clamped to the held range.
  long double Cumulative(int64_t i) const {
    if (i < 0) return 0;
    return cumulative_[std::min<int64_t>(i, Span())];
  }

  std::vector<long double> pmf_;
  std::vector<long double> cumulative_;
};

absl::StatusOr<SumOfNoise> SumOfNoise::Build(noise::Fraction scale, int terms) {
  const long double inverse = static_cast<long double>(scale.den()) / static_cast<long double>(scale.num());
  const long double q = std::exp(-inverse);
  const long double p = -std::expm1(-inverse);  // 1 - q without cancellation
  const long double k = terms;
  const long double mode = std::floor((k - 1) * q / p);
  const auto too_big = [&] {
    return absl::InvalidArgumentError(absl::StrCat("noise interval: scale ", scale.num(), "/", scale.den(), " with ",
                                                   terms, " terms needs more than ", kMaxSupport, " points"));
  };
  if (mode > static_cast<long double>(int64_t{1} << 62)) return too_big();
  // Outward from the mode, by P(b+1)/P(b) = q (b+k)/(b+1) and
  // P(b-1)/P(b) = b / (q (b+k-1)), in units of P(mode).
  std::vector<long double> above{1.0L};
  for (long double b = mode, value = 1.0L;; b += 1) {
    value *= q * (b + k) / (b + 1);
    if (value < kCutOff) break;
    if (static_cast<int64_t>(above.size()) >= kMaxSupport) return too_big();
    above.push_back(value);
  }
  std::vector<long double> below;
  for (long double b = mode, value = 1.0L; b > 0; b -= 1) {
    value *= b / (q * (b + k - 1));
    if (value < kCutOff) break;
    if (static_cast<int64_t>(above.size() + below.size()) >= kMaxSupport) return too_big();
    below.push_back(value);
  }
  SumOfNoise sum;
  sum.pmf_.assign(below.rbegin(), below.rend());
  sum.pmf_.insert(sum.pmf_.end(), above.begin(), above.end());
  // Normalising removes the unknown factor P(mode) and the rounding common
  // to every point; the mass cut off is far below the margin.
  long double total = 0;
  for (long double v : sum.pmf_) total += v;
  sum.cumulative_.reserve(sum.pmf_.size());
  long double running = 0;
  for (long double& v : sum.pmf_) {
    v /= total;
    running += v;
    sum.cumulative_.push_back(running);
  }
  return sum;
}

long double SumOfNoise::Coverage(int64_t w) const {
  // Sum over B = lo + i of P(B) P(B - w <= A <= B + w).
  long double covered = 0;
  for (int64_t i = 0; i <= Span(); ++i) {
    covered += pmf_[i] * (Cumulative(i + w) - Cumulative(i - w - 1));
  }
  return covered;
}

absl::Status CheckArguments(noise::Fraction scale, int terms) {
  if (scale.num() == 0) return absl::InvalidArgumentError("noise interval: scale must be positive");
  if (terms < 1 || terms > kMaxNoiseTerms) {
    return absl::InvalidArgumentError(absl::StrCat("noise interval: terms must be in 1..", kMaxNoiseTerms));
  }
  return absl::OkStatus();
}

}  // namespace

long double DiscreteLaplacePmf(noise::Fraction scale, int64_t x) {
  const long double inverse = static_cast<long double>(scale.den()) / static_cast<long double>(scale.num());
  const long double magnitude = x < 0 ? -static_cast<long double>(x) : static_cast<long double>(x);
  // (1 - q)/(1 + q) with 1 - q from expm1, so a large scale loses nothing.
  const long double head = -std::expm1(-inverse) / (1 + std::exp(-inverse));
  return head * std::exp(-magnitude * inverse);
}

long double DiscreteLaplaceRatio(noise::Fraction scale) {
  return std::exp(-static_cast<long double>(scale.den()) / static_cast<long double>(scale.num()));
}

long double DiscreteLaplaceVariance(noise::Fraction scale) {
  const long double q = DiscreteLaplaceRatio(scale);
  // 1 - q from expm1, so a large scale loses nothing.
  const long double one_minus_q = -std::expm1(-static_cast<long double>(scale.den()) / scale.num());
  return 2 * q / (one_minus_q * one_minus_q);
}

absl::StatusOr<long double> NoiseCoverage(noise::Fraction scale, int terms, int64_t half_width) {
  if (absl::Status s = CheckArguments(scale, terms); !s.ok()) return s;
  if (half_width < 0) return absl::InvalidArgumentError("noise interval: half-width must not be negative");
  absl::StatusOr<SumOfNoise> sum = SumOfNoise::Build(scale, terms);
  if (!sum.ok()) return sum.status();
  return sum->Coverage(std::min(half_width, sum->Span()));
}

absl::StatusOr<int64_t> NinetyPercentHalfWidth(noise::Fraction scale, int terms) {
  if (absl::Status s = CheckArguments(scale, terms); !s.ok()) return s;
  absl::StatusOr<SumOfNoise> sum = SumOfNoise::Build(scale, terms);
  if (!sum.ok()) return sum.status();
  // Coverage grows with w and reaches the whole mass at Span(), so bisect
  // for the first w that clears the target with the margin.
  int64_t low = 0;
  int64_t high = sum->Span();
  while (low < high) {
    const int64_t mid = low + (high - low) / 2;
    if (sum->Coverage(mid) >= kIntervalCoverage + kSafety) {
      high = mid;
    } else {
      low = mid + 1;
    }
  }
  return low;
}

}  // namespace candour::core
