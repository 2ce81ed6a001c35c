// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The submit ratio of ../shared/BENCHMARKS.md: the server's cost of accepting
// a report, against the cheapest server that could do the same durable job.
//   baseline: gRPC unary call -> one RocksDB put of the same bytes, synced WAL
//   candour:  IntakeService.SubmitReport with a real envelope, all validation,
//             the real WriteBatch
// Both run in this process on 127.0.0.1 at each client count, each on a fresh
// data dir, so one pool of envelopes built before the timed windows serves
// every run. After a warm-up each, the load alternates between them in short
// slices (--slice, 1 s) until each has had --seconds: the machine is shared,
// and slow drift then falls on both alike. Prints req/s, p50, p99, the ratio.
#include <grpcpp/grpcpp.h>
#include <grpcpp/resource_quota.h>
#include <rocksdb/db.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "bare_store.grpc.pb.h"
#include "clients/intake_client.h"
#include "crypto/bytes.h"
#include "services/server_grpc.h"
#include "storage/rocksdb_report_store.h"
#include "tests/testing/test_org.h"

namespace candour::bench {
namespace {

using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

struct Options {
  double seconds = 10;
  double warmup = 2;
  double slice = 1;  // seconds per alternation
  int runs = 2;
  std::vector<int> clients = {1, 16, 64};
  size_t pool = 100000;
  size_t plaintext = 4096;
  std::string dir = "/tmp/candour-bench";
  // The baseline's gRPC thread settings: candourd's own (the fair default), or
  // gRPC's defaults, which start and end a thread for nearly every call.
  bool baseline_grpc_defaults = false;
};

[[noreturn]] void Die(const std::string& message) {
  std::fprintf(stderr, "submit_bench: %s\n", message.c_str());
  std::exit(1);
}

struct Result {
  double rps = 0, p50_ms = 0, p99_ms = 0;
  size_t requests = 0;
  bool pool_exhausted = false;
};

class BareStoreService final : public BareStore::Service {
 public:
  explicit BareStoreService(rocksdb::DB* db) : db_(db) {}
  grpc::Status Put(grpc::ServerContext*, const BarePut* request, BareAck*) override {
    rocksdb::WriteOptions options;
    options.sync = true;
    auto s = db_->Put(options, request->key(), request->value());
    return s.ok() ? grpc::Status::OK : grpc::Status(grpc::StatusCode::INTERNAL, "put failed");
  }

 private:
  rocksdb::DB* db_;
};

std::vector<std::shared_ptr<grpc::Channel>> Channels(const std::string& address, int clients) {
  // One HTTP/2 connection per 8 clients, as a fleet of devices would not
  // share one; the same for both servers.
  std::vector<std::shared_ptr<grpc::Channel>> channels;
  for (int i = 0; i < (clients + 7) / 8; ++i) {
    grpc::ChannelArguments args;
    args.SetInt("candour.bench.channel", i);  // distinct args: distinct connections
    channels.push_back(grpc::CreateCustomChannel(address, grpc::InsecureChannelCredentials(), args));
  }
  return channels;
}

// A closed-loop load of `clients` threads against one server. Each call takes
// the next item of the pool, so no two calls send the same report.
class Load {
 public:
  // call(thread, pool index) returns an error message, or "" on success.
  using Call = std::function<std::string(int, size_t)>;
  Load(int clients, size_t pool_size, Call call)
      : clients_(clients), pool_size_(pool_size), call_(std::move(call)), latencies_(clients) {}

  // Runs every client for `seconds`; keeps latencies if `measure`.
  void RunFor(double seconds, bool measure) {
    auto stop_at = Clock::now() + std::chrono::duration<double>(seconds);
    std::vector<std::thread> threads;
    for (int t = 0; t < clients_; ++t) {
      threads.emplace_back([&, t] {
        while (Clock::now() < stop_at) {
          size_t i = next_.fetch_add(1);
          if (i >= pool_size_) {
            exhausted_ = true;
            return;
          }
          auto begin = Clock::now();
          if (std::string error = call_(t, i); !error.empty()) Die("a call failed: " + error);
          if (measure) latencies_[t].push_back(std::chrono::duration<double, std::milli>(Clock::now() - begin).count());
        }
      });
    }
    for (auto& th : threads) th.join();
    if (measure) measured_seconds_ += seconds;
  }

  Result Summary() const {
    std::vector<double> all;
    for (const auto& l : latencies_) all.insert(all.end(), l.begin(), l.end());
    std::sort(all.begin(), all.end());
    Result r;
    r.requests = all.size();
    r.pool_exhausted = exhausted_;
    r.rps = all.size() / measured_seconds_;
    if (!all.empty()) {
      r.p50_ms = all[all.size() / 2];
      r.p99_ms = all[std::min(all.size() - 1, all.size() * 99 / 100)];
    }
    return r;
  }

