#include "modules/files/blob_store.h"

#include <gtest/gtest.h>

#include "common/crypto.h"
#include "support/temp_dir.h"

namespace xieli::files {
namespace {

size_t EntriesIn(const std::filesystem::path& dir) {
    size_t n = 0;
    std::error_code ec;
    for (auto it = std::filesystem::directory_iterator(dir, ec); !ec && it != std::filesystem::directory_iterator();
         it.increment(ec))
        ++n;
    return n;
}

TEST(BlobStore, Sha256OfKnownInputs) {
    EXPECT_EQ(crypto::Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(crypto::Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(BlobStore, KeepsEachContentOnceAndReadsItBack) {
    crypto::Init();
    test_support::TempDir dir("xieli-blobs");
    BlobStore blobs(dir.path());
    std::string bytes("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16);
    std::string sha = blobs.Put(7, bytes);
    EXPECT_EQ(sha, crypto::Sha256Hex(bytes));
    EXPECT_EQ(blobs.PathOf(7, sha), dir.path() / "files" / "7" / sha);
    EXPECT_EQ(blobs.Put(7, bytes), sha);  // the same bytes again: nothing new on disk
    EXPECT_EQ(EntriesIn(dir.path() / "files" / "7"), 1u);
    EXPECT_EQ(blobs.Put(7, "other"), crypto::Sha256Hex("other"));
    EXPECT_EQ(EntriesIn(dir.path() / "files" / "7"), 2u);  // no temporary file left behind
    ASSERT_TRUE(blobs.Read(7, sha).has_value());
    EXPECT_EQ(*blobs.Read(7, sha), bytes);
    // Each enterprise has its own folder.
    EXPECT_FALSE(blobs.Read(8, sha).has_value());
    EXPECT_EQ(blobs.Put(8, bytes), sha);
    EXPECT_EQ(*blobs.Read(8, sha), bytes);
}

TEST(BlobStore, RewritesATruncatedBlob) {
    crypto::Init();
    test_support::TempDir dir("xieli-blobs");
    BlobStore blobs(dir.path());
    std::string sha = blobs.Put(1, "complete content");
    std::filesystem::resize_file(blobs.PathOf(1, sha), 3);
    EXPECT_EQ(blobs.Put(1, "complete content"), sha);
    EXPECT_EQ(*blobs.Read(1, sha), "complete content");
}

TEST(BlobStore, ReadsOnlyHashNames) {
    test_support::TempDir dir("xieli-blobs");
    BlobStore blobs(dir.path());
    EXPECT_FALSE(blobs.Read(1, "../../system.db").has_value());
    EXPECT_FALSE(blobs.Read(1, std::string(64, 'g')).has_value());
    EXPECT_FALSE(blobs.Read(1, std::string(64, 'a')).has_value());  // a hash that is not there
}

}  // namespace
}  // namespace xieli::files
