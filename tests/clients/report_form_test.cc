// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "clients/report_form.h"

#include <functional>

#include "gtest/gtest.h"

namespace candour::clients {
namespace {

using namespace candour::v1;

constexpr core::Day kToday = 20415;  // 2025-11-23

Directory MakeDirectory() {
  Directory d;
  auto* dept = d.add_departments();
  dept->set_id(4);
  dept->set_name("Neonatal Unit");
  dept->set_directorate("Women and Children");
  d.add_professional_groups("Medical and dental");
  return d;
}

ReportContent Valid() {
  ReportContent c;
  c.set_content_version(1);
  c.set_kind(REPORT_KIND_HARASSMENT);
  c.add_characteristics(CHARACTERISTIC_RACE);
  c.add_characteristics(CHARACTERISTIC_SEX);
  c.set_source(BEHAVIOUR_SOURCE_PUBLIC);
  c.set_department_id(4);
  c.set_occurred_year(2025);
  c.set_occurred_month(10);
  c.set_what_happened("A visitor shouted abuse at me.");
  c.set_wanted_outcome(WANTED_OUTCOME_RECORD_ONLY);
  return c;
}

TEST(ReportFormTest, AcceptsAValidReport) { EXPECT_TRUE(ValidateReport(Valid(), MakeDirectory(), kToday).ok()); }

TEST(ReportFormTest, RejectsEachBrokenRuleNamingTheField) {
  struct Case {
    const char* name;
    std::function<void(ReportContent&)> mutate;
    const char* field;
  };
  const Case cases[] = {
      {"no kind", [](ReportContent& c) { c.clear_kind(); }, "kind"},
      {"no characteristic", [](ReportContent& c) { c.clear_characteristics(); }, "characteristic"},
      {"none with others", [](ReportContent& c) { c.add_characteristics(CHARACTERISTIC_NONE_OR_NOT_SURE); },
       "none-or-not-sure"},
      {"repeated characteristic", [](ReportContent& c) { c.add_characteristics(CHARACTERISTIC_RACE); }, "repeated"},
      {"no source", [](ReportContent& c) { c.clear_source(); }, "source"},
      {"unknown department", [](ReportContent& c) { c.set_department_id(5); }, "department"},
      {"future month", [](ReportContent& c) { c.set_occurred_month(12); }, "future"},
      {"month 13", [](ReportContent& c) { c.set_occurred_month(13); }, "when"},
      {"empty narrative", [](ReportContent& c) { c.clear_what_happened(); }, "what"},
      {"too long", [](ReportContent& c) { c.set_what_happened(std::string(60001, 'x')); }, "60000"},
      {"no outcome", [](ReportContent& c) { c.clear_wanted_outcome(); }, "wants"},
      {"bystander answers on harassment", [](ReportContent& c) { c.add_bystander_actions(BYSTANDER_ACTION_DELAY); },
       "bystander"},
      {"unknown group", [](ReportContent& c) { c.set_professional_group("Wizards"); }, "professional-group"},
      {"named without contact", [](ReportContent& c) { c.mutable_identity()->set_name("A"); }, "contact"},
      {"named without name", [](ReportContent& c) { c.mutable_identity()->set_contact("a@b"); }, "name"},
  };
  for (const auto& c : cases) {
    ReportContent content = Valid();
    c.mutate(content);
    absl::Status s = ValidateReport(content, MakeDirectory(), kToday);
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << c.name;
    EXPECT_NE(std::string(s.message()).find(c.field), std::string::npos) << c.name << ": " << s.message();
  }
}

TEST(ReportFormTest, BystanderAnswersBelongToBystanderObservations) {
  ReportContent c = Valid();
  c.set_kind(REPORT_KIND_BYSTANDER_OBSERVATION);
  c.add_bystander_actions(BYSTANDER_ACTION_DELEGATE);
  c.add_bystander_actions(BYSTANDER_ACTION_DOCUMENT);
  c.set_target_supported(TARGET_SUPPORTED_YES);
  EXPECT_TRUE(ValidateReport(c, MakeDirectory(), kToday).ok());
  c.add_bystander_actions(BYSTANDER_ACTION_DELEGATE);
  EXPECT_EQ(ValidateReport(c, MakeDirectory(), kToday).code(), absl::StatusCode::kInvalidArgument);
}

TEST(ReportFormTest, TagCarriesDepartmentKindCharacteristicBitsAndSource) {
  crypto::AggregationTag tag = TagFor(Valid());
  EXPECT_EQ(tag.department_id, 4u);
  EXPECT_EQ(tag.kind, REPORT_KIND_HARASSMENT);
  EXPECT_EQ(tag.characteristics, (1u << (CHARACTERISTIC_RACE - 1)) | (1u << (CHARACTERISTIC_SEX - 1)));
  EXPECT_EQ(tag.source, BEHAVIOUR_SOURCE_PUBLIC);
  EXPECT_TRUE(crypto::ValidateTag(tag).ok());
}

TEST(ReportFormTest, EnumNamesRoundTripForFlags) {
  EXPECT_EQ(EnumName(ReportKind_descriptor(), REPORT_KIND_BYSTANDER_OBSERVATION), "bystander-observation");
  EXPECT_EQ(*ParseEnumName(ReportKind_descriptor(), "bystander-observation"), REPORT_KIND_BYSTANDER_OBSERVATION);
  EXPECT_EQ(*ParseEnumName(Characteristic_descriptor(), "Religion-Belief"), CHARACTERISTIC_RELIGION_BELIEF);
  auto unknown = ParseEnumName(ReportKind_descriptor(), "unspecified");
  EXPECT_EQ(unknown.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(std::string(unknown.status().message()).find("discrimination, harassment"), std::string::npos);
}

TEST(ReportFormTest, RenderShowsAnonymityPlainly) {
  std::string text = RenderReport(Valid(), MakeDirectory());
  EXPECT_NE(text.find("Anonymous report"), std::string::npos);
  EXPECT_NE(text.find("Department:      4 (Neonatal Unit, Women and Children)"), std::string::npos);
  ReportContent named = Valid();
  named.mutable_identity()->set_name("Ada");
  named.mutable_identity()->set_contact("ada@example.nhs.uk");
  EXPECT_NE(RenderReport(named, MakeDirectory()).find("Named report:    Ada <ada@example.nhs.uk>"), std::string::npos);
}

}  // namespace
}  // namespace candour::clients
