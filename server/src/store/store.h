#pragma once

// The data directory: system.db and one database per enterprise, opened lazily and kept open.

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "store/database.h"

namespace xieli::store {

struct StoreOptions {
    std::filesystem::path data_dir;
    int readers_per_database = 4;
    int busy_timeout_ms = 5000;
};

class Store {
public:
    explicit Store(StoreOptions options);
    ~Store();

    // Opens system.db and applies the system migrations.
    void Open();
    Database& System();
    // The enterprise's database; applies tenant migrations the first time it is opened in this
    // process. Throws Error(kNotFound) when the enterprise has no database.
    Database& Tenant(int64_t tenant_id);
    // Creates the enterprise's database file and applies the tenant migrations.
    Database& CreateTenant(int64_t tenant_id);
    // Sum of every open database's pool figures, and how many are open.
    PoolStats TotalStats(int* open_databases) const;

    const StoreOptions& options() const { return options_; }

private:
    std::filesystem::path TenantPath(int64_t tenant_id) const;
    Database& OpenTenant(int64_t tenant_id, bool create);

    StoreOptions options_;
    std::unique_ptr<Database> system_;
    mutable std::mutex mutex_;
    std::map<int64_t, std::unique_ptr<Database>> tenants_;
};

}  // namespace xieli::store
