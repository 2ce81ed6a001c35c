// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The base of the ReportStore contract suites' fixtures: a fresh, empty
// store from `Factory` for each test (see report_store_contract.h for the
// factory), and Apply for the units a test expects to succeed. A fixture
// deriving from it names the members it uses unqualified with `using`
// (the base is a dependent type). Header-only.
#ifndef CANDOUR_TESTS_STORAGE_STORE_CONTRACT_FIXTURE_H_
#define CANDOUR_TESTS_STORAGE_STORE_CONTRACT_FIXTURE_H_

#include <memory>

#include "gtest/gtest.h"
#include "storage/report_store.h"

namespace candour::storage::testing {

template <typename Factory>
class StoreContractFixture : public ::testing::Test {
 protected:
  void SetUp() override { store_ = factory_.Make(); }

  // Commits `unit` and expects it to apply.
  void Apply(const UnitOfWork& unit) {
    absl::StatusOr<CommitOutcome> outcome = store_->Commit(unit);
    ASSERT_TRUE(outcome.ok()) << outcome.status();
    EXPECT_EQ(*outcome, CommitOutcome::kApplied);
  }

  Factory factory_;
  std::unique_ptr<ReportStore> store_;
};

}  // namespace candour::storage::testing

#endif  // CANDOUR_TESTS_STORAGE_STORE_CONTRACT_FIXTURE_H_
