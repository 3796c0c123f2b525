#include <gtest/gtest.h>

#include "common/crypto.h"
#include "modules/auth/password_policy.h"

namespace xieli::auth {
namespace {

class PasswordTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() { crypto::Init(); }
};

TEST_F(PasswordTest, HashesWithArgon2idAndVerifies) {
    std::string hash = crypto::HashPassword("Passw0rd!中文");
    EXPECT_TRUE(hash.starts_with("$argon2id$")) << hash;
    EXPECT_TRUE(crypto::VerifyPassword(hash, "Passw0rd!中文"));
    EXPECT_FALSE(crypto::VerifyPassword(hash, "Passw0rd!中"));
    EXPECT_FALSE(crypto::VerifyPassword(hash, ""));
    EXPECT_FALSE(crypto::VerifyPassword("not a hash", "Passw0rd!"));
}

TEST_F(PasswordTest, SaltsEveryHash) {
    EXPECT_NE(crypto::HashPassword("same1234"), crypto::HashPassword("same1234"));
}

TEST_F(PasswordTest, TokensAreRandomAndStoredAsHashes) {
    std::string a = crypto::RandomToken(32), b = crypto::RandomToken(32);
    EXPECT_EQ(a.size(), 43u);  // 256 bits in URL-safe base64 without padding
    EXPECT_NE(a, b);
    EXPECT_EQ(crypto::HashToken(a), crypto::HashToken(a));
    EXPECT_NE(crypto::HashToken(a), crypto::HashToken(b));
    EXPECT_EQ(crypto::HashToken(a).find(a), std::string::npos);
}

std::vector<std::string> Codes(const std::vector<FieldError>& errors) {
    std::vector<std::string> out;
    for (const auto& e : errors) out.push_back(e.code);
    return out;
}

TEST(PasswordPolicy, AcceptsAReasonablePassword) {
    EXPECT_TRUE(CheckPasswordPolicy("Xieli2026", "13800000000", "li@example.com").empty());
}

TEST(PasswordPolicy, RefusesWeakPasswords) {
    EXPECT_EQ(Codes(CheckPasswordPolicy("abc123", "", "")), std::vector<std::string>{"too_short"});
    EXPECT_EQ(Codes(CheckPasswordPolicy("abcdefghij", "", "")), std::vector<std::string>{"too_weak"});
    EXPECT_EQ(Codes(CheckPasswordPolicy("1234567890", "", "")), std::vector<std::string>{"too_weak"});
    EXPECT_EQ(Codes(CheckPasswordPolicy("a13800000000", "13800000000", "")), std::vector<std::string>{"too_weak"});
    EXPECT_EQ(Codes(CheckPasswordPolicy("liming2026", "", "liming@example.com")), std::vector<std::string>{"too_weak"});
    EXPECT_EQ(Codes(CheckPasswordPolicy(std::string(129, 'a') + "1", "", "")), std::vector<std::string>{"too_long"});
    EXPECT_EQ(Codes(CheckPasswordPolicy("abcd1234\xff", "", "")), std::vector<std::string>{"invalid"});
}

}  // namespace
}  // namespace xieli::auth
