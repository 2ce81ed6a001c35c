// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "storage/rocksdb_options.h"

#include "gtest/gtest.h"
#include "rocksdb/table.h"
#include "rocksdb/write_buffer_manager.h"

namespace candour::storage {
namespace {

TEST(RocksDbOptionsTest, MemoryIsBoundedByOneSharedCache) {
  RocksDbOptions options;
  options.block_cache_bytes = 8 << 20;
  options.write_buffer_bytes = 4 << 20;
  options.max_open_files = 32;
  const RocksDbSetup setup = MakeRocksDbSetup(options);
  const auto* table = setup.column_family.table_factory->GetOptions<rocksdb::BlockBasedTableOptions>();
  ASSERT_NE(table, nullptr);
  ASSERT_NE(table->block_cache, nullptr);
  EXPECT_EQ(table->block_cache->GetCapacity(), options.block_cache_bytes);
  EXPECT_TRUE(table->cache_index_and_filter_blocks);
  EXPECT_TRUE(table->pin_l0_filter_and_index_blocks_in_cache);
  EXPECT_NE(table->filter_policy, nullptr);
  ASSERT_NE(setup.db.write_buffer_manager, nullptr);
  EXPECT_EQ(setup.db.write_buffer_manager->buffer_size(), options.write_buffer_bytes);
  EXPECT_TRUE(setup.db.write_buffer_manager->cost_to_cache());
  EXPECT_EQ(setup.db.max_open_files, 32);
  EXPECT_LE(setup.column_family.write_buffer_size, options.write_buffer_bytes);
}

}  // namespace
}  // namespace candour::storage
