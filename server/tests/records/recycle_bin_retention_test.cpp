// 回收站保留天数: the setting's values, which records the daily purge picks (deleted before the
// cut-off, none when the setting is 0), and that the bin's queries read its partial index.

#include "records/recycle_bin_retention.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "common/error.h"
#include "records/query_compiler.h"
#include "records/schema_writer.h"
#include "store/sqlite/sqlite_database.h"
#include "support/temp_dir.h"
#include "support/test_object.h"

namespace xieli::records {
namespace {

TimePoint At(const char* iso) {
    return *ParseIsoTime(iso);
}

TEST(RecycleBinSettings, AcceptsZeroOrSevenToTenYears) {
    EXPECT_EQ(ApplyRecycleBinSettingsPatch(90, json::parse(R"({"retention_days": 0})").as_object()), 0);
    EXPECT_EQ(ApplyRecycleBinSettingsPatch(90, json::parse(R"({"retention_days": 7})").as_object()), 7);
    EXPECT_EQ(ApplyRecycleBinSettingsPatch(90, json::parse(R"({"retention_days": 3650})").as_object()), 3650);
    EXPECT_EQ(ApplyRecycleBinSettingsPatch(30, json::object{}), 30);
    for (const char* bad :
         {R"({"retention_days": 6})",
          R"({"retention_days": 3651})",
          R"({"retention_days": -1})",
          R"({"retention_days": "30"})",
          R"({"retention_days": 30.5})",
          R"({"retention_days": null})",
          R"({"keep": 30})"}) {
        try {
            ApplyRecycleBinSettingsPatch(90, json::parse(bad).as_object());
            ADD_FAILURE() << bad;
        } catch (const Error& e) {
            EXPECT_EQ(e.code(), ErrorCode::kValidationFailed) << bad;
        }
    }
}

TEST(RecycleBinCutoff, NDaysBeforeNowOrNoneForZero) {
    EXPECT_EQ(RecycleBinCutoff(0, At("2026-05-01T00:00:00Z")), std::nullopt);
    EXPECT_EQ(RecycleBinCutoff(90, At("2026-05-01T00:00:00Z")), At("2026-01-31T00:00:00Z"));
    EXPECT_EQ(RecycleBinCutoff(7, At("2026-05-01T12:30:00Z")), At("2026-04-24T12:30:00Z"));
}

class RecycleBinRetentionDbTest : public ::testing::Test {
protected:
    void SetUp() override {
        db_ = store::OpenSqliteDatabase(dir_.path() / "t.db", 1, 2000);
        store::Transaction tx = db_->Write();
        tx->ExecuteScript(
            "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
            "CREATE TABLE obj_deal (id INTEGER PRIMARY KEY, owner_id INTEGER, department_id INTEGER, created_by "
            "INTEGER, created_at TEXT NOT NULL, updated_by INTEGER, updated_at TEXT NOT NULL, version INTEGER NOT NULL "
            "DEFAULT 1, deleted_at TEXT, name TEXT)"
        );
        SyncObjectIndexes(*tx, object_, {});
        // 1 live; 2 deleted 2026-01-01; 3 deleted 2026-03-01; 4 deleted just before 2026-04-01; 5 deleted at it.
        const char* deleted[] = {
            nullptr, "2026-01-01T08:00:00Z", "2026-03-01T08:00:00Z", "2026-03-31T23:59:59Z", "2026-04-01T00:00:00Z"};
        for (int i = 0; i < 5; ++i) {
            tx->Execute(
                "INSERT INTO obj_deal (id, created_at, updated_at, deleted_at, name) VALUES (?, ?, ?, ?, ?)",
                {i + 1,
                 "2025-12-01T00:00:00Z",
                 "2025-12-01T00:00:00Z",
                 deleted[i] ? store::Value(deleted[i]) : store::Value(),
                 fmt::format("deal {}", i + 1)}
            );
        }
        tx.Commit();
    }
    std::vector<int64_t> Expired(TimePoint cutoff, const BinCursor& from = {}, int limit = 500) {
        store::Reader r = db_->Read();
        std::vector<int64_t> ids;
        for (const BinCursor& c : ExpiredInBin(*r, object_, cutoff, from, limit)) ids.push_back(c.id);
        return ids;
    }

