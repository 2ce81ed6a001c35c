// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "clients/quarterly_return.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

namespace candour::clients {
namespace {

using namespace candour::v1;  // NOLINT: the enums are from the proto

const std::vector<std::string> kGroups = {"Medical and dental", "Nursing and midwifery registered", "Students"};

candour::v1::Classification Classified(std::vector<CaseElement> elements, std::string group, bool feedback,
                                       SpeakUpAgain answer) {
  candour::v1::Classification c;
  for (CaseElement e : elements) c.add_elements(e);
  c.set_professional_group(std::move(group));
  c.set_feedback_given(feedback);
  c.set_speak_up_again(answer);
  return c;
}

std::map<std::string, int64_t> ByName(const std::vector<ReturnColumn>& columns) {
  std::map<std::string, int64_t> out;
  for (const ReturnColumn& c : columns) out[c.name] = c.count;
  return out;
}

TEST(QuarterlyReturnTest, MatchesCountsWorkedOutByHand) {
  const core::Period q2 = core::ParsePeriod("2026-27Q2").value();  // 1 July - 30 September 2026
  const core::Day july1 = core::ParseDay("2026-07-01").value();
  const core::Day sept30 = core::ParseDay("2026-09-30").value();
  const std::vector<CaseFacts> cases = {
      // 1: anonymous, bullying + detriment, nurse, feedback, would speak up again.
      {july1, true, "", Classified({CASE_ELEMENT_BULLYING_HARASSMENT, CASE_ELEMENT_DETRIMENT},
                                   "Nursing and midwifery registered", true, SPEAK_UP_AGAIN_YES)},
      // 2: named, patient safety only; the Guardian's group overrides the reporter's.
      {july1 + 10, false, "Students",
       Classified({CASE_ELEMENT_PATIENT_SAFETY}, "Medical and dental", false, SPEAK_UP_AGAIN_UNSPECIFIED)},
      // 3: anonymous, not classified yet; the reporter chose a group.
      {july1 + 20, true, "Students", std::nullopt},
      // 4: named, every element, a group not in the directory, feedback "maybe".
      {sept30, false, "",
       Classified({CASE_ELEMENT_PATIENT_SAFETY, CASE_ELEMENT_WORKER_SAFETY, CASE_ELEMENT_BULLYING_HARASSMENT,
                   CASE_ELEMENT_INAPPROPRIATE_BEHAVIOUR, CASE_ELEMENT_DETRIMENT},
                  "Astronauts", true, SPEAK_UP_AGAIN_MAYBE)},
      // 5: named, worker safety, no group anywhere, feedback "no".
      {july1 + 40, false, "", Classified({CASE_ELEMENT_WORKER_SAFETY}, "", true, SPEAK_UP_AGAIN_NO)},
      // Outside the quarter: the day before and the day after.
      {july1 - 1, true, "Students", Classified({CASE_ELEMENT_DETRIMENT}, "", true, SPEAK_UP_AGAIN_YES)},
      {sept30 + 1, true, "Students", Classified({CASE_ELEMENT_DETRIMENT}, "", true, SPEAK_UP_AGAIN_YES)},
  };
  const std::map<std::string, int64_t> got = ByName(ComputeQuarterlyReturn(cases, q2, kGroups));
  const std::map<std::string, int64_t> expected = {
      {"Cases raised", 5},
      {"Cases raised anonymously", 2},                                  // cases 1, 3
      {"Element of patient safety / quality", 2},                       // 2, 4
      {"Element of worker safety or wellbeing", 2},                     // 4, 5
      {"Element of bullying or harassment", 2},                         // 1, 4
      {"Element of inappropriate attitudes or behaviours", 1},          // 4
      {"Detriment for speaking up indicated", 2},                       // 1, 4
      {"Professional group: Medical and dental", 1},                    // 2
      {"Professional group: Nursing and midwifery registered", 1},      // 1
      {"Professional group: Students", 1},                              // 3
      {"Professional group: Not known", 2},                             // 4 (not a directory group), 5
      {"Feedback given", 3},                                            // 1, 4, 5
      {"Would speak up again: Yes", 1},                                 // 1
      {"Would speak up again: No", 1},                                  // 5
      {"Would speak up again: Maybe", 1},                               // 4
      {"Would speak up again: I don't know", 0},
  };
  EXPECT_EQ(got, expected);
}

TEST(QuarterlyReturnTest, CsvHasTheQuarterAndEveryColumnInOrder) {
  const core::Period q3 = core::ParsePeriod("2026-27Q3").value();
  const std::vector<CaseFacts> cases = {{q3.first_day, true, "", std::nullopt}};
  const std::string csv = ReturnCsv(ComputeQuarterlyReturn(cases, q3, {"Estates, and \"ancillary\""}), q3);
  EXPECT_EQ(csv,
            "Quarter,Cases raised,Cases raised anonymously,Element of patient safety / quality,"
            "Element of worker safety or wellbeing,Element of bullying or harassment,"
            "Element of inappropriate attitudes or behaviours,Detriment for speaking up indicated,"
            "\"Professional group: Estates, and \"\"ancillary\"\"\",Professional group: Not known,Feedback given,"
            "Would speak up again: Yes,Would speak up again: No,Would speak up again: Maybe,"
            "Would speak up again: I don't know\r\n"
            "2026-27Q3,1,1,0,0,0,0,0,0,1,0,0,0,0,0\r\n");
}

TEST(QuarterlyReturnTest, AnEmptyQuarterIsAllZeros) {
  const core::Period q1 = core::ParsePeriod("2026-27Q1").value();
  for (const ReturnColumn& c : ComputeQuarterlyReturn({}, q1, kGroups)) EXPECT_EQ(c.count, 0) << c.name;
}

}  // namespace
}  // namespace candour::clients
