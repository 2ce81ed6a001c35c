// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// ScopedTempDir: a fresh, empty directory under ::testing::TempDir(), unique
// per process and per instance, removed with its contents on destruction.
// For data dirs, state files and config files of tests. Thread-safe to
// construct.
#ifndef CANDOUR_TESTS_TESTING_TEMP_DIR_H_
#define CANDOUR_TESTS_TESTING_TEMP_DIR_H_

#include <string>
#include <string_view>

namespace candour::testing {

class ScopedTempDir {
 public:
  // A new, empty directory whose name starts with `prefix`.
  explicit ScopedTempDir(std::string_view prefix = "candour");
  ~ScopedTempDir();
  ScopedTempDir(const ScopedTempDir&) = delete;
  ScopedTempDir& operator=(const ScopedTempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace candour::testing

#endif  // CANDOUR_TESTS_TESTING_TEMP_DIR_H_
