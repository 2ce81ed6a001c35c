// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "clients/release_maker.h"

#include <sodium.h>

#include <algorithm>
#include <map>
#include <numeric>
#include <set>
#include <thread>

#include "core/insight_noise.h"
#include "core/insight_tables.h"
#include "crypto/ledger.h"
#include "crypto/link_mark.h"
#include "crypto/sealed_tag.h"

namespace candour::clients {
namespace {

// Wipes a vector's elements when it goes out of scope: the opened tags and
// the true counts are record-level data.
template <typename T>
class WipeOnExit {
 public:
  explicit WipeOnExit(std::vector<T>& v) : v_(v) {}
  ~WipeOnExit() { sodium_memzero(v_.data(), v_.size() * sizeof(T)); }
  WipeOnExit(const WipeOnExit&) = delete;
  WipeOnExit& operator=(const WipeOnExit&) = delete;

 private:
  std::vector<T>& v_;
};

// The same for the linked groups of opened tags.
class WipeGroupsOnExit {
 public:
  explicit WipeGroupsOnExit(std::vector<std::vector<core::CountedReport>>& groups) : groups_(groups) {}
  ~WipeGroupsOnExit() {
    for (std::vector<core::CountedReport>& group : groups_) {
      sodium_memzero(group.data(), group.size() * sizeof(core::CountedReport));
    }
  }
  WipeGroupsOnExit(const WipeGroupsOnExit&) = delete;
  WipeGroupsOnExit& operator=(const WipeGroupsOnExit&) = delete;

 private:
  std::vector<std::vector<core::CountedReport>>& groups_;
};

struct Opened {
  bool ok = false;
  core::CountedReport report;
};

// Opens every tag, split across `threads` (decryption is ~35 µs a tag and
// dominates a release).
std::vector<Opened> OpenTags(const std::vector<candour::v1::TaggedReport>& reports,
                             const crypto::X25519KeyPair& key, const core::UnitMap& map, unsigned threads) {
  std::vector<Opened> opened(reports.size());
  auto work = [&](size_t first, size_t last) {
    for (size_t i = first; i < last; ++i) {
      absl::StatusOr<crypto::AggregationTag> tag = crypto::OpenTag(reports[i].sealed_tag(), key);
      if (!tag.ok()) continue;
      if (map.unit_of.contains(tag->department_id)) {
        opened[i] = {true, {tag->department_id, tag->kind, tag->characteristics, tag->source}};
      }
      sodium_memzero(&*tag, sizeof(*tag));  // opened, whether it fits the map or not
    }
  };
  const size_t n = reports.size();
  threads = std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(std::max<size_t>(1, n / 256))));
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work, n * t / threads, n * (t + 1) / threads);
  work(0, n / threads);
  for (std::thread& thread : pool) thread.join();
  return opened;
}

// Union-find over report indices.
size_t Root(std::vector<size_t>& parent, size_t i) {
  while (parent[i] != i) i = parent[i] = parent[parent[i]];
  return i;
}

}  // namespace

