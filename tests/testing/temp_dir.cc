// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "tests/testing/temp_dir.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>

namespace candour::testing {

ScopedTempDir::ScopedTempDir(std::string_view prefix) {
  static std::atomic<int> counter{0};
  path_ = ::testing::TempDir() + std::string(prefix) + "_" + std::to_string(getpid()) + "_" +
          std::to_string(counter++);
  std::filesystem::remove_all(path_);
  std::filesystem::create_directories(path_);
}

ScopedTempDir::~ScopedTempDir() {
  std::error_code ec;  // best effort: a failed clean-up must not fail the test
  std::filesystem::remove_all(path_, ec);
}

}  // namespace candour::testing
