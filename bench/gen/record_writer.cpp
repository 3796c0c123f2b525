#include "record_writer.h"

#include <fmt/format.h>

#include <cstdio>
#include <stdexcept>

#include "records/access.h"
#include "records/search_index.h"
#include "records/value_codec.h"

namespace xieli::bench {

RecordWriter::RecordWriter(const records::ObjectMeta& object) : object_(object) {
    std::string cols;
    for (const records::FieldMeta& f : object.fields) {
        if (f.type == records::FieldType::kFormula) continue;  // computed in queries, no column
        if (f.searchable) searchable_.push_back(columns_.size());
        columns_.push_back(&f);
        cols += (cols.empty() ? "" : ", ") + f.column;
    }
    insert_sql_ =
        fmt::format("INSERT INTO {} ({}) VALUES ({})", object.table, cols, records::Placeholders(columns_.size()));
    search_sql_ = fmt::format("INSERT INTO {} (rowid, search_text) VALUES (?, ?)", object.FtsTable());
    row_.resize(columns_.size());
    id_column_ = Column("id");
}

size_t RecordWriter::Column(std::string_view field) const {
    for (size_t i = 0; i < columns_.size(); ++i) {
        if (columns_[i]->name == field) return i;
    }
    throw std::runtime_error(fmt::format("object {} has no stored field {}", object_.name, field));
}

void RecordWriter::Write(store::Connection& conn) {
    conn.Execute(insert_sql_, store::Params(row_));
    text_.clear();
    for (size_t i : searchable_) {
        std::string part = records::SearchTextOf(*columns_[i], row_[i]);
        if (part.empty()) continue;
        if (!text_.empty()) text_ += ' ';
        text_ += part;
    }
    if (!text_.empty()) pending_search_.emplace_back(row_[id_column_].AsInt(), text_);
    for (store::Value& v : row_) v = store::Value();
}

void RecordWriter::FlushSearch(store::Connection& conn) {
    for (const auto& [id, text] : pending_search_) conn.Execute(search_sql_, {id, text});
    for (const auto& [id, text] : pending_search_) records::WriteSearchTail(conn, object_, id, text);
    pending_search_.clear();
}

store::Connection& Batches::Conn() {
    if (!tx_) tx_.emplace(db_.Write());
    return **tx_;
}

void Batches::Done() {
    if (++pending_ >= rows_) Finish();
}

void Batches::Finish() {
    if (tx_ && before_commit_) before_commit_(**tx_);
    if (tx_) tx_->Commit();
    tx_.reset();
    pending_ = 0;
}

Progress::Progress(std::string what, int64_t total) : what_(std::move(what)), total_(total) {}

void Progress::Tick() {
    ++done_;
    if ((done_ & 1023) != 0) return;
    Clock::time_point now = Clock::now();
    if (now - last_print_ < std::chrono::seconds(5)) return;
    last_print_ = now;
    double secs = std::chrono::duration<double>(now - start_).count();
    std::printf(
        "  %s %lld/%lld (%.0f%%), %.0f s, %.0f rows/s\n",
        what_.c_str(),
        static_cast<long long>(done_),
        static_cast<long long>(total_),
        total_ ? 100.0 * static_cast<double>(done_) / static_cast<double>(total_) : 100.0,
        secs,
        static_cast<double>(done_) / secs
    );
    std::fflush(stdout);
}

double Progress::Finish() {
    double secs = std::chrono::duration<double>(Clock::now() - start_).count();
    std::printf(
        "%s: %lld in %.1f s (%.0f rows/s)\n",
        what_.c_str(),
        static_cast<long long>(done_),
        secs,
        secs > 0 ? static_cast<double>(done_) / secs : 0.0
    );
    std::fflush(stdout);
    return secs;
}

std::vector<SavedIndex> DropIndexes(store::Connection& conn, const std::vector<std::string>& tables) {
    std::vector<SavedIndex> saved;
    for (const std::string& table : tables) {
        // sql IS NULL: the implicit indexes of PRIMARY KEY and UNIQUE constraints, which stay.
        for (const store::Row& r : conn.Query(
                 "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL "
                 "ORDER BY name",
                 {table}
             )) {
            saved.push_back({r.Text(0), r.Text(1)});
        }
    }
    for (const SavedIndex& index : saved) conn.ExecuteScript(fmt::format("DROP INDEX \"{}\"", index.name));
    return saved;
}

void CreateIndexes(store::Database& db, const std::vector<SavedIndex>& indexes) {
    auto start = std::chrono::steady_clock::now();
    for (const SavedIndex& index : indexes) {
        auto one = std::chrono::steady_clock::now();
        store::Transaction tx = db.Write();
        tx->ExecuteScript(index.sql);
        tx.Commit();
        double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - one).count();
        if (secs > 2) {
            std::printf("  %s: %.1f s\n", index.name.c_str(), secs);
            std::fflush(stdout);
        }
    }
    std::printf(
        "indexes: %zu in %.1f s\n",
        indexes.size(),
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count()
    );
    std::fflush(stdout);
}

}  // namespace xieli::bench
