// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// Resident memory of the RocksDB store as it fills: commits N reports of the
// smallest bucket (a 1 KiB envelope, three case keys, a receipt, an arrival)
// in units of 100, with candourd's default RocksDB options, and prints the
// process's resident set every `--every` reports, then again after random
// reads across the whole key space. Bounded options keep it flat: a growing
// number of table files must not grow index and filter memory.
#include <sodium.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "absl/strings/numbers.h"
#include "storage/rocksdb_report_store.h"

namespace candour::bench {
namespace {

namespace fs = std::filesystem;

long ResidentKiB() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  }
  return -1;
}

std::string Random(size_t n) {
  std::string s(n, '\0');
  randombytes_buf(s.data(), n);
  return s;
}

std::string IdFor(uint64_t n) {
  // Deterministic ids, so the read phase can find them again; spread like random ones.
  std::string id(16, '\0');
  crypto_generichash(reinterpret_cast<unsigned char*>(id.data()), 16, reinterpret_cast<unsigned char*>(&n), sizeof n,
                     nullptr, 0);
  return id;
}

storage::NewReport MakeReport(uint64_t n, const std::string& ciphertext) {
  storage::NewReport r;
  r.report_id = IdFor(n);
  r.received_day = 20000 + static_cast<int32_t>(n / 1000);
  r.envelope = ciphertext;  // same size and entropy as a real 1 KiB-bucket envelope
  r.envelope.replace(0, 16, r.report_id);
  r.sealed_tag = Random(64);
  for (int k = 0; k < 3; ++k) r.case_keys.push_back({std::string(15, 'k') + char('a' + k), Random(80)});
  r.receipt_lookup_hash = Random(32);
  r.receipt_sealed_case_key = Random(80);
  return r;
}

int Main(int argc, char** argv) {
  uint64_t total = 1000000, every = 100000;
  std::string dir = "/tmp/candour-memory-bench";
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    if (flag == "--reports") absl::SimpleAtoi(argv[i + 1], &total);
    else if (flag == "--every") absl::SimpleAtoi(argv[i + 1], &every);
    else if (flag == "--dir") dir = argv[i + 1];
  }
  if (sodium_init() < 0) return 1;
  fs::remove_all(dir);
  auto store = storage::RocksDbReportStore::Open(dir);  // candourd's defaults
  if (!store.ok()) return 1;
  const std::string ciphertext = Random(1024 + 16 + 300);  // envelope: ciphertext + fields
  auto start = std::chrono::steady_clock::now();
  std::printf("reports    rss_MiB  elapsed_s\n");
  for (uint64_t n = 0; n < total;) {
    storage::UnitOfWork unit;
    for (int i = 0; i < 100 && n < total; ++i, ++n) unit.AddReport(MakeReport(n, ciphertext));
    if (auto c = (*store)->Commit(unit); !c.ok()) {
      std::fprintf(stderr, "commit failed\n");
      return 1;
    }
    if (n % every == 0) {
      double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      std::printf("%-10llu %7.1f  %7.1f\n", static_cast<unsigned long long>(n), ResidentKiB() / 1024.0, s);
      std::fflush(stdout);
    }
  }
  for (int i = 0; i < 200000; ++i) {
    auto r = (*store)->GetReport(IdFor(randombytes_uniform(static_cast<uint32_t>(total))));
    if (!r.ok()) {
      std::fprintf(stderr, "read failed\n");
      return 1;
    }
  }
  std::printf("after 200000 random reads: rss %.1f MiB\n", ResidentKiB() / 1024.0);
  uint64_t bytes = 0;
  for (const auto& f : fs::recursive_directory_iterator(dir)) bytes += f.is_regular_file() ? f.file_size() : 0;
  std::printf("data dir: %.1f MiB\n", bytes / 1048576.0);
  store->reset();
  fs::remove_all(dir);
  return 0;
}

}  // namespace
}  // namespace candour::bench

int main(int argc, char** argv) { return candour::bench::Main(argc, argv); }
