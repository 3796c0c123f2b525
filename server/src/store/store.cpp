#include "store/store.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>

#include "common/error.h"
#include "store/database_error.h"
#include "store/migrations.h"
#include "store/sqlite/sqlite_database.h"

namespace xieli::store {
namespace {

constexpr const char* kSystemFile = "system.db";
constexpr const char* kTenantsDir = "tenants";

// Every enterprise's data lives below the data directory, so only the server's user may enter it.
void CreatePrivateDirectory(const std::filesystem::path& dir) {
    std::error_code ec;
    if (std::filesystem::create_directories(dir, ec)) {
        std::filesystem::permissions(
            dir, std::filesystem::perms::owner_all, std::filesystem::perm_options::replace, ec
        );
    }
    if (ec) throw DatabaseError(fmt::format("cannot create directory {}: {}", dir.string(), ec.message()));
}

std::unique_ptr<Database> OpenFile(const StoreOptions& options, const std::filesystem::path& file, bool create) {
    SqliteOptions sqlite;
    sqlite.file = file;
    sqlite.readers = options.readers_per_database;
    sqlite.busy_timeout_ms = options.busy_timeout_ms;
    sqlite.create = create;
    return OpenSqliteDatabase(std::move(sqlite));
}

[[noreturn]] void ThrowTenantNotFound(int64_t tenant_id) {
    throw Error(
        ErrorCode::kNotFound,
        {"企业不存在", "Enterprise not found"},
        fmt::format("tenant {} has no database", tenant_id)
    );
}

// O_EXCL makes creation the one atomic step that decides which caller makes the file; 0600 because SQLite gives
// the -wal and -shm files the database file's mode.
void CreateExclusive(const std::filesystem::path& file, int64_t tenant_id) {
    int fd = ::open(file.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
    if (fd < 0) {
        // An id is never handed out twice, so an existing file is stale or a bug; opening it would give the new
        // enterprise another one's data.
        if (errno == EEXIST) throw DatabaseError(fmt::format("tenant {} already has a database file", tenant_id));
        throw DatabaseError(fmt::format("cannot create {}: {}", file.string(), std::strerror(errno)));
    }
    ::close(fd);
}

void RemoveDatabaseFiles(const std::filesystem::path& file) {
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(file.string() + suffix, ec);
}

}  // namespace

Store::Store(StoreOptions options) : options_(std::move(options)) {}

Store::~Store() = default;

void Store::Open() {
    {
        // References to the old databases would dangle.
        std::lock_guard lock(mutex_);
        if (system_) throw DatabaseError("the store is already open");
    }
    CreatePrivateDirectory(options_.data_dir);
    CreatePrivateDirectory(options_.data_dir / kTenantsDir);
    auto system = OpenFile(options_, options_.data_dir / kSystemFile, true);
    int applied = ApplyMigrations(*system, MigrationsFor("system"));
    if (applied > 0) spdlog::info("system database: {} migration(s) applied", applied);
    std::lock_guard lock(mutex_);
    system_ = std::move(system);
}

Database& Store::System() {
    std::lock_guard lock(mutex_);
    if (!system_) throw DatabaseError("the store is not open");
    return *system_;
}

Database& Store::Tenant(int64_t tenant_id) {
    return OpenTenant(tenant_id, false);
}

Database& Store::CreateTenant(int64_t tenant_id) {
    return OpenTenant(tenant_id, true);
}

std::filesystem::path Store::TenantPath(int64_t tenant_id) const {
    return options_.data_dir / kTenantsDir / fmt::format("{}.db", tenant_id);
}

Database& Store::OpenTenant(int64_t tenant_id, bool create) {
    if (tenant_id <= 0) {
        if (create) throw DatabaseError(fmt::format("invalid tenant id {}", tenant_id));
        ThrowTenantNotFound(tenant_id);
    }
    std::filesystem::path file = TenantPath(tenant_id);
    {
        std::lock_guard lock(mutex_);
        if (auto it = tenants_.find(tenant_id); it != tenants_.end()) {
            if (create) throw DatabaseError(fmt::format("tenant {} already has a database", tenant_id));
            return *it->second;
        }
    }
    if (create) {
        CreateExclusive(file, tenant_id);
    } else {
        std::error_code ec;
        if (!std::filesystem::exists(file, ec)) ThrowTenantNotFound(tenant_id);
    }

    // Opening and migrating run outside the lock so a slow migration of one enterprise does not stall requests
    // to the others. Two threads racing here both open; the migrations runner is safe to run twice (the second
    // finds everything applied) and the loser's handle is dropped below.
    std::unique_ptr<Database> db;
    try {
        db = OpenFile(options_, file, false);
        int applied = ApplyMigrations(*db, MigrationsFor("tenant"));
        if (applied > 0) spdlog::info("tenant {}: {} migration(s) applied", tenant_id, applied);
    } catch (const std::exception& e) {
        spdlog::error("tenant {}: opening its database failed: {}", tenant_id, e.what());
        db.reset();
        // A half-made file would make every retry fail with "already exists".
        if (create) RemoveDatabaseFiles(file);
        throw;
    }

    std::lock_guard lock(mutex_);
    auto [it, inserted] = tenants_.try_emplace(tenant_id, std::move(db));
    if (!inserted && create) throw DatabaseError(fmt::format("tenant {} was created twice at once", tenant_id));
    return *it->second;
}

PoolStats Store::TotalStats(int* open_databases) const {
    std::lock_guard lock(mutex_);
    PoolStats total;
    int count = 0;
    auto add = [&](const Database& db) {
        PoolStats s = db.Stats();
        total.readers_total += s.readers_total;
        total.readers_in_use += s.readers_in_use;
        total.reader_waits += s.reader_waits;
        total.write_waits += s.write_waits;
        total.transactions += s.transactions;
        total.rollbacks += s.rollbacks;
        ++count;
    };
    if (system_) add(*system_);
    for (const auto& [id, db] : tenants_) add(*db);
    if (open_databases) *open_databases = count;
    return total;
}

}  // namespace xieli::store
