// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The empirical privacy audit of the noise stage (insights acceptance 3). A
// fixture organisation with a small unit (Day surgery, 12 staff) is counted
// into every table of the default plan twice: as D, and as D' = D plus one
// report in the small unit. Each table is noised by core/insight_noise.h at
// its planned ε, 200,000 times for each of D and D' from fixed seeds, and for
// events fixed in advance the Clopper–Pearson lower bound on the log ratio
// of their probabilities, in both directions, must not exceed the claimed ε.
//
// The events, fixed before any noise is drawn. For each planned release r,
// let c be the cell the extra report lands in, x its true count under D and
// k = x + 1; the events are {noisy c >= k} and its complement {noisy c < k}.
// Jointly, {every release's cell >= its k} and {every one < its k}, claimed
// at the sum of the releases' ε (the plan's per-report 1.8). Why k = x + 1:
// for discrete Laplace noise N of ratio q = exp(-ε/s), P(N >= m - 1) /
// P(N >= m) = 1/q = e^(ε/s) for every m >= 1, so these events sit exactly
// where the privacy bound is tight (a looser event would only make the audit
// weaker), and m = 1 gives P_D = q/(1+q), between 0.33 and 0.49 for these ε:
// computed from the exact distribution and checked below, never from
// outcomes. The joint events have P_D near 0.003 and 0.017.
//
// The statistics: 16 events in two directions make 32 bounds, each from two
// one-sided Clopper–Pearson bounds (an upper bound on the denominator's
// probability and a lower bound on the numerator's), so Bonferroni gives each
// alpha = 0.001 / 64 and all 32 bounds hold together with probability at
// least 99.9%. The negative control draws the same audit at half the scale
// (2ε) and must show a bound above the claimed ε. The seeds are fixed, so
// both results are the same on every run.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "core/budget_ledger.h"
#include "core/epsilon.h"
#include "core/insight_noise.h"
#include "core/insight_tables.h"
#include "core/insight_units.h"
#include "tests/testing/clopper_pearson.h"
#include "tests/testing/counter_random_source.h"

#include "tests/core/department.h"

