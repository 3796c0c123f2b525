#pragma once

// Writes generated records straight into an object's table: every column the engine's schema
// has (system columns included), and the record's keyword-search row built exactly as
// RecordService::WriteSearchText builds it (the searchable fields in schema order through
// SearchTextOf, joined by spaces, and its tail for short keywords, records/search_index.h). The per-record engine path
// (validation, field history, outbox, hooks) would take hours for millions of rows; this is one prepared INSERT per
// table.

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "records/metadata.h"
#include "store/database.h"

namespace xieli::bench {

class RecordWriter {
public:
    explicit RecordWriter(const records::ObjectMeta& object);

    // The position of a field in Row(); throws when the object has no such stored field, so a
    // renamed standard field stops the generator instead of leaving a column empty.
    size_t Column(std::string_view field) const;
    // The next record's values, all NULL to begin with.
    std::vector<store::Value>& Row() { return row_; }
    // Inserts Row() and clears it; its search text waits for FlushSearch().
    void Write(store::Connection& conn);
    // Writes the search rows of the records written since the last call. Kept apart because
    // every record table has write-counter triggers (docs/decisions/0013): an INSERT with a
    // trigger opens a statement savepoint, and at each savepoint FTS5 flushes what it holds into a
    // new segment — per record, that made a bulk load slower with every row (70 rows/s after 100k
    // invoices). Written together, the keyword rows are one flush a batch.
    void FlushSearch(store::Connection& conn);

    const records::ObjectMeta& object() const { return object_; }

private:
    const records::ObjectMeta& object_;
    std::vector<const records::FieldMeta*> columns_;
    std::vector<size_t> searchable_;  // positions in columns_, in the order WriteSearchText uses
    std::string insert_sql_;
    std::string search_sql_;
    std::vector<store::Value> row_;
    size_t id_column_ = 0;
    std::string text_;
    std::vector<std::pair<int64_t, std::string>> pending_search_;
};

// A write transaction that commits every `rows` rows, so the WAL stays bounded while the load
// still pays for few commits.
class Batches {
public:
    Batches(store::Database& db, int64_t rows) : db_(db), rows_(rows) {}
    // The same, writing `writer`'s search rows before each commit.
    Batches(store::Database& db, int64_t rows, RecordWriter& writer)
        : db_(db), rows_(rows), before_commit_([&writer](store::Connection& c) { writer.FlushSearch(c); }) {}
    ~Batches() = default;
    store::Connection& Conn();
    // Counts one row; commits when the batch is full.
    void Done();
    void Finish();

private:
    store::Database& db_;
    int64_t rows_;
    int64_t pending_ = 0;
    std::function<void(store::Connection&)> before_commit_;
    std::optional<store::Transaction> tx_;
};

// Prints "customers 300000/1000000 …" every few seconds and a summary at the end.
class Progress {
public:
    Progress(std::string what, int64_t total);
    void Tick();
    // Prints the summary; returns the seconds taken.
    double Finish();

private:
    using Clock = std::chrono::steady_clock;
    std::string what_;
    int64_t total_;
    int64_t done_ = 0;
    Clock::time_point start_ = Clock::now();
    Clock::time_point last_print_ = start_;
};

// Index definitions of tables, dropped before a bulk load and created again after it: building an
// index once over sorted keys is several times faster than keeping it up to date row by row.
struct SavedIndex {
    std::string name;
    std::string sql;
};
std::vector<SavedIndex> DropIndexes(store::Connection& conn, const std::vector<std::string>& tables);
void CreateIndexes(store::Database& db, const std::vector<SavedIndex>& indexes);

}  // namespace xieli::bench
