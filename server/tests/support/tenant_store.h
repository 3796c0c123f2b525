#pragma once

// Test support: a store under a test's directory with tenant 1 made (its migrations applied) and
// active administrators in it, for tests of the records engine and modules on a real tenant schema
// that do not need the sign-up path (EnterpriseStore, enterprise_store.h, takes that path).

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <utility>

#include "common/clock.h"
#include "store/store.h"
#include "support/temp_dir.h"

namespace xieli::test_support {

struct TestAdmin {
    int64_t id;
    const char* name;
};

// The store of `dir`/data (two readers a database), tenant 1 created with `admins` in its users.
inline std::unique_ptr<store::Store> StoreWithAdmins(
    const TempDir& dir, TimePoint now, std::initializer_list<TestAdmin> admins
) {
    store::StoreOptions options;
    options.data_dir = dir.path() / "data";
    options.readers_per_database = 2;
    auto s = std::make_unique<store::Store>(options);
    s->Open();
    store::Database& db = s->CreateTenant(1);
    std::string ts = FormatUtc(now);
    store::Transaction tx = db.Write();
    for (const TestAdmin& a : admins) {
        tx->Execute(
            "INSERT INTO users (id, name, status, is_admin, created_at, updated_at) VALUES (?, ?, 'active', 1, ?, ?)",
            {a.id, a.name, ts, ts}
        );
    }
    tx.Commit();
    return s;
}

}  // namespace xieli::test_support
