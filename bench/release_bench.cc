// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The release holder's cost of an insights release (issue 5: a release over
// 1 M sealed tags in under 60 s on the 2-core machine). Builds a directory of
// 300 departments in 12 directorates (headcounts 5..200) and its unit map,
// seals N aggregation tags and M link marks to a fresh aggregation key (on
// every core, timed apart and never inside a measured window), then times
// clients::MakeRelease for the year's tables of the default plan, at each
// thread setting. The baseline in the same run is the bare crypto::OpenTag
// of every tag split over the same threads: the floor MakeRelease cannot go
// below. Prints wall and CPU seconds, wall µs per tag and the peak resident
// set. Usage: release_bench [--tags N] [--marks M] [--threads 0,1] [--runs R].
#include <sodium.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "candour/v1/directory.pb.h"
#include "candour/v1/insights.pb.h"
#include "clients/release_maker.h"
#include "core/budget_ledger.h"
#include "core/insight_release.h"
#include "core/insight_units.h"
#include "crypto/keys.h"
#include "crypto/link_mark.h"
#include "crypto/sealed_tag.h"
#include "crypto/sodium.h"
#include "crypto/sodium_random_source.h"

namespace candour::bench {
namespace {

using Clock = std::chrono::steady_clock;

struct Options {
  size_t tags = 1000000;
  size_t marks = 0;  // default: one per 100 tags
  bool marks_given = false;
  std::vector<unsigned> threads = {0, 1};
  int runs = 2;
};

[[noreturn]] void Die(const std::string& message) {
  std::fprintf(stderr, "release_bench: %s\n", message.c_str());
  std::exit(1);
}

Options ParseOptions(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; i += 2) {
    const std::string flag = argv[i];
    if (i + 1 >= argc) Die(flag + " needs a value");
    const std::string value = argv[i + 1];
    bool ok = true;
    if (flag == "--tags") {
      ok = absl::SimpleAtoi(value, &o.tags) && o.tags > 0;
    } else if (flag == "--marks") {
      ok = absl::SimpleAtoi(value, &o.marks);
      o.marks_given = true;
    } else if (flag == "--runs") {
      ok = absl::SimpleAtoi(value, &o.runs) && o.runs > 0;
    } else if (flag == "--threads") {
      o.threads.clear();
      for (absl::string_view t : absl::StrSplit(value, ',')) {
        unsigned n = 0;
        ok = ok && absl::SimpleAtoi(t, &n);
        o.threads.push_back(n);
      }
    } else {
      Die("unknown flag " + flag + " (--tags N --marks M --threads 0,1 --runs R)");
    }
    if (!ok) Die("bad value for " + flag + ": " + value);
  }
  if (!o.marks_given) o.marks = o.tags / 100;
  if (o.marks > 0 && o.tags < 2) Die("link marks need at least two tags");
  return o;
}

double PeakRssMiB() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;  // KiB on Linux
}

double Seconds(Clock::time_point since) { return std::chrono::duration<double>(Clock::now() - since).count(); }

// Runs work(first, last) over [0, n) split into `threads` contiguous ranges.
void Split(size_t n, unsigned threads, const std::function<void(size_t, size_t)>& work) {
  threads = std::max(1u, threads);
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work, n * t / threads, n * (t + 1) / threads);
  work(0, n / threads);
  for (std::thread& thread : pool) thread.join();
}

unsigned Cores() { return std::max(1u, std::thread::hardware_concurrency()); }

// 300 departments in 12 directorates, headcounts uniform in 5..200, the same
// every run. Some are under the minimum and merge into small-teams units.
std::vector<candour::v1::Department> Departments() {
  std::mt19937 rng(20261124);
  std::uniform_int_distribution<uint32_t> headcount(5, 200);
  std::vector<candour::v1::Department> departments;
  for (uint32_t id = 1; id <= 300; ++id) {
    candour::v1::Department d;
    d.set_id(id);
    d.set_name("Department " + std::to_string(id));
    d.set_directorate("Directorate " + std::to_string((id - 1) % 12 + 1));
    d.set_headcount(headcount(rng));
    departments.push_back(std::move(d));
  }
  return departments;
}

// A valid tag: a department drawn by headcount, any kind and source, and
// "none / not sure" or one or two of the nine characteristics.
crypto::AggregationTag RandomTag(std::mt19937_64& rng, std::discrete_distribution<size_t>& department,
                                 const std::vector<candour::v1::Department>& departments) {
  crypto::AggregationTag tag;
  tag.department_id = departments[department(rng)].id();
  tag.kind = static_cast<uint8_t>(1 + rng() % 6);
  tag.source = static_cast<uint8_t>(1 + rng() % 5);
  const uint64_t draw = rng() % 10;
  if (draw < 4) {
    tag.characteristics = crypto::kNoneOrNotSureBit;
  } else {
    tag.characteristics = static_cast<uint16_t>(1u << (rng() % 9));
    if (draw >= 8) tag.characteristics |= static_cast<uint16_t>(1u << (rng() % 9));
  }
  return tag;
}

