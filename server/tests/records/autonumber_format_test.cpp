// Autonumber formats are checked when a field is created or changed (audit 5 §1.7): only the
// tokens the write path renders, one counter of 1–10 digits, and the error names the bad token.

#include "records/autonumber_format.h"

#include <gtest/gtest.h>

#include "common/error.h"

namespace xieli::records {
namespace {

// "" when the format is accepted; otherwise the detail's code and its Chinese message.
std::pair<std::string, std::string> Check(const std::string& format) {
    try {
        RequireValidAutonumberFormat(format);
    } catch (const Error& e) {
        EXPECT_EQ(e.details().size(), 1u);
        EXPECT_EQ(e.details()[0].field, "autonumber_format");
        return {e.details()[0].code, e.details()[0].message.zh};
    }
    return {"", ""};
}

TEST(AutonumberFormat, TheDocumentedTokensAreAccepted) {
    for (const char* ok : {"{0000}", "KH-{yyyy}-{0000}", "{yy}{MM}{dd}-{0}", "HT{yyyy}{MM}{0000000000}", "编号-{000}"})
        EXPECT_EQ(Check(ok).first, "") << ok;
}

TEST(AutonumberFormat, AnUnknownTokenIsNamed) {
    auto [code, zh] = Check("{yyyy}{mm}{dd}-{0000}");
    EXPECT_EQ(code, "unknown_token");
    EXPECT_NE(zh.find("「{mm}」"), std::string::npos) << zh;
    EXPECT_EQ(Check("{yyyy}-{n}").first, "unknown_token");
    EXPECT_EQ(Check("{}{0000}").first, "unknown_token");
}

TEST(AutonumberFormat, TheCounterHasOneToTenDigitsAndIsThereOnce) {
    auto [code, zh] = Check("{yyyy}-{000000000000000000000000}");
    EXPECT_EQ(code, "invalid");
    EXPECT_NE(zh.find("{000000000000000000000000}"), std::string::npos) << zh;
    EXPECT_EQ(Check("{00000000000}").first, "invalid");  // 11 digits
    EXPECT_EQ(Check("KH-{yyyy}").first, "invalid");      // no counter
    EXPECT_EQ(Check("").first, "invalid");
    EXPECT_EQ(Check("{000}-{000}").first, "invalid");
}

TEST(AutonumberFormat, UnclosedBracesControlCharactersAndLongFormatsAreRefused) {
    EXPECT_EQ(Check("KH-{0000").first, "invalid");
    EXPECT_EQ(Check("KH\x01-{0000}").first, "invalid");
    EXPECT_EQ(Check(std::string(60, 'A') + "{0000}").first, "invalid");
}

}  // namespace
}  // namespace xieli::records
