// Files taken off a record (modules/files/file_removal.h), on a real enterprise database with the
// files module's hooks: a file no field of its record lists any more is unlinked in the write, one
// moved to another field of the record stays, and a record purged from the recycle bin takes its
// file rows with it.

#include "modules/files/file_removal.h"

#include <gtest/gtest.h>

#include <memory>

#include "modules/files/file_cleanup.h"
#include "modules/files/file_fields.h"
#include "modules/files/file_repository.h"
#include "records/records_module.h"
#include "records/recycle_bin.h"
#include "records/schema_writer.h"
#include "store/store.h"
#include "support/temp_dir.h"
#include "support/tenant_store.h"
#include "support/test_object.h"

namespace xieli::files {
namespace {

using std::chrono::hours;

class FileRemovalTest : public ::testing::Test {
protected:
    FileRemovalTest() : clock_(*ParseIsoTime("2026-11-25T02:00:00Z")) {
        store_ = test_support::StoreWithAdmins(dir_, clock_.Now(), {{1, "甲"}});
        db_ = &store_->Tenant(1);
        {
            // Two file fields on products, so a file can move from one to the other.
            std::shared_ptr<const records::Schema> standard = records_.SchemaOf(*db_);
            store::Transaction tx = db_->Write();
            for (const char* name : {"c_manual", "c_sheet"}) {
                records::FieldMeta f = test_support::CustomField(name, {name, name});
                f.type = records::FieldType::kFile;
                records::AddFieldColumn(*tx, standard->Get("product"), f, clock_.Now());
            }
            tx.Commit();
            records_.SchemaChanged(*db_);
        }
        records_.service().AddHooks(std::string(records::kEveryObject), FileFieldHooks());
        records_.service().AddHooks(std::string(records::kEveryObject), FileRemovalHooks());
        schema_ = records_.SchemaOf(*db_);
    }

    records::RecordScope Scope() {
        store::Reader r = db_->Read();
        return records::RecordScope{*db_, schema_, records::LoadAccessContext(*r, 1), Lang::kEn};
    }
    int64_t Upload(const char* name) {
        FileRow f{0, std::string(64, 'a'), name, 10, "application/pdf", 1, FormatUtc(clock_.Now())};
        store::Transaction tx = db_->Write();
        int64_t id = InsertFile(*tx, f);
        tx.Commit();
        return id;
    }
    std::optional<FileRow> Load(int64_t id) {
        store::Reader r = db_->Read();
        return LoadFile(*r, id);
    }
    std::string UnlinkedAt(int64_t id) {
        store::Reader r = db_->Read();
        std::optional<store::Value> v = r->QueryValue("SELECT unlinked_at FROM files WHERE id = ?", {id});
        return v && !v->IsNull() ? v->AsText() : "";
    }
    int64_t Product(const json::object& files) {
        records::RecordScope s = Scope();
        json::object body = files;
        body["name"] = "带附件的产品";
        return records_.service().Create(s, "product", body).at("id").as_int64();
    }
    void Update(int64_t id, const json::object& body) {
        records::RecordScope s = Scope();
        records_.service().Update(s, "product", id, body);
    }
    // Step 1 of the daily clean-up as of `now`: how many rows it takes.
    int64_t SweepAt(TimePoint now) {
        store::Transaction tx = db_->Write();
        int64_t n = DeleteUnattachedUploads(*tx, now - kUnattachedGrace);
        tx.Commit();
        return n;
    }

    test_support::TempDir dir_{"xieli-file-removal"};
    ManualClock clock_;
    records::RecordsModule records_{clock_};
    std::unique_ptr<store::Store> store_;
    store::Database* db_ = nullptr;
    std::shared_ptr<const records::Schema> schema_;
};

TEST_F(FileRemovalTest, AFileTakenOffItsRecordIsUnlinkedAndCollectedADayLater) {
    int64_t kept = Upload("保留.pdf");
    int64_t removed = Upload("删除.pdf");
    int64_t id = Product({{"c_manual", json::array{kept, removed}}});
    EXPECT_EQ(Load(removed)->record_id, id);

    // Two days after the upload, the file is taken off the record.
    clock_.Advance(hours(48));
    Update(id, {{"c_manual", json::array{kept}}});
    FileRow gone = *Load(removed);
    EXPECT_FALSE(gone.linked());
    EXPECT_EQ(gone.object, "");
    EXPECT_EQ(gone.field, "");
    EXPECT_EQ(UnlinkedAt(removed), "2026-11-27T02:00:00Z");
    FileRow stays = *Load(kept);
    EXPECT_EQ(stays.record_id, id);
    EXPECT_EQ(stays.field, "c_manual");
    EXPECT_EQ(UnlinkedAt(kept), "");

    // The grace window counts from the removal, not from the upload.
    EXPECT_EQ(SweepAt(clock_.Now() + hours(23)), 0);
    EXPECT_TRUE(Load(removed).has_value());
    EXPECT_EQ(SweepAt(clock_.Now() + hours(25)), 1);
    EXPECT_FALSE(Load(removed).has_value());
    EXPECT_TRUE(Load(kept).has_value());

    // Emptying the field takes the last one off too; a write without file fields touches nothing.
    int64_t other = Product({{"c_sheet", json::array{Upload("另一个.pdf")}}});
    Update(other, {{"name", "改名"}});
    EXPECT_EQ(Load(kept)->record_id, id);
    Update(id, {{"c_manual", nullptr}});
    EXPECT_FALSE(Load(kept)->linked());
    EXPECT_EQ(UnlinkedAt(kept), "2026-11-27T02:00:00Z");
}

TEST_F(FileRemovalTest, AFileStillListedByAnotherFieldOfTheRecordStaysLinked) {
    int64_t both = Upload("两处.pdf");
    int64_t moved = Upload("移动.pdf");
    int64_t id = Product({{"c_manual", json::array{both, moved}}});
    // The same file in both fields of the record; then taken out of the first only.
    Update(id, {{"c_sheet", json::array{both}}});
    Update(id, {{"c_manual", json::array{moved}}});
    FileRow f = *Load(both);
    EXPECT_EQ(f.record_id, id);
    EXPECT_EQ(f.field, "c_sheet");  // now under the field that lists it
    // Moved from one field to the other in one write.
    Update(id, {{"c_manual", nullptr}, {"c_sheet", json::array{both, moved}}});
    EXPECT_EQ(Load(moved)->record_id, id);
    EXPECT_EQ(Load(moved)->field, "c_sheet");
    EXPECT_EQ(UnlinkedAt(moved), "");
    // Off the record altogether.
    Update(id, {{"c_sheet", json::array{moved}}});
    EXPECT_FALSE(Load(both)->linked());
    EXPECT_EQ(Load(moved)->record_id, id);
}

TEST_F(FileRemovalTest, APurgedRecordTakesItsFileRowsWithIt) {
    int64_t file = Upload("随记录.pdf");
    int64_t keep = Upload("别的记录.pdf");
    int64_t id = Product({{"c_manual", json::array{file}}});
    int64_t other = Product({{"c_manual", json::array{keep}}});
    records::RecordScope s = Scope();
    records_.service().Delete(s, "product", id);
    EXPECT_EQ(Load(file)->record_id, id);  // in the recycle bin it may come back
    {
        store::Transaction tx = db_->Write();
        EXPECT_EQ(records::PurgeIn(*tx, records_.service(), s, schema_->Get("product"), id, clock_.Now()), 1);
        tx.Commit();
    }
    EXPECT_FALSE(Load(file).has_value());
    EXPECT_EQ(Load(keep)->record_id, other);
}

}  // namespace
}  // namespace xieli::files
