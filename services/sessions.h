// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// Staff sessions. A session is a random 256-bit token the client holds; the
// server stores only its hash, beside the account name and two expiry times:
// an idle one that each call moves forward (written at most once a minute, so
// a busy Guardian does not cost a synced write per call) and an absolute one
// that never moves. Thread-safe.
#ifndef CANDOUR_SERVICES_SESSIONS_H_
#define CANDOUR_SERVICES_SESSIONS_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "candour/v1/records.pb.h"
#include "crypto/secret_bytes.h"
#include "storage/report_store.h"

namespace candour::services {

struct SessionPolicy {
  int64_t idle_seconds = 15 * 60;
  int64_t lifetime_seconds = 12 * 60 * 60;
  // An idle expiry less than this much older than it could be is not rewritten.
  int64_t refresh_seconds = 60;
};

// A signed-in staff member, as the authoriser hands them to a handler.
struct Caller {
  std::string account;
  candour::v1::Grants grants;
  std::string token_hash;
  candour::v1::SessionRecord session;
};

class SessionManager {
 public:
  using UnixClock = std::function<int64_t()>;
  SessionManager(storage::ReportStore* store, SessionPolicy policy, UnixClock now);

  struct Started {
    crypto::SecretBytes token;
    candour::v1::SessionRecord record;
  };
  // A new session for `account`, added to `unit`; the caller commits it with
  // whatever else the sign-in writes.
  Started Start(std::string_view account, storage::UnitOfWork& unit) const;

  // The caller behind `token` (32 bytes). UNAUTHENTICATED if there is no such
  // session, it has expired, or its account is gone or disabled; storage
  // errors as they come.
  absl::StatusOr<Caller> Authenticate(std::string_view token) const;

  const SessionPolicy& policy() const { return policy_; }
  int64_t Now() const { return now_(); }

 private:
  storage::ReportStore* const store_;  // not owned
  const SessionPolicy policy_;
  const UnixClock now_;
};

// True if `session` cannot be used at `now` (Unix seconds): its idle or its
// absolute expiry has come. Sign-in checks and the expiry sweep share it.
bool SessionExpired(const candour::v1::SessionRecord& session, int64_t now);

// The account record stored for `name`, decoded. NOT_FOUND if there is none,
// DATA_LOSS if the stored bytes do not parse.
absl::StatusOr<candour::v1::AccountRecord> LoadAccount(storage::ReportStore& store, std::string_view name);

}  // namespace candour::services

#endif  // CANDOUR_SERVICES_SESSIONS_H_
