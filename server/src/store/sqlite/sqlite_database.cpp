#include "store/sqlite/sqlite_database.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <type_traits>
#include <variant>

#include "store/database_error.h"

namespace xieli::store {
namespace {

// Statement text in error messages helps the log reader find the caller; values are never part of it.
constexpr size_t kSqlInErrorChars = 160;
// Keeps a WAL file from staying huge after one large transaction (an import) has been checkpointed.
constexpr int64_t kJournalSizeLimitBytes = 64 * 1024 * 1024;
// SQLite's default: a commit that leaves the WAL longer than this many pages checkpoints it.
constexpr int kWalAutocheckpointPages = 1000;

std::string SqlExcerpt(std::string_view sql) {
    std::string out(sql.substr(0, kSqlInErrorChars));
    for (char& c : out) {
        if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    }
    if (sql.size() > kSqlInErrorChars) out += "…";
    return out;
}

ConstraintKind KindOf(int extended_code) {
    switch (extended_code) {
        case SQLITE_CONSTRAINT_UNIQUE: return ConstraintKind::kUnique;
        case SQLITE_CONSTRAINT_PRIMARYKEY: return ConstraintKind::kPrimaryKey;
        case SQLITE_CONSTRAINT_FOREIGNKEY: return ConstraintKind::kForeignKey;
        case SQLITE_CONSTRAINT_NOTNULL: return ConstraintKind::kNotNull;
        case SQLITE_CONSTRAINT_CHECK: return ConstraintKind::kCheck;
        default: return ConstraintKind::kOther;
    }
}

[[noreturn]] void ThrowSqliteError(int code, const char* message, std::string_view sql) {
    std::string text = message ? message : sqlite3_errstr(code);
    std::string what = sql.empty() ? fmt::format("sqlite: {} ({})", text, sqlite3_errstr(code))
                                   : fmt::format("sqlite: {} ({}) in: {}", text, sqlite3_errstr(code), SqlExcerpt(sql));
    switch (code & 0xff) {
        case SQLITE_CONSTRAINT: throw ConstraintError(what, code, KindOf(code), text);
        case SQLITE_BUSY:
        case SQLITE_LOCKED: throw BusyError(what, code);
        default: throw DatabaseError(what, code);
    }
}

Value ColumnValue(sqlite3_stmt* stmt, int i) {
    switch (sqlite3_column_type(stmt, i)) {
        case SQLITE_INTEGER: return Value(static_cast<long long>(sqlite3_column_int64(stmt, i)));
        case SQLITE_FLOAT: return Value(sqlite3_column_double(stmt, i));
        case SQLITE_TEXT: {
            // sqlite3_column_text before sqlite3_column_bytes, as the SQLite documentation requires.
            auto text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, i));
            return Value(std::string(text ? text : "", static_cast<size_t>(sqlite3_column_bytes(stmt, i))));
        }
        case SQLITE_BLOB: {
            auto blob = static_cast<const char*>(sqlite3_column_blob(stmt, i));
            return Value(std::string(blob ? blob : "", static_cast<size_t>(sqlite3_column_bytes(stmt, i))));
        }
        default: return Value();
    }
}

std::vector<std::string> ColumnNames(sqlite3_stmt* stmt) {
    int n = sqlite3_column_count(stmt);
    std::vector<std::string> names;
    names.reserve(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) {
        const char* name = sqlite3_column_name(stmt, i);
        names.emplace_back(name ? name : "");
    }
    return names;
}

std::vector<Value> RowValues(sqlite3_stmt* stmt, size_t columns) {
    std::vector<Value> values;
    values.reserve(columns);
    for (size_t i = 0; i < columns; ++i) values.push_back(ColumnValue(stmt, static_cast<int>(i)));
    return values;
}

