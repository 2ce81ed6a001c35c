// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// A case thread as a client sees it: every entry verified — in sequence,
// chained to the one before (the first to the report's envelope), signed by
// the reporter's follow-up key or by a Guardian of the signed directory — and
// only then opened. The first entry that fails stops the reading: nothing
// after a broken link can be trusted, and the caller shows the failure as an
// error. Used by the reporter's and the Guardian's commands alike.
#ifndef CANDOUR_CLIENTS_CASE_THREAD_H_
#define CANDOUR_CLIENTS_CASE_THREAD_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "candour/v1/directory.pb.h"
#include "candour/v1/intake.pb.h"
#include "candour/v1/thread.pb.h"
#include "crypto/case_key.h"
#include "crypto/keys.h"

namespace candour::clients {

struct ThreadMessage {
  uint32_t sequence = 0;
  bool from_reporter = false;
  std::string author;  // the Guardian's display name, or "reporter"
  std::string text;    // wiped by ~VerifiedThread
};

struct VerifiedThread {
  VerifiedThread() = default;
  VerifiedThread(VerifiedThread&&) = default;
  VerifiedThread& operator=(VerifiedThread&&) = default;
  ~VerifiedThread();

  std::vector<ThreadMessage> messages;  // the entries that verified, in order
  uint32_t next_sequence = 1;
  std::string last_hash;           // what the next entry chains to
  std::string last_reporter_hash;  // what a Guardian's reply quotes
  absl::Status problem;            // DATA_LOSS at the first entry that failed
};

// `guardian_directories` are verified directories whose recipients may have
// written Guardian entries (the current one and the report's).
VerifiedThread VerifyThread(const std::vector<candour::v1::ThreadEntry>& entries,
                            const candour::v1::Envelope& envelope, const crypto::CaseKey& case_key,
                            std::string_view reporter_public_key,
                            const std::vector<const candour::v1::Directory*>& guardian_directories,
                            std::string_view organisation_id);

// The thread as text for a terminal, with the problem (if any) last.
std::string RenderThread(const VerifiedThread& thread);

}  // namespace candour::clients

#endif  // CANDOUR_CLIENTS_CASE_THREAD_H_
