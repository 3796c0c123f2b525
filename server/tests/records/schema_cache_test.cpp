// The schema cache and a change that lands while a request is loading the schema: the request that
// loaded from the older snapshot gets that schema, but it is not kept for the requests after the
// change. (A browser's first requests after sign-in load the schema while an administrator adds a
// field: the old schema stayed cached, and the add-field handler, reading its new field back from
// the cache, found none and crashed the server.)

#include <gtest/gtest.h>

#include "common/crypto.h"
#include "records/metadata.h"
#include "records/records_module.h"
#include "records/schema_writer.h"
#include "support/enterprise_store.h"

namespace xieli::records {
namespace {

class SchemaCacheTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() { crypto::Init(); }
    void SetUp() override {
        env_.emplace(clock_, auth::EnterpriseOwner{"缓存测试公司", "王五", "13900000002", "", "Passw0rd2026"});
        RecordsModule(clock_).SchemaOf(db());  // the standard objects, as the first request makes them
    }
    store::Database& db() { return env_->db(); }

    // Adds the text field `name` to customers, committed.
    void AddCustomerField(const std::string& name) {
        store::Transaction tx = db().Write();
        FieldMeta f;
        f.name = f.column = name;
        f.label = {name, name};
        f.is_custom = true;
        AddFieldColumn(*tx, LoadSchema(*tx)->Get("customer"), f, clock_.Now());
        tx.Commit();
    }

    ManualClock clock_{*ParseIsoTime("2026-11-25T00:00:00Z")};
    std::optional<test_support::EnterpriseStore> env_;
};

TEST_F(SchemaCacheTest, KeepsALoadedSchemaUntilInvalidated) {
    int loads = 0;
    SchemaCache cache([&](store::Database& d) {
        ++loads;
        store::Reader r = d.Read();
        return LoadSchema(*r);
    });
    std::shared_ptr<const Schema> first = cache.Get(db());
    EXPECT_EQ(cache.Get(db()), first);
    EXPECT_EQ(loads, 1);

    AddCustomerField("c_kept");
    cache.Invalidate(db());
    std::shared_ptr<const Schema> after = cache.Get(db());
    EXPECT_EQ(loads, 2);
    EXPECT_NE(after->Get("customer").Field("c_kept"), nullptr);
    EXPECT_EQ(first->Get("customer").Field("c_kept"), nullptr);  // a caller's schema never changes under it
}

TEST_F(SchemaCacheTest, DoesNotKeepASchemaLoadedBeforeAChangeItMissed) {
    SchemaCache* self = nullptr;
    bool change_while_loading = true;
    SchemaCache cache([&](store::Database& d) {
        std::shared_ptr<const Schema> schema;
        {
            store::Reader r = d.Read();
            schema = LoadSchema(*r);
        }
        if (std::exchange(change_while_loading, false)) {
            // Another request adds a field and invalidates after this load read the meta tables.
            AddCustomerField("c_late");
            self->Invalidate(d);
        }
        return schema;
    });
    self = &cache;

    std::shared_ptr<const Schema> loading = cache.Get(db());
    EXPECT_EQ(loading->Get("customer").Field("c_late"), nullptr);  // its snapshot was before the change
    std::shared_ptr<const Schema> next = cache.Get(db());
    ASSERT_NE(next->Get("customer").Field("c_late"), nullptr);
    EXPECT_EQ(cache.Get(db()), next);  // and that one is kept
}

}  // namespace
}  // namespace xieli::records