// SQLite gives its -wal and -shm files the mode of the database file, so creating that one 0600 keeps every
// enterprise's data readable by the server's user only.
void CreatePrivateFile(const std::filesystem::path& file) {
    int fd = ::open(file.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
    if (fd >= 0) {
        ::close(fd);
    } else if (errno != EEXIST) {
        throw DatabaseError(fmt::format("cannot create {}: {}", file.string(), std::strerror(errno)));
    }
}

// SQLite keeps a process-wide count of its memory under one global mutex (SQLITE_DEFAULT_MEMSTATUS),
// taken on every allocation: workers running queries side by side then wait on it more than they
// work (bench: a one-character search cost 4× the CPU with eight connections as with one). Nothing
// reads the count. SQLite takes the setting only before it initializes, at the first open.
void TurnOffMemoryStatistics() {
    static const int rc = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    (void)rc;  // SQLITE_MISUSE when something opened a database first: the count stays, nothing breaks
}

std::chrono::steady_clock::time_point Deadline(int timeout_ms) {
    return std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
}

}  // namespace

// Hands out a prepared statement for one call and puts it back reset, bindings cleared, whatever happens.
class SqliteConnection::Lease {
public:
    Lease(SqliteConnection& conn, std::string_view sql) {
        auto it = conn.index_.find(sql);
        if (it != conn.index_.end() && !it->second->in_use) {
            ++conn.hits_;
            conn.lru_.splice(conn.lru_.begin(), conn.lru_, it->second);
            entry_ = &*it->second;
            entry_->in_use = true;
            stmt_ = entry_->stmt;
            return;
        }
        ++conn.misses_;
        // The same text already running on this connection (a query inside a QueryEach callback) or no cache:
        // a private statement, finalized afterwards.
        if (it != conn.index_.end() || conn.cache_capacity_ == 0) {
            stmt_ = conn.Prepare(sql, false);
            return;
        }
        stmt_ = conn.Prepare(sql, true);
        conn.lru_.push_front(CachedStatement{std::string(sql), stmt_, true});
        conn.index_.emplace(conn.lru_.front().sql, conn.lru_.begin());
        entry_ = &conn.lru_.front();
        conn.EvictIdle();
    }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease() {
        if (entry_) {
            sqlite3_reset(stmt_);
            sqlite3_clear_bindings(stmt_);
            entry_->in_use = false;
        } else {
            sqlite3_finalize(stmt_);
        }
    }

    sqlite3_stmt* stmt() const { return stmt_; }

private:
    CachedStatement* entry_ = nullptr;
    sqlite3_stmt* stmt_ = nullptr;
};

