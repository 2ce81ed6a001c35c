// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// Slows down and then locks sign-in to an account name after failures, in
// memory only: nothing about the guesser (no address) is kept, and a restart
// forgets. Names with no account are tracked exactly like real ones, so the
// answers do not tell them apart. The table is bounded; when full, the entry
// seen longest ago is dropped. Thread-safe.
#ifndef CANDOUR_SERVICES_SIGN_IN_LIMITER_H_
#define CANDOUR_SERVICES_SIGN_IN_LIMITER_H_

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

namespace candour::services {

struct SignInLimits {
  // Consecutive failures before the name is locked.
  int failures_before_lock = 10;
  int64_t lock_seconds = 15 * 60;
  // The n-th consecutive failure is answered after n * step, at most max.
  std::chrono::milliseconds delay_step{250};
  std::chrono::milliseconds max_delay{2000};
  size_t max_tracked_names = 10000;
};

class SignInLimiter {
 public:
  explicit SignInLimiter(SignInLimits limits = {}) : limits_(limits) {}

  // Called before checking a sign-in: counts it as a failure until it
  // succeeds, in one step, so that guesses sent all at once cannot slip past
  // the count. False if the name is locked at `now` (Unix seconds), or
  // already has as many attempts counted as the lock allows.
  bool BeginAttempt(std::string_view name, int64_t now);
  // The attempt failed: locks the name once it has enough failures, and
  // returns how long to wait before answering.
  std::chrono::milliseconds RecordFailure(std::string_view name, int64_t now);
  // The attempt succeeded: clears the name's failures.
  void RecordSuccess(std::string_view name);
  // True if `name` is locked at `now`.
  bool Locked(std::string_view name, int64_t now);

 private:
  struct Entry {
    int failures = 0;
    int64_t locked_until = 0;
    int64_t last_seen = 0;
  };
  void MakeRoom();

  const SignInLimits limits_;
  std::mutex mu_;
  std::map<std::string, Entry, std::less<>> entries_;
};

}  // namespace candour::services

#endif  // CANDOUR_SERVICES_SIGN_IN_LIMITER_H_
