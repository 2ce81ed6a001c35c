// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The funnel's acceptance by simulation (docs/INSIGHTS.md, "Hotspots"): an
// organisation of 30 units of 11..200 staff (3135 in all) reporting at 5 per
// 100 staff a year, with Poisson arrivals from a seeded std::mt19937_64 and
// the real discrete Laplace noise of core/noise from the seeded
// CounterRandomSource, on the unit totals (ε 0.7) and the organisation total
// (ε 0.05) from which the organisation's rate is estimated, as a release
// would be. The seeds are fixed, so the results are the same on every run;
// they were chosen before the first run, not searched for.
#include <cmath>
#include <cstdint>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "core/funnel.h"
#include "core/noise/discrete_laplace.h"
#include "gtest/gtest.h"
#include "tests/testing/counter_random_source.h"

namespace candour::core {
namespace {

using noise::Fraction;

constexpr double kBaseRate = 0.05;  // reports per person a year
const std::vector<uint32_t> kHeadcounts = {11,  17,  24,  30,  37,  43,  50,  40,  63,  69,  76,  82,  89,  95,  102,
                                           108, 115, 121, 128, 134, 141, 147, 154, 160, 167, 173, 180, 186, 193, 200};
constexpr size_t kHotspot = 7;  // the unit of 40

Fraction F(uint64_t num, uint64_t den) { return noise::MakeFraction(num, den).value; }

class Simulation {
 public:
  Simulation(uint64_t arrival_seed, uint64_t noise_seed) : arrivals_(arrival_seed), noise_(noise_seed) {}

  // One year's release; the hotspot unit reports at `multiplier` times the
  // base rate.
  FunnelInput Year(double multiplier) {
    FunnelInput input;
    input.unit_noise_scale = F(10, 7);
    input.organisation_noise_scale = F(20, 1);
    int64_t total = 0;
    for (size_t i = 0; i < kHeadcounts.size(); ++i) {
      const double mean = kBaseRate * kHeadcounts[i] * (i == kHotspot ? multiplier : 1.0);
      const int64_t count = std::poisson_distribution<int64_t>(mean)(arrivals_);
      total += count;
      input.units.push_back({static_cast<uint32_t>(i + 1), kHeadcounts[i], Noisy(count, input.unit_noise_scale)});
      input.organisation_headcount += kHeadcounts[i];
    }
    input.organisation_noisy_total = Noisy(total, input.organisation_noise_scale);
    return input;
  }

 private:
  int64_t Noisy(int64_t count, Fraction scale) {
    const noise::SampleResult noisy = noise::AddDiscreteLaplaceNoise(count, scale, noise_.source());
    EXPECT_EQ(noisy.status, noise::NoiseStatus::kOk);
    return noisy.value;
  }

  std::mt19937_64 arrivals_;
  testing::CounterRandomSource noise_;
};

// How often, over `runs` years, the hotspot at `multiplier` is red.
double Power(double multiplier, int runs) {
  Simulation simulation(3, 4);
  int red = 0;
  for (int run = 0; run < runs; ++run) {
    const absl::StatusOr<Funnel> funnel = BuildFunnel(simulation.Year(multiplier));
    EXPECT_TRUE(funnel.ok()) << funnel.status();
    if (funnel.ok()) red += funnel->points[kHotspot].flag == FunnelFlag::kRed;
  }
  return static_cast<double>(red) / runs;
}

TEST(FunnelSimulationTest, TenfoldHotspotInAUnitOfFortyIsRedAtLeastEightyPercentOfYears) {
  constexpr int kRuns = 1000;
  double tenfold = 0;
  for (double multiplier : {3.0, 5.0, 10.0}) {
    const double power = Power(multiplier, kRuns);
    const std::string name = "power_" + std::to_string(static_cast<int>(multiplier)) + "x";
    RecordProperty(name, std::to_string(power));
    std::cout << name << " = " << power << " (" << kRuns << " annual releases)\n";
    if (multiplier == 10.0) tenfold = power;
  }
  EXPECT_GE(tenfold, 0.8);
}

struct CleanYears {
  int64_t unit_years = 0;
  int64_t red = 0;
  int64_t amber_or_red = 0;
  int negative_binomial = 0;  // years
  int64_t red_by_third[3] = {0, 0, 0};  // smallest, middle and largest ten units

  double RedRate() const { return static_cast<double>(red) / unit_years; }
};

// Flags over `years` seeded years with no hotspot, printed and recorded.
CleanYears RunCleanYears(int years, uint64_t arrival_seed, uint64_t noise_seed) {
  Simulation simulation(arrival_seed, noise_seed);
  CleanYears result;
  for (int year = 0; year < years; ++year) {
    const absl::StatusOr<Funnel> funnel = BuildFunnel(simulation.Year(1.0));
    EXPECT_TRUE(funnel.ok()) << funnel.status();
    if (!funnel.ok()) continue;
    result.negative_binomial += funnel->negative_binomial;
    for (const FunnelPoint& point : funnel->points) {
      ++result.unit_years;
      const bool red = point.flag == FunnelFlag::kRed;
      result.red += red;
      result.amber_or_red += point.flag != FunnelFlag::kNone;
      // kHeadcounts ascend but for the unit of 40, which is in the first third.
      if (red) ++result.red_by_third[3 * (point.unit_id - 1) / kHeadcounts.size()];
    }
  }
  std::cout << "false red " << result.red << " of " << result.unit_years << " unit-years = " << result.RedRate()
            << " (by thirds of units, smallest first: " << result.red_by_third[0] << ", " << result.red_by_third[1]
            << ", " << result.red_by_third[2] << "); amber or red "
            << static_cast<double>(result.amber_or_red) / result.unit_years << "; negative binomial in "
            << result.negative_binomial << " of " << years << " years\n";
  ::testing::Test::RecordProperty("false_red_rate", std::to_string(result.RedRate()));
  return result;
}

double Margin(int64_t unit_years) { return 2.576 * std::sqrt(kRedTail * (1 - kRedTail) / unit_years); }

TEST(FunnelSimulationTest, FalseRedRateIsWithinTheBinomialMarginOfTheNominal) {
  // 1000 clean years of 30 units: 30,000 unit-years. The margin is 2.576
  // binomial standard deviations of 0.2% at that size (a 99% interval),
  // +/- 0.066 percentage points.
  const CleanYears clean = RunCleanYears(1000, 1, 2);
  EXPECT_NEAR(clean.RedRate(), kRedTail, Margin(clean.unit_years));
}

// The long-run rate docs/INSIGHTS.md quotes: 900,000 unit-years, about 40
// seconds, so disabled; run it with --gtest_also_run_disabled_tests. Its
// margin is +/- 0.012 percentage points, which the mid-p convention's
// discreteness does not meet (see docs/INSIGHTS.md), so it reports rather
// than asserts.
TEST(FunnelSimulationTest, DISABLED_LongRunFalseRedRate) { RunCleanYears(30000, 5, 6); }

}  // namespace
}  // namespace candour::core
