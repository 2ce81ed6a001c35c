// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// A case thread as a client sees it: every entry verified — in sequence,
// chained to the one before (the first to the report's envelope), signed by
// the reporter's follow-up key or by a Guardian of the signed directory, and
// every status change a legal move from the status before it — and only then
// opened. The first entry that fails those checks stops the reading: nothing
// after a broken link can be trusted, and the caller shows the failure as an
// error. An entry that verifies but does not open (its author sealed it
// badly) is shown as unreadable and the reading goes on: the chain through it
// is intact. Used by the reporter's and the Guardian's commands alike; the
// reporter's keys cannot open staff-only entries, which are verified and
// left out of what the reporter sees.
#ifndef CANDOUR_CLIENTS_CASE_THREAD_H_
#define CANDOUR_CLIENTS_CASE_THREAD_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "candour/v1/directory.pb.h"
#include "candour/v1/intake.pb.h"
#include "candour/v1/thread.pb.h"
#include "crypto/thread_entry.h"

namespace candour::clients {

struct ThreadItem {
  uint32_t sequence = 0;
  candour::v1::EntryKind kind = candour::v1::ENTRY_KIND_UNSPECIFIED;
  std::string author_key_id;  // empty for the reporter
  std::string author;         // the Guardian's display name, or "Reporter"
  std::string hash;           // entry_hash (32 bytes): what a client remembers of it
  // False for a staff-only entry read with the reporter's keys, and for an
  // entry that verified but does not open.
  bool readable = false;
  candour::v1::EntryContent content;  // wiped by ~VerifiedThread
};

struct VerifiedThread {
  VerifiedThread() = default;
  VerifiedThread(VerifiedThread&&) = default;
  VerifiedThread& operator=(VerifiedThread&&) = default;
  ~VerifiedThread();

  std::vector<ThreadItem> items;  // the entries that verified, in order
  uint32_t next_sequence = 1;
  std::string last_hash;           // what the next entry chains to
  std::string last_reporter_hash;  // what a Guardian's entry quotes
  absl::Status problem;            // DATA_LOSS at the first entry that failed

  // What the verified status changes say (NEW if there are none). The
  // server's clear workflow record should agree; see WorkflowMismatch.
  candour::v1::CaseStatus status = candour::v1::CASE_STATUS_NEW;
  // Of the latest status change that closed the case.
  candour::v1::CaseOutcome outcome = candour::v1::CASE_OUTCOME_UNSPECIFIED;
  // Staff-only facts, known only with a Guardian's keys.
  std::string assignee_key_id;
  std::optional<candour::v1::Classification> classification;  // the latest
  std::vector<candour::v1::CaseLink> links;
  // Sequences of entries that verified but did not open.
  std::vector<uint32_t> unreadable;
};

// `guardian_directories` are verified directories whose recipients may have
// written Guardian entries (the current one and the report's).
// `reporter_public_key` is the follow-up key from the opened report (a
// Guardian) or derived from the receipt code (the reporter).
VerifiedThread VerifyThread(const std::vector<candour::v1::ThreadEntry>& entries,
                            const candour::v1::Envelope& envelope, const crypto::ThreadKeys& keys,
                            std::string_view reporter_public_key,
                            const std::vector<const candour::v1::Directory*>& guardian_directories,
                            std::string_view organisation_id);

// A description of where the server's clear workflow record disagrees with
// the signed thread (a status or assignee the thread does not show), or
// nullopt if they agree. Only meaningful for a thread read to its end.
std::optional<std::string> WorkflowMismatch(const VerifiedThread& thread, candour::v1::CaseStatus server_status,
                                            std::string_view server_assignee_key_id, bool staff_view);

// The thread as text for a terminal, with the problem (if any) last. The
// reporter's view leaves staff-only entries out.
std::string RenderThread(const VerifiedThread& thread, bool staff_view);

}  // namespace candour::clients

#endif  // CANDOUR_CLIENTS_CASE_THREAD_H_