SqliteConnection::SqliteConnection(const SqliteOptions& options, Role role)
    : cache_capacity_(options.statement_cache_size) {
    TurnOffMemoryStatistics();
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
    if (options.create && role == Role::kWriter) flags |= SQLITE_OPEN_CREATE;
    int rc = sqlite3_open_v2(options.file.c_str(), &db_, flags, nullptr);
    if (rc != SQLITE_OK) {
        std::string message = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
        sqlite3_close_v2(db_);
        db_ = nullptr;
        throw DatabaseError(fmt::format("sqlite: cannot open {}: {}", options.file.string(), message), rc);
    }
    try {
        sqlite3_extended_result_codes(db_, 1);
        sqlite3_busy_timeout(db_, options.busy_timeout_ms);
        // Refuse writes to sqlite_schema and other ways SQL could corrupt the file.
        sqlite3_db_config(db_, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
        // "name" must be an identifier, as in PostgreSQL; SQLite's fallback to a string literal hides typos.
        sqlite3_db_config(db_, SQLITE_DBCONFIG_DQS_DML, 0, nullptr);
        sqlite3_db_config(db_, SQLITE_DBCONFIG_DQS_DDL, 0, nullptr);

        // Readers and the writer only run side by side in WAL mode; without it the pool would deadlock on
        // locks, so a file that cannot switch (a read-only medium, a network share) is refused.
        std::optional<Value> mode = QueryValue("PRAGMA journal_mode=WAL");
        if (!mode || mode->AsText() != "wal") {
            throw DatabaseError(fmt::format(
                "sqlite: {} cannot use WAL (journal_mode is {})", options.file.string(), mode ? mode->AsText() : "?"
            ));
        }
        ExecuteScript(fmt::format(
            "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-{}; "
            "PRAGMA journal_size_limit={};",
            options.cache_size_kib,
            kJournalSizeLimitBytes
        ));
        if (role == Role::kReader)
            ExecuteScript(fmt::format("PRAGMA query_only=ON; PRAGMA mmap_size={};", options.reader_mmap_bytes));
    } catch (...) {
        for (auto& entry : lru_) sqlite3_finalize(entry.stmt);
        sqlite3_close_v2(db_);
        throw;
    }
}

SqliteConnection::~SqliteConnection() {
    for (auto& entry : lru_) sqlite3_finalize(entry.stmt);
    if (sqlite3_close(db_) != SQLITE_OK) {
        spdlog::error("sqlite: closing a connection failed: {}", sqlite3_errmsg(db_));
        sqlite3_close_v2(db_);
    }
}

bool SqliteConnection::InTransaction() const {
    return sqlite3_get_autocommit(db_) == 0;
}

StatementCacheStats SqliteConnection::cache_stats() const {
    return {lru_.size(), hits_, misses_};
}

void SqliteConnection::CheckUsable() const {
    if (refusing_) throw DatabaseError("sqlite: the transaction failed to commit and was rolled back");
}

sqlite3_stmt* SqliteConnection::Prepare(std::string_view sql, bool persistent) {
    sqlite3_stmt* stmt = nullptr;
    const char* tail = nullptr;
    int rc = sqlite3_prepare_v3(
        db_, sql.data(), static_cast<int>(sql.size()), persistent ? SQLITE_PREPARE_PERSISTENT : 0, &stmt, &tail
    );
    if (rc != SQLITE_OK) ThrowSqliteError(sqlite3_extended_errcode(db_), sqlite3_errmsg(db_), sql);
    if (!stmt) throw DatabaseError("sqlite: empty statement");
    // A second statement would be silently ignored; ExecuteScript is the way to run several.
    size_t rest = static_cast<size_t>(sql.data() + sql.size() - tail);
    if (rest > 0) {
        sqlite3_stmt* extra = nullptr;
        rc = sqlite3_prepare_v3(db_, tail, static_cast<int>(rest), 0, &extra, nullptr);
        if (rc != SQLITE_OK || extra) {
            sqlite3_finalize(extra);
            sqlite3_finalize(stmt);
            throw DatabaseError(fmt::format("sqlite: more than one statement in: {}", SqlExcerpt(sql)));
        }
    }
    return stmt;
}

void SqliteConnection::Bind(sqlite3_stmt* stmt, Params params, std::string_view sql) {
    int expected = sqlite3_bind_parameter_count(stmt);
    if (expected != static_cast<int>(params.size())) {
        throw DatabaseError(fmt::format(
            "sqlite: statement takes {} parameters, {} given, in: {}", expected, params.size(), SqlExcerpt(sql)
        ));
    }
    for (size_t i = 0; i < params.size(); ++i) {
        int index = static_cast<int>(i) + 1;
        int rc = std::visit(
            [&](const auto& v) -> int {
                using T = std::decay_t<decltype(v)>;
                if constexpr (std::is_same_v<T, std::monostate>) {
                    return sqlite3_bind_null(stmt, index);
                } else if constexpr (std::is_same_v<T, int64_t>) {
                    return sqlite3_bind_int64(stmt, index, v);
                } else if constexpr (std::is_same_v<T, double>) {
                    return sqlite3_bind_double(stmt, index, v);
                } else {
                    // SQLITE_STATIC: the bindings are cleared before the caller's params can go away.
                    return sqlite3_bind_text64(stmt, index, v.data(), v.size(), SQLITE_STATIC, SQLITE_UTF8);
                }
            },
            params[i].variant()
        );
        if (rc != SQLITE_OK) ThrowSqliteError(sqlite3_extended_errcode(db_), sqlite3_errmsg(db_), sql);
    }
}

template <typename OnRow>
void SqliteConnection::Run(Lease& lease, std::string_view sql, OnRow&& on_row) {
    for (;;) {
        int rc = sqlite3_step(lease.stmt());
        if (rc == SQLITE_ROW) {
            if (!on_row()) return;
        } else if (rc == SQLITE_DONE) {
            return;
        } else {
            ThrowSqliteError(rc, sqlite3_errmsg(db_), sql);
        }
    }
}

Rows SqliteConnection::Query(std::string_view sql, Params params) {
    CheckUsable();
    Lease lease(*this, sql);
    Bind(lease.stmt(), params, sql);
    Rows rows(ColumnNames(lease.stmt()));
    size_t columns = rows.columns().size();
    Run(lease, sql, [&] {
        rows.Add(RowValues(lease.stmt(), columns));
        return true;
    });
    return rows;
}

std::optional<Rows> SqliteConnection::QueryWithin(std::string_view sql, Params params, int64_t work) {
    // SQLite calls the handler every kPeriod steps and stops the statement (SQLITE_INTERRUPT) when
    // it returns non-zero; the handler is removed whatever happens, so other queries run unbounded.
    constexpr int kPeriod = 1000;
    struct Budget {
        int64_t calls_left;
        static int Spend(void* self) { return --static_cast<Budget*>(self)->calls_left < 0 ? 1 : 0; }
    } budget{work / kPeriod};
    struct Handler {
        sqlite3* db;
        ~Handler() { sqlite3_progress_handler(db, 0, nullptr, nullptr); }
    } handler{db_};
    sqlite3_progress_handler(db_, kPeriod, &Budget::Spend, &budget);
    try {
        return Query(sql, params);
    } catch (const DatabaseError& e) {
        if ((e.code() & 0xff) == SQLITE_INTERRUPT && budget.calls_left < 0) return std::nullopt;
        throw;
    }
}

void SqliteConnection::QueryEach(std::string_view sql, Params params, const std::function<bool(const Row&)>& on_row) {
    CheckUsable();
    Lease lease(*this, sql);
    Bind(lease.stmt(), params, sql);
    std::vector<std::string> names = ColumnNames(lease.stmt());
    Run(lease, sql, [&] { return on_row(Row(&names, RowValues(lease.stmt(), names.size()))); });
}

int64_t SqliteConnection::Execute(std::string_view sql, Params params) {
    CheckUsable();
    Lease lease(*this, sql);
    Bind(lease.stmt(), params, sql);
    // sqlite3_changes64 keeps the count of the last INSERT/UPDATE/DELETE, so DDL or a SELECT would report a
    // stale figure; the total moving tells whether this statement changed anything at all.
    int64_t total_before = sqlite3_total_changes64(db_);
    // Every row is stepped: an INSERT … RETURNING only finishes its work once its rows are read.
    Run(lease, sql, [] { return true; });
    return sqlite3_total_changes64(db_) == total_before ? 0 : sqlite3_changes64(db_);
}

void SqliteConnection::ExecuteScript(std::string_view sql) {
    CheckUsable();
    std::string text(sql);
    char* message = nullptr;
    int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
        std::string owned = message ? message : sqlite3_errstr(rc);
        sqlite3_free(message);
        ThrowSqliteError(sqlite3_extended_errcode(db_), owned.c_str(), sql);
    }
}

