// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "crypto/hash.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include "crypto/bytes.h"

namespace candour::crypto {
namespace {

TEST(HashTest, DomainHashIsBlake2bOverContextZeroMessage) {
  const std::string input = std::string("ctx") + '\0' + "msg";
  std::string expected(32, '\0');
  crypto_generichash(reinterpret_cast<unsigned char*>(expected.data()), 32,
                     reinterpret_cast<const unsigned char*>(input.data()), input.size(), nullptr, 0);
  EXPECT_EQ(DomainHash("ctx", "msg"), expected);
}

TEST(HashTest, SeparatorPreventsBoundaryShifts) { EXPECT_NE(DomainHash("ab", "c"), DomainHash("a", "bc")); }

TEST(HashTest, DomainHashNHasRequestedSizeAndIsNotATruncation) {
  const std::string h16 = DomainHashN("ctx", "msg", 16);
  EXPECT_EQ(h16.size(), 16u);
  EXPECT_EQ(DomainHashN("ctx", "msg", 64).size(), 64u);
  // BLAKE2b's output length is a parameter: a 16-byte hash is not a prefix.
  EXPECT_NE(h16, DomainHash("ctx", "msg").substr(0, 16));
}

TEST(HashTest, KeyedDomainHashIsKeyedBlake2bOverContextZeroMessage) {
  const std::string key(32, '\x42');
  const std::string input = std::string("ctx") + '\0' + "msg";
  std::string expected(16, '\0');
  crypto_generichash(reinterpret_cast<unsigned char*>(expected.data()), 16,
                     reinterpret_cast<const unsigned char*>(input.data()), input.size(),
                     reinterpret_cast<const unsigned char*>(key.data()), key.size());
  EXPECT_EQ(KeyedDomainHashN(AsBytes(key), "ctx", "msg", 16), expected);
  // An empty key is the unkeyed hash.
  EXPECT_EQ(KeyedDomainHashN({}, "ctx", "msg", 16), DomainHashN("ctx", "msg", 16));
}

}  // namespace
}  // namespace candour::crypto
