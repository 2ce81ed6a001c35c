// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "storage/in_memory_report_store.h"

#include <memory>

#include "gtest/gtest.h"
#include "tests/storage/audit_store_contract.h"
#include "tests/storage/case_keys_store_contract.h"
#include "tests/storage/ledger_store_contract.h"
#include "tests/storage/log_store_contract.h"
#include "tests/storage/report_store_contract.h"
#include "tests/storage/staff_store_conflicts.h"
#include "tests/storage/staff_store_contract.h"
#include "tests/storage/thread_store_contract.h"
#include "tests/storage/workflow_store_contract.h"

namespace candour::storage::testing {
namespace {

struct InMemoryFactory {
  std::unique_ptr<ReportStore> Make() { return std::make_unique<InMemoryReportStore>(); }
};

}  // namespace

INSTANTIATE_TYPED_TEST_SUITE_P(InMemory, ReportStoreContractTest, InMemoryFactory);
INSTANTIATE_TYPED_TEST_SUITE_P(InMemory, StaffStoreContractTest, InMemoryFactory);
INSTANTIATE_TYPED_TEST_SUITE_P(InMemory, StaffStoreConflictTest, InMemoryFactory);
INSTANTIATE_TYPED_TEST_SUITE_P(InMemory, ThreadStoreContractTest, InMemoryFactory);
INSTANTIATE_TYPED_TEST_SUITE_P(InMemory, WorkflowStoreContractTest, InMemoryFactory);
INSTANTIATE_TYPED_TEST_SUITE_P(InMemory, AuditStoreContractTest, InMemoryFactory);
INSTANTIATE_TYPED_TEST_SUITE_P(InMemory, CaseKeysStoreContractTest, InMemoryFactory);
INSTANTIATE_TYPED_TEST_SUITE_P(InMemory, LedgerStoreContractTest, InMemoryFactory);
INSTANTIATE_TYPED_TEST_SUITE_P(InMemory, LogStoreContractTest, LogCases<InMemoryFactory>, LogCaseNames);

}  // namespace candour::storage::testing