void SqliteConnection::EvictIdle() {
    auto it = lru_.end();
    while (lru_.size() > cache_capacity_ && it != lru_.begin()) {
        --it;
        if (it->in_use) continue;
        sqlite3_finalize(it->stmt);
        index_.erase(it->sql);
        it = lru_.erase(it);
    }
}

SqliteDatabase::SqliteDatabase(SqliteOptions options) : options_(std::move(options)) {
    if (!sqlite3_threadsafe()) throw DatabaseError("sqlite: the library was built without thread support");
    if (options_.readers < 1) options_.readers = 1;
    if (options_.create) CreatePrivateFile(options_.file);
    writer_ = std::make_unique<SqliteConnection>(options_, SqliteConnection::Role::kWriter);
    stats_.readers_total = options_.readers;
}

SqliteDatabase::~SqliteDatabase() {
    std::lock_guard lock(mutex_);
    if (writer_busy_ || idle_readers_.size() != readers_.size()) {
        spdlog::error("sqlite: {} closed while connections are still in use", options_.file.string());
    }
    // Lets SQLite refresh the statistics its planner uses, as its documentation advises before closing.
    if (!writer_busy_) {
        try {
            writer_->ExecuteScript("PRAGMA optimize;");
        } catch (const std::exception& e) {
            spdlog::warn("sqlite: PRAGMA optimize on {}: {}", options_.file.string(), e.what());
        }
    }
}

