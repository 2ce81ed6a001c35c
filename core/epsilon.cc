// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "core/epsilon.h"

#include <algorithm>
#include <cstdint>
#include <optional>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace candour::core {
namespace {

constexpr char kEpsilonHint[] = "epsilon must be a positive decimal like 0.7 or a fraction like 7/10";

// 1..kMaxEpsilonDigits ASCII digits as a number; nullopt otherwise. With at
// most 9 digits the value is below 10^9, so it cannot overflow.
std::optional<uint64_t> Digits(std::string_view text) {
  if (text.empty() || text.size() > static_cast<size_t>(kMaxEpsilonDigits)) return std::nullopt;
  uint64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + static_cast<uint64_t>(c - '0');
  }
  return value;
}

uint64_t PowerOfTen(size_t n) {
  uint64_t p = 1;
  while (n-- > 0) p *= 10;
  return p;
}

absl::StatusOr<noise::Fraction> Positive(uint64_t num, uint64_t den) {
  if (den == 0) return absl::InvalidArgumentError("epsilon's denominator must not be 0");
  if (num == 0) return absl::InvalidArgumentError("epsilon must be greater than 0");
  return noise::MakeFraction(num, den).value;  // den != 0, so this is kOk
}

}  // namespace

absl::StatusOr<noise::Fraction> ParseEpsilon(std::string_view text) {
  if (const size_t slash = text.find('/'); slash != std::string_view::npos) {
    const std::optional<uint64_t> num = Digits(text.substr(0, slash));
    const std::optional<uint64_t> den = Digits(text.substr(slash + 1));
    if (!num || !den) {
      return absl::InvalidArgumentError(
          absl::StrCat(kEpsilonHint, ", with at most ", kMaxEpsilonDigits, " digits in each part"));
    }
    return Positive(*num, *den);
  }
  const auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  if (std::count_if(text.begin(), text.end(), is_digit) > kMaxEpsilonDigits) {
    return absl::InvalidArgumentError(absl::StrCat("epsilon has more than ", kMaxEpsilonDigits, " digits"));
  }
  const size_t point = text.find('.');
  const bool has_point = point != std::string_view::npos;
  const std::string_view places = has_point ? text.substr(point + 1) : std::string_view();
  const std::optional<uint64_t> whole = Digits(text.substr(0, point));
  const std::optional<uint64_t> part = has_point ? Digits(places) : std::optional<uint64_t>(0);
  if (!whole || !part) return absl::InvalidArgumentError(kEpsilonHint);
  // whole.part = (whole * 10^|places| + part) / 10^|places|, below 10^9 as
  // there are at most 9 digits in all.
  const uint64_t unit = PowerOfTen(places.size());
  return Positive(*whole * unit + *part, unit);
}

std::string FormatEpsilon(noise::Fraction epsilon) {
  // A terminating decimal needs den = 2^a 5^b; it then has max(a, b)
  // places: num/den = num * (10^places / den) / 10^places.
  uint64_t rest = epsilon.den();
  size_t twos = 0;
  size_t fives = 0;
  while (rest % 2 == 0) rest /= 2, ++twos;
  while (rest % 5 == 0) rest /= 5, ++fives;
  const size_t places = std::max(twos, fives);
  const std::string as_fraction = absl::StrCat(epsilon.num(), "/", epsilon.den());
  if (rest != 1 || places >= static_cast<size_t>(kMaxEpsilonDigits)) return as_fraction;
  const uint64_t unit = PowerOfTen(places);
  uint64_t scaled = 0;
  if (__builtin_mul_overflow(epsilon.num(), unit / epsilon.den(), &scaled)) return as_fraction;
  std::string out = absl::StrCat(scaled / unit);
  if (places > 0) {
    const std::string decimals = absl::StrCat(scaled % unit);
    absl::StrAppend(&out, ".", std::string(places - decimals.size(), '0'), decimals);
  }
  // Digits in all, counted as ParseEpsilon counts them.
  if (out.size() - (places > 0 ? 1 : 0) > static_cast<size_t>(kMaxEpsilonDigits)) return as_fraction;
  return out;
}

}  // namespace candour::core
