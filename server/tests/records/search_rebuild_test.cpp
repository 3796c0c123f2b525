// Keyword search after a searchable field is deleted or restored (records/search_rebuild.h) on a
// real enterprise database: a small object is rewritten inside the caller's transaction; one of
// more than kInlineSearchRebuildLimit records gets a queued job instead, and only when the job has
// run does search stop (or start again) finding the field's text.

#include "records/search_rebuild.h"

#include <gtest/gtest.h>

#include "common/crypto.h"
#include "jobs/scheduler.h"
#include "records/meta_deletion.h"
#include "records/records_jobs.h"
#include "records/records_module.h"
#include "records/schema_writer.h"
#include "records/search_index.h"
#include "support/enterprise_store.h"
#include "support/test_object.h"

namespace xieli::records {
namespace {

class SearchRebuildTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() { crypto::Init(); }
    void SetUp() override {
        env_.emplace(clock_, auth::EnterpriseOwner{"重建检索公司", "王五", "13900000001", "", "Passw0rd2026"});
        records_.emplace(clock_);
        ObjectMeta o = test_support::NamedCustomObject("c_memo", "obj_c_memo", {"备忘", "Memo"});
        store::Transaction tx = db().Write();
        CreateObjectTable(*tx, o, 1000, clock_.Now());
        FieldMeta note = test_support::CustomField("c_note", {"备注", "Note"});
        note.searchable = true;
        AddFieldColumn(*tx, o, note, clock_.Now());
        tx.Commit();
    }
    void TearDown() override {
        records_.reset();
        env_.reset();
    }
    store::Database& db() { return env_->db(); }
    const ObjectMeta& Memo() { return records_->SchemaOf(db())->Get("c_memo"); }

    // `n` records straight into the table (no history, no outbox), then their search text as the
    // engine writes it.
    void Fill(int64_t n) {
        std::shared_ptr<const Schema> schema = records_->SchemaOf(db());  // before the writer: it may write
        store::Transaction tx = db().Write();
        tx->Execute(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) "
            "INSERT INTO obj_c_memo (name, c_note, created_at, updated_at) "
            "SELECT 'memo' || i, 'zebranote' || i, '2026-11-23T00:00:00Z', '2026-11-23T00:00:00Z' FROM n",
            {n}
        );
        for (int64_t after = 0;
             (after = RebuildSearchText(*tx, schema->Get("c_memo"), after, kSearchRebuildBatch)) != 0;) {
        }
        tx.Commit();
    }
    // How many live records keyword search finds for `keyword`.
    int64_t Found(const std::string& keyword) {
        SqlFragment condition = KeywordCondition(Memo(), keyword);
        store::Reader r = db().Read();
        return r
            ->Query(
                "SELECT COUNT(*) FROM obj_c_memo t WHERE t.deleted_at IS NULL AND " + condition.sql,
                store::Params(condition.params)
            )
            .front()
            .Int(0);
    }
    int64_t PendingRebuilds() {
        store::Reader r = db().Read();
        return r
            ->QueryValue(
                "SELECT COUNT(*) FROM scheduled_jobs WHERE name = ? AND status = 'scheduled' AND dedupe_key = "
                "'c_memo' AND json_extract(params, '$.object') = 'c_memo'",
                {std::string(kSearchRebuildJob)}
            )
            ->AsInt();
    }
    // What the metadata admin does on DELETE …/fields/c_note (meta_routes.cpp).
    void DeleteNote() {
        store::Transaction tx = db().Write();
        tx->Execute(
            "UPDATE meta_fields SET deleted_at = ? WHERE object = 'c_memo' AND name = 'c_note'",
            {FormatUtc(clock_.Now())}
        );
        RebuildSearchAfterFieldDelete(*tx, LoadSchema(*tx)->Get("c_memo"), clock_.Now());
        tx.Commit();
        records_->SchemaChanged(db());
    }
    void RestoreNote() {
        store::Transaction tx = db().Write();
        RestoreField(*tx, "c_memo", "c_note", clock_.Now());
        tx.Commit();
        records_->SchemaChanged(db());
    }
    // The scheduler as the server runs it, for this enterprise only.
    int RunJobs() {
        jobs::Scheduler scheduler(env_->store(), clock_);
        RegisterRecordsJobs(scheduler, *records_);
        return scheduler.RunDueFor(env_->created().tenant_id, db());
    }

    ManualClock clock_{*ParseIsoTime("2026-11-23T00:00:00Z")};
    std::optional<test_support::EnterpriseStore> env_;
    std::optional<RecordsModule> records_;
};

TEST_F(SearchRebuildTest, ASmallObjectIsRewrittenInTheDeletingTransaction) {
    Fill(3);
    ASSERT_EQ(Found("zebranote"), 3);
    DeleteNote();
    EXPECT_EQ(PendingRebuilds(), 0);
    EXPECT_EQ(Found("zebranote"), 0);
    EXPECT_EQ(Found("memo2"), 1);
    RestoreNote();
    EXPECT_EQ(PendingRebuilds(), 0);
    EXPECT_EQ(Found("zebranote"), 3);
    EXPECT_EQ(Found("zebranote2"), 1);
}

TEST_F(SearchRebuildTest, ALargeObjectIsRewrittenByTheJob) {
    const int64_t n = kInlineSearchRebuildLimit + 1;
    Fill(n);
    ASSERT_EQ(Found("zebranote"), n);

    DeleteNote();
    EXPECT_EQ(PendingRebuilds(), 1);
    EXPECT_EQ(Found("zebranote"), n) << "not rewritten inside the DELETE";
    // Due at once; it reads the schema when it runs, so it leaves the deleted field out.
    EXPECT_GE(RunJobs(), 1);
    EXPECT_EQ(PendingRebuilds(), 0);
    EXPECT_EQ(Found("zebranote"), 0);
    EXPECT_EQ(Found("zebranote20001"), 0);
    EXPECT_EQ(Found("memo20001"), 1) << "the other fields are still found";

    RestoreNote();
    EXPECT_EQ(PendingRebuilds(), 1);
    EXPECT_EQ(Found("zebranote"), 0);
    EXPECT_GE(RunJobs(), 1);
    EXPECT_EQ(PendingRebuilds(), 0);
    EXPECT_EQ(Found("zebranote"), n);
    EXPECT_EQ(Found("zebranote20001"), 1);
}

}  // namespace
}  // namespace xieli::records
