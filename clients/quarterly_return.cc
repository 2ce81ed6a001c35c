// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "clients/quarterly_return.h"

#include <algorithm>
#include <array>
#include <utility>

namespace candour::clients {
namespace {

using namespace candour::v1;  // NOLINT: the enums below are from the proto

constexpr std::array<std::pair<CaseElement, const char*>, 5> kElementColumns = {{
    {CASE_ELEMENT_PATIENT_SAFETY, "Element of patient safety / quality"},
    {CASE_ELEMENT_WORKER_SAFETY, "Element of worker safety or wellbeing"},
    {CASE_ELEMENT_BULLYING_HARASSMENT, "Element of bullying or harassment"},
    {CASE_ELEMENT_INAPPROPRIATE_BEHAVIOUR, "Element of inappropriate attitudes or behaviours"},
    {CASE_ELEMENT_DETRIMENT, "Detriment for speaking up indicated"},
}};

constexpr std::array<std::pair<SpeakUpAgain, const char*>, 4> kAnswerColumns = {{
    {SPEAK_UP_AGAIN_YES, "Would speak up again: Yes"},
    {SPEAK_UP_AGAIN_NO, "Would speak up again: No"},
    {SPEAK_UP_AGAIN_MAYBE, "Would speak up again: Maybe"},
    {SPEAK_UP_AGAIN_DONT_KNOW, "Would speak up again: I don't know"},
}};

constexpr char kGroupNotKnown[] = "Not known";

std::string CsvField(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  return out + "\"";
}

}  // namespace

std::vector<ReturnColumn> ComputeQuarterlyReturn(const std::vector<CaseFacts>& cases, const core::Period& quarter,
                                                 const std::vector<std::string>& groups) {
  std::vector<ReturnColumn> columns;
  columns.push_back({"Cases raised", 0});
  columns.push_back({"Cases raised anonymously", 0});
  const size_t first_element = columns.size();
  for (const auto& [element, name] : kElementColumns) columns.push_back({name, 0});
  const size_t first_group = columns.size();
  for (const std::string& group : groups) columns.push_back({"Professional group: " + group, 0});
  columns.push_back({std::string("Professional group: ") + kGroupNotKnown, 0});
  const size_t feedback = columns.size();
  columns.push_back({"Feedback given", 0});
  const size_t first_answer = columns.size();
  for (const auto& [answer, name] : kAnswerColumns) columns.push_back({name, 0});

  for (const CaseFacts& c : cases) {
    if (!quarter.Contains(c.received_day)) continue;
    ++columns[0].count;
    if (c.anonymous) ++columns[1].count;
    std::string group = c.reported_group;
    if (c.classification.has_value()) {
      const Classification& k = *c.classification;
      for (size_t i = 0; i < kElementColumns.size(); ++i) {
        // Each element once per case, even if a malformed entry named it twice.
        if (std::find(k.elements().begin(), k.elements().end(), kElementColumns[i].first) != k.elements().end()) {
          ++columns[first_element + i].count;
        }
      }
      if (!k.professional_group().empty()) group = k.professional_group();
      if (k.feedback_given()) ++columns[feedback].count;
      for (size_t i = 0; i < kAnswerColumns.size(); ++i) {
        if (k.speak_up_again() == kAnswerColumns[i].first) ++columns[first_answer + i].count;
      }
    }
    auto known = std::find(groups.begin(), groups.end(), group);
    ++columns[first_group + (known == groups.end() ? groups.size() : static_cast<size_t>(known - groups.begin()))]
          .count;
  }
  return columns;
}

std::string ReturnCsv(const std::vector<ReturnColumn>& columns, const core::Period& quarter) {
  std::string header = "Quarter";
  std::string values = CsvField(quarter.name);
  for (const ReturnColumn& column : columns) {
    header += "," + CsvField(column.name);
    values += "," + std::to_string(column.count);
  }
  return header + "\r\n" + values + "\r\n";
}

}  // namespace candour::clients
