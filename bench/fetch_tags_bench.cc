// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The server's side of a release (issue 5): InsightsService::FetchTags over
// a year of N reports in a RocksDB store opened with candourd's defaults,
// called in process (no gRPC). FetchTags gathers the period's tags in
// memory, shuffles them, then streams them 8192 to a message with each
// report's link marks (one workflow read per report). Prints the wall time,
// µs per tag and the heap the gathered tags hold when the first message is
// written (malloc's bytes in use, against the same figure just before the
// call). Run twice in one process: the second run starts with RocksDB's
// block cache already full, so its heap figure is the tags alone.
//   fetch_tags_bench --fill --tags N   fills --dir (default /tmp/candour-fetch-bench)
//   fetch_tags_bench [--runs R]        fetches the year from it
#include <malloc.h>
#include <sodium.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <string>

#include "absl/strings/numbers.h"
#include "core/period.h"
#include "crypto/sodium.h"
#include "services/audit_trail.h"
#include "services/directory_registry.h"
#include "services/insights_service.h"
#include "services/sessions.h"
#include "storage/rocksdb_report_store.h"

namespace candour::bench {
namespace {

using Clock = std::chrono::steady_clock;

struct Options {
  bool fill = false;
  size_t tags = 1000000;
  int runs = 2;
  std::string dir = "/tmp/candour-fetch-bench";
};

[[noreturn]] void Die(const std::string& message) {
  std::fprintf(stderr, "fetch_tags_bench: %s\n", message.c_str());
  std::exit(1);
}

Options ParseOptions(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if (flag == "--fill") {
      o.fill = true;
      continue;
    }
    if (i + 1 >= argc) Die(flag + " needs a value");
    const std::string value = argv[++i];
    bool ok = true;
    if (flag == "--tags") {
      ok = absl::SimpleAtoi(value, &o.tags) && o.tags > 0;
    } else if (flag == "--runs") {
      ok = absl::SimpleAtoi(value, &o.runs) && o.runs > 0;
    } else if (flag == "--dir") {
      o.dir = value;
    } else {
      Die("unknown flag " + flag + " (--fill --tags N --runs R --dir D)");
    }
    if (!ok) Die("bad value for " + flag + ": " + value);
  }
  return o;
}

std::string Random(size_t n) {
  std::string s(n, '\0');
  randombytes_buf(s.data(), n);
  return s;
}

// Bytes malloc holds for the program, small chunks and mmapped ones alike.
double HeapMiB() {
  const struct mallinfo2 info = mallinfo2();
  return static_cast<double>(info.uordblks + info.hblkhd) / (1024.0 * 1024.0);
}

double PeakRssMiB() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // KiB on Linux
}

const core::Period& Year() {
  static const core::Period year = core::ParsePeriod("2025-26").value();
  return year;
}

// N reports spread over the year's days, each with a 64-byte sealed tag (not
// opened here: the server never can), a small envelope, one case key and a
// receipt; no workflow records, so no link marks.
void Fill(const Options& options) {
  std::filesystem::remove_all(options.dir);
  auto store = storage::RocksDbReportStore::Open(options.dir);
  if (!store.ok()) Die("open: " + std::string(store.status().message()));
  const Clock::time_point start = Clock::now();
  const int days = Year().last_day - Year().first_day + 1;
  for (size_t n = 0; n < options.tags;) {
    storage::UnitOfWork unit;
    for (int i = 0; i < 100 && n < options.tags; ++i, ++n) {
      storage::NewReport r;
      r.report_id = Random(16);
      r.received_day = Year().first_day + static_cast<int32_t>(n % static_cast<size_t>(days));
      r.envelope = Random(256);
      r.sealed_tag = Random(64);
      r.case_keys.push_back({Random(16), Random(80)});
      r.receipt_lookup_hash = Random(32);
      r.receipt_sealed_case_key = Random(80);
      unit.AddReport(std::move(r));
    }
    if (auto c = (*store)->Commit(unit); !c.ok()) Die("commit: " + std::string(c.status().message()));
  }
  std::printf("filled %s with %zu reports in %.1f s\n", options.dir.c_str(), options.tags,
              std::chrono::duration<double>(Clock::now() - start).count());
}

void Fetch(const Options& options) {
  auto store = storage::RocksDbReportStore::Open(options.dir);
  if (!store.ok()) Die("open: " + std::string(store.status().message()));
  auto audit = services::AuditTrail::Load(store->get(), [] { return static_cast<int64_t>(std::time(nullptr)); });
  if (!audit.ok()) Die("audit: " + std::string(audit.status().message()));
  auto directories = services::DirectoryRegistry::Load(store->get(), audit->get(), Random(32));
  if (!directories.ok()) Die("directories: " + std::string(directories.status().message()));
  services::InsightsService insights(store->get(), directories->get(), audit->get(),
                                     [] { return core::TodayInLondon(); });
  services::Caller caller;
  caller.account = "bench";
  candour::v1::FetchTagsRequest request;
  request.set_period(Year().name);
  std::printf("run  tags     fetch_s  us/tag  heap_before_MiB  heap_at_first_message_MiB  bytes/tag  peak_rss_MiB\n");
  for (int run = 1; run <= options.runs; ++run) {
    size_t tags = 0;
    double heap_at_first = 0;
    const double heap_before = HeapMiB();
    const Clock::time_point start = Clock::now();
    absl::Status fetched = insights.FetchTags(caller, request, [&](const candour::v1::FetchTagsResponse& message) {
      if (tags == 0) heap_at_first = HeapMiB();
      tags += static_cast<size_t>(message.reports_size());
      return true;
    });
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    if (!fetched.ok()) Die("FetchTags: " + std::string(fetched.message()));
    const double per_tag = (heap_at_first - heap_before) * 1024 * 1024 / static_cast<double>(tags);
    std::printf("%-4d %-8zu %7.2f  %6.2f  %15.1f  %25.1f  %9.0f  %12.0f\n", run, tags, seconds,
                seconds / static_cast<double>(tags) * 1e6, heap_before, heap_at_first, per_tag, PeakRssMiB());
    std::fflush(stdout);
  }
}

int Main(int argc, char** argv) {
  const Options options = ParseOptions(argc, argv);
  if (!crypto::InitSodium().ok()) Die("libsodium did not initialise");
  if (options.fill) {
    Fill(options);
  } else {
    Fetch(options);
  }
  return 0;
}

}  // namespace
}  // namespace candour::bench

int main(int argc, char** argv) { return candour::bench::Main(argc, argv); }
