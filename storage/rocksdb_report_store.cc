// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "storage/rocksdb_report_store.h"

#include <algorithm>
#include <limits>
#include <utility>

#include "absl/status/status.h"
#include "rocksdb/db.h"
#include "rocksdb/iterator.h"
#include "rocksdb/snapshot.h"
#include "storage/rocksdb_options.h"
#include "storage/rocksdb_report_store_impl.h"
#include "storage/rocksdb_status.h"
#include "storage/schema.h"
#include "storage/unit_validation.h"

namespace candour::storage {
namespace {

rocksdb::Slice ToSlice(std::string_view s) { return rocksdb::Slice(s.data(), s.size()); }
std::string_view ToView(const rocksdb::Slice& s) { return std::string_view(s.data(), s.size()); }

// A database made by a later build may have column families we do not know;
// opening it without them would fail with an opaque InvalidArgument.
absl::Status CheckKnownColumnFamilies(const rocksdb::DBOptions& options, const std::string& path) {
  std::vector<std::string> existing;
  // Fails for a database that does not exist yet, which is fine: Open creates it.
  if (!rocksdb::DB::ListColumnFamilies(options, path, &existing).ok()) return absl::OkStatus();
  for (const std::string& name : existing) {
    if (std::find(schema::kAllColumnFamilies.begin(), schema::kAllColumnFamilies.end(), name) ==
        schema::kAllColumnFamilies.end()) {
      return absl::FailedPreconditionError("database has a column family this build does not know");
    }
  }
  return absl::OkStatus();
}

// A read-only open cannot create what is missing, and RocksDB's own errors
// for that are opaque: say which it is.
absl::Status CheckAllColumnFamiliesExist(const rocksdb::DBOptions& options, const std::string& path) {
  std::vector<std::string> existing;
  if (!rocksdb::DB::ListColumnFamilies(options, path, &existing).ok()) {
    return absl::NotFoundError("no database in the data dir");
  }
  for (std::string_view name : schema::kAllColumnFamilies) {
    if (std::find(existing.begin(), existing.end(), name) == existing.end()) {
      return absl::FailedPreconditionError(
          "the data dir lacks a column family of this build: start this build's candourd on it once");
    }
  }
  return absl::OkStatus();
}

// Every record of a family whose keys and values are a Record's two fields
// as they are (accounts by name, invitations by code hash), in key order.
template <typename Record>
absl::StatusOr<std::vector<Record>> ListKeysAndValues(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* family,
                                                      const char* what) {
  std::vector<Record> records;
  std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(rocksdb::ReadOptions(), family));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    records.push_back(Record{it->key().ToString(), it->value().ToString()});
  }
  if (absl::Status s = FromRocksDb(it->status(), what); !s.ok()) return s;
  return records;
}

}  // namespace

RocksDbReportStore::Impl::Impl(std::unique_ptr<rocksdb::DB> db, std::vector<rocksdb::ColumnFamilyHandle*> handles)
    : db_(std::move(db)), handles_(std::move(handles)) {}

RocksDbReportStore::Impl::~Impl() {
  for (rocksdb::ColumnFamilyHandle* handle : handles_) db_->DestroyColumnFamilyHandle(handle);
  // Every write was synced, so Close has nothing durable left to do; its
  // status only reports background work cut short, which reopen recovers.
  db_->Close().PermitUncheckedError();
}

rocksdb::ColumnFamilyHandle* RocksDbReportStore::Impl::cf(std::string_view name) const {
  for (size_t i = 0; i < schema::kAllColumnFamilies.size(); ++i) {
    if (schema::kAllColumnFamilies[i] == name) return handles_[i];
  }
  return nullptr;  // unreachable: callers pass schema constants
}

absl::StatusOr<std::optional<std::string>> RocksDbReportStore::Impl::Get(std::string_view cf_name,
                                                                         std::string_view key) {
  std::string value;
  rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), cf(cf_name), ToSlice(key), &value);
  if (s.IsNotFound()) return std::nullopt;
  if (!s.ok()) return FromRocksDb(s, "read");
  return value;
}

absl::StatusOr<std::optional<std::pair<std::string, std::string>>> RocksDbReportStore::Impl::LastRecord(
    std::string_view cf_name) {
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), cf(cf_name)));
  it->SeekToLast();
  if (!it->Valid()) {
    if (absl::Status s = FromRocksDb(it->status(), "seek to last record"); !s.ok()) return s;
    return std::nullopt;
  }
  return std::make_pair(it->key().ToString(), it->value().ToString());
}

