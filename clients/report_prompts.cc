// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "clients/report_prompts.h"

#include <cstdio>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "clients/report_form.h"
#include "core/period.h"
#include "crypto/wipe_message.h"

namespace candour::clients {
namespace {

using candour::v1::ReportContent;
using google::protobuf::EnumDescriptor;

std::optional<std::string> Line(absl::string_view question) {
  std::printf("%.*s ", static_cast<int>(question.size()), question.data());
  std::fflush(stdout);
  std::string line;
  if (!std::getline(std::cin, line)) return std::nullopt;
  std::string answer(absl::StripAsciiWhitespace(line));
  crypto::WipeString(line);  // answers include names and contact details
  return answer;
}

// A numbered menu; returns the chosen numbers (several if `many`), or
// nullopt at end of input. An empty answer returns {} when `optional`.
std::optional<std::vector<int>> Menu(absl::string_view question, const std::vector<std::string>& options, bool many,
                                     bool optional) {
  std::printf("\n%.*s\n", static_cast<int>(question.size()), question.data());
  for (size_t i = 0; i < options.size(); ++i) std::printf("  %zu. %s\n", i + 1, options[i].c_str());
  while (true) {
    auto answer = Line(many ? "Numbers, separated by commas:" : "Number:");
    if (!answer) return std::nullopt;
    if (answer->empty() && optional) return std::vector<int>{};
    std::vector<int> chosen;
    bool ok = !answer->empty();
    for (auto part : absl::StrSplit(*answer, ',', absl::SkipWhitespace())) {
      int n = 0;
      if (!absl::SimpleAtoi(absl::StripAsciiWhitespace(part), &n) || n < 1 || n > static_cast<int>(options.size())) {
        ok = false;
      }
      chosen.push_back(n);
    }
    if (ok && (many || chosen.size() == 1)) return chosen;
    std::printf("Please answer with %s from the list.\n", many ? "numbers" : "one number");
  }
}

// Menu over an enum's values (skipping UNSPECIFIED); returns enum numbers.
std::optional<std::vector<int>> EnumMenu(absl::string_view question, const EnumDescriptor* type,
                                         const std::vector<std::string>& labels, bool many, bool optional) {
  auto chosen = Menu(question, labels, many, optional);
  if (!chosen) return std::nullopt;
  for (int& c : *chosen) c = type->value(c)->number();
  return chosen;
}

std::optional<std::string> Paragraph(absl::string_view question) {
  std::printf("\n%.*s\n(Finish with a line containing only a full stop.)\n", static_cast<int>(question.size()),
              question.data());
  std::string text, line;
  text.reserve(16384);  // fewer reallocations leave fewer unwiped copies behind
  while (std::getline(std::cin, line)) {
    if (line == ".") {
      crypto::WipeString(line);
      return text;
    }
    absl::StrAppend(&text, text.empty() ? "" : "\n", line);
    crypto::WipeString(line);
  }
  crypto::WipeString(text);
  return std::nullopt;
}

const absl::Status kCancelled = absl::CancelledError("input ended before the report was complete");

absl::Status AskWhatAndWho(const candour::v1::Directory& d, ReportContent& c) {
  using namespace candour::v1;
  if (c.kind() == 0) {
    auto v = EnumMenu("What would you like to report?", ReportKind_descriptor(),
                      {"Discrimination", "Harassment", "Bullying", "Victimisation (treated badly for speaking up)",
                       "Something I saw happen to someone else", "Something else"},
                      false, false);
    if (!v) return kCancelled;
    c.set_kind(ReportKind((*v)[0]));
  }
  if (c.characteristics_size() == 0) {
    auto v = EnumMenu("Was it related to any of these? Choose all that apply.", Characteristic_descriptor(),
                      {"Age", "Disability", "Gender reassignment", "Marriage or civil partnership",
                       "Pregnancy or maternity", "Race, colour, ethnicity or nationality", "Religion or belief", "Sex",
                       "Sexual orientation", "None of these / not sure"},
                      true, false);
    if (!v) return kCancelled;
    for (int x : *v) c.add_characteristics(Characteristic(x));
  }
  if (c.source() == 0) {
    auto v = EnumMenu("Who did it come from?", BehaviourSource_descriptor(),
                      {"A manager or team leader", "A colleague", "A patient, relative or member of the public",
                       "A contractor or agency worker", "Someone else"},
                      false, false);
    if (!v) return kCancelled;
    c.set_source(BehaviourSource((*v)[0]));
  }
  if (c.department_id() == 0) {
    std::vector<std::string> names;
    for (const auto& dept : d.departments()) names.push_back(absl::StrCat(dept.name(), " (", dept.directorate(), ")"));
    auto v = Menu("Which department did it happen in?", names, false, false);
    if (!v) return kCancelled;
    c.set_department_id(d.departments((*v)[0] - 1).id());
  }
  return absl::OkStatus();
}

absl::Status AskWhenAndWhat(ReportContent& c) {
  if (c.occurred_year() == 0) {
    core::CivilDate now = core::CivilFromDay(core::TodayInLondon());
    std::string example = absl::StrFormat("%04d-%02d", now.year, now.month);
    auto answer = Line(absl::StrCat("\nWhich month did it happen? (like ", example, "; press Enter for this month)"));
    if (!answer) return kCancelled;
    if (answer->empty()) *answer = example;
    std::vector<std::string> parts = absl::StrSplit(*answer, '-');
    uint32_t y = 0, m = 0;
    if (parts.size() == 2 && absl::SimpleAtoi(parts[0], &y) && absl::SimpleAtoi(parts[1], &m)) {
      c.set_occurred_year(y);
      c.set_occurred_month(m);
    }
  }
  if (c.what_happened().empty()) {
    auto text = Paragraph("What happened? Write as much or as little as you like.");
    if (!text) return kCancelled;
    c.set_what_happened(*text);
    crypto::WipeString(*text);
  }
  if (c.impact().empty()) {
    auto text = Paragraph("How has it affected you or the person targeted? (optional: just type a full stop)");
    if (!text) return kCancelled;
    c.set_impact(*text);
    crypto::WipeString(*text);
  }
  return absl::OkStatus();
}

absl::Status AskOutcomeAndBystander(ReportContent& c) {
  using namespace candour::v1;
  if (c.wanted_outcome() == 0) {
    auto v = EnumMenu("What would you like to happen?", WantedOutcome_descriptor(),
                      {"Just to record it", "To talk to a Guardian", "Formal action"}, false, false);
    if (!v) return kCancelled;
    c.set_wanted_outcome(WantedOutcome((*v)[0]));
  }
  if (c.kind() != REPORT_KIND_BYSTANDER_OBSERVATION) return absl::OkStatus();
  if (c.bystander_actions_size() == 0) {
    auto v = EnumMenu("What did you do? Choose any that apply, or press Enter for none.", BystanderAction_descriptor(),
                      {"Spoke up there and then", "Interrupted or distracted", "Got someone else to act",
                       "Checked in with the person afterwards", "Wrote down what happened"},
                      true, true);
    if (!v) return kCancelled;
    for (int x : *v) c.add_bystander_actions(BystanderAction(x));
  }
  if (c.target_supported() == 0) {
    auto v = EnumMenu("Was the person targeted supported afterwards?", TargetSupported_descriptor(),
                      {"Yes", "No", "I don't know"}, false, false);
    if (!v) return kCancelled;
    c.set_target_supported(TargetSupported((*v)[0]));
  }
  return absl::OkStatus();
}

absl::Status AskAboutReporter(const candour::v1::Directory& d, ReportContent& c) {
  if (c.professional_group().empty() && d.professional_groups_size() > 0) {
    std::vector<std::string> groups(d.professional_groups().begin(), d.professional_groups().end());
    auto v = Menu("Your professional group (optional: press Enter to skip)", groups, false, true);
    if (!v) return kCancelled;
    if (!v->empty()) c.set_professional_group(groups[(*v)[0] - 1]);
  }
  if (!c.has_identity()) {
    auto answer = Line("\nWould you like to put your name on this report? Without it you stay anonymous. [y/N]");
    if (!answer) return kCancelled;
    if (absl::AsciiStrToLower(*answer) == "y" || absl::AsciiStrToLower(*answer) == "yes") {
      auto name = Line("Your name:");
      if (!name) return kCancelled;
      auto contact = Line("How can a Guardian contact you? (email or phone):");
      if (!contact) return kCancelled;
      c.mutable_identity()->set_name(*name);
      c.mutable_identity()->set_contact(*contact);
      crypto::WipeString(*name);
      crypto::WipeString(*contact);
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status AskForReport(const candour::v1::Directory& d, ReportContent& c) {
  std::printf("Reporting to %s. Your answers are encrypted on this computer before they are sent.\n",
              d.organisation_name().c_str());
  if (auto s = AskWhatAndWho(d, c); !s.ok()) return s;
  if (auto s = AskWhenAndWhat(c); !s.ok()) return s;
  if (auto s = AskOutcomeAndBystander(c); !s.ok()) return s;
  return AskAboutReporter(d, c);
}

bool ConfirmSend(const candour::v1::Directory& d, const ReportContent& c) {
  std::string shown = RenderReport(c, d);
  std::printf("\n---- Your report ----\n%s---------------------\n", shown.c_str());
  crypto::WipeString(shown);
  std::printf("It will be encrypted on this computer so that only these can read it:\n  %s\n",
              DescribeRecipients(d).c_str());
  auto answer = Line("Send it now? [y/N]");
  return answer && (absl::AsciiStrToLower(*answer) == "y" || absl::AsciiStrToLower(*answer) == "yes");
}

}  // namespace candour::clients
