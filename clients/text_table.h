// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// A table for a terminal: columns padded to their widest cell, numbers
// right-aligned, two spaces between columns, no trailing spaces. Widths are
// counted in UTF-8 code points, so names with accents line up. Not
// thread-safe.
#ifndef CANDOUR_CLIENTS_TEXT_TABLE_H_
#define CANDOUR_CLIENTS_TEXT_TABLE_H_

#include <string>
#include <vector>

namespace candour::clients {

class TextTable {
 public:
  struct Column {
    std::string heading;
    bool right_aligned = false;
  };

  explicit TextTable(std::vector<Column> columns) : columns_(std::move(columns)) {}

  // A row has one cell per column; missing cells are empty, extra ones dropped.
  void AddRow(std::vector<std::string> cells);

  // The heading line and the rows, each ending in "\n" but the last.
  std::string Render() const;

 private:
  std::vector<Column> columns_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace candour::clients

#endif  // CANDOUR_CLIENTS_TEXT_TABLE_H_