absl::StatusOr<std::optional<uint64_t>> RocksDbReportStore::Impl::LatestDirectoryVersion() {
  absl::StatusOr<std::optional<std::pair<std::string, std::string>>> last = LastRecord(schema::kDirectoryCf);
  if (!last.ok()) return last.status();
  if (!last->has_value()) return std::nullopt;
  absl::StatusOr<uint64_t> version = schema::DecodeDirectoryKey((*last)->first);
  if (!version.ok()) return version.status();
  return *version;
}

absl::StatusOr<bool> RocksDbReportStore::Impl::AllColumnFamiliesEmpty() {
  for (rocksdb::ColumnFamilyHandle* handle : handles_) {
    std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), handle));
    it->SeekToFirst();
    if (it->Valid()) return false;
    if (absl::Status s = FromRocksDb(it->status(), "scan database on open"); !s.ok()) return s;
  }
  return true;
}

absl::Status RocksDbReportStore::Impl::CheckSchemaVersion(bool read_only) {
  absl::StatusOr<std::optional<std::string>> version = Get(schema::kMetaCf, schema::kSchemaVersionKey);
  if (!version.ok()) return version.status();
  if (version->has_value()) {
    if (**version == schema::kSchemaVersion) return absl::OkStatus();
    return absl::FailedPreconditionError("database schema version is not 1, the only version this build reads");
  }
  if (read_only) return absl::FailedPreconditionError("database has no schema version: it is not a Candour data dir");
  absl::StatusOr<bool> empty = AllColumnFamiliesEmpty();
  if (!empty.ok()) return empty.status();
  if (!*empty) return absl::FailedPreconditionError("database holds data but no schema version");
  rocksdb::WriteOptions write_options;
  write_options.sync = true;
  return FromRocksDb(
      db_->Put(write_options, cf(schema::kMetaCf), ToSlice(schema::kSchemaVersionKey), ToSlice(schema::kSchemaVersion)),
      "write schema version");
}

absl::StatusOr<std::unique_ptr<RocksDbReportStore>> RocksDbReportStore::Open(const std::string& path,
                                                                             const RocksDbOptions& options) {
  return OpenAs(path, options, /*read_only=*/false);
}

absl::StatusOr<std::unique_ptr<RocksDbReportStore>> RocksDbReportStore::OpenReadOnly(const std::string& path,
                                                                                     const RocksDbOptions& options) {
  return OpenAs(path, options, /*read_only=*/true);
}

absl::StatusOr<std::unique_ptr<RocksDbReportStore>> RocksDbReportStore::OpenAs(const std::string& path,
                                                                               const RocksDbOptions& options,
                                                                               bool read_only) {
  RocksDbSetup setup = MakeRocksDbSetup(options);
  if (absl::Status s = CheckKnownColumnFamilies(setup.db, path); !s.ok()) return s;
  if (read_only) {
    if (absl::Status s = CheckAllColumnFamiliesExist(setup.db, path); !s.ok()) return s;
  }
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (std::string_view name : schema::kAllColumnFamilies) {
    descriptors.emplace_back(std::string(name), setup.column_family);
  }
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw_db = nullptr;
  // A read-only open takes no lock and writes nothing, so it works on a
  // copy, or beside a running candourd.
  rocksdb::Status s = read_only ? rocksdb::DB::OpenForReadOnly(setup.db, path, descriptors, &handles, &raw_db)
                                : rocksdb::DB::Open(setup.db, path, descriptors, &handles, &raw_db);
  if (!s.ok()) return FromRocksDb(s, "open database");
  auto impl = std::make_unique<Impl>(std::unique_ptr<rocksdb::DB>(raw_db), std::move(handles));
  if (absl::Status version = impl->CheckSchemaVersion(read_only); !version.ok()) return version;
  return std::unique_ptr<RocksDbReportStore>(new RocksDbReportStore(std::move(impl)));
}

RocksDbReportStore::RocksDbReportStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
RocksDbReportStore::~RocksDbReportStore() = default;

absl::StatusOr<CommitOutcome> RocksDbReportStore::Commit(const UnitOfWork& unit) { return impl_->Commit(unit); }

absl::StatusOr<StoredReport> RocksDbReportStore::GetReport(std::string_view report_id) {
  absl::StatusOr<std::optional<std::string>> value = impl_->Get(schema::kReportsCf, report_id);
  if (!value.ok()) return value.status();
  if (!value->has_value()) return absl::NotFoundError("no report with this id");
  absl::StatusOr<schema::ReportValue> decoded = schema::DecodeReportValue(**value);
  if (!decoded.ok()) return decoded.status();
  return StoredReport{std::string(report_id), decoded->received_day, std::string(decoded->envelope)};
}