 private:
  const int clients_;
  const size_t pool_size_;
  const Call call_;
  std::atomic<size_t> next_{0};
  std::atomic<bool> exhausted_{false};
  std::vector<std::vector<double>> latencies_;
  double measured_seconds_ = 0;
};

// The baseline server and its clients.
class BaselineRig {
 public:
  BaselineRig(int clients, const std::string& dir, const std::vector<std::string>& values, bool grpc_defaults) {
    fs::remove_all(dir);
    rocksdb::Options options;
    options.create_if_missing = true;
    if (auto s = rocksdb::DB::Open(options, dir, &db_); !s.ok()) Die("baseline RocksDB: " + s.ToString());
    service_ = std::make_unique<BareStoreService>(db_);
    grpc::ServerBuilder builder;
    int port = 0;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
    builder.RegisterService(service_.get());
    grpc::ResourceQuota quota("baseline");
    if (!grpc_defaults) {
      const services::ServerConfig candourd;
      quota.SetMaxThreads(static_cast<int>(candourd.max_threads));
      builder.SetResourceQuota(quota);
      builder.SetSyncServerOption(grpc::ServerBuilder::SyncServerOption::MAX_POLLERS,
                                  static_cast<int>(candourd.idle_threads));
    }
    server_ = builder.BuildAndStart();
    auto channels = Channels("127.0.0.1:" + std::to_string(port), clients);
    for (int t = 0; t < clients; ++t) stubs_.push_back(BareStore::NewStub(channels[t / 8]));
    load_ = std::make_unique<Load>(clients, values.size(), [this, &values](int t, size_t i) {
      BarePut put;
      put.set_key(values[i].substr(0, 16));
      put.set_value(values[i]);
      BareAck ack;
      grpc::ClientContext context;
      context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
      grpc::Status status = stubs_[t]->Put(&context, put, &ack);
      return status.ok() ? std::string() : status.error_message();
    });
  }
  ~BaselineRig() {
    server_->Shutdown();
    delete db_;
  }
  Load& load() { return *load_; }

 private:
  rocksdb::DB* db_ = nullptr;
  std::unique_ptr<BareStoreService> service_;
  std::unique_ptr<grpc::Server> server_;
  std::vector<std::unique_ptr<BareStore::Stub>> stubs_;
  std::unique_ptr<Load> load_;
};

// A real candourd (in process) with its RocksDB store, and its clients.
class CandourRig {
 public:
  CandourRig(int clients, const std::string& dir, const testing::TestOrg& org,
             const candour::v1::SignedDirectory& directory, const std::vector<candour::v1::SubmitReportRequest>& pool) {
    fs::remove_all(dir);
    auto store = storage::RocksDbReportStore::Open(dir);
    if (!store.ok()) Die("candour store: " + std::string(store.status().message()));
    store_ = *std::move(store);
    services::ServerConfig config;
    config.listen = "127.0.0.1:0";
    config.data_dir = dir;
    config.organisation_key = crypto::HexEncode(org.organisation_public_key());
    auto server = services::CandourServer::Start(config, store_.get());
    if (!server.ok()) Die("candour server: " + std::string(server.status().message()));
    server_ = *std::move(server);
    auto channels = Channels("127.0.0.1:" + std::to_string(server_->port()), clients);
    clients::AdminClient admin(channels[0], std::chrono::seconds(10));
    if (auto v = admin.PublishDirectory(directory); !v.ok()) Die("publish: " + std::string(v.status().message()));
    for (int t = 0; t < clients; ++t) {
      stubs_.push_back(std::make_unique<clients::IntakeClient>(channels[t / 8], std::chrono::seconds(10)));
    }
    load_ = std::make_unique<Load>(clients, pool.size(), [this, &pool](int t, size_t i) {
      auto response = stubs_[t]->SubmitReport(pool[i]);
      return response.ok() ? std::string() : std::string(response.status().ToString());
    });
  }
  ~CandourRig() { server_->Shutdown(std::chrono::seconds(1)); }
  Load& load() { return *load_; }

