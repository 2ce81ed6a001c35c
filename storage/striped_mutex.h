// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// StripedMutex: a fixed array of mutexes addressed by a hash of a key, so that
// writers of the same key serialise while writers of different keys (almost
// always) run in parallel. LockKeys locks every stripe a set of keys maps to,
// each once and in ascending stripe order, so two callers can never deadlock.
// The object owns its mutexes; the returned guard owns the locks until it is
// destroyed. Thread-safe.
#ifndef CANDOUR_STORAGE_STRIPED_MUTEX_H_
#define CANDOUR_STORAGE_STRIPED_MUTEX_H_

#include <algorithm>
#include <array>
#include <cstddef>
#include <functional>
#include <mutex>
#include <string_view>
#include <vector>

namespace candour::storage {

template <size_t kStripes = 256>
class StripedMutex {
 public:
  using Guard = std::vector<std::unique_lock<std::mutex>>;

  // Locks the stripes of every key in `keys` and returns the locks. Blocks.
  Guard LockKeys(const std::vector<std::string_view>& keys) {
    std::vector<size_t> stripes;
    stripes.reserve(keys.size());
    for (std::string_view key : keys) stripes.push_back(std::hash<std::string_view>{}(key) % kStripes);
    std::sort(stripes.begin(), stripes.end());
    stripes.erase(std::unique(stripes.begin(), stripes.end()), stripes.end());
    Guard guard;
    guard.reserve(stripes.size());
    for (size_t stripe : stripes) guard.emplace_back(mutexes_[stripe]);
    return guard;
  }

 private:
  std::array<std::mutex, kStripes> mutexes_;
};

}  // namespace candour::storage

#endif  // CANDOUR_STORAGE_STRIPED_MUTEX_H_