absl::StatusOr<std::vector<CaseKeyRecord>> RocksDbReportStore::GetCaseKeys(std::string_view report_id) {
  absl::StatusOr<std::optional<std::string>> report = impl_->Get(schema::kReportsCf, report_id);
  if (!report.ok()) return report.status();
  if (!report->has_value()) return absl::NotFoundError("no report with this id");
  std::vector<CaseKeyRecord> records;
  const std::string_view prefix = schema::CaseKeyPrefix(report_id);
  std::unique_ptr<rocksdb::Iterator> it(
      impl_->db()->NewIterator(rocksdb::ReadOptions(), impl_->cf(schema::kCaseKeysCf)));
  for (it->Seek(ToSlice(prefix)); it->Valid() && it->key().starts_with(ToSlice(prefix)); it->Next()) {
    absl::StatusOr<std::string_view> key_id = schema::RecipientKeyIdOf(ToView(it->key()));
    if (!key_id.ok()) return key_id.status();
    records.push_back(CaseKeyRecord{std::string(*key_id), it->value().ToString()});
  }
  if (absl::Status s = FromRocksDb(it->status(), "scan case keys"); !s.ok()) return s;
  return records;
}

absl::StatusOr<Receipt> RocksDbReportStore::GetReceipt(std::string_view lookup_hash) {
  absl::StatusOr<std::optional<std::string>> value = impl_->Get(schema::kReceiptsCf, lookup_hash);
  if (!value.ok()) return value.status();
  if (!value->has_value()) return absl::NotFoundError("no receipt with this lookup hash");
  absl::StatusOr<schema::ReceiptValue> decoded = schema::DecodeReceiptValue(**value);
  if (!decoded.ok()) return decoded.status();
  return Receipt{std::string(decoded->report_id), std::string(decoded->sealed_case_key)};
}

absl::StatusOr<std::string> RocksDbReportStore::GetDirectory(uint64_t version) {
  absl::StatusOr<std::optional<std::string>> value = impl_->Get(schema::kDirectoryCf, schema::DirectoryKey(version));
  if (!value.ok()) return value.status();
  if (!value->has_value()) return absl::NotFoundError("no directory with this version");
  return std::move(**value);
}

absl::StatusOr<std::optional<uint64_t>> RocksDbReportStore::LatestDirectoryVersion() {
  return impl_->LatestDirectoryVersion();
}

absl::StatusOr<StaffAccount> RocksDbReportStore::GetAccount(std::string_view name) {
  absl::StatusOr<std::optional<std::string>> value = impl_->Get(schema::kAccountsCf, name);
  if (!value.ok()) return value.status();
  if (!value->has_value()) return absl::NotFoundError("no account with this name");
  return StaffAccount{std::string(name), std::move(**value)};
}

absl::StatusOr<std::vector<StaffAccount>> RocksDbReportStore::ListAccounts() {
  return ListKeysAndValues<StaffAccount>(impl_->db(), impl_->cf(schema::kAccountsCf), "scan accounts");
}

absl::StatusOr<Invitation> RocksDbReportStore::GetInvitation(std::string_view code_hash) {
  absl::StatusOr<std::optional<std::string>> value = impl_->Get(schema::kInvitationsCf, code_hash);
  if (!value.ok()) return value.status();
  if (!value->has_value()) return absl::NotFoundError("no invitation with this code hash");
  return Invitation{std::string(code_hash), std::move(**value)};
}

absl::StatusOr<std::vector<Invitation>> RocksDbReportStore::ListInvitations() {
  return ListKeysAndValues<Invitation>(impl_->db(), impl_->cf(schema::kInvitationsCf), "scan invitations");
}

absl::StatusOr<StaffSession> RocksDbReportStore::GetSession(std::string_view token_hash) {
  absl::StatusOr<std::optional<std::string>> value = impl_->Get(schema::kSessionsCf, token_hash);
  if (!value.ok()) return value.status();
  if (!value->has_value()) return absl::NotFoundError("no session with this token hash");
  absl::StatusOr<schema::SessionValue> decoded = schema::DecodeSessionValue(**value);
  if (!decoded.ok()) return decoded.status();
  return StaffSession{std::string(token_hash), std::string(decoded->account), std::string(decoded->record)};
}

