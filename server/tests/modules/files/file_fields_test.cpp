// The file-field hooks on the records engine (modules/files/file_fields.h), registered for every
// object (records::kEveryObject), on a real enterprise database: which ids a file or image field
// takes, linking after the write, and the names in _display.

#include "modules/files/file_fields.h"

#include <gtest/gtest.h>

#include <memory>

#include "common/error.h"
#include "modules/files/file_repository.h"
#include "records/records_module.h"
#include "store/store.h"
#include "support/temp_dir.h"
#include "support/tenant_store.h"

namespace xieli::files {
namespace {

class FileFieldsTest : public ::testing::Test {
protected:
    FileFieldsTest() : clock_(*ParseIsoTime("2026-11-25T02:00:00Z")) {
        store_ = test_support::StoreWithAdmins(dir_, clock_.Now(), {{1, "甲"}, {2, "乙"}});
        db_ = &store_->Tenant(1);
        records_.service().AddHooks(std::string(records::kEveryObject), FileFieldHooks());
        schema_ = records_.SchemaOf(*db_);
    }

    records::RecordScope ScopeOf(int64_t user) {
        store::Reader r = db_->Read();
        return records::RecordScope{*db_, schema_, records::LoadAccessContext(*r, user), Lang::kEn};
    }
    int64_t Upload(int64_t user, const char* name, const char* type) {
        FileRow f{0, std::string(64, 'a'), name, 10, type, user, FormatUtc(clock_.Now())};
        store::Transaction tx = db_->Write();
        int64_t id = InsertFile(*tx, f);
        tx.Commit();
        return id;
    }
    FileRow Load(int64_t id) {
        store::Reader r = db_->Read();
        return *LoadFile(*r, id);
    }
    // The details of the 422 a write ends with ("field:code" each).
    template <typename Write>
    std::vector<std::string> Refusal(Write write) {
        try {
            write();
        } catch (const Error& e) {
            EXPECT_EQ(e.code(), ErrorCode::kValidationFailed);
            std::vector<std::string> out;
            for (const FieldError& d : e.details()) out.push_back(d.field + ":" + d.code);
            return out;
        }
        ADD_FAILURE() << "the write was accepted";
        return {};
    }

    test_support::TempDir dir_{"xieli-files"};
    ManualClock clock_;
    records::RecordsModule records_{clock_};
    std::unique_ptr<store::Store> store_;
    store::Database* db_ = nullptr;
    std::shared_ptr<const records::Schema> schema_;
};

TEST_F(FileFieldsTest, ImageFieldTakesTheWritersOwnImagesAndLinksThem) {
    int64_t mine = Upload(1, "cover.png", "image/png");
    records::RecordScope s = ScopeOf(1);
    json::object product =
        records_.service().Create(s, "product", {{"name", "带图产品"}, {"images", json::array{mine}}});
    int64_t id = product.at("id").as_int64();
    EXPECT_EQ(
        json::serialize(product.at("_display").at("images")), json::serialize(json::array{FileToJson(Load(mine))})
    );
    FileRow linked = Load(mine);
    EXPECT_EQ(linked.object, "product");
    EXPECT_EQ(linked.record_id, id);
    EXPECT_EQ(linked.field, "images");

    // Kept when editing, joined by a new one.
    int64_t second = Upload(1, "side.webp", "image/webp");
    json::object updated = records_.service().Update(s, "product", id, {{"images", json::array{second, mine}}});
    EXPECT_EQ(json::serialize(updated.at("images")), json::serialize(json::array{second, mine}));
    EXPECT_EQ(Load(second).record_id, id);
}

TEST_F(FileFieldsTest, RefusesFilesTheWriterMayNotUse) {
    int64_t theirs = Upload(2, "theirs.png", "image/png");
    int64_t pdf = Upload(1, "spec.pdf", "application/pdf");
    int64_t mine = Upload(1, "mine.png", "image/png");
    records::RecordScope s = ScopeOf(1);
    using V = std::vector<std::string>;
    EXPECT_EQ(
        Refusal([&] {
            records_.service().Create(s, "product", {{"name", "a"}, {"images", json::array{99}}});
        }),
        V{"images:file_not_found"}
    );
    EXPECT_EQ(
        Refusal([&] {
            records_.service().Create(s, "product", {{"name", "b"}, {"images", json::array{theirs}}});
        }),
        V{"images:file_not_found"}
    );
    EXPECT_EQ(
        Refusal([&] {
            records_.service().Create(s, "product", {{"name", "c"}, {"images", json::array{pdf}}});
        }),
        V{"images:not_image"}
    );
    // Nothing was linked by the refused writes.
    EXPECT_FALSE(Load(theirs).linked());
    EXPECT_FALSE(Load(pdf).linked());

    json::object first = records_.service().Create(s, "product", {{"name", "d"}, {"images", json::array{mine}}});
    // A file on one record cannot go onto another, not even by its uploader.
    EXPECT_EQ(
        Refusal([&] {
            records_.service().Create(s, "product", {{"name", "e"}, {"images", json::array{mine}}});
        }),
        V{"images:file_not_found"}
    );
    // Its uploader (user 2) may use their file; it is then on their product.
    records::RecordScope other = ScopeOf(2);
    json::object p2 = records_.service().Create(other, "product", {{"name", "f"}, {"images", json::array{theirs}}});
    EXPECT_EQ(Load(theirs).record_id, p2.at("id").as_int64());
    EXPECT_NE(first.at("id").as_int64(), p2.at("id").as_int64());
}

}  // namespace
}  // namespace xieli::files
