// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "core/case_workflow.h"

#include <gtest/gtest.h>

#include <set>
#include <utility>

namespace candour::core {
namespace {

using namespace candour::v1;  // NOLINT

TEST(CaseWorkflow, TheLegalMovesAndNoOthers) {
  const std::set<std::pair<int, int>> legal = {
      {CASE_STATUS_NEW, CASE_STATUS_ACKNOWLEDGED},        {CASE_STATUS_ACKNOWLEDGED, CASE_STATUS_IN_PROGRESS},
      {CASE_STATUS_ACKNOWLEDGED, CASE_STATUS_CLOSED},     {CASE_STATUS_IN_PROGRESS, CASE_STATUS_REFERRED},
      {CASE_STATUS_IN_PROGRESS, CASE_STATUS_ESCALATED},   {CASE_STATUS_IN_PROGRESS, CASE_STATUS_CLOSED},
      {CASE_STATUS_REFERRED, CASE_STATUS_IN_PROGRESS},    {CASE_STATUS_REFERRED, CASE_STATUS_CLOSED},
      {CASE_STATUS_ESCALATED, CASE_STATUS_IN_PROGRESS},   {CASE_STATUS_ESCALATED, CASE_STATUS_CLOSED},
      {CASE_STATUS_CLOSED, CASE_STATUS_IN_PROGRESS},
  };
  for (int from = CaseStatus_MIN; from <= CaseStatus_MAX + 1; ++from) {
    for (int to = CaseStatus_MIN; to <= CaseStatus_MAX + 1; ++to) {
      EXPECT_EQ(IsLegalTransition(static_cast<CaseStatus>(from), static_cast<CaseStatus>(to)),
                legal.contains({from, to}))
          << from << " -> " << to;
    }
  }
}

TEST(CaseWorkflow, NamesRoundTrip) {
  for (int s = CASE_STATUS_NEW; s <= CASE_STATUS_CLOSED; ++s) {
    EXPECT_EQ(ParseStatus(StatusName(static_cast<CaseStatus>(s))), static_cast<CaseStatus>(s));
  }
  for (int o = CASE_OUTCOME_RESOLVED; o <= CaseOutcome_MAX; ++o) {
    EXPECT_EQ(ParseOutcome(OutcomeName(static_cast<CaseOutcome>(o))), static_cast<CaseOutcome>(o));
  }
  for (int e = CASE_ELEMENT_PATIENT_SAFETY; e <= CaseElement_MAX; ++e) {
    EXPECT_EQ(ParseElement(ElementName(static_cast<CaseElement>(e))), static_cast<CaseElement>(e));
  }
  for (int a = SPEAK_UP_AGAIN_YES; a <= SpeakUpAgain_MAX; ++a) {
    EXPECT_EQ(ParseSpeakUpAgain(SpeakUpAgainName(static_cast<SpeakUpAgain>(a))), static_cast<SpeakUpAgain>(a));
  }
  for (int r = LINK_RELATION_SAME_INCIDENT; r <= LinkRelation_MAX; ++r) {
    EXPECT_EQ(ParseRelation(RelationName(static_cast<LinkRelation>(r))), static_cast<LinkRelation>(r));
  }
  EXPECT_FALSE(ParseStatus("New").has_value());
  EXPECT_FALSE(ParseOutcome("").has_value());
  EXPECT_EQ(StatusName(CASE_STATUS_UNSPECIFIED), "unknown");
}

}  // namespace
}  // namespace candour::core
