// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "services/server_secret.h"

#include <sys/stat.h>

#include <fstream>

#include "gtest/gtest.h"
#include "tests/testing/temp_dir.h"

namespace candour::services {
namespace {

using candour::testing::ScopedTempDir;

TEST(ServerSecretTest, MadeOnceUserOnlyAndReadBackTheSame) {
  ScopedTempDir dir("candour_secret");
  const std::string path = dir.path() + "/candourd.secret";
  auto made = LoadOrCreateServerSecret(path);
  ASSERT_TRUE(made.ok()) << made.status();
  EXPECT_EQ(made->size(), 32u);
  struct stat st {};
  ASSERT_EQ(stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600);
  auto again = LoadOrCreateServerSecret(path);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->view(), made->view());
  ScopedTempDir other("candour_secret");
  EXPECT_NE(LoadOrCreateServerSecret(other.path() + "/s")->view(), made->view());
}

TEST(ServerSecretTest, RefusesAFileOthersCanReadOrOfTheWrongSize) {
  ScopedTempDir dir("candour_secret");
  const std::string path = dir.path() + "/candourd.secret";
  ASSERT_TRUE(LoadOrCreateServerSecret(path).ok());
  ASSERT_EQ(chmod(path.c_str(), 0644), 0);
  EXPECT_EQ(LoadOrCreateServerSecret(path).status().code(), absl::StatusCode::kFailedPrecondition);
  ASSERT_EQ(chmod(path.c_str(), 0600), 0);
  std::ofstream(path, std::ios::app) << "x";
  EXPECT_EQ(LoadOrCreateServerSecret(path).status().code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(LoadOrCreateServerSecret(dir.path() + "/missing/dir/secret").status().code(),
            absl::StatusCode::kUnavailable);
}

}  // namespace
}  // namespace candour::services
