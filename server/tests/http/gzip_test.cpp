#include "http/gzip.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <random>
#include <string>

#include "support/gunzip.h"

namespace xieli::http {
namespace {

using xieli::test_support::Gunzip;

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