Reader SqliteDatabase::Read() {
    std::unique_lock lock(mutex_);
    auto can_take = [&] {
        return !idle_readers_.empty() ||
               readers_.size() + static_cast<size_t>(readers_opening_) < static_cast<size_t>(options_.readers);
    };
    if (!can_take()) {
        ++stats_.reader_waits;
        if (!reader_free_.wait_until(lock, Deadline(options_.busy_timeout_ms), can_take)) {
            throw BusyError(fmt::format(
                "sqlite: all {} readers of {} stayed busy for {} ms",
                options_.readers,
                options_.file.string(),
                options_.busy_timeout_ms
            ));
        }
    }
    if (!idle_readers_.empty()) {
        SqliteConnection* conn = idle_readers_.back();
        idle_readers_.pop_back();
        return Reader(this, conn);
    }
    // Opening takes a file open and a few PRAGMAs; other threads need not wait for that.
    ++readers_opening_;
    lock.unlock();
    std::unique_ptr<SqliteConnection> conn;
    try {
        conn = std::make_unique<SqliteConnection>(options_, SqliteConnection::Role::kReader);
    } catch (...) {
        lock.lock();
        --readers_opening_;
        reader_free_.notify_one();
        throw;
    }
    lock.lock();
    --readers_opening_;
    SqliteConnection* raw = conn.get();
    readers_.push_back(std::move(conn));
    return Reader(this, raw);
}

void SqliteDatabase::ReleaseReader(Connection* conn) {
    auto* sqlite = static_cast<SqliteConnection*>(conn);
    // A reader left inside BEGIN would pin an old snapshot and keep checkpoints from shrinking the WAL.
    if (sqlite->InTransaction()) {
        try {
            sqlite->Execute("ROLLBACK");
        } catch (const std::exception& e) {
            spdlog::error("sqlite: ending a reader's transaction on {}: {}", options_.file.string(), e.what());
        }
    }
    std::lock_guard lock(mutex_);
    idle_readers_.push_back(sqlite);
    reader_free_.notify_one();
}

Transaction SqliteDatabase::Write() {
    bool bulk = false;
    {
        std::unique_lock lock(mutex_);
        // Waiting for ourselves would never end.
        if (writer_busy_ && writer_thread_ == std::this_thread::get_id()) {
            throw DatabaseError(
                fmt::format("sqlite: nested write transaction on {} from the same thread", options_.file.string())
            );
        }
        if (writer_busy_) {
            ++stats_.write_waits;
            if (!writer_free_.wait_until(lock, Deadline(options_.busy_timeout_ms), [&] { return !writer_busy_; })) {
                throw BusyError(fmt::format(
                    "sqlite: the writer of {} stayed busy for {} ms", options_.file.string(), options_.busy_timeout_ms
                ));
            }
        }
        writer_busy_ = true;
        writer_thread_ = std::this_thread::get_id();
        ++stats_.transactions;
        bulk = bulk_jobs_ > 0;
    }
    try {
        writer_->SetRefusing(false);
        if (writer_->InTransaction()) {
            // Only possible when an earlier ROLLBACK itself failed; start clean rather than nest.
            spdlog::warn("sqlite: {} writer was still inside a transaction; rolling it back", options_.file.string());
            writer_->Execute("ROLLBACK");
        }
        ApplyWriterMode(bulk);
        writer_->Execute("BEGIN IMMEDIATE");
    } catch (...) {
        ReleaseWriter();
        throw;
    }
    return Transaction(this, writer_.get());
}

