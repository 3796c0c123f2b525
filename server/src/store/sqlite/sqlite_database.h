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
    // Readers map this much of the file into memory (SQLite caps it at its build's limit, 2 GiB for
    // Debian's): a page read is then a memory access instead of a read() call and a copy into the
    // page cache. Counting a list's matches reads thousands of scattered rows; this makes it about
    // three times cheaper (docs/performance.md). 0: no mapping.
    int64_t reader_mmap_bytes = int64_t{2} * 1024 * 1024 * 1024;
    // The writer's during bulk writes (BeginBulkWrites), and the WAL pages it lets accumulate
    // before a checkpoint then (the default, outside bulk writes, is SQLite's 1000).
    int bulk_cache_size_kib = 256 * 1024;
    int bulk_wal_autocheckpoint_pages = 64 * 1024;
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
    std::optional<Rows> QueryWithin(std::string_view sql, Params params, int64_t work) override;
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

    // A long batch job (an import) commits thousands of pages a batch, more than the writer's
    // page cache holds and more than the WAL's automatic checkpoint lets through without copying
    // them into the database file after every commit. While at least one such job runs, the writer
    // keeps SqliteOptions::bulk_cache_size_kib of pages and checkpoints only every
    // bulk_wal_autocheckpoint_pages, so a page the batches keep changing is copied once, not once
    // a batch. The last job to end checkpoints and restores the defaults (BulkWriteScope).
    void BeginBulkWrites();
    void EndBulkWrites();

protected:
    void ReleaseReader(Connection* conn) override;
    // A failed COMMIT rolls back but keeps the writer: the Transaction is not done, so its destructor calls
    // RollbackWriter, which releases it. Releasing here too would let that later call roll back (or a second
    // Commit() commit) the next owner's transaction.
    void CommitWriter(Connection* conn) override;
    void RollbackWriter(Connection* conn) override;

private:
    void ReleaseWriter();
    // On the thread that holds the writer: its cache and checkpointing as bulk_jobs_ asks.
    void ApplyWriterMode(bool bulk);

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
    int bulk_jobs_ = 0;            // BeginBulkWrites() not yet ended
    bool writer_in_bulk_ = false;  // what the writer connection is set to; only its holder reads it
};

// Bulk writes on `db` for the lifetime of the scope (SqliteDatabase::BeginBulkWrites); nothing for
// other drivers.
class BulkWriteScope {
public:
    explicit BulkWriteScope(Database& db);
    ~BulkWriteScope();
    BulkWriteScope(const BulkWriteScope&) = delete;
    BulkWriteScope& operator=(const BulkWriteScope&) = delete;

private:
    SqliteDatabase* db_;
};

std::unique_ptr<Database> OpenSqliteDatabase(const std::filesystem::path& file, int readers, int busy_timeout_ms);
std::unique_ptr<Database> OpenSqliteDatabase(SqliteOptions options);

}  // namespace xieli::store
