// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "clients/case_thread.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "crypto/thread_entry.h"
#include "crypto/wipe_message.h"

namespace candour::clients {
namespace {

// One message for a broken entry whatever broke, with its number: the user
// needs to know that the thread cannot be trusted from there on, and where.
absl::Status Broken(uint32_t position, absl::string_view what) {
  return absl::DataLossError(absl::StrCat("entry ", position, " of the thread fails its checks (", what,
                                          "): the server may have altered the thread; tell a Guardian or admin"));
}

const candour::v1::Recipient* FindGuardian(const std::vector<const candour::v1::Directory*>& directories,
                                           std::string_view key_id) {
  for (const candour::v1::Directory* directory : directories) {
    for (const candour::v1::Recipient& r : directory->recipients()) {
      if (r.key_id() == key_id) return &r;
    }
  }
  return nullptr;
}

// Records why reading stopped, and hands the thread back as far as it verified.
VerifiedThread Fail(VerifiedThread& thread, absl::Status problem) {
  thread.problem = std::move(problem);
  return std::move(thread);
}

}  // namespace

VerifiedThread::~VerifiedThread() {
  for (ThreadMessage& m : messages) crypto::WipeString(m.text);
}

VerifiedThread VerifyThread(const std::vector<candour::v1::ThreadEntry>& entries,
                            const candour::v1::Envelope& envelope, const crypto::CaseKey& case_key,
                            std::string_view reporter_public_key,
                            const std::vector<const candour::v1::Directory*>& guardian_directories,
                            std::string_view organisation_id) {
  VerifiedThread thread;
  thread.last_hash = crypto::EnvelopeHash(envelope, organisation_id);
  thread.last_reporter_hash = thread.last_hash;
  // What a Guardian's reply may quote: the report, or something the reporter wrote.
  std::set<std::string> quotable = {thread.last_hash};
  for (const candour::v1::ThreadEntry& entry : entries) {
    const uint32_t position = thread.next_sequence;
    if (entry.report_id() != envelope.report_id()) return Fail(thread, Broken(position, "another report's"));
    if (entry.sequence() != position) return Fail(thread, Broken(position, "out of order"));
    if (entry.previous_hash() != thread.last_hash) {
      return Fail(thread, Broken(position, "does not follow the entry before it"));
    }
    ThreadMessage message;
    message.sequence = position;
    if (entry.kind() == candour::v1::ENTRY_KIND_REPORTER_MESSAGE) {
      if (!crypto::VerifyEntrySignature(entry, reporter_public_key, organisation_id).ok()) {
        return Fail(thread, Broken(position, "not signed by the reporter's key"));
      }
      message.from_reporter = true;
      message.author = "reporter";
    } else if (entry.kind() == candour::v1::ENTRY_KIND_GUARDIAN_MESSAGE) {
      const candour::v1::Recipient* guardian = FindGuardian(guardian_directories, entry.author_key_id());
      if (guardian == nullptr || !crypto::VerifyEntrySignature(entry, guardian->ed25519_public_key(), organisation_id).ok()) {
        return Fail(thread, Broken(position, "not signed by a Guardian of the directory"));
      }
      if (!quotable.contains(entry.quoted_hash())) {
        return Fail(thread, Broken(position, "quotes nothing the reporter wrote"));
      }
      message.author = guardian->display_name();
    } else {
      return Fail(thread, Broken(position, "of an unknown kind"));
    }
    absl::StatusOr<candour::v1::EntryContent> content = crypto::OpenEntry(entry, case_key, organisation_id);
    if (!content.ok()) return Fail(thread, Broken(position, "does not decrypt"));
    message.text = content->text();
    crypto::WipeMessage(*content);
    thread.last_hash = crypto::EntryHash(entry, organisation_id);
    if (message.from_reporter) {
      thread.last_reporter_hash = thread.last_hash;
      quotable.insert(thread.last_hash);
    }
    thread.messages.push_back(std::move(message));
    ++thread.next_sequence;
  }
  return thread;
}

std::string RenderThread(const VerifiedThread& thread) {
  std::string out;
  if (thread.messages.empty() && thread.problem.ok()) out = "No messages yet.\n";
  for (const ThreadMessage& m : thread.messages) {
    absl::StrAppend(&out, "[", m.sequence, "] ", m.from_reporter ? "Reporter" : m.author, ":\n", m.text, "\n\n");
  }
  if (!thread.problem.ok()) absl::StrAppend(&out, "ERROR: ", thread.problem.message(), "\n");
  return out;
}

}  // namespace candour::clients