absl::StatusOr<std::vector<StaffSession>> RocksDbReportStore::ListSessionsOf(std::string_view account) {
  std::vector<StaffSession> sessions;
  // An invalid name owns no sessions, and one holding 0x00 would make the
  // prefix below match another account's keys.
  if (!IsValidAccountName(account)) return sessions;
  // One snapshot for index and sessions: a commit between the two reads
  // must not look like an index entry without its session.
  rocksdb::ManagedSnapshot snapshot(impl_->db());
  rocksdb::ReadOptions read_options;
  read_options.snapshot = snapshot.snapshot();
  const std::string upper = schema::AccountSessionUpperBound(account);
  const rocksdb::Slice upper_slice = ToSlice(upper);
  read_options.iterate_upper_bound = &upper_slice;
  std::unique_ptr<rocksdb::Iterator> it(impl_->db()->NewIterator(read_options, impl_->cf(schema::kAccountSessionsCf)));
  for (it->Seek(ToSlice(schema::AccountSessionPrefix(account))); it->Valid(); it->Next()) {
    absl::StatusOr<schema::AccountSessionKeyParts> key = schema::DecodeAccountSessionKey(ToView(it->key()));
    if (!key.ok()) return key.status();
    std::string value;
    rocksdb::Status s =
        impl_->db()->Get(read_options, impl_->cf(schema::kSessionsCf), ToSlice(key->token_hash), &value);
    if (s.IsNotFound()) return absl::DataLossError("account session index names a missing session");
    if (!s.ok()) return FromRocksDb(s, "read session");
    absl::StatusOr<schema::SessionValue> decoded = schema::DecodeSessionValue(value);
    if (!decoded.ok()) return decoded.status();
    if (decoded->account != account) {
      return absl::DataLossError("account session index names another account's session");
    }
    sessions.push_back(StaffSession{std::string(key->token_hash), std::string(account), std::string(decoded->record)});
  }
  if (absl::Status s = FromRocksDb(it->status(), "scan account sessions"); !s.ok()) return s;
  return sessions;
}

absl::StatusOr<std::vector<StaffSession>> RocksDbReportStore::ListSessions() {
  std::vector<StaffSession> sessions;
  std::unique_ptr<rocksdb::Iterator> it(
      impl_->db()->NewIterator(rocksdb::ReadOptions(), impl_->cf(schema::kSessionsCf)));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    absl::StatusOr<schema::SessionValue> decoded = schema::DecodeSessionValue(ToView(it->value()));
    if (!decoded.ok()) return decoded.status();
    sessions.push_back(
        StaffSession{it->key().ToString(), std::string(decoded->account), std::string(decoded->record)});
  }
  if (absl::Status s = FromRocksDb(it->status(), "scan sessions"); !s.ok()) return s;
  return sessions;
}

absl::Status RocksDbReportStore::ForEachArrival(
    int32_t first_day, int32_t last_day, const std::function<void(int32_t, std::string_view, std::string_view)>& fn) {
  first_day = std::max(first_day, 0);  // no stored day is negative
  if (last_day < first_day) return absl::OkStatus();
  rocksdb::ReadOptions read_options;
  std::string upper;
  rocksdb::Slice upper_slice;
  if (last_day < std::numeric_limits<int32_t>::max()) {
    upper = schema::ArrivalDayPrefix(last_day + 1);
    upper_slice = ToSlice(upper);
    read_options.iterate_upper_bound = &upper_slice;
  }
  std::unique_ptr<rocksdb::Iterator> it(impl_->db()->NewIterator(read_options, impl_->cf(schema::kArrivalsCf)));
  for (it->Seek(ToSlice(schema::ArrivalDayPrefix(first_day))); it->Valid(); it->Next()) {
    absl::StatusOr<schema::ArrivalKeyParts> key = schema::DecodeArrivalKey(ToView(it->key()));
    if (!key.ok()) return key.status();
    fn(key->day, key->report_id, ToView(it->value()));
  }
  return FromRocksDb(it->status(), "scan arrivals");
}

absl::Status RocksDbReportStore::ForEachRawRecord(
    const std::function<void(std::string_view, std::string_view, std::string_view)>& fn) {
  for (size_t i = 0; i < schema::kAllColumnFamilies.size(); ++i) {
    std::unique_ptr<rocksdb::Iterator> it(impl_->db()->NewIterator(rocksdb::ReadOptions(), impl_->handles()[i]));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      fn(schema::kAllColumnFamilies[i], ToView(it->key()), ToView(it->value()));
    }
    if (absl::Status s = FromRocksDb(it->status(), "scan column family"); !s.ok()) return s;
  }
  return absl::OkStatus();
}

}  // namespace candour::storage
