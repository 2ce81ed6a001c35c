// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "clients/case_thread.h"

#include <set>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "core/case_workflow.h"
#include "crypto/wipe_message.h"

namespace candour::clients {
namespace {

using candour::v1::EntryKind;

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

std::string ShortId(const std::string& id) { return absl::BytesToHexString(id.substr(0, 4)); }

// What an opened entry changes in the thread's workflow state. Returns a
// problem for a status change that is not a legal move from where the
// thread stands: the server checks the same rule, so one that got in was
// not written through it.
absl::Status Apply(VerifiedThread& thread, const ThreadItem& item) {
  const candour::v1::EntryContent& c = item.content;
  switch (item.kind) {
    case candour::v1::ENTRY_KIND_STATUS_CHANGE:
      if (c.status_change().from() != thread.status ||
          !core::IsLegalTransition(c.status_change().from(), c.status_change().to())) {
        return Broken(item.sequence, "a status change that is not a legal move from the status before it");
      }
      thread.status = c.status_change().to();
      if (thread.status == candour::v1::CASE_STATUS_CLOSED) thread.outcome = c.status_change().outcome();
      break;
    case candour::v1::ENTRY_KIND_ASSIGNMENT:
      thread.assignee_key_id = c.assignment().assignee_key_id();
      break;
    case candour::v1::ENTRY_KIND_CLASSIFICATION:
      thread.classification = c.classification();
      break;
    case candour::v1::ENTRY_KIND_LINK:
      thread.links.push_back(c.link());
      break;
    default:
      break;
  }
  return absl::OkStatus();
}

std::string Describe(const ThreadItem& item) {
  const candour::v1::EntryContent& c = item.content;
  switch (item.kind) {
    case candour::v1::ENTRY_KIND_REPORTER_MESSAGE:
    case candour::v1::ENTRY_KIND_GUARDIAN_MESSAGE:
      return absl::StrCat(item.author, ":\n", c.text());
    case candour::v1::ENTRY_KIND_NOTE:
      return absl::StrCat(item.author, " (note, Guardians only):\n", c.text());
    case candour::v1::ENTRY_KIND_STATUS_CHANGE: {
      std::string out = absl::StrCat(item.author, " moved the case to ", core::StatusName(c.status_change().to()));
      if (c.status_change().to() == candour::v1::CASE_STATUS_CLOSED) {
        absl::StrAppend(&out, " (outcome: ", core::OutcomeName(c.status_change().outcome()), ")");
      }
      return out;
    }
    case candour::v1::ENTRY_KIND_ASSIGNMENT:
      return c.assignment().assignee_key_id().empty()
                 ? absl::StrCat(item.author, " unassigned the case")
                 : absl::StrCat(item.author, " assigned the case to key ", ShortId(c.assignment().assignee_key_id()));
    case candour::v1::ENTRY_KIND_CLASSIFICATION: {
      std::string out = absl::StrCat(item.author, " classified the case:");
      for (int e : c.classification().elements()) {
        absl::StrAppend(&out, " ", core::ElementName(static_cast<candour::v1::CaseElement>(e)));
      }
      if (c.classification().elements().empty()) absl::StrAppend(&out, " no elements");
      if (!c.classification().professional_group().empty()) {
        absl::StrAppend(&out, "; group: ", c.classification().professional_group());
      }
      absl::StrAppend(&out, "; feedback given: ", c.classification().feedback_given() ? "yes" : "no");
      if (c.classification().speak_up_again() != candour::v1::SPEAK_UP_AGAIN_UNSPECIFIED) {
        absl::StrAppend(&out, "; would speak up again: ", core::SpeakUpAgainName(c.classification().speak_up_again()));
      }
      return out;
    }
    case candour::v1::ENTRY_KIND_LINK:
      return absl::StrCat(item.author, " linked this case to ", absl::BytesToHexString(c.link().other_report_id()),
                          " (", core::RelationName(c.link().relation()), ")");
    case candour::v1::ENTRY_KIND_REWRAP: {
      // Who was given access and by whom: key ids, as `cases assign` shows them.
      std::string out = absl::StrCat(item.author, " gave the case key to");
      for (const std::string& id : c.rewrap().recipient_key_ids()) absl::StrAppend(&out, " key ", ShortId(id));
      return out;
    }
    default:
      return absl::StrCat(item.author, ": (an entry of an unknown kind)");
  }
}

}  // namespace

VerifiedThread::~VerifiedThread() {
  for (ThreadItem& item : items) crypto::WipeMessage(item.content);
  if (classification.has_value()) crypto::WipeMessage(*classification);
}

VerifiedThread VerifyThread(const std::vector<candour::v1::ThreadEntry>& entries,
                            const candour::v1::Envelope& envelope, const crypto::ThreadKeys& keys,
                            std::string_view reporter_public_key,
                            const std::vector<const candour::v1::Directory*>& guardian_directories,
                            std::string_view organisation_id) {
  VerifiedThread thread;
  thread.last_hash = crypto::EnvelopeHash(envelope, organisation_id);
  thread.last_reporter_hash = thread.last_hash;
  // What a Guardian's entry may quote: the report, or something the reporter wrote.
  std::set<std::string> quotable = {thread.last_hash};
  for (const candour::v1::ThreadEntry& entry : entries) {
    const uint32_t position = thread.next_sequence;
    if (entry.report_id() != envelope.report_id()) return Fail(thread, Broken(position, "another report's"));
    if (entry.sequence() != position) return Fail(thread, Broken(position, "out of order"));
    if (entry.previous_hash() != thread.last_hash) {
      return Fail(thread, Broken(position, "does not follow the entry before it"));
    }
    ThreadItem item;
    item.sequence = position;
    item.kind = entry.kind();
    if (entry.kind() == candour::v1::ENTRY_KIND_REPORTER_MESSAGE) {
      if (!crypto::VerifyEntrySignature(entry, reporter_public_key, organisation_id).ok()) {
        return Fail(thread, Broken(position, "not signed by the reporter's key"));
      }
      item.author = "Reporter";
    } else {
      const candour::v1::Recipient* guardian = FindGuardian(guardian_directories, entry.author_key_id());
      if (guardian == nullptr ||
          guardian->role() != candour::v1::RECIPIENT_ROLE_GUARDIAN ||
          !crypto::VerifyEntrySignature(entry, guardian->ed25519_public_key(), organisation_id).ok()) {
        return Fail(thread, Broken(position, "not signed by a Guardian of the directory"));
      }
      if (!quotable.contains(entry.quoted_hash())) {
        return Fail(thread, Broken(position, "quotes nothing the reporter wrote"));
      }
      item.author_key_id = entry.author_key_id();
      item.author = guardian->display_name();
    }
    absl::StatusOr<candour::v1::EntryContent> content = crypto::OpenEntry(entry, keys, organisation_id);
    if (content.ok()) {
      item.readable = true;
      item.content = *std::move(content);
      if (absl::Status s = Apply(thread, item); !s.ok()) return Fail(thread, std::move(s));
    } else if (entry.kind() == candour::v1::ENTRY_KIND_STATUS_CHANGE) {
      // Everyone must be able to follow the status: one that does not open
      // leaves it unknown from here on.
      return Fail(thread, Broken(position, "a status change that does not decrypt"));
    } else if (content.status().code() != absl::StatusCode::kFailedPrecondition) {
      thread.unreadable.push_back(position);
    }
    item.hash = crypto::EntryHash(entry, organisation_id);
    thread.last_hash = item.hash;
    if (entry.kind() == candour::v1::ENTRY_KIND_REPORTER_MESSAGE) {
      thread.last_reporter_hash = thread.last_hash;
      quotable.insert(thread.last_hash);
    }
    thread.items.push_back(std::move(item));
    ++thread.next_sequence;
  }
  return thread;
}

std::optional<std::string> WorkflowMismatch(const VerifiedThread& thread, candour::v1::CaseStatus server_status,
                                            std::string_view server_assignee_key_id, bool staff_view) {
  if (server_status != thread.status) {
    return absl::StrCat("the server lists the case as ", core::StatusName(server_status),
                        " but the signed thread says ", core::StatusName(thread.status));
  }
  if (staff_view && server_assignee_key_id != thread.assignee_key_id) {
    return std::string("the server's assignee differs from the signed thread's");
  }
  return std::nullopt;
}

std::string RenderThread(const VerifiedThread& thread, bool staff_view) {
  std::string out;
  size_t shown = 0;
  for (const ThreadItem& item : thread.items) {
    if (!staff_view && crypto::IsStaffOnlyKind(item.kind)) continue;
    ++shown;
    if (!item.readable) {
      absl::StrAppend(&out, "[", item.sequence, "] ", item.author,
                      ": (signed, but its content does not open; ask its author to write it again)\n\n");
      continue;
    }
    std::string line = Describe(item);
    absl::StrAppend(&out, "[", item.sequence, "] ", line, "\n\n");
    crypto::WipeString(line);
  }
  if (shown == 0 && thread.problem.ok()) out = "No messages yet.\n";
  if (!thread.problem.ok()) absl::StrAppend(&out, "ERROR: ", thread.problem.message(), "\n");
  return out;
}

}  // namespace candour::clients
