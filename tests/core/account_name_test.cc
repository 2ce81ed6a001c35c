// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "core/account_name.h"

#include <string>

#include "gtest/gtest.h"

namespace candour::core {
namespace {

TEST(NormaliseAccountNameTest, FoldsUpperCase) {
  EXPECT_EQ(NormaliseAccountName("Alice.Smith-2_x").value(), "alice.smith-2_x");
  EXPECT_EQ(NormaliseAccountName("a").value(), "a");
  EXPECT_EQ(NormaliseAccountName(std::string(64, 'z')).value(), std::string(64, 'z'));
}

TEST(NormaliseAccountNameTest, RefusesOtherCharactersAndLengths) {
  for (std::string bad : {std::string(), std::string(65, 'a'), std::string("a b"), std::string("a/b"),
                          std::string("al\xc3\xa9"), std::string("a\0b", 3), std::string("a@b")}) {
    absl::StatusOr<std::string> name = NormaliseAccountName(bad);
    EXPECT_EQ(name.status().code(), absl::StatusCode::kInvalidArgument) << bad;
  }
}

TEST(NormaliseAccountNameTest, MessageDoesNotRepeatTheInput) {
  absl::StatusOr<std::string> name = NormaliseAccountName("secret passphrase");
  ASSERT_FALSE(name.ok());
  EXPECT_EQ(std::string(name.status().message()).find("secret"), std::string::npos);
}

}  // namespace
}  // namespace candour::core
