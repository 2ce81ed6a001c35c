// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The case workflow's rules, shared by candourd (which keeps the status in
// clear for lists and deadlines and refuses illegal moves) and clients (which
// check the signed status changes in a thread against the same rules):
//
//   new -> acknowledged -> in progress -> referred / escalated -> closed
//
// with referred and escalated able to return to in progress, and a closed
// case able to be reopened (back to in progress). Acknowledged may close at
// once (a withdrawn concern); new must be acknowledged first, so every case
// is acknowledged on the record. Names for the CLI and CSV live here too.
// Stateless and thread-safe.
#ifndef CANDOUR_CORE_CASE_WORKFLOW_H_
#define CANDOUR_CORE_CASE_WORKFLOW_H_

#include <optional>
#include <string>
#include <string_view>

#include "candour/v1/thread.pb.h"

namespace candour::core {

bool IsLegalTransition(candour::v1::CaseStatus from, candour::v1::CaseStatus to);

// "new", "acknowledged", "in-progress", "referred", "escalated", "closed".
std::string StatusName(candour::v1::CaseStatus status);
std::optional<candour::v1::CaseStatus> ParseStatus(std::string_view name);

// "resolved", "not-upheld", "withdrawn", "referred-to-hr", "referred-to-police",
// "referred-to-regulator", "no-further-action".
std::string OutcomeName(candour::v1::CaseOutcome outcome);
std::optional<candour::v1::CaseOutcome> ParseOutcome(std::string_view name);

// "patient-safety", "worker-safety", "bullying-harassment",
// "inappropriate-behaviour", "detriment".
std::string ElementName(candour::v1::CaseElement element);
std::optional<candour::v1::CaseElement> ParseElement(std::string_view name);

// "yes", "no", "maybe", "dont-know".
std::string SpeakUpAgainName(candour::v1::SpeakUpAgain answer);
std::optional<candour::v1::SpeakUpAgain> ParseSpeakUpAgain(std::string_view name);

// "same-incident", "duplicate", "malicious".
std::string RelationName(candour::v1::LinkRelation relation);
std::optional<candour::v1::LinkRelation> ParseRelation(std::string_view name);

}  // namespace candour::core

#endif  // CANDOUR_CORE_CASE_WORKFLOW_H_
