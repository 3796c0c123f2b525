#pragma once

// The spreadsheet of the import benchmark: new customers as a sales team would upload them
// (Chinese column names = field labels, picklist labels as people type them), unique against the
// enterprise's customers so the duplicate check lets every row through.

#include <cstdint>
#include <filesystem>

#include "records/metadata.h"
#include "store/database.h"

namespace xieli::bench {

// Writes `rows` customers to `file` (.xlsx); returns the file's size in bytes.
uint64_t WriteImportFile(
    store::Database& db, const records::Schema& schema, uint64_t seed, int64_t rows, const std::filesystem::path& file
);

}  // namespace xieli::bench