void SqliteDatabase::CommitWriter(Connection* /*conn*/) {
    try {
        writer_->Execute("COMMIT");
    } catch (...) {
        // A deferred foreign key, a full disk or an I/O error: COMMIT may leave the transaction open.
        try {
            if (writer_->InTransaction()) writer_->Execute("ROLLBACK");
        } catch (const std::exception& e) {
            spdlog::error("sqlite: rollback after a failed commit on {}: {}", options_.file.string(), e.what());
        }
        writer_->SetRefusing(true);
        throw;
    }
    ReleaseWriter();
}

void SqliteDatabase::RollbackWriter(Connection* /*conn*/) {
    {
        std::lock_guard lock(mutex_);
        if (!writer_busy_) {
            spdlog::error("sqlite: rollback on {} without a transaction", options_.file.string());
            return;
        }
        ++stats_.rollbacks;
    }
    writer_->SetRefusing(false);
    try {
        // SQLite rolls back by itself after some errors (SQLITE_FULL, SQLITE_IOERR …); a second ROLLBACK fails.
        if (writer_->InTransaction()) writer_->Execute("ROLLBACK");
    } catch (...) {
        ReleaseWriter();
        throw;
    }
    ReleaseWriter();
}

void SqliteDatabase::ApplyWriterMode(bool bulk) {
    if (bulk == writer_in_bulk_) return;
    writer_->ExecuteScript(fmt::format(
        "PRAGMA cache_size=-{}; PRAGMA wal_autocheckpoint={};",
        bulk ? options_.bulk_cache_size_kib : options_.cache_size_kib,
        bulk ? options_.bulk_wal_autocheckpoint_pages : kWalAutocheckpointPages
    ));
    writer_in_bulk_ = bulk;
}

void SqliteDatabase::BeginBulkWrites() {
    std::lock_guard lock(mutex_);
    ++bulk_jobs_;
}

void SqliteDatabase::EndBulkWrites() {
    {
        std::unique_lock lock(mutex_);
        if (bulk_jobs_ == 0 || --bulk_jobs_ > 0) return;
        // Restored and checkpointed here, by the job, so that no request's commit pays for copying
        // the WAL the job left. A writer that stays busy (or is this thread's own) leaves it to the
        // next Write(), which restores the defaults; the next commit then checkpoints.
        if (writer_busy_ && writer_thread_ == std::this_thread::get_id()) return;
        if (!writer_free_.wait_until(lock, Deadline(options_.busy_timeout_ms), [&] { return !writer_busy_; })) return;
        writer_busy_ = true;
        writer_thread_ = std::this_thread::get_id();
    }
    try {
        ApplyWriterMode(false);
        writer_->ExecuteScript("PRAGMA wal_checkpoint(PASSIVE);");
    } catch (const std::exception& e) {
        spdlog::warn("sqlite: ending bulk writes on {}: {}", options_.file.string(), e.what());
    }
    ReleaseWriter();
}

BulkWriteScope::BulkWriteScope(Database& db) : db_(dynamic_cast<SqliteDatabase*>(&db)) {
    if (db_) db_->BeginBulkWrites();
}

BulkWriteScope::~BulkWriteScope() {
    if (!db_) return;
    try {
        db_->EndBulkWrites();
    } catch (const std::exception& e) {
        spdlog::error("sqlite: ending bulk writes: {}", e.what());
    }
}

void SqliteDatabase::ReleaseWriter() {
    std::lock_guard lock(mutex_);
    writer_busy_ = false;
    writer_thread_ = {};
    writer_free_.notify_one();
}

PoolStats SqliteDatabase::Stats() const {
    std::lock_guard lock(mutex_);
    PoolStats stats = stats_;
    stats.readers_in_use = static_cast<int>(readers_.size() - idle_readers_.size()) + readers_opening_;
    return stats;
}

std::unique_ptr<Database> OpenSqliteDatabase(const std::filesystem::path& file, int readers, int busy_timeout_ms) {
    SqliteOptions options;
    options.file = file;
    options.readers = readers;
    options.busy_timeout_ms = busy_timeout_ms;
    return OpenSqliteDatabase(std::move(options));
}

std::unique_ptr<Database> OpenSqliteDatabase(SqliteOptions options) {
    return std::make_unique<SqliteDatabase>(std::move(options));
}

}  // namespace xieli::store