namespace candour::core {
namespace {

using noise::Fraction;

constexpr int kRuns = 200000;
constexpr long double kFamilyAlpha = 0.001L;

using testing::Dept;

constexpr uint32_t kDaySurgery = 6;  // the small unit: 12 staff

UnitMap Fixture() {
  // Units: Theatres, Day surgery (Surgery); Maternity, Neonatal and small
  // teams (Women and Children; Chaplaincy's 4 staff join Neonatal).
  auto map =
      BuildUnitMap({Dept(5, "Theatres", "Surgery", 160), Dept(kDaySurgery, "Day surgery", "Surgery", 12),
                    Dept(1, "Maternity", "Women and Children", 120), Dept(2, "Neonatal", "Women and Children", 30),
                    Dept(7, "Chaplaincy", "Women and Children", 4)});
  EXPECT_TRUE(map.ok()) << map.status();
  return *map;
}

// D: forty reports spread over every department, kind, characteristic and
// source, and one linked pair; two of them in Day surgery.
std::vector<std::vector<CountedReport>> ReportsD() {
  const uint32_t departments[] = {5, 1, 2, 7, 1, 5, 2, 1, 5, 1};
  std::vector<std::vector<CountedReport>> groups;
  for (int i = 0; i < 40; ++i) {
    const uint16_t characteristics = i % 7 == 0 ? 0x0003 : static_cast<uint16_t>(1u << (i % 10));
    groups.push_back(
        {{departments[i % 10], static_cast<uint8_t>(1 + i % 6), characteristics, static_cast<uint8_t>(1 + i % 5)}});
  }
  groups.push_back({{kDaySurgery, 2, 1u << 7, 2}});
  groups.push_back({{kDaySurgery, 1, 1u << 9, 3}, {1, 1, 1u << 9, 3}});  // linked across units
  return groups;
}

// The one report D' adds: bullying, race, by a manager, in Day surgery.
const CountedReport kExtra = {kDaySurgery, 3, 1u << 5, 1};

// One planned release as the audit sees it: its true tables under D and D',
// and the event cell and threshold, fixed before any noise is drawn.
struct AuditedRelease {
  std::string name;
  InsightTable table;
  Fraction epsilon;
  uint32_t sensitivity;
  std::vector<int64_t> cells_d;
  std::vector<int64_t> cells_d_prime;
  size_t cell;
  int64_t threshold;
};

std::vector<AuditedRelease> Releases(const UnitMap& map) {
  std::vector<std::vector<CountedReport>> d = ReportsD();
  std::vector<std::vector<CountedReport>> d_prime = d;
  d_prime.push_back({kExtra});
  std::vector<AuditedRelease> out;
  for (const PlannedRelease& p : DefaultPlan(2026).releases) {
    AuditedRelease r{TableName(p.table) + (p.granularity == Granularity::kYear ? " (year)" : " (quarter)"),
                     p.table,
                     p.epsilon,
                     L1Sensitivity(p.table, map),
                     CountTable(p.table, map, d),
                     CountTable(p.table, map, d_prime),
                     CellsOf(p.table, map, kExtra).at(0),
                     0};
    r.threshold = r.cells_d[r.cell] + 1;
    out.push_back(r);
  }
  return out;
}

// Hits per event: for release i, [2i] is {cell >= k} and [2i + 1] is
// {cell < k}; the last two are the joint {all >= k} and {all < k}.
using Hits = std::vector<int64_t>;

// Noises every release's whole table in each run of one world, through
// NoiseCells exactly as a release would (only the event cells are read; the
// rest cost little), from a source seeded per run, and counts the events.
// The seed packs the run, the world and the control, so seeds differ by less
// than 2^21; two SplitMix64 streams overlap only if some multiple k of the
// increment 0x9E3779B97F4A7C15 is within that of 0 mod 2^64, and by the
// continued fraction of increment / 2^64 the first k within 2^22 is about
// 4 x 10^12, far beyond the few thousand draws a run takes.
Hits RunWorld(const std::vector<AuditedRelease>& releases, bool d_prime, int epsilon_multiplier) {
  Hits hits(2 * releases.size() + 2, 0);
  const Fraction multiplier = noise::MakeFraction(static_cast<uint64_t>(epsilon_multiplier), 1).value;
  for (int run = 0; run < kRuns; ++run) {
    testing::CounterRandomSource counter((uint64_t(run) << 3) | (d_prime ? 4 : 0) | uint64_t(epsilon_multiplier));
    bool all_at_least = true;
    bool all_below = true;
    for (size_t i = 0; i < releases.size(); ++i) {
      const AuditedRelease& r = releases[i];
      const absl::StatusOr<std::vector<int64_t>> noisy =
          NoiseCells(d_prime ? r.cells_d_prime : r.cells_d, r.sensitivity, noise::Multiply(r.epsilon, multiplier).value,
                     counter.source());
      EXPECT_TRUE(noisy.ok()) << noisy.status();
      const bool at_least = noisy.ok() && (*noisy)[r.cell] >= r.threshold;
      ++hits[2 * i + (at_least ? 0 : 1)];
      all_at_least = all_at_least && at_least;
      all_below = all_below && !at_least;
    }
    hits[hits.size() - 2] += all_at_least;
    hits[hits.size() - 1] += all_below;
  }
  return hits;
}

struct EventBound {
  std::string name;
  long double claimed;
  int64_t hits_d;
  int64_t hits_d_prime;
  long double forward;   // lower bound on ln P_D'(E) / P_D(E)
  long double backward;  // lower bound on ln P_D(E) / P_D'(E)
};

// A lower bound on ln(p_num / p_den) from hit counts, each side at `alpha`.
long double LogRatioLowerBound(int64_t num_hits, int64_t den_hits, long double alpha) {
  const long double num = testing::ClopperPearsonLower(num_hits, kRuns, alpha);
  const long double den = testing::ClopperPearsonUpper(den_hits, kRuns, alpha);
  return num > 0 ? std::log(num / den) : -INFINITY;
}

long double ToLongDouble(Fraction f) { return static_cast<long double>(f.num()) / f.den(); }

std::vector<EventBound> Audit(const std::vector<AuditedRelease>& releases, int epsilon_multiplier) {
  const Hits d = RunWorld(releases, false, epsilon_multiplier);
  const Hits d_prime = RunWorld(releases, true, epsilon_multiplier);
  const long double alpha = kFamilyAlpha / (2 * 2 * static_cast<long double>(d.size()));
  std::vector<EventBound> bounds;
  long double joint = 0;
  for (size_t e = 0; e < d.size(); ++e) {
    EventBound b;
    if (e < 2 * releases.size()) {
      const AuditedRelease& r = releases[e / 2];
      b.name = r.name + (e % 2 == 0 ? " >= " : " < ") + std::to_string(r.threshold);
      b.claimed = ToLongDouble(r.epsilon);
      joint += e % 2 == 0 ? b.claimed : 0;
    } else {
      b.name = e + 2 == d.size() ? "joint: every cell >= its k" : "joint: every cell < its k";
      b.claimed = joint;
    }
    b.hits_d = d[e];
    b.hits_d_prime = d_prime[e];
    b.forward = LogRatioLowerBound(d_prime[e], d[e], alpha);
    b.backward = LogRatioLowerBound(d[e], d_prime[e], alpha);
    bounds.push_back(b);
  }
  return bounds;
}

void Print(const char* title, const std::vector<EventBound>& bounds) {
  std::printf("%s (%d runs a world; 99.9%% for all 32 bounds together)\n", title, kRuns);
  std::printf("  %-42s %7s %8s %8s %10s %10s\n", "event", "claimed", "P_D", "P_D'", "ln D'/D >=", "ln D/D' >=");
  for (const EventBound& b : bounds) {
    std::printf("  %-42s %7.3Lf %8.5f %8.5f %10.4Lf %10.4Lf\n", b.name.c_str(), b.claimed,
                static_cast<double>(b.hits_d) / kRuns, static_cast<double>(b.hits_d_prime) / kRuns, b.forward,
                b.backward);
  }
}

TEST(PrivacyAuditTest, FixtureAndEventsAreAsDesigned) {
  const UnitMap map = Fixture();
  const std::vector<AuditedRelease> releases = Releases(map);
  ASSERT_EQ(releases.size(), 7u);
  EXPECT_EQ(map.units[map.unit_of.at(kDaySurgery)].headcount, 12u);
  Fraction total;
  for (const AuditedRelease& r : releases) {
    SCOPED_TRACE(r.name);
    EXPECT_EQ(r.sensitivity, 1u);
    // D' differs from D by one in the event cell and nowhere else.
    std::vector<int64_t> expected = r.cells_d;
    ++expected[r.cell];
    EXPECT_EQ(r.cells_d_prime, expected);
    // P_D(event) = P(N >= 1) = q / (1 + q), from the distribution alone.
    const long double q = std::exp(-ToLongDouble(r.epsilon) / r.sensitivity);
    EXPECT_GE(q / (1 + q), 0.1L);
    EXPECT_LE(q / (1 + q), 0.5L);
    total = noise::Add(total, r.epsilon).value;
  }
  EXPECT_EQ(FormatEpsilon(total), "1.8");  // the joint events' claim: the plan's per-report ε
}

TEST(PrivacyAuditTest, NoBoundExceedsTheClaimedEpsilon) {
  const std::vector<EventBound> bounds = Audit(Releases(Fixture()), 1);
  Print("Privacy audit", bounds);
  for (const EventBound& b : bounds) {
    EXPECT_LE(b.forward, b.claimed) << b.name;
    EXPECT_LE(b.backward, b.claimed) << b.name;
  }
}

TEST(PrivacyAuditTest, NegativeControlAtHalfTheScaleFails) {
  const std::vector<EventBound> bounds = Audit(Releases(Fixture()), 2);
  Print("Negative control: noise at half the scale (2 epsilon)", bounds);
  int over = 0;
  for (const EventBound& b : bounds) over += (b.forward > b.claimed) + (b.backward > b.claimed);
  EXPECT_GE(over, 1);
  // More than the acceptance asks: at this size the audit sees the doubled
  // ε on every event, in the direction where the event is tight.
  for (const EventBound& b : bounds) EXPECT_GT(std::max(b.forward, b.backward), b.claimed) << b.name;
}

}  // namespace
}  // namespace candour::core
