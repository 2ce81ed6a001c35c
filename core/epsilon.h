// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The privacy loss ε as text. Insights configuration and output carry ε as
// "0.7" or "7/10"; it is parsed straight into an exact noise::Fraction in
// lowest terms and formatted back, never through a double, so the scale
// sensitivity/ε the sampler uses is exactly the one configured (see
// docs/INSIGHTS.md, "Noise"). Stateless and thread-safe.
#ifndef CANDOUR_CORE_EPSILON_H_
#define CANDOUR_CORE_EPSILON_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "core/noise/fraction.h"

namespace candour::core {

// The most digits ε's text may have: in all, for a decimal; in each of the
// numerator and the denominator, for a fraction. So both parts of a parsed ε
// are below 10^9.
inline constexpr int kMaxEpsilonDigits = 9;

// Parses a positive decimal ("2", "0.7", "0.05": digits, optionally a point
// and more digits) or fraction ("7/10", "1/20": two unsigned integers) into a
// Fraction in lowest terms. INVALID_ARGUMENT if it is anything else (signs,
// spaces, exponents, an empty part, "1.", ".5"), has more than
// kMaxEpsilonDigits digits, has a zero denominator, or is zero.
absl::StatusOr<noise::Fraction> ParseEpsilon(std::string_view text);

// The shortest exact decimal ("0.7", "2.5", "3") when one has at most
// kMaxEpsilonDigits digits, else "num/den" ("7/30", "1/1024"). For every ε
// ParseEpsilon returns, ParseEpsilon(FormatEpsilon(ε)) gives ε back.
std::string FormatEpsilon(noise::Fraction epsilon);

}  // namespace candour::core

#endif  // CANDOUR_CORE_EPSILON_H_
