// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "core/budget_explanation.h"

#include <cmath>
#include <cstdint>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "core/epsilon.h"
#include "core/noise_status_adapter.h"

namespace candour::core {
namespace {

// Above this, the bound is no protection worth a number.
constexpr double kMillion = 1e6;

// `x` > 0 rounded up to two significant figures, as a decimal: 7.389 ->
// "7.4", 54.6 -> "55", 403.4 -> "410", 0.0513 -> "0.052". Up, because the
// number is a bound: rounded down it would promise more than is true. (e^ε
// is irrational for every rational ε > 0, so no exact two-figure value is
// pushed up by the division's rounding.)
std::string RoundUpToTwoFigures(double x) {
  int place = static_cast<int>(std::floor(std::log10(x))) - 1;  // the power of ten of the second figure
  int64_t figures = static_cast<int64_t>(std::ceil(x / std::pow(10.0, place)));
  if (figures >= 100) {  // 99.5 at one place is 10 at the next
    figures = (figures + 9) / 10;
    ++place;
  }
  if (place >= 0) return absl::StrCat(figures, std::string(static_cast<size_t>(place), '0'));
  const size_t decimals = static_cast<size_t>(-place);
  std::string digits = absl::StrCat(figures);
  if (digits.size() <= decimals) digits.insert(0, decimals + 1 - digits.size(), '0');
  std::string out =
      absl::StrCat(digits.substr(0, digits.size() - decimals), ".", digits.substr(digits.size() - decimals));
  while (out.back() == '0') out.pop_back();  // "7.0" is "7"
  if (out.back() == '.') out.pop_back();
  return out;
}

absl::StatusOr<noise::Fraction> Times(uint64_t k, noise::Fraction epsilon) {
  const noise::FractionResult product = noise::Multiply(noise::MakeFraction(k, 1).value, epsilon);
  if (product.status != noise::NoiseStatus::kOk) return NoiseStatusToStatus(product.status, "epsilon times reports");
  return product.value;
}

}  // namespace

std::string LikelihoodBound(noise::Fraction epsilon) {
  const double e = static_cast<double>(epsilon.num()) / static_cast<double>(epsilon.den());
  const double ratio = std::exp(e);
  if (ratio >= kMillion) return "more than a million times more likely";
  if (ratio < 2) return absl::StrCat("at most ", RoundUpToTwoFigures(std::expm1(e) * 100), "% more likely");
  return absl::StrCat("at most ", RoundUpToTwoFigures(ratio), " times more likely");
}

absl::StatusOr<std::vector<std::string>> ExplainEpsilon(noise::Fraction epsilon) {
  if (epsilon.num() == 0) return absl::InvalidArgumentError("explain: epsilon must be greater than 0");
  const absl::StatusOr<noise::Fraction> twice = Times(2, epsilon);
  if (!twice.ok()) return twice.status();
  const absl::StatusOr<noise::Fraction> thrice = Times(3, epsilon);
  if (!thrice.ok()) return thrice.status();
  return std::vector<std::string>{
      "ε (epsilon) measures how much any one report can change what insights publishes: the smaller it is, "
      "the less the published figures can say about any one report.",
      absl::StrCat("One report (ε = ", FormatEpsilon(epsilon),
                   "): everything published for the year, taken together, is ", LikelihoodBound(epsilon),
                   " with that report counted than without it, whoever made it and whatever else is known about them."),
      absl::StrCat("Two reports by the same person (ε adds up, to ", FormatEpsilon(*twice),
                   "): ", LikelihoodBound(*twice), " with both counted than with neither."),
      absl::StrCat("Three reports by the same person (ε = ", FormatEpsilon(*thrice), "): ", LikelihoodBound(*thrice),
                   " with all three counted than with none. Someone who reports again and again is less hidden in "
                   "the figures than someone who reports once, though the figures never name anyone."),
  };
}

absl::StatusOr<std::vector<std::string>> ExplainBudget(const YearPlan& plan) {
  if (absl::Status valid = ValidatePlan(plan); !valid.ok()) return valid;
  const absl::StatusOr<noise::Fraction> spent = PlannedPerReportEpsilon(plan);
  if (!spent.ok()) return spent.status();
  absl::StatusOr<std::vector<std::string>> lines = ExplainEpsilon(plan.cap);
  if (!lines.ok()) return lines.status();
  const Period year = FinancialYearOf(DayFromCivil({plan.start_year, 4, 1}));  // ValidatePlan checked the year
  lines->insert(lines->begin(), absl::StrCat("The plan for ", year.name, " spends ε = ", FormatEpsilon(*spent),
                                             " per report, within its cap of ε = ", FormatEpsilon(plan.cap),
                                             ". The cap is the promise:"));
  return lines;
}

}  // namespace candour::core
