#pragma once

// Test support for the sales rules on a real enterprise database: a fresh store with one tenant, an
// active administrator (user 1), the records engine with the cash hooks, a clock the test moves, and
// Create/Get through the engine as that administrator.

#include <gtest/gtest.h>

#include <memory>

#include "common/clock.h"
#include "modules/sales/sales_module.h"
#include "records/records_module.h"
#include "store/store.h"
#include "support/temp_dir.h"
#include "support/tenant_store.h"

namespace xieli::sales {

class SalesDbTest : public ::testing::Test {
protected:
    // `now`: where the test's clock starts (an ISO instant).
    explicit SalesDbTest(const char* now) : clock_(*ParseIsoTime(now)) {
        store_ = test_support::StoreWithAdmins(dir_, clock_.Now(), {{1, "管理员"}});
        db_ = &store_->Tenant(1);
        AddCashHooks(records_.service());
        schema_ = records_.SchemaOf(*db_);
        store::Reader r = db_->Read();
        access_ = records::LoadAccessContext(*r, 1);
    }

    json::object Create(const char* object, json::object body) {
        records::RecordScope s{*db_, schema_, access_, Lang::kEn};
        return records_.service().Create(s, object, body);
    }
    json::object Get(const char* object, int64_t id) {
        records::RecordScope s{*db_, schema_, access_, Lang::kEn};
        return records_.service().Get(s, object, id);
    }

    test_support::TempDir dir_{"xieli-sales"};
    ManualClock clock_;
    records::RecordsModule records_{clock_};
    std::unique_ptr<store::Store> store_;
    store::Database* db_ = nullptr;
    std::shared_ptr<const records::Schema> schema_;
    records::AccessContext access_;
};

}  // namespace xieli::sales
