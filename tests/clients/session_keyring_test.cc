// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The session keyring against this machine's real kernel keyring: a kept
// token comes back byte for byte, is replaced in place, is gone after its
// lifetime and after ForgetSession, and never shows under another server's
// or account's name. Names carry this process's id, so parallel runs and a
// developer's own `candour login` are left alone.
#include "clients/session_keyring.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <thread>

#include "crypto/secret_bytes.h"

namespace candour::clients {
namespace {

constexpr size_t kTokenSize = 32;

crypto::SecretBytes Token(uint8_t fill) {
  crypto::SecretBytes token(kTokenSize);
  for (size_t i = 0; i < kTokenSize; ++i) token.data()[i] = static_cast<uint8_t>(fill + i);
  return token;
}

class SessionKeyringTest : public ::testing::Test {
 protected:
  std::string Name(const std::string& account) {
    return SessionKeyName("keyring-test-" + std::to_string(getpid()) + ":7443", account);
  }
  void TearDown() override {
    for (const char* account : {"alice", "bob", "short"}) EXPECT_TRUE(ForgetSession(Name(account)).ok());
  }
};

TEST_F(SessionKeyringTest, AKeptTokenComesBackAndIsReplacedInPlace) {
  ASSERT_TRUE(KeepSession(Name("alice"), Token(1), 600).ok());
  auto found = FindSession(Name("alice"), kTokenSize);
  ASSERT_TRUE(found.ok()) << found.status();
  EXPECT_EQ(found->view(), Token(1).view());

  ASSERT_TRUE(KeepSession(Name("alice"), Token(100), 600).ok());
  found = FindSession(Name("alice"), kTokenSize);
  ASSERT_TRUE(found.ok()) << found.status();
  EXPECT_EQ(found->view(), Token(100).view());
}

TEST_F(SessionKeyringTest, NamesKeepServersAndAccountsApart) {
  EXPECT_NE(SessionKeyName("a:1", "alice"), SessionKeyName("a:2", "alice"));
  EXPECT_NE(SessionKeyName("a:1", "alice"), SessionKeyName("a:1", "bob"));
  ASSERT_TRUE(KeepSession(Name("alice"), Token(1), 600).ok());
  EXPECT_EQ(FindSession(Name("bob"), kTokenSize).status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(FindSession(SessionKeyName("elsewhere:7443", "alice"), kTokenSize).status().code(),
            absl::StatusCode::kNotFound);
}

TEST_F(SessionKeyringTest, ForgottenTokensAreGoneAndForgettingNoneIsFine) {
  ASSERT_TRUE(KeepSession(Name("alice"), Token(1), 600).ok());
  ASSERT_TRUE(ForgetSession(Name("alice")).ok());
  EXPECT_EQ(FindSession(Name("alice"), kTokenSize).status().code(), absl::StatusCode::kNotFound);
  EXPECT_TRUE(ForgetSession(Name("alice")).ok());
  EXPECT_TRUE(ForgetSession(Name("bob")).ok());
}

TEST_F(SessionKeyringTest, ATokenIsGoneAfterItsLifetime) {
  ASSERT_TRUE(KeepSession(Name("alice"), Token(1), 1).ok());
  ASSERT_TRUE(KeepSession(Name("bob"), Token(2), 600).ok());
  // The kernel compares the key's expiry with its clock at each lookup.
  std::this_thread::sleep_for(std::chrono::milliseconds(2500));
  EXPECT_EQ(FindSession(Name("alice"), kTokenSize).status().code(), absl::StatusCode::kNotFound);
  EXPECT_TRUE(FindSession(Name("bob"), kTokenSize).ok());
}

TEST_F(SessionKeyringTest, BadLifetimesAndSizesAreRefused) {
  EXPECT_EQ(KeepSession(Name("alice"), Token(1), 0).code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(FindSession(Name("alice"), kTokenSize).status().code(), absl::StatusCode::kNotFound);
  ASSERT_TRUE(KeepSession(Name("short"), crypto::SecretBytes::CopyOf(std::string_view("abc")), 600).ok());
  EXPECT_EQ(FindSession(Name("short"), kTokenSize).status().code(), absl::StatusCode::kDataLoss);
}

}  // namespace
}  // namespace candour::clients