std::vector<candour::v1::TaggedReport> SealTags(size_t n, const std::vector<candour::v1::Department>& departments,
                                                const std::string& aggregation_public_key) {
  std::vector<double> weights;
  for (const candour::v1::Department& d : departments) weights.push_back(d.headcount());
  std::vector<candour::v1::TaggedReport> reports(n);
  Split(n, Cores(), [&](size_t first, size_t last) {
    std::mt19937_64 rng(first);
    std::discrete_distribution<size_t> department(weights.begin(), weights.end());
    for (size_t i = first; i < last; ++i) {
      std::string id(16, '\0');
      randombytes_buf(id.data(), id.size());
      absl::StatusOr<std::string> sealed =
          crypto::SealTag(RandomTag(rng, department, departments), aggregation_public_key);
      if (!sealed.ok()) Die("SealTag: " + std::string(sealed.status().message()));
      reports[i].set_report_id(std::move(id));
      reports[i].set_sealed_tag(*std::move(sealed));
    }
  });
  return reports;
}

struct Guardians {
  std::vector<crypto::RecipientKeys> keys;
  std::map<std::string, std::string> public_key_of;  // key id -> Ed25519 key
};

Guardians MakeGuardians() {
  Guardians g;
  for (int i = 0; i < 3; ++i) {
    g.keys.push_back(crypto::NewRecipientKeys());
    g.public_key_of[g.keys.back().key_id] = g.keys.back().sign.public_key;
  }
  return g;
}

// `n` marks between random pairs of reports: 45 % same incident, 45 %
// duplicate, 10 % malicious, each signed by one of the Guardians.
std::vector<std::string> SealMarks(size_t n, const std::vector<candour::v1::TaggedReport>& reports,
                                   const Guardians& guardians, const std::string& organisation_id,
                                   const std::string& aggregation_public_key) {
  std::vector<std::string> marks(n);
  Split(n, Cores(), [&](size_t first, size_t last) {
    std::mt19937_64 rng(~first);
    for (size_t i = first; i < last; ++i) {
      const size_t here = rng() % reports.size();
      const size_t there = (here + 1 + rng() % (reports.size() - 1)) % reports.size();
      const uint64_t draw = rng() % 20;
      crypto::LinkMark mark;
      mark.report_id = reports[here].report_id();
      mark.other_report_id = reports[there].report_id();
      mark.relation = draw < 9    ? candour::v1::LINK_RELATION_SAME_INCIDENT
                      : draw < 18 ? candour::v1::LINK_RELATION_DUPLICATE
                                  : candour::v1::LINK_RELATION_MALICIOUS;
      const crypto::RecipientKeys& author = guardians.keys[i % guardians.keys.size()];
      mark.author_key_id = author.key_id;
      absl::StatusOr<std::string> sealed =
          crypto::SealLinkMark(mark, author.sign, organisation_id, aggregation_public_key);
      if (!sealed.ok()) Die("SealLinkMark: " + std::string(sealed.status().message()));
      marks[i] = *std::move(sealed);
    }
  });
  return marks;
}

// Wall and CPU seconds (user and system, every thread of the process). On
// the shared machine another tenant can take a core: a window whose CPU
// seconds are close to its wall seconds ran on one core, whatever it asked.
struct Timing {
  double wall = 0;
  double cpu = 0;
};

double CpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

Timing Time(const std::function<void()>& fn) {
  const double cpu = CpuSeconds();
  const Clock::time_point start = Clock::now();
  fn();
  return {Seconds(start), CpuSeconds() - cpu};
}

// The baseline: every tag opened and nothing else, on `threads` threads.
Timing OpenOnly(const std::vector<candour::v1::TaggedReport>& reports, const crypto::X25519KeyPair& key,
                unsigned threads) {
  return Time([&] {
    Split(reports.size(), threads, [&](size_t first, size_t last) {
      for (size_t i = first; i < last; ++i) {
        if (!crypto::OpenTag(reports[i].sealed_tag(), key).ok()) Die("a tag did not open");
      }
    });
  });
}

