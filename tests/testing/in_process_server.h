// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The real server stack in-process, for tests that go over the wire: a
// RocksDbReportStore in a directory of the caller's, a CandourServer
// listening on 127.0.0.1 on an ephemeral port, and an insecure loopback
// channel to it (clients::MakeChannel, as the CLI makes it). Owns the store
// and the server; Stop() shuts both down so the directory can be reopened,
// by RocksDB directly or by a new InProcessServer.
// Not thread-safe; the server it runs is.
#ifndef CANDOUR_TESTS_TESTING_IN_PROCESS_SERVER_H_
#define CANDOUR_TESTS_TESTING_IN_PROCESS_SERVER_H_

#include <grpcpp/channel.h>

#include <cstdint>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "services/server_grpc.h"
#include "storage/rocksdb_report_store.h"
#include "tests/testing/temp_dir.h"

namespace candour::testing {

class InProcessServer {
 public:
  // Opens or creates the store in `data_dir` and starts serving the
  // organisation whose Ed25519 public key (32 bytes) is given. Errors as
  // RocksDbReportStore::Open and CandourServer::Start.
  static absl::StatusOr<std::unique_ptr<InProcessServer>> Start(const std::string& data_dir,
                                                                std::string_view organisation_public_key,
                                                                int64_t max_message_bytes = 256 * 1024);
  ~InProcessServer();

  storage::RocksDbReportStore& store() { return *store_; }
  services::CandourServer& server() { return *server_; }
  const std::shared_ptr<grpc::Channel>& channel() const { return channel_; }
  // "127.0.0.1:<port>".
  const std::string& address() const { return address_; }

  // Shuts the server down (waiting for calls in flight) and closes the
  // store. Idempotent; the destructor calls it.
  void Stop();

 private:
  InProcessServer() = default;

  std::unique_ptr<storage::RocksDbReportStore> store_;
  std::unique_ptr<services::CandourServer> server_;  // uses store_
  std::shared_ptr<grpc::Channel> channel_;
  std::string address_;
};

}  // namespace candour::testing

#endif  // CANDOUR_TESTS_TESTING_IN_PROCESS_SERVER_H_
