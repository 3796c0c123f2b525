#include "common/totp.h"

#include <gtest/gtest.h>

#include <string>

#include "common/crypto.h"

namespace xieli::totp {
namespace {

TimePoint At(int64_t unix_seconds) {
    return TimePoint(std::chrono::seconds(unix_seconds));
}

// RFC 3174 §7.3 test vectors, plus the empty message (FIPS 180 examples).
TEST(Sha1, MatchesTheRfc3174Vectors) {
    EXPECT_EQ(ToHex(Sha1("")), "da39a3ee5e6b4b0d3255bfef95601890afd80709");
    EXPECT_EQ(ToHex(Sha1("abc")), "a9993e364706816aba3e25717850c26c9cd0d89d");
    EXPECT_EQ(
        ToHex(Sha1("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")),
        "84983e441c3bd26ebaae4aa1f95129e5e54670f1"
    );
    EXPECT_EQ(ToHex(Sha1(std::string(1000000, 'a'))), "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
    std::string sixty_four;
    for (int i = 0; i < 80; ++i) sixty_four += "01234567";  // TEST4: 10 × the 64-byte string
    EXPECT_EQ(ToHex(Sha1(sixty_four)), "dea356a2cddd90c7a7ecedc5ebb563934f460452");
}

TEST(Sha1, PaddingAcrossBlockBoundaries) {
    // 55, 56 and 64 bytes: the length field fits, just misses, and needs a whole extra block.
    EXPECT_EQ(ToHex(Sha1(std::string(55, 'a'))), "c1c8bbdc22796e28c0e15163d20899b65621d65a");
    EXPECT_EQ(ToHex(Sha1(std::string(56, 'a'))), "c2db330f6083854c99d4b5bfb6e8f29f201be699");
    EXPECT_EQ(ToHex(Sha1(std::string(64, 'a'))), "0098ba824b5c16427bd7a1122a5a442a25ec644d");
}

// RFC 2202 §3 test cases 1, 2, 6 and 7 (keys shorter and longer than the block).
TEST(HmacSha1, MatchesTheRfc2202Vectors) {
    EXPECT_EQ(ToHex(HmacSha1(std::string(20, '\x0b'), "Hi There")), "b617318655057264e28bc0b6fb378c8ef146be00");
    EXPECT_EQ(ToHex(HmacSha1("Jefe", "what do ya want for nothing?")), "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
    EXPECT_EQ(
        ToHex(HmacSha1(std::string(80, '\xaa'), "Test Using Larger Than Block-Size Key - Hash Key First")),
        "aa4ae5e15272d00e95705637ce8a3b55ed402112"
    );
    EXPECT_EQ(
        ToHex(HmacSha1(
            std::string(80, '\xaa'), "Test Using Larger Than Block-Size Key and Larger Than One Block-Size Data"
        )),
        "e8e99d0f45237d786d6bbaa7965c7808bbff1a91"
    );
}

// RFC 4648 §10, without the padding otpauth URLs leave out.
TEST(Base32, EncodesTheRfc4648Vectors) {
    EXPECT_EQ(Base32Encode(""), "");
    EXPECT_EQ(Base32Encode("f"), "MY");
    EXPECT_EQ(Base32Encode("fo"), "MZXQ");
    EXPECT_EQ(Base32Encode("foo"), "MZXW6");
    EXPECT_EQ(Base32Encode("foob"), "MZXW6YQ");
    EXPECT_EQ(Base32Encode("fooba"), "MZXW6YTB");
    EXPECT_EQ(Base32Encode("foobar"), "MZXW6YTBOI");
    EXPECT_EQ(Base32Encode("12345678901234567890"), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
}

TEST(Base32, DecodesWhatPeopleTypeAndRefusesTheRest) {
    EXPECT_EQ(Base32Decode("MZXW6YTBOI======"), "foobar");
    EXPECT_EQ(Base32Decode("mzxw 6ytb-oi"), "foobar");
    EXPECT_EQ(Base32Decode(""), "");
    EXPECT_EQ(Base32Decode("MY======"), "f");
    EXPECT_FALSE(Base32Decode("MZXW1"));     // 1 is not in the alphabet
    EXPECT_FALSE(Base32Decode("MZ=XW"));     // data after padding
    EXPECT_FALSE(Base32Decode("MZXW6YT!"));  // punctuation
    std::string bytes;
    for (int i = 0; i < 256; ++i) bytes.push_back(static_cast<char>(i));
    EXPECT_EQ(Base32Decode(Base32Encode(bytes)), bytes);
}

// RFC 4226 Appendix D: HOTP of "12345678901234567890" at counters 0–9.
TEST(Totp, HotpMatchesTheRfc4226Vectors) {
    const char* expected[] = {
        "755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"};
    for (int i = 0; i < 10; ++i) EXPECT_EQ(Code("12345678901234567890", i), expected[i]) << "counter " << i;
}

// RFC 6238 Appendix B, the SHA-1 rows (8 digits, 30-second steps, T0 = 0).
TEST(Totp, MatchesTheRfc6238Vectors) {
    const std::string key = "12345678901234567890";
    struct Row {
        int64_t time;
        int64_t step;
        const char* code;
    };
    const Row rows[] = {
        {59, 0x1, "94287082"},
        {1111111109, 0x23523EC, "07081804"},
        {1111111111, 0x23523ED, "14050471"},
        {1234567890, 0x273EF07, "89005924"},
        {2000000000, 0x3F940AA, "69279037"},
        {20000000000, 0x27BC86AA, "65353130"},
    };
    for (const Row& r : rows) {
        // system_clock counts nanoseconds in 64 bits, so its time points end in 2262: the year-2603 row
        // checks the code of its step only.
        if (r.time < 9'000'000'000) {
            EXPECT_EQ(StepAt(At(r.time)), r.step) << r.time;
        }
        EXPECT_EQ(Code(key, r.step, 8), r.code) << r.time;
        // The 6-digit code is the last six digits of the 8-digit one.
        EXPECT_EQ(Code(key, r.step), std::string(r.code).substr(2)) << r.time;
    }
}

TEST(Totp, AcceptsOneStepEitherSideAndNoMore) {
    const std::string key = "12345678901234567890";
    TimePoint now = At(1111111111);
    int64_t step = StepAt(now);
    EXPECT_EQ(Verify(key, Code(key, step), now), step);
    EXPECT_EQ(Verify(key, Code(key, step - 1), now), step - 1);
    EXPECT_EQ(Verify(key, Code(key, step + 1), now), step + 1);
    EXPECT_FALSE(Verify(key, Code(key, step - 2), now));
    EXPECT_FALSE(Verify(key, Code(key, step + 2), now));
    EXPECT_EQ(Verify(key, Code(key, step), now, 0), step);
    EXPECT_FALSE(Verify(key, Code(key, step - 1), now, 0));
}

TEST(Totp, RefusesMalformedCodes) {
    const std::string key = "12345678901234567890";
    TimePoint now = At(59);
    std::string good = Code(key, StepAt(now));
    EXPECT_TRUE(Verify(key, good, now));
    EXPECT_FALSE(Verify(key, "", now));
    EXPECT_FALSE(Verify(key, good.substr(0, 5), now));
    EXPECT_FALSE(Verify(key, good + "0", now));
    EXPECT_FALSE(Verify(key, "12a456", now));
    EXPECT_FALSE(Verify("another key", good, now));
}

TEST(Totp, NewSecretsAre160RandomBits) {
    crypto::Init();
    std::string a = NewSecret(), b = NewSecret();
    EXPECT_EQ(a.size(), 32u);  // 20 bytes in base32, no padding needed
    EXPECT_NE(a, b);
    ASSERT_TRUE(Base32Decode(a));
    EXPECT_EQ(Base32Decode(a)->size(), kSecretBytes);
}

TEST(Totp, OtpauthUrlIsPercentEncoded) {
    EXPECT_EQ(
        OtpauthUrl("协力", "13900000000", "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"),
        "otpauth://totp/%E5%8D%8F%E5%8A%9B:13900000000?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
        "&issuer=%E5%8D%8F%E5%8A%9B"
    );
    EXPECT_EQ(
        OtpauthUrl("协力", "li+ming@example.com", "MZXW6"),
        "otpauth://totp/%E5%8D%8F%E5%8A%9B:li%2Bming%40example.com?secret=MZXW6&issuer=%E5%8D%8F%E5%8A%9B"
    );
}

}  // namespace
}  // namespace xieli::totp
