// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// ReportStore: everything candourd keeps, in domain words. Storage holds
// opaque bytes (ciphertext, sealed records, signed directories) and knows
// nothing of their crypto. All writes go through Commit(UnitOfWork), which
// applies a unit atomically and durably (one WriteBatch, synced WAL) after
// checking each write's precondition; later issues add write kinds to
// UnitOfWork rather than new write paths. Implementations are thread-safe.
#ifndef CANDOUR_STORAGE_REPORT_STORE_H_
#define CANDOUR_STORAGE_REPORT_STORE_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace candour::storage {

inline constexpr size_t kReportIdSize = 16;
inline constexpr size_t kRecipientKeyIdSize = 16;
inline constexpr size_t kLookupHashSize = 32;

struct CaseKeyRecord {
  std::string recipient_key_id;  // 16 bytes
  std::string sealed_case_key;   // opaque, 80 bytes in v1
  bool operator==(const CaseKeyRecord&) const = default;
};

// A report as submitted: the envelope and what travels with it.
struct NewReport {
  std::string report_id;                 // 16 bytes, chosen by the client
  int32_t received_day = 0;              // London day the server received it
  std::string envelope;                  // serialised candour.v1.Envelope
  std::string sealed_tag;                // also indexed by arrival day
  std::vector<CaseKeyRecord> case_keys;  // one per original recipient
  std::string receipt_lookup_hash;       // 32 bytes
  std::string receipt_sealed_case_key;   // opaque
};

struct StoredReport {
  std::string report_id;
  int32_t received_day = 0;
  std::string envelope;
};

struct Receipt {
  std::string report_id;
  std::string sealed_case_key;
};

// Writes that land together. Each kind documents its precondition, which
// Commit checks before writing anything.
class UnitOfWork {
 public:
  // Precondition: no report with this id, or one with identical envelope,
  // case keys and receipt (then the unit is an idempotent retry and writes
  // nothing for it); and no other report with this receipt lookup hash.
  void AddReport(NewReport report) { writes_.emplace_back(std::move(report)); }

  struct DirectoryVersion {
    uint64_t version;
    std::string signed_directory;  // serialised candour.v1.SignedDirectory
  };
  // Precondition: `version` is higher than every stored version.
  void AddDirectory(uint64_t version, std::string signed_directory) {
    writes_.emplace_back(DirectoryVersion{version, std::move(signed_directory)});
  }

  using Write = std::variant<NewReport, DirectoryVersion>;
  const std::vector<Write>& writes() const { return writes_; }
  bool empty() const { return writes_.empty(); }

 private:
  std::vector<Write> writes_;
};

enum class CommitOutcome {
  kApplied,          // everything was written
  kIdenticalRetry,   // every report in the unit was already stored identically
};

class ReportStore {
 public:
  virtual ~ReportStore() = default;

  // Applies `unit` atomically and durably, or not at all. Returns
  //   ALREADY_EXISTS: a report id reused with other bytes, or a lookup hash
  //     held by another report;
  //   FAILED_PRECONDITION: a directory version not above the latest;
  //   INVALID_ARGUMENT: a malformed unit (wrong-size ids or hashes, a negative
  //     day, a key id twice in one report, one id or lookup hash twice);
  //   UNAVAILABLE / INTERNAL / DATA_LOSS: storage failed (nothing applied).
  virtual absl::StatusOr<CommitOutcome> Commit(const UnitOfWork& unit) = 0;

  // NOT_FOUND if absent.
  virtual absl::StatusOr<StoredReport> GetReport(std::string_view report_id) = 0;
  // Every case-key record of a report, ordered by recipient key id. NOT_FOUND
  // if the report does not exist.
  virtual absl::StatusOr<std::vector<CaseKeyRecord>> GetCaseKeys(std::string_view report_id) = 0;
  // NOT_FOUND if no report has this lookup hash.
  virtual absl::StatusOr<Receipt> GetReceipt(std::string_view lookup_hash) = 0;

  // NOT_FOUND if that version was never stored.
  virtual absl::StatusOr<std::string> GetDirectory(uint64_t version) = 0;
  // The highest stored version, or nullopt before the first publish.
  virtual absl::StatusOr<std::optional<uint64_t>> LatestDirectoryVersion() = 0;

  // Calls `fn` with the sealed tag of every report received on a day in
  // [first_day, last_day], in (day, report id) order.
  virtual absl::Status ForEachArrival(int32_t first_day, int32_t last_day,
                                      const std::function<void(int32_t day, std::string_view report_id,
                                                               std::string_view sealed_tag)>& fn) = 0;
};

}  // namespace candour::storage

#endif  // CANDOUR_STORAGE_REPORT_STORE_H_
