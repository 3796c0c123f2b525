#include "http/static_files.h"

#include <gtest/gtest.h>
#include <unistd.h>
#include <zlib.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include "support/gunzip.h"

namespace xieli::http {
namespace {

namespace fs = std::filesystem;

using xieli::test_support::Gunzip;

void WriteFile(const fs::path& path, const std::string& content) {
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << content;
}

Request Get(std::string path, std::vector<std::pair<std::string, std::string>> headers = {}) {
    Request r;
    r.method = "GET";
    r.target = path;
    r.path = std::move(path);
    r.headers = std::move(headers);
    return r;
}

class StaticFilesTest : public ::testing::Test {
protected:
    void SetUp() override {
        base_ = fs::temp_directory_path() / ("xieli-static-" + std::to_string(::getpid()) + "-" +
                                             ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(base_);
        root_ = base_ / "dist";
        index_ = "<!doctype html><html><body><div id=app></div></body></html>";
        WriteFile(root_ / "index.html", index_);
        for (int i = 0; i < 300; ++i)
            big_js_ += "export const value" + std::to_string(i) + " = " + std::to_string(i) + ";\n";
        WriteFile(root_ / "assets/index-3f2a9c.js", big_js_);
        WriteFile(root_ / "assets/index-77aa.css", "body{margin:0}");
        WriteFile(root_ / "logo.png", std::string("\x89PNG\r\n\x1a\n", 8) + std::string(2000, 'x'));
        WriteFile(root_ / "robots.txt", "User-agent: *\n");
        WriteFile(base_ / "secret.txt", "TOP-SECRET");
        fs::create_symlink(base_ / "secret.txt", root_ / "leak.txt");
        fs::create_symlink(base_, root_ / "outside");
    }
    void TearDown() override { fs::remove_all(base_); }

    fs::path base_;
    fs::path root_;
    std::string index_;
    std::string big_js_;
};

TEST(ContentTypeTest, KnowsTheBuildsExtensions) {
    EXPECT_EQ(ContentTypeFor("index.html"), "text/html; charset=utf-8");
    EXPECT_EQ(ContentTypeFor("a.js"), "text/javascript; charset=utf-8");
    EXPECT_EQ(ContentTypeFor("a.mjs"), "text/javascript; charset=utf-8");
    EXPECT_EQ(ContentTypeFor("a.css"), "text/css; charset=utf-8");
    EXPECT_EQ(ContentTypeFor("a.json"), "application/json; charset=utf-8");
    EXPECT_EQ(ContentTypeFor("a.svg"), "image/svg+xml");
    EXPECT_EQ(ContentTypeFor("a.png"), "image/png");
    EXPECT_EQ(ContentTypeFor("a.JPG"), "image/jpeg");
    EXPECT_EQ(ContentTypeFor("a.jpeg"), "image/jpeg");
    EXPECT_EQ(ContentTypeFor("a.gif"), "image/gif");
    EXPECT_EQ(ContentTypeFor("a.webp"), "image/webp");
    EXPECT_EQ(ContentTypeFor("favicon.ico"), "image/x-icon");
    EXPECT_EQ(ContentTypeFor("f.woff"), "font/woff");
    EXPECT_EQ(ContentTypeFor("f.woff2"), "font/woff2");
    EXPECT_EQ(ContentTypeFor("f.ttf"), "font/ttf");
    EXPECT_EQ(ContentTypeFor("notes.txt"), "text/plain; charset=utf-8");
    EXPECT_EQ(ContentTypeFor("a.js.map"), "application/json; charset=utf-8");
    EXPECT_EQ(ContentTypeFor("m.wasm"), "application/wasm");
    EXPECT_EQ(ContentTypeFor("archive.xyz"), "application/octet-stream");
    EXPECT_EQ(ContentTypeFor("/dir.v2/README"), "application/octet-stream");
}

TEST_F(StaticFilesTest, ServesIndexAndFilesWithTheirTypes) {
    StaticFiles files(root_);
    Response root = files.Serve(Get("/"));
    EXPECT_EQ(root.status, 200);
    EXPECT_EQ(root.body, index_);
    EXPECT_EQ(root.Header("Content-Type"), "text/html; charset=utf-8");
    EXPECT_EQ(root.Header("Cache-Control"), "no-cache");

    Response png = files.Serve(Get("/logo.png"));
    EXPECT_EQ(png.status, 200);
    EXPECT_EQ(png.Header("Content-Type"), "image/png");
    EXPECT_EQ(png.body.size(), 2008u);
    EXPECT_EQ(png.Header("Content-Encoding"), "");

    Response css = files.Serve(Get("/assets/index-77aa.css"));
    EXPECT_EQ(css.status, 200);
    EXPECT_EQ(css.Header("Content-Type"), "text/css; charset=utf-8");
    EXPECT_EQ(css.Header("Cache-Control"), "public, max-age=31536000, immutable");
    EXPECT_EQ(files.Serve(Get("/robots.txt")).Header("Cache-Control"), "no-cache");
}

TEST_F(StaticFilesTest, FallsBackToIndexForAppRoutesOnly) {
    StaticFiles files(root_);
    for (const char* path :
         {"/customers",
          "/customers/42",
          "/objects/lead/records/7/edit",
          "/assets",
          "/join/uy68q8.97Yh-x_Q",
          "/users/john.doe"}) {
        Response r = files.Serve(Get(path));
        EXPECT_EQ(r.status, 200) << path;
        EXPECT_EQ(r.body, index_) << path;
        EXPECT_EQ(r.Header("Cache-Control"), "no-cache") << path;
    }
    for (const char* path : {"/missing.js", "/assets/index-000000.js", "/favicon.ico"}) {
        Response r = files.Serve(Get(path));
        EXPECT_EQ(r.status, 404) << path;
        EXPECT_NE(r.body.find("\"not_found\""), std::string::npos) << path << ": " << r.body;
        EXPECT_EQ(r.Header("Content-Type"), "application/json; charset=utf-8");
    }
}

TEST_F(StaticFilesTest, RefusesPathTraversal) {
    StaticFiles files(root_);
    for (std::string path :
         {std::string("/../secret.txt"),
          std::string("/assets/../../secret.txt"),
          std::string("/..\\secret.txt"),
          std::string("/assets\\..\\..\\secret.txt"),
          std::string("/index.html\0.png", 16),
          std::string("/leak.txt"),
          std::string("/outside/secret.txt")}) {
        Response r = files.Serve(Get(path));
        EXPECT_TRUE(r.status == 400 || r.status == 404) << path << " → " << r.status;
        EXPECT_EQ(r.body.find("TOP-SECRET"), std::string::npos) << path;
    }
    // Harmless dot segments are normalised, not refused.
    EXPECT_EQ(files.Serve(Get("/./assets//index-77aa.css")).status, 200);
}

TEST_F(StaticFilesTest, AnswersNotModifiedForAMatchingETag) {
    StaticFiles files(root_);
    Response first = files.Serve(Get("/assets/index-77aa.css"));
    std::string etag(first.Header("ETag"));
    ASSERT_GE(etag.size(), 3u);
    EXPECT_EQ(etag.front(), '"');
    EXPECT_EQ(etag.back(), '"');
    EXPECT_EQ(files.Serve(Get("/assets/index-77aa.css")).Header("ETag"), etag);  // stable

    Response again = files.Serve(Get("/assets/index-77aa.css", {{"if-none-match", etag}}));
    EXPECT_EQ(again.status, 304);
    EXPECT_TRUE(again.body.empty());
    EXPECT_EQ(again.Header("ETag"), etag);
    EXPECT_EQ(files.Serve(Get("/assets/index-77aa.css", {{"if-none-match", "\"other\", W/" + etag}})).status, 304);
    EXPECT_EQ(files.Serve(Get("/assets/index-77aa.css", {{"if-none-match", "\"other\""}})).status, 200);
    // Another file has another tag.
    EXPECT_NE(files.Serve(Get("/robots.txt")).Header("ETag"), etag);
}

TEST_F(StaticFilesTest, GzipsLargeTextWhenTheClientAllowsIt) {
    StaticFiles files(root_);
    Response gz = files.Serve(Get("/assets/index-3f2a9c.js", {{"accept-encoding", "gzip, deflate, br"}}));
    EXPECT_EQ(gz.status, 200);
    EXPECT_EQ(gz.Header("Content-Encoding"), "gzip");
    EXPECT_EQ(gz.Header("Vary"), "Accept-Encoding");
    EXPECT_EQ(gz.Header("Content-Type"), "text/javascript; charset=utf-8");
    EXPECT_LT(gz.body.size(), big_js_.size());
    EXPECT_EQ(Gunzip(gz.body), big_js_);

    Response plain = files.Serve(Get("/assets/index-3f2a9c.js", {{"accept-encoding", "gzip;q=0"}}));
    EXPECT_EQ(plain.Header("Content-Encoding"), "");
    EXPECT_EQ(plain.Header("Vary"), "Accept-Encoding");
    EXPECT_EQ(plain.body, big_js_);
    EXPECT_NE(plain.Header("ETag"), gz.Header("ETag"));  // two representations, two tags

    // The client's cached gzip copy still validates.
    std::string gz_tag(gz.Header("ETag"));
    EXPECT_EQ(files.Serve(Get("/assets/index-3f2a9c.js", {{"if-none-match", gz_tag}})).status, 304);

    // Small text and images are sent as they are.
    EXPECT_EQ(files.Serve(Get("/robots.txt", {{"accept-encoding", "gzip"}})).Header("Content-Encoding"), "");
    EXPECT_EQ(files.Serve(Get("/logo.png", {{"accept-encoding", "gzip"}})).Header("Content-Encoding"), "");
}

TEST_F(StaticFilesTest, ReReadsAFileThatChanged) {
    StaticFiles files(root_);
    Response before = files.Serve(Get("/robots.txt"));
    EXPECT_EQ(before.body, "User-agent: *\n");
    WriteFile(root_ / "robots.txt", "User-agent: *\nDisallow: /api/\n");
    Response after = files.Serve(Get("/robots.txt"));
    EXPECT_EQ(after.body, "User-agent: *\nDisallow: /api/\n");
    EXPECT_NE(after.Header("ETag"), before.Header("ETag"));
}

TEST_F(StaticFilesTest, ExplainsAMissingBuild) {
    for (const fs::path& root : {base_ / "nowhere", base_ / "empty"}) {
        fs::create_directories(base_ / "empty");
        StaticFiles files(root);
        Response r = files.Serve(Get("/"));
        EXPECT_EQ(r.status, 503);
        EXPECT_EQ(r.Header("Content-Type"), "text/html; charset=utf-8");
        EXPECT_NE(r.body.find("./xieli build"), std::string::npos);
        EXPECT_NE(r.body.find("网页端"), std::string::npos);
        EXPECT_NE(r.body.find("not built"), std::string::npos);
    }
}

}  // namespace
}  // namespace xieli::http
