// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "core/case_workflow.h"

#include <array>
#include <utility>

namespace candour::core {
namespace {

using namespace candour::v1;  // NOLINT: every enum below is from the proto

template <typename Enum, size_t N>
std::string NameIn(const std::array<std::pair<Enum, std::string_view>, N>& table, Enum value) {
  for (const auto& [v, name] : table) {
    if (v == value) return std::string(name);
  }
  return std::string("unknown");
}

template <typename Enum, size_t N>
std::optional<Enum> ParseIn(const std::array<std::pair<Enum, std::string_view>, N>& table, std::string_view name) {
  for (const auto& [v, n] : table) {
    if (n == name) return v;
  }
  return std::nullopt;
}

constexpr std::array<std::pair<CaseStatus, std::string_view>, 6> kStatuses = {{
    {CASE_STATUS_NEW, "new"},
    {CASE_STATUS_ACKNOWLEDGED, "acknowledged"},
    {CASE_STATUS_IN_PROGRESS, "in-progress"},
    {CASE_STATUS_REFERRED, "referred"},
    {CASE_STATUS_ESCALATED, "escalated"},
    {CASE_STATUS_CLOSED, "closed"},
}};

constexpr std::array<std::pair<CaseOutcome, std::string_view>, 7> kOutcomes = {{
    {CASE_OUTCOME_RESOLVED, "resolved"},
    {CASE_OUTCOME_NOT_UPHELD, "not-upheld"},
    {CASE_OUTCOME_WITHDRAWN, "withdrawn"},
    {CASE_OUTCOME_REFERRED_TO_HR, "referred-to-hr"},
    {CASE_OUTCOME_REFERRED_TO_POLICE, "referred-to-police"},
    {CASE_OUTCOME_REFERRED_TO_REGULATOR, "referred-to-regulator"},
    {CASE_OUTCOME_NO_FURTHER_ACTION, "no-further-action"},
}};

constexpr std::array<std::pair<CaseElement, std::string_view>, 5> kElements = {{
    {CASE_ELEMENT_PATIENT_SAFETY, "patient-safety"},
    {CASE_ELEMENT_WORKER_SAFETY, "worker-safety"},
    {CASE_ELEMENT_BULLYING_HARASSMENT, "bullying-harassment"},
    {CASE_ELEMENT_INAPPROPRIATE_BEHAVIOUR, "inappropriate-behaviour"},
    {CASE_ELEMENT_DETRIMENT, "detriment"},
}};

constexpr std::array<std::pair<SpeakUpAgain, std::string_view>, 4> kAnswers = {{
    {SPEAK_UP_AGAIN_YES, "yes"},
    {SPEAK_UP_AGAIN_NO, "no"},
    {SPEAK_UP_AGAIN_MAYBE, "maybe"},
    {SPEAK_UP_AGAIN_DONT_KNOW, "dont-know"},
}};

constexpr std::array<std::pair<LinkRelation, std::string_view>, 3> kRelations = {{
    {LINK_RELATION_SAME_INCIDENT, "same-incident"},
    {LINK_RELATION_DUPLICATE, "duplicate"},
    {LINK_RELATION_MALICIOUS, "malicious"},
}};

}  // namespace

bool IsLegalTransition(CaseStatus from, CaseStatus to) {
  switch (from) {
    case CASE_STATUS_NEW:
      return to == CASE_STATUS_ACKNOWLEDGED;
    case CASE_STATUS_ACKNOWLEDGED:
      return to == CASE_STATUS_IN_PROGRESS || to == CASE_STATUS_CLOSED;
    case CASE_STATUS_IN_PROGRESS:
      return to == CASE_STATUS_REFERRED || to == CASE_STATUS_ESCALATED || to == CASE_STATUS_CLOSED;
    case CASE_STATUS_REFERRED:
    case CASE_STATUS_ESCALATED:
      return to == CASE_STATUS_IN_PROGRESS || to == CASE_STATUS_CLOSED;
    case CASE_STATUS_CLOSED:
      return to == CASE_STATUS_IN_PROGRESS;
    default:
      return false;
  }
}

std::string StatusName(CaseStatus status) { return NameIn(kStatuses, status); }
std::optional<CaseStatus> ParseStatus(std::string_view name) { return ParseIn(kStatuses, name); }
std::string OutcomeName(CaseOutcome outcome) { return NameIn(kOutcomes, outcome); }
std::optional<CaseOutcome> ParseOutcome(std::string_view name) { return ParseIn(kOutcomes, name); }
std::string ElementName(CaseElement element) { return NameIn(kElements, element); }
std::optional<CaseElement> ParseElement(std::string_view name) { return ParseIn(kElements, name); }
std::string SpeakUpAgainName(SpeakUpAgain answer) { return NameIn(kAnswers, answer); }
std::optional<SpeakUpAgain> ParseSpeakUpAgain(std::string_view name) { return ParseIn(kAnswers, name); }
std::string RelationName(LinkRelation relation) { return NameIn(kRelations, relation); }
std::optional<LinkRelation> ParseRelation(std::string_view name) { return ParseIn(kRelations, name); }

}  // namespace candour::core