Timing TimedRelease(const clients::ReleaseInputs& inputs, const std::vector<candour::v1::TaggedReport>& reports,
                    const std::vector<std::string>& marks) {
  absl::StatusOr<clients::ReleaseMade> made = absl::UnknownError("not run");
  const Timing timing = Time([&] { made = clients::MakeRelease(inputs, reports, marks); });
  if (!made.ok()) Die("MakeRelease: " + std::string(made.status().message()));
  if (made->malformed_tags != 0 || made->unreadable_marks != 0) Die("valid tags or marks were dropped");
  return timing;
}

// Everything a release needs, made before any timed window.
struct Setup {
  std::vector<candour::v1::Department> departments = Departments();
  core::UnitMap map;
  crypto::X25519KeyPair aggregation = crypto::NewX25519KeyPair();
  Guardians guardians = MakeGuardians();
  std::string organisation_id = "bench-organisation";
  core::Period period = core::ParsePeriod("2025-26").value();  // a whole year: the yearly tables
};

clients::ReleaseInputs InputsFor(const Setup& setup) {
  clients::ReleaseInputs inputs;
  inputs.period = setup.period;
  inputs.map = &setup.map;
  inputs.tables = core::PlannedTablesFor(core::DefaultPlan(setup.period.start_year), setup.period);
  inputs.aggregation = &setup.aggregation;
  inputs.organisation_id = setup.organisation_id;
  inputs.author_public_key = [&setup](std::string_view key_id) -> std::optional<std::string> {
    auto it = setup.guardians.public_key_of.find(std::string(key_id));
    if (it == setup.guardians.public_key_of.end()) return std::nullopt;
    return it->second;
  };
  inputs.noise = crypto::SodiumRandomSource();
  return inputs;
}

// Times the baseline, then MakeRelease, at each thread setting, `runs` times.
void Measure(const Options& options, const Setup& setup, const std::vector<candour::v1::TaggedReport>& reports,
             const std::vector<std::string>& marks) {
  clients::ReleaseInputs inputs = InputsFor(setup);
  const double n = static_cast<double>(reports.size());
  std::printf(
      "run  threads  open_s  open_cpu_s  open_us/tag  release_s  release_cpu_s  release_us/tag  release/open  "
      "peak_rss_MiB\n");
  for (int run = 1; run <= options.runs; ++run) {
    for (unsigned threads : options.threads) {
      inputs.threads = threads;
      const unsigned used = threads != 0 ? threads : Cores();
      const std::string label = threads != 0 ? std::to_string(threads) : "0 (" + std::to_string(used) + ")";
      const Timing open = OpenOnly(reports, setup.aggregation, used);
      const Timing release = TimedRelease(inputs, reports, marks);
      std::printf("%-4d %-8s %6.2f  %10.2f  %11.2f  %9.2f  %13.2f  %14.2f  %12.2f  %12.0f\n", run, label.c_str(),
                  open.wall, open.cpu, open.wall / n * 1e6, release.wall, release.cpu, release.wall / n * 1e6,
                  release.wall / open.wall, PeakRssMiB());
      std::fflush(stdout);
    }
  }
}

int Main(int argc, char** argv) {
  const Options options = ParseOptions(argc, argv);
  if (!crypto::InitSodium().ok()) Die("libsodium did not initialise");
  Setup setup;
  absl::StatusOr<core::UnitMap> map = core::BuildUnitMap(setup.departments);
  if (!map.ok()) Die("BuildUnitMap: " + std::string(map.status().message()));
  setup.map = *std::move(map);

  std::vector<candour::v1::TaggedReport> reports;
  const Timing tags = Time([&] { reports = SealTags(options.tags, setup.departments, setup.aggregation.public_key); });
  std::vector<std::string> marks;
  const Timing sealed_marks = Time([&] {
    marks = SealMarks(options.marks, reports, setup.guardians, setup.organisation_id, setup.aggregation.public_key);
  });

  std::printf("tags %zu, link marks %zu; %zu departments, %zu directorate groups, %zu units; %s, %zu tables\n",
              reports.size(), marks.size(), setup.departments.size(), setup.map.directorates.size(),
              setup.map.units.size(), setup.period.name.c_str(),
              core::PlannedTablesFor(core::DefaultPlan(setup.period.start_year), setup.period).size());
  std::printf(
      "generation on %u threads: tags %.1f s (%.1f s CPU, %.1f us CPU per tag), marks %.1f s; peak RSS %.0f MiB\n",
      Cores(), tags.wall, tags.cpu, tags.cpu / static_cast<double>(reports.size()) * 1e6, sealed_marks.wall,
      PeakRssMiB());
  Measure(options, setup, reports, marks);
  return 0;
}

}  // namespace
}  // namespace candour::bench

int main(int argc, char** argv) { return candour::bench::Main(argc, argv); }
