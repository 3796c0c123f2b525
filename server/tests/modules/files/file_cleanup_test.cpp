// The daily sweep of the file store (modules/files/file_cleanup.h): which upload rows and which blobs
// it takes, and what it leaves — rows of records, fresh uploads, blobs another row still shares.

#include "modules/files/file_cleanup.h"

#include <gtest/gtest.h>

#include <fstream>
#include <memory>

#include "modules/files/file_repository.h"
#include "store/store.h"
#include "support/temp_dir.h"

namespace xieli::files {
namespace {

std::string Hash(char c) {
    return std::string(64, c);
}

class FileCleanupTest : public ::testing::Test {
protected:
    FileCleanupTest() {
        store::StoreOptions options;
        options.data_dir = dir_.path() / "data";
        options.readers_per_database = 2;
        store_ = std::make_unique<store::Store>(options);
        store_->Open();
        db_ = &store_->CreateTenant(5);
        std::filesystem::create_directories(blobs_);
    }

    // A row uploaded `age` ago; linked to customer 9 when `linked`.
    int64_t Row(const std::string& sha, std::chrono::hours age, bool linked) {
        FileRow f{0, sha, "f.pdf", 10, "application/pdf", 1, FormatUtc(now_ - age)};
        store::Transaction tx = db_->Write();
        int64_t id = InsertFile(*tx, f);
        if (linked) LinkFiles(*tx, {id}, "customer", 9, "c_files", FormatUtc(now_));
        tx.Commit();
        return id;
    }
    // A file in the enterprise's blob folder last written `age` ago.
    void Blob(const std::string& name, std::chrono::hours age) {
        std::ofstream(blobs_ / name) << "bytes";
        std::filesystem::last_write_time(
            blobs_ / name,
            std::filesystem::file_time_type::clock::now() -
                std::chrono::duration_cast<std::filesystem::file_time_type::duration>(age)
        );
    }
    bool Exists(const std::string& name) { return std::filesystem::exists(blobs_ / name); }
    bool RowExists(int64_t id) {
        store::Reader r = db_->Read();
        return LoadFile(*r, id).has_value();
    }

    test_support::TempDir dir_{"xieli-file-cleanup"};
    std::filesystem::path data_ = dir_.path() / "data";
    std::filesystem::path blobs_ = data_ / "files" / "5";
    TimePoint now_ = std::chrono::time_point_cast<TimePoint::duration>(std::chrono::system_clock::now());
    std::unique_ptr<store::Store> store_;
    store::Database* db_ = nullptr;
};

TEST_F(FileCleanupTest, TakesOldUnattachedUploadsAndBlobsNoRowUses) {
    using std::chrono::hours;
    int64_t old_unattached = Row(Hash('a'), hours(30), false);
    int64_t fresh_unattached = Row(Hash('b'), hours(2), false);
    int64_t old_attached = Row(Hash('c'), hours(30), true);
    // The same bytes uploaded twice: one upload was never used, the other is on a record.
    int64_t shared_unused = Row(Hash('d'), hours(30), false);
    int64_t shared_used = Row(Hash('d'), hours(30), true);
    for (char c : {'a', 'b', 'c', 'd'}) Blob(Hash(c), hours(30));
    Blob(Hash('e'), hours(30));                          // a purged record's bytes: no row left
    Blob(Hash('f'), hours(1));                           // an upload in flight: no row yet, fresh
    Blob("." + Hash('a') + ".0123abcd.tmp", hours(30));  // a crashed upload's temporary file
    Blob("." + Hash('b') + ".0123abcd.tmp", hours(1));   // an upload being written
    Blob("README", hours(30));                           // not the store's: left alone

    CleanupReport report = CleanUpFiles(*db_, data_, 5, now_);
    EXPECT_EQ(report.uploads, 2);  // old_unattached, shared_unused
    EXPECT_EQ(report.blobs, 3);    // a (its only row went), e, the old temporary file

    EXPECT_FALSE(RowExists(old_unattached));
    EXPECT_FALSE(RowExists(shared_unused));
    EXPECT_TRUE(RowExists(fresh_unattached));
    EXPECT_TRUE(RowExists(old_attached));
    EXPECT_TRUE(RowExists(shared_used));
    EXPECT_FALSE(Exists(Hash('a')));
    EXPECT_TRUE(Exists(Hash('b')));
    EXPECT_TRUE(Exists(Hash('c')));
    EXPECT_TRUE(Exists(Hash('d')));  // shared: the attached row still points at it
    EXPECT_FALSE(Exists(Hash('e')));
    EXPECT_TRUE(Exists(Hash('f')));
    EXPECT_FALSE(Exists("." + Hash('a') + ".0123abcd.tmp"));
    EXPECT_TRUE(Exists("." + Hash('b') + ".0123abcd.tmp"));
    EXPECT_TRUE(Exists("README"));

    // Again (a repeat after a crash, the next day): nothing more to take.
    CleanupReport again = CleanUpFiles(*db_, data_, 5, now_);
    EXPECT_EQ(again.uploads, 0);
    EXPECT_EQ(again.blobs, 0);
}

TEST_F(FileCleanupTest, ResumesAfterACrashBetweenTheSteps) {
    using std::chrono::hours;
    int64_t id = Row(Hash('a'), hours(30), false);
    Blob(Hash('a'), hours(30));
    {
        // Step 1 committed, then the process died before step 2.
        store::Transaction tx = db_->Write();
        EXPECT_EQ(DeleteUnattachedUploads(*tx, now_ - kUnattachedGrace), 1);
        tx.Commit();
    }
    EXPECT_FALSE(RowExists(id));
    EXPECT_TRUE(Exists(Hash('a')));
    CleanupReport report = CleanUpFiles(*db_, data_, 5, now_);
    EXPECT_EQ(report.uploads, 0);
    EXPECT_EQ(report.blobs, 1);
    EXPECT_FALSE(Exists(Hash('a')));
}

TEST_F(FileCleanupTest, CountsTheWindowOfAFileTakenOffItsRecordFromItsRemoval) {
    using std::chrono::hours;
    int64_t lately = Row(Hash('a'), hours(30), true);
    int64_t long_ago = Row(Hash('b'), hours(30), true);
    for (char c : {'a', 'b'}) Blob(Hash(c), hours(30));
    {
        // Both uploaded 30 hours ago; one taken off its record 2 hours ago, the other 25.
        store::Transaction tx = db_->Write();
        UnlinkFiles(*tx, {lately}, FormatUtc(now_ - hours(2)));
        UnlinkFiles(*tx, {long_ago}, FormatUtc(now_ - hours(25)));
        tx.Commit();
    }
    CleanupReport report = CleanUpFiles(*db_, data_, 5, now_);
    EXPECT_EQ(report.uploads, 1);
    EXPECT_EQ(report.blobs, 1);
    EXPECT_TRUE(RowExists(lately));
    EXPECT_FALSE(RowExists(long_ago));
    EXPECT_TRUE(Exists(Hash('a')));
    EXPECT_FALSE(Exists(Hash('b')));
}

TEST_F(FileCleanupTest, AnEnterpriseWithoutUploadsHasNothingToDo) {
    std::filesystem::remove_all(blobs_);
    CleanupReport report = CleanUpFiles(*db_, data_, 5, now_);
    EXPECT_EQ(report.uploads, 0);
    EXPECT_EQ(report.blobs, 0);
}

}  // namespace
}  // namespace xieli::files
