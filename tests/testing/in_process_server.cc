// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "tests/testing/in_process_server.h"

#include <chrono>

#include "clients/rpc.h"
#include "crypto/bytes.h"
#include "crypto/key_file.h"

namespace candour::testing {

absl::StatusOr<std::unique_ptr<InProcessServer>> InProcessServer::Start(const std::string& data_dir,
                                                                        std::string_view organisation_public_key,
                                                                        int64_t max_message_bytes) {
  std::unique_ptr<InProcessServer> s(new InProcessServer());
  absl::StatusOr<std::unique_ptr<storage::RocksDbReportStore>> store = storage::RocksDbReportStore::Open(data_dir);
  if (!store.ok()) return store.status();
  s->store_ = *std::move(store);

  services::ServerConfig config;
  config.listen = "127.0.0.1:0";
  config.data_dir = data_dir;
  config.organisation_key = crypto::HexEncode(organisation_public_key);
  config.max_message_bytes = max_message_bytes;
  // Staff accounts at libsodium's cheapest accepted limits: a test signs in
  // many times, and "moderate" costs a quarter of a GiB and ~0.5 s each.
  config.account_kdf_ops = static_cast<int64_t>(crypto::InteractiveKdf().opslimit);
  config.account_kdf_mem_mb = static_cast<int64_t>(crypto::InteractiveKdf().memlimit >> 20);
  absl::StatusOr<std::unique_ptr<services::CandourServer>> server =
      services::CandourServer::Start(config, s->store_.get());
  if (!server.ok()) return server.status();
  s->server_ = *std::move(server);

  s->address_ = "127.0.0.1:" + std::to_string(s->server_->port());
  clients::ChannelOptions options;
  options.server = s->address_;
  absl::StatusOr<std::shared_ptr<grpc::Channel>> channel = clients::MakeChannel(options);
  if (!channel.ok()) return channel.status();
  s->channel_ = *std::move(channel);
  return s;
}

void InProcessServer::Stop() {
  channel_.reset();
  if (server_ != nullptr) server_->Shutdown(std::chrono::seconds(5));
  server_.reset();
  store_.reset();
}

InProcessServer::~InProcessServer() { Stop(); }

}  // namespace candour::testing
