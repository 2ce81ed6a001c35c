// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "services/config.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "crypto/key_file.h"

namespace candour::services {
namespace {

const std::string kOrgKey(64, 'a');

// A config that passes validation, for tests that change one thing.
ServerConfig ValidConfig() {
  ServerConfig config;
  config.organisation_key = kOrgKey;
  return config;
}

// Writes `text` to a fresh file under the test temp dir; removed on destruction.
class TempConfigFile {
 public:
  explicit TempConfigFile(const std::string& text) {
    static int counter = 0;
    path_ = ::testing::TempDir() + "candour_config_" + std::to_string(getpid()) + "_" + std::to_string(counter++) +
            ".conf";
    std::ofstream(path_) << text;
  }
  ~TempConfigFile() { std::filesystem::remove(path_); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

TEST(ValidateServerConfigTest, AcceptsDefaultsWithOrganisationKey) {
  EXPECT_EQ(ValidateServerConfig(ValidConfig()), absl::OkStatus());
}

TEST(ValidateServerConfigTest, RefusesAllInterfacesWithoutTls) {
  ServerConfig config = ValidConfig();
  config.listen = "0.0.0.0:7443";
  EXPECT_EQ(ValidateServerConfig(config).code(), absl::StatusCode::kFailedPrecondition);
  config.listen = "[::]:7443";
  EXPECT_EQ(ValidateServerConfig(config).code(), absl::StatusCode::kFailedPrecondition);
}

TEST(ValidateServerConfigTest, AcceptsAllInterfacesWithTls) {
  ServerConfig config = ValidConfig();
  config.listen = "0.0.0.0:7443";
  config.tls_cert = "/etc/candour/cert.pem";
  config.tls_key = "/etc/candour/key.pem";
  EXPECT_EQ(ValidateServerConfig(config), absl::OkStatus());
}

TEST(ValidateServerConfigTest, RefusesMoreIdleThreadsThanTheCap) {
  ServerConfig config = ValidConfig();
  config.max_threads = 16;
  config.idle_threads = 17;
  EXPECT_EQ(ValidateServerConfig(config).code(), absl::StatusCode::kInvalidArgument);
  config.idle_threads = 16;
  EXPECT_EQ(ValidateServerConfig(config), absl::OkStatus());
}

TEST(ValidateServerConfigTest, RefusesHalfATlsPair) {
  ServerConfig cert_only = ValidConfig();
  cert_only.tls_cert = "/etc/candour/cert.pem";
  EXPECT_EQ(ValidateServerConfig(cert_only).code(), absl::StatusCode::kInvalidArgument);
  ServerConfig key_only = ValidConfig();
  key_only.tls_key = "/etc/candour/key.pem";
  EXPECT_EQ(ValidateServerConfig(key_only).code(), absl::StatusCode::kInvalidArgument);
  // Also off loopback, where TLS is required: the half pair is the first fault.
  key_only.listen = "0.0.0.0:7443";
  EXPECT_EQ(ValidateServerConfig(key_only).code(), absl::StatusCode::kInvalidArgument);
}

TEST(ValidateServerConfigTest, RefusesMissingOrMalformedOrganisationKey) {
  ServerConfig config = ValidConfig();
  config.organisation_key = "";
  EXPECT_EQ(ValidateServerConfig(config).code(), absl::StatusCode::kInvalidArgument);
  config.organisation_key = std::string(63, 'a');
  EXPECT_EQ(ValidateServerConfig(config).code(), absl::StatusCode::kInvalidArgument);
}

TEST(ValidateServerConfigTest, RefusesEmptyDataDir) {
  ServerConfig config = ValidConfig();
  config.data_dir = "";
  EXPECT_EQ(ValidateServerConfig(config).code(), absl::StatusCode::kInvalidArgument);
}

TEST(ParseServerConfigTest, NoArgumentsGiveDefaults) {
  absl::StatusOr<ServerConfig> config = ParseServerConfig({});
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->listen, "127.0.0.1:7443");
  EXPECT_EQ(config->max_message_bytes, 2 * 1024 * 1024);
}

TEST(ParseServerConfigTest, AcceptsBothFlagForms) {
  absl::StatusOr<ServerConfig> config =
      ParseServerConfig({"--listen=127.0.0.1:9000", "--data-dir", "/srv/candour", "--max_threads", "8"});
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->listen, "127.0.0.1:9000");
  EXPECT_EQ(config->data_dir, "/srv/candour");
  EXPECT_EQ(config->max_threads, 8);
}

TEST(ParseServerConfigTest, RejectsUnknownKey) {
  EXPECT_EQ(ParseServerConfig({"--listne=127.0.0.1:1"}).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseServerConfig({"--config"}).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseServerConfig({"listen=127.0.0.1:1"}).status().code(), absl::StatusCode::kInvalidArgument);
  TempConfigFile file("listen = 127.0.0.1:1\ncolour = blue\n");
  absl::StatusOr<ServerConfig> config = ParseServerConfig({"--config", file.path()});
  EXPECT_EQ(config.status().code(), absl::StatusCode::kInvalidArgument);
  // The message points at the line.
  EXPECT_NE(config.status().message().find(":2:"), absl::string_view::npos) << config.status();
}

TEST(ParseServerConfigTest, RejectsMalformedOrOutOfRangeNumbers) {
  EXPECT_EQ(ParseServerConfig({"--max_message_bytes=lots"}).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseServerConfig({"--max_message_bytes=100"}).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseServerConfig({"--max_threads=-1"}).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(ServerConfigTest, NewAccountsDefaultToModerateLimitsAndAcceptOnlyTheAccountRange) {
  absl::StatusOr<ServerConfig> defaults = ParseServerConfig({});
  ASSERT_TRUE(defaults.ok()) << defaults.status();
  EXPECT_EQ(AccountKdf(*defaults).opslimit, crypto::ModerateKdf().opslimit);
  EXPECT_EQ(AccountKdf(*defaults).memlimit, crypto::ModerateKdf().memlimit);
  EXPECT_EQ(defaults->sweep_interval_minutes, 10);

  absl::StatusOr<ServerConfig> cheap = ParseServerConfig({"--account-kdf-ops=2", "--account_kdf_mem_mb", "64"});
  ASSERT_TRUE(cheap.ok()) << cheap.status();
  EXPECT_EQ(AccountKdf(*cheap).opslimit, crypto::InteractiveKdf().opslimit);
  EXPECT_EQ(AccountKdf(*cheap).memlimit, crypto::InteractiveKdf().memlimit);
  for (const char* bad : {"--account_kdf_ops=1", "--account_kdf_ops=65", "--account_kdf_mem_mb=63",
                          "--account_kdf_mem_mb=4097", "--sweep_interval_minutes=0"}) {
    EXPECT_EQ(ParseServerConfig({bad}).status().code(), absl::StatusCode::kInvalidArgument) << bad;
  }
  // Set in code rather than parsed: Validate holds the same range.
  ServerConfig config = ValidConfig();
  config.account_kdf_mem_mb = 32;
  EXPECT_EQ(ValidateServerConfig(config).code(), absl::StatusCode::kInvalidArgument);
}

TEST(ParseServerConfigTest, RejectsConfigLineWithoutEquals) {
  TempConfigFile file("# candourd\nlisten 127.0.0.1:1\n");
  EXPECT_EQ(ParseServerConfig({"--config", file.path()}).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(ParseServerConfigTest, MissingConfigFileIsNotFound) {
  EXPECT_EQ(ParseServerConfig({"--config", ::testing::TempDir() + "no_such_candour.conf"}).status().code(),
            absl::StatusCode::kNotFound);
}

TEST(ParseServerConfigTest, FlagsOverrideConfigFileWhateverTheirOrder) {
  TempConfigFile file(
      "# candourd configuration\n"
      "\n"
      "listen = 127.0.0.1:8000\n"
      "  data_dir =  /var/lib/candour  \n"
      "organisation_key = " + kOrgKey + "\n"
      "max_message_bytes = 65536\n");
  // The flag comes before --config and still wins.
  absl::StatusOr<ServerConfig> config =
      ParseServerConfig({"--listen=127.0.0.1:9000", "--config", file.path(), "--max-message-bytes", "131072"});
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->listen, "127.0.0.1:9000");
  EXPECT_EQ(config->data_dir, "/var/lib/candour");
  EXPECT_EQ(config->organisation_key, kOrgKey);
  EXPECT_EQ(config->max_message_bytes, 131072);
  EXPECT_EQ(ValidateServerConfig(*config), absl::OkStatus());
}

}  // namespace
}  // namespace candour::services