absl::StatusOr<ReleaseMade> MakeRelease(const ReleaseInputs& inputs,
                                        const std::vector<candour::v1::TaggedReport>& reports,
                                        const std::vector<std::string>& sealed_link_marks) {
  if (inputs.map == nullptr || inputs.aggregation == nullptr) {
    return absl::InvalidArgumentError("a release needs the year's units and the aggregation key");
  }
  const core::UnitMap& map = *inputs.map;
  ReleaseMade made;
  made.tags = reports.size();
  const unsigned threads = inputs.threads != 0 ? inputs.threads : std::max(1u, std::thread::hardware_concurrency());
  std::vector<Opened> opened = OpenTags(reports, *inputs.aggregation, map, threads);
  WipeOnExit<Opened> wipe_opened(opened);

  std::map<std::string, size_t> index_of;  // report id -> index in reports
  for (size_t i = 0; i < reports.size(); ++i) index_of.emplace(reports[i].report_id(), i);
  std::vector<size_t> parent(reports.size());
  std::iota(parent.begin(), parent.end(), size_t{0});
  std::vector<bool> malicious(reports.size(), false);
  for (const std::string& sealed : sealed_link_marks) {
    absl::StatusOr<crypto::LinkMark> mark =
        crypto::OpenLinkMark(sealed, *inputs.aggregation, inputs.organisation_id, inputs.author_public_key);
    if (!mark.ok()) {
      ++made.unreadable_marks;
      continue;
    }
    auto here = index_of.find(mark->report_id);
    if (here == index_of.end()) continue;  // a case of another period
    if (mark->relation == candour::v1::LINK_RELATION_MALICIOUS) {
      // The mark is in the case found malicious; the case it names is the
      // one it was made against, which still counts.
      malicious[here->second] = true;
      continue;
    }
    auto there = index_of.find(mark->other_report_id);
    if (there == index_of.end()) continue;  // linked to a report of another period: counts alone here
    parent[Root(parent, here->second)] = Root(parent, there->second);
  }

  // Each group's size first, so that no group's vector grows by
  // reallocation, which would free copies of opened tags unwiped.
  std::map<size_t, size_t> group_size;
  for (size_t i = 0; i < reports.size(); ++i) {
    if (opened[i].ok && !malicious[i]) ++group_size[Root(parent, i)];
  }
  std::map<size_t, std::vector<core::CountedReport>> by_root;
  for (size_t i = 0; i < reports.size(); ++i) {
    if (!opened[i].ok) {
      ++made.malformed_tags;
      continue;
    }
    if (malicious[i]) {
      ++made.excluded_malicious;
      continue;
    }
    const size_t root = Root(parent, i);
    std::vector<core::CountedReport>& group = by_root[root];
    if (group.empty()) group.reserve(group_size[root]);
    group.push_back(opened[i].report);
  }
  std::vector<std::vector<core::CountedReport>> groups;
  WipeGroupsOnExit wipe_groups(groups);  // on every return below
  groups.reserve(by_root.size());
  for (auto& [root, members] : by_root) {
    made.linked_away += members.size() - 1;
    groups.push_back(std::move(members));
  }
  by_root.clear();

  made.release.set_period(inputs.period.name);
  core::SetUnits(map, &made.release);
  std::vector<core::PlannedTable> tables = inputs.tables;
  std::sort(tables.begin(), tables.end(), [](const core::PlannedTable& a, const core::PlannedTable& b) {
    return core::TableId(a.table) < core::TableId(b.table);
  });
  for (const core::PlannedTable& planned : tables) {
    std::vector<int64_t> counts = core::CountTable(planned.table, map, groups);
    WipeOnExit<int64_t> wipe_counts(counts);
    const uint32_t sensitivity = core::L1Sensitivity(planned.table, map);
    absl::StatusOr<std::vector<int64_t>> noisy = core::NoiseCells(counts, sensitivity, planned.epsilon, inputs.noise);
    if (!noisy.ok()) return noisy.status();
    const size_t rows = core::Rows(planned.table, map);
    const size_t columns = core::Columns(planned.table);
    candour::v1::TableHeader* header = made.release.add_tables();
    header->set_table(core::TableId(planned.table));
    *header->mutable_epsilon() = core::EpsilonToProto(planned.epsilon);
    header->set_sensitivity(sensitivity);
    header->set_rows(static_cast<uint32_t>(rows));
    header->set_columns(static_cast<uint32_t>(columns));
    for (size_t c = 0; c < columns; ++c) {
      candour::v1::ReleasedColumn column;
      column.set_table(header->table());
      column.set_column(static_cast<uint32_t>(c));
      column.set_salt(crypto::NewColumnSalt());
      for (size_t r = 0; r < rows; ++r) column.add_cells((*noisy)[r * columns + c]);
      absl::StatusOr<std::string> commitment = crypto::ColumnCommitment(column);
      if (!commitment.ok()) return commitment.status();
      header->add_column_commitments(*commitment);
      made.columns.push_back(std::move(column));
    }
  }
  return made;
}

}  // namespace candour::clients
