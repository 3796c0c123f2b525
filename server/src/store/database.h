#pragma once

// The store interface: what modules and the records engine use to reach a database. A driver
// (sqlite/, later postgres/) implements Connection and Database. SQL passed here uses `?`
// placeholders and the common subset of SQLite and PostgreSQL (RETURNING for new ids); values are
// always bound, never spliced into the text.

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "store/value.h"

namespace xieli::store {

enum class Dialect { kSqlite, kPostgres };

// One result row. Columns are addressed by index (fast) or by name.
class Row {
public:
    Row(const std::vector<std::string>* columns, std::vector<Value> values)
        : columns_(columns), values_(std::move(values)) {}

    size_t size() const { return values_.size(); }
    const Value& operator[](size_t i) const { return values_.at(i); }
    const Value& operator[](std::string_view column) const;
    const std::vector<std::string>& columns() const { return *columns_; }

    int64_t Int(size_t i) const { return values_.at(i).AsInt(); }
    double Double(size_t i) const { return values_.at(i).AsDouble(); }
    std::string Text(size_t i) const { return values_.at(i).AsText(); }
    bool IsNull(size_t i) const { return values_.at(i).IsNull(); }
    int64_t Int(std::string_view c) const { return (*this)[c].AsInt(); }
    std::string Text(std::string_view c) const { return (*this)[c].AsText(); }
    bool IsNull(std::string_view c) const { return (*this)[c].IsNull(); }

private:
    const std::vector<std::string>* columns_;
    std::vector<Value> values_;
};

// A whole (small) result. Large results go through Connection::QueryEach.
class Rows {
public:
    Rows() = default;
    Rows(std::vector<std::string> columns) : columns_(std::make_shared<std::vector<std::string>>(std::move(columns))) {}

    bool empty() const { return rows_.empty(); }
    size_t size() const { return rows_.size(); }
    const Row& operator[](size_t i) const { return rows_.at(i); }
    const Row& front() const { return rows_.at(0); }
    auto begin() const { return rows_.begin(); }
    auto end() const { return rows_.end(); }
    const std::vector<std::string>& columns() const { return *columns_; }
    void Add(std::vector<Value> values) { rows_.emplace_back(columns_.get(), std::move(values)); }

private:
    std::shared_ptr<std::vector<std::string>> columns_ = std::make_shared<std::vector<std::string>>();
    std::vector<Row> rows_;
};

using Params = std::span<const Value>;

// A database connection, valid only while the Reader or Transaction that handed it out lives.
class Connection {
public:
    virtual ~Connection() = default;

    virtual Rows Query(std::string_view sql, Params params = {}) = 0;
    Rows Query(std::string_view sql, std::initializer_list<Value> params) {
        return Query(sql, Params(params.begin(), params.size()));
    }
    // A query that gives up: once it has done `work` units of the engine's work without finishing,
    // it stops and returns nullopt, so the caller can ask in another way. For a question with two
    // plans of the same answer whose costs depend on the data (records/query_compiler.h: a list page
    // walked in list order, cheap unless the newest rows are not the caller's). A unit is what the
    // engine counts — SQLite: a virtual-machine step (a row passed on an index is some tens).
    // By default the query runs to its end: an engine that plans from its own statistics needs no
    // second try.
    virtual std::optional<Rows> QueryWithin(std::string_view sql, Params params, int64_t work) {
        (void)work;
        return Query(sql, params);
    }
    // Calls on_row for each row until it returns false; nothing is buffered.
    virtual void QueryEach(std::string_view sql, Params params, const std::function<bool(const Row&)>& on_row) = 0;
    // Runs a statement; returns the number of rows changed.
    virtual int64_t Execute(std::string_view sql, Params params = {}) = 0;
    int64_t Execute(std::string_view sql, std::initializer_list<Value> params) {
        return Execute(sql, Params(params.begin(), params.size()));
    }
    // Runs several statements with no parameters (migrations, DDL).
    virtual void ExecuteScript(std::string_view sql) = 0;
    virtual Dialect dialect() const = 0;

    // Convenience: the first column of the first row, or nullopt.
    std::optional<Value> QueryValue(std::string_view sql, std::initializer_list<Value> params = {});
};

// Figures for /metrics.
struct PoolStats {
    int readers_total = 0;
    int readers_in_use = 0;
    int64_t reader_waits = 0;  // times a request waited for a free reader
    int64_t write_waits = 0;   // times a request waited for the writer
    int64_t transactions = 0;
    int64_t rollbacks = 0;
};

class Database;

// A pooled read connection, returned to its pool when this goes away. Reads see the last
// committed state (WAL readers never block the writer).
class Reader {
public:
    Reader(Database* owner, Connection* conn) : owner_(owner), conn_(conn) {}
    Reader(Reader&& o) noexcept : owner_(o.owner_), conn_(o.conn_) { o.conn_ = nullptr; }
    Reader& operator=(Reader&&) = delete;
    ~Reader();

    Connection& operator*() const { return *conn_; }
    Connection* operator->() const { return conn_; }

private:
    Database* owner_;
    Connection* conn_;
};

// The one writer of a database inside a transaction. Destroyed without Commit() it rolls back,
// so an exception anywhere in a request leaves nothing half-written.
class Transaction {
public:
    Transaction(Database* owner, Connection* conn) : owner_(owner), conn_(conn) {}
    Transaction(Transaction&& o) noexcept : owner_(o.owner_), conn_(o.conn_), done_(o.done_) { o.conn_ = nullptr; }
    Transaction& operator=(Transaction&&) = delete;
    ~Transaction();

    Connection& operator*() const { return *conn_; }
    Connection* operator->() const { return conn_; }
    void Commit();

private:
    Database* owner_;
    Connection* conn_;
    bool done_ = false;
};

// One logical database: system.db, or one enterprise's.
class Database {
public:
    virtual ~Database() = default;

    virtual Reader Read() = 0;
    // Waits for the writer and begins a write transaction (BEGIN IMMEDIATE on SQLite).
    virtual Transaction Write() = 0;
    virtual PoolStats Stats() const = 0;
    virtual Dialect dialect() const = 0;

protected:
    friend class Reader;
    friend class Transaction;
    virtual void ReleaseReader(Connection* conn) = 0;
    virtual void CommitWriter(Connection* conn) = 0;
    virtual void RollbackWriter(Connection* conn) = 0;
};

}  // namespace xieli::store
