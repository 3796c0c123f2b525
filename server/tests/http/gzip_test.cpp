#include "http/gzip.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <random>
#include <string>

namespace xieli::http {
namespace {

std::string Gunzip(const std::string& data) {
    z_stream zs{};
    EXPECT_EQ(inflateInit2(&zs, 15 + 16), Z_OK);
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    zs.avail_in = static_cast<uInt>(data.size());
    std::string out;
    char chunk[16384];
    int rc = Z_OK;
    while (rc != Z_STREAM_END) {
        zs.next_out = reinterpret_cast<Bytef*>(chunk);
        zs.avail_out = sizeof(chunk);
        rc = inflate(&zs, Z_NO_FLUSH);
        if (rc != Z_OK && rc != Z_STREAM_END) break;
        out.append(chunk, sizeof(chunk) - zs.avail_out);
    }
    inflateEnd(&zs);
    EXPECT_EQ(rc, Z_STREAM_END);
    return out;
}

TEST(GzipTest, RoundTripsThroughZlib) {
    std::string text;
    for (int i = 0; i < 2000; ++i) text += "客户 customer " + std::to_string(i) + "\n";
    std::string gz = GzipCompress(text);
    EXPECT_LT(gz.size(), text.size() / 3);
    // The gzip magic number, not a raw zlib header.
    ASSERT_GE(gz.size(), 2u);
    EXPECT_EQ(static_cast<unsigned char>(gz[0]), 0x1f);
    EXPECT_EQ(static_cast<unsigned char>(gz[1]), 0x8b);
    EXPECT_EQ(Gunzip(gz), text);
}

TEST(GzipTest, HandlesEmptyAndIncompressibleInput) {
    EXPECT_EQ(Gunzip(GzipCompress("")), "");
    std::mt19937 rng(42);
    std::string noise(200000, '\0');
    for (char& c : noise) c = static_cast<char>(rng());
    for (int level : {1, 6, 9}) EXPECT_EQ(Gunzip(GzipCompress(noise, level)), noise) << "level " << level;
}

TEST(GzipTest, AcceptsGzipHonoursQValues) {
    EXPECT_TRUE(AcceptsGzip("gzip"));
    EXPECT_TRUE(AcceptsGzip("gzip, deflate, br"));
    EXPECT_TRUE(AcceptsGzip("br;q=1.0, GZIP;q=0.5"));
    EXPECT_TRUE(AcceptsGzip("x-gzip"));
    EXPECT_TRUE(AcceptsGzip("*"));
    EXPECT_TRUE(AcceptsGzip("deflate, gzip ; q=0.001"));
    EXPECT_FALSE(AcceptsGzip(""));
    EXPECT_FALSE(AcceptsGzip("identity"));
    EXPECT_FALSE(AcceptsGzip("br, deflate"));
    EXPECT_FALSE(AcceptsGzip("gzip;q=0"));
    EXPECT_FALSE(AcceptsGzip("gzip;q=0.000"));
    EXPECT_FALSE(AcceptsGzip("*, gzip;q=0"));
    EXPECT_FALSE(AcceptsGzip("*;q=0"));
    EXPECT_FALSE(AcceptsGzip("gzip;q=abc"));
    EXPECT_FALSE(AcceptsGzip("gzipped"));
}

}  // namespace
}  // namespace xieli::http