    test_support::TempDir dir_{"xieli-bin-retention"};
    std::unique_ptr<store::Database> db_;
    ObjectMeta object_ = test_support::TestObject("deal", "obj_deal", {{"name", FieldType::kText}});
};

TEST_F(RecycleBinRetentionDbTest, PicksOnlyRecordsDeletedBeforeTheCutoff) {
    EXPECT_EQ(Expired(At("2026-04-01T00:00:00Z")), (std::vector<int64_t>{2, 3, 4}));
    EXPECT_EQ(Expired(At("2026-03-01T08:00:00Z")), (std::vector<int64_t>{2})) << "deleted at the cut-off: not yet";
    EXPECT_EQ(Expired(At("2026-01-01T00:00:00Z")), (std::vector<int64_t>{}));
    EXPECT_EQ(Expired(At("2027-01-01T00:00:00Z")), (std::vector<int64_t>{2, 3, 4, 5})) << "never the live one";
    // In batches, oldest deletion first, walking on (deleted_at, id).
    EXPECT_EQ(Expired(At("2027-01-01T00:00:00Z"), {}, 2), (std::vector<int64_t>{2, 3}));
    EXPECT_EQ(Expired(At("2027-01-01T00:00:00Z"), {"2026-03-01T08:00:00Z", 3}, 2), (std::vector<int64_t>{4, 5}));
    EXPECT_EQ(Expired(At("2027-01-01T00:00:00Z"), {"2026-03-01T08:00:00Z", 2}, 1), (std::vector<int64_t>{3}));
}

TEST_F(RecycleBinRetentionDbTest, TheSettingDefaultsToNinetyDaysAndZeroKeepsEverything) {
    TimePoint now = At("2026-04-01T00:00:00Z");
    {
        store::Reader r = db_->Read();
        EXPECT_EQ(LoadRecycleBinDays(*r), kDefaultRecycleBinDays);
    }
    // 90 days before 2026-04-01 is 2026-01-01T00:00Z: record 2 (deleted 08:00 that day) is not due yet.
    EXPECT_EQ(Expired(*RecycleBinCutoff(90, now)), (std::vector<int64_t>{}));
    EXPECT_EQ(Expired(*RecycleBinCutoff(90, At("2026-04-01T08:00:01Z"))), (std::vector<int64_t>{2}));
    for (int days : {0, 30}) {
        store::Transaction tx = db_->Write();
        SaveRecycleBinDays(*tx, days);
        tx.Commit();
        store::Reader r = db_->Read();
        EXPECT_EQ(LoadRecycleBinDays(*r), days);
    }
    EXPECT_EQ(Expired(*RecycleBinCutoff(30, now)), (std::vector<int64_t>{2, 3}));
    {
        store::Transaction tx = db_->Write();
        tx->Execute("UPDATE settings SET value = '5' WHERE key = 'records.recycle_bin_days'");
        tx.Commit();
        store::Reader r = db_->Read();
        EXPECT_EQ(LoadRecycleBinDays(*r), kDefaultRecycleBinDays) << "a value out of range reads as the default";
    }
}

// Not a timing: the shape of the plan. The bin's count (RecycleBinSummary), its list and the
// purge's selection read the partial index on deleted_at, not the whole table.
TEST_F(RecycleBinRetentionDbTest, TheBinsQueriesReadItsPartialIndex) {
    auto plan = [&](const std::string& sql, const std::vector<store::Value>& params = {}) {
        store::Reader r = db_->Read();
        std::string out;
        for (const store::Row& row : r->Query("EXPLAIN QUERY PLAN " + sql, store::Params(params)))
            out += row.Text(3) + "\n";
        return out;
    };
    std::string count =
        plan("SELECT COUNT(*) FROM (SELECT 1 FROM obj_deal t WHERE t.deleted_at IS NOT NULL AND 1 = 1 LIMIT 10001)");
    EXPECT_NE(count.find("INDEX obj_deal_deleted"), std::string::npos) << count;
    QueryRequest req;
    req.recycle_bin = true;
    req.limit = 50;
    CompiledQuery q = CompileQuery(object_, test_support::AdminAccess(), req, TimePoint{});
    std::string list = plan(q.sql, q.params);
    EXPECT_NE(list.find("INDEX obj_deal_deleted"), std::string::npos) << list;
    EXPECT_EQ(list.find("TEMP B-TREE"), std::string::npos) << list;
    std::string expired = plan(
        "SELECT deleted_at, id FROM obj_deal WHERE deleted_at IS NOT NULL AND deleted_at < ? "
        "AND (deleted_at > ? OR (deleted_at = ? AND id > ?)) ORDER BY deleted_at, id LIMIT ?",
        {store::Value("2026-04-01T00:00:00Z"), store::Value(""), store::Value(""), store::Value(0), store::Value(500)}
    );
    EXPECT_NE(expired.find("INDEX obj_deal_deleted"), std::string::npos) << expired;
    EXPECT_EQ(expired.find("TEMP B-TREE"), std::string::npos) << expired;
}

}  // namespace
}  // namespace xieli::records