 private:
  std::unique_ptr<storage::RocksDbReportStore> store_;
  std::unique_ptr<services::CandourServer> server_;
  std::vector<std::unique_ptr<clients::IntakeClient>> stubs_;
  std::unique_ptr<Load> load_;
};

std::vector<candour::v1::SubmitReportRequest> BuildPool(const testing::TestOrg& org,
                                                        const candour::v1::SignedDirectory& directory,
                                                        const Options& o, double* ms_per_envelope) {
  std::vector<candour::v1::SubmitReportRequest> pool(o.pool);
  // Narrative sized so the serialised content is just under the 4 KiB bucket.
  std::string narrative(o.plaintext - 200, 'n');
  auto start = Clock::now();
  std::vector<std::thread> threads;
  int workers = std::max(1u, std::thread::hardware_concurrency());
  for (int w = 0; w < workers; ++w) {
    threads.emplace_back([&, w] {
      for (size_t i = w; i < pool.size(); i += workers) {
        pool[i] = org.MakeSubmission(directory, [&](candour::v1::ReportContent& c) { c.set_what_happened(narrative); });
      }
    });
  }
  for (auto& t : threads) t.join();
  double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  *ms_per_envelope = ms * workers / pool.size();
  return pool;
}

Options Parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i], value = argv[i + 1];
    if (flag == "--seconds") absl::SimpleAtod(value, &o.seconds);
    else if (flag == "--warmup") absl::SimpleAtod(value, &o.warmup);
    else if (flag == "--slice") absl::SimpleAtod(value, &o.slice);
    else if (flag == "--runs") absl::SimpleAtoi(value, &o.runs);
    else if (flag == "--pool") absl::SimpleAtoi(value, &o.pool);
    else if (flag == "--dir") o.dir = value;
    else if (flag == "--baseline-threads" && (value == "candourd" || value == "grpc-default")) {
      o.baseline_grpc_defaults = value == "grpc-default";
    }
    else if (flag == "--clients") {
      o.clients.clear();
      for (auto part : absl::StrSplit(value, ',')) {
        int n = 0;
        if (absl::SimpleAtoi(part, &n)) o.clients.push_back(n);
      }
    } else {
      std::fprintf(stderr, "usage: submit_bench [--seconds S] [--warmup S] [--slice S] [--runs N] [--clients 1,16,64] "
                           "[--pool N] [--dir DIR] [--baseline-threads candourd|grpc-default]\n");
      std::exit(2);
    }
  }
  return o;
}

int Main(int argc, char** argv) {
  Options o = Parse(argc, argv);
  fs::create_directories(o.dir);
  testing::TestOrg org(3);
  auto directory = org.SignedDirectory(1);
  double ms_per_envelope = 0;
  auto pool = BuildPool(org, directory, o, &ms_per_envelope);
  std::vector<std::string> values;
  values.reserve(pool.size());
  for (const auto& p : pool) values.push_back(p.SerializeAsString());
  std::printf("envelopes: %zu built, %.3f ms per envelope (client-side cost, one core), %zu bytes per request\n",
              pool.size(), ms_per_envelope, values[0].size());
  std::printf("baseline gRPC threads: %s\n", o.baseline_grpc_defaults ? "gRPC defaults" : "candourd's settings");
  std::printf("%-5s %-8s | %-26s | %-26s | %s\n", "run", "clients", "baseline req/s p50 p99 (ms)",
              "candour req/s p50 p99 (ms)", "ratio");
  for (int run = 1; run <= o.runs; ++run) {
    for (int clients : o.clients) {
      // Both servers run side by side on fresh data dirs; the load alternates
      // between them in short slices so that the shared machine's drift (other
      // tenants, disk latency) falls on both alike.
      BaselineRig base(clients, o.dir + "/baseline", values, o.baseline_grpc_defaults);
      CandourRig cand(clients, o.dir + "/candour", org, directory, pool);
      base.load().RunFor(o.warmup, false);
      cand.load().RunFor(o.warmup, false);
      int slices = std::max(1, static_cast<int>(o.seconds / o.slice));
      for (int i = 0; i < slices; ++i) {
        base.load().RunFor(o.seconds / slices, true);
        cand.load().RunFor(o.seconds / slices, true);
      }
      Result b = base.load().Summary(), c = cand.load().Summary();
      std::printf("%-5d %-8d | %8.0f %7.2f %8.2f | %8.0f %7.2f %8.2f | %.2f%s\n", run, clients, b.rps, b.p50_ms,
                  b.p99_ms, c.rps, c.p50_ms, c.p99_ms, c.rps / b.rps,
                  b.pool_exhausted || c.pool_exhausted ? "  (pool exhausted: raise --pool)" : "");
      std::fflush(stdout);
    }
  }
  fs::remove_all(o.dir);
  return 0;
}

}  // namespace
}  // namespace candour::bench

int main(int argc, char** argv) { return candour::bench::Main(argc, argv); }
