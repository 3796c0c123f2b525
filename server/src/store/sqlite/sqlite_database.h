#pragma once

// The SQLite driver: one file, one writer connection (writes are serialized in the process, so BEGIN IMMEDIATE
// never fights another connection of ours) and a small pool of query-only readers that WAL lets run beside the
// writer. sqlite3.h stays out of this header so the rest of the code base does not compile against it.

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

#include "store/database.h"

struct sqlite3;
struct sqlite3_stmt;

namespace xieli::store {

struct SqliteOptions {
    std::filesystem::path file;
    int readers = 4;
    // How long a statement waits for a lock held by another process, and how long Read() and Write() wait for
    // a connection of this pool before giving up with BusyError.
    int busy_timeout_ms = 5000;
    // Page cache per connection. Pages are allocated as used, so an idle enterprise costs little.
    int cache_size_kib = 8192;
    size_t statement_cache_size = 128;
    // Create the file (mode 0600) when it does not exist; otherwise a missing file is a DatabaseError.
    bool create = true;
};

struct StatementCacheStats {
    size_t size = 0;
    int64_t hits = 0;
    int64_t misses = 0;
};

// One sqlite3 handle. Not thread-safe by design (opened with SQLITE_OPEN_NOMUTEX): the pool hands a connection
// to one thread at a time, so SQLite's own per-call mutex would be pure cost.
class SqliteConnection final : public Connection {
public:
    enum class Role { kWriter, kReader };

    SqliteConnection(const SqliteOptions& options, Role role);
    ~SqliteConnection() override;
    SqliteConnection(const SqliteConnection&) = delete;
    SqliteConnection& operator=(const SqliteConnection&) = delete;

    using Connection::Execute;
    using Connection::Query;
    Rows Query(std::string_view sql, Params params = {}) override;
    void QueryEach(std::string_view sql, Params params, const std::function<bool(const Row&)>& on_row) override;
    int64_t Execute(std::string_view sql, Params params = {}) override;
    void ExecuteScript(std::string_view sql) override;
    Dialect dialect() const override { return Dialect::kSqlite; }

    // True while an explicit transaction is open on this connection.
    bool InTransaction() const;
    // After a failed COMMIT the transaction is gone, but its Transaction object may still be in use; statements
    // run then would silently autocommit, so they are refused until the writer is released.
    void SetRefusing(bool refusing) { refusing_ = refusing; }
    StatementCacheStats cache_stats() const;

private:
    struct CachedStatement {
        std::string sql;
        sqlite3_stmt* stmt = nullptr;
        bool in_use = false;
    };
    class Lease;

    sqlite3_stmt* Prepare(std::string_view sql, bool persistent);
    void Bind(sqlite3_stmt* stmt, Params params, std::string_view sql);
    template <typename OnRow>
    void Run(Lease& lease, std::string_view sql, OnRow&& on_row);
    void CheckUsable() const;
    void EvictIdle();

    sqlite3* db_ = nullptr;
    size_t cache_capacity_;
    bool refusing_ = false;
    // Most recently used first. index_ keys view the sql strings inside the list nodes, which never move.
    std::list<CachedStatement> lru_;
    std::unordered_map<std::string_view, std::list<CachedStatement>::iterator> index_;
    int64_t hits_ = 0;
    int64_t misses_ = 0;
};

class SqliteDatabase final : public Database {
public:
    explicit SqliteDatabase(SqliteOptions options);
    ~SqliteDatabase() override;
    SqliteDatabase(const SqliteDatabase&) = delete;
    SqliteDatabase& operator=(const SqliteDatabase&) = delete;

    Reader Read() override;
    Transaction Write() override;
    PoolStats Stats() const override;
    Dialect dialect() const override { return Dialect::kSqlite; }
    const std::filesystem::path& file() const { return options_.file; }

protected:
    void ReleaseReader(Connection* conn) override;
    // A failed COMMIT rolls back but keeps the writer: the Transaction is not done, so its destructor calls
    // RollbackWriter, which releases it. Releasing here too would let that later call roll back (or a second
    // Commit() commit) the next owner's transaction.
    void CommitWriter(Connection* conn) override;
    void RollbackWriter(Connection* conn) override;

private:
    void ReleaseWriter();

    SqliteOptions options_;
    std::unique_ptr<SqliteConnection> writer_;

    mutable std::mutex mutex_;
    std::condition_variable writer_free_;
    std::condition_variable reader_free_;
    bool writer_busy_ = false;
    std::thread::id writer_thread_;
    std::vector<std::unique_ptr<SqliteConnection>> readers_;  // opened on first need, up to options_.readers
    std::vector<SqliteConnection*> idle_readers_;
    int readers_opening_ = 0;
    PoolStats stats_;
};

std::unique_ptr<Database> OpenSqliteDatabase(const std::filesystem::path& file, int readers, int busy_timeout_ms);
std::unique_ptr<Database> OpenSqliteDatabase(SqliteOptions options);

}  // namespace xieli::store
