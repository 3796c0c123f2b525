#include "common/strings.h"

#include <gtest/gtest.h>

#include "common/clock.h"

namespace xieli {
namespace {

TEST(Strings, Utf8LengthCountsCharacters) {
    EXPECT_EQ(Utf8Length("abc"), 3);
    EXPECT_EQ(Utf8Length("示例科技"), 4);
    EXPECT_EQ(Utf8Length("a示😀"), 3);
    EXPECT_EQ(Utf8Length("\xe7\xa4"), -1);  // truncated
    EXPECT_EQ(Utf8Length("\xff"), -1);
}

TEST(Strings, NormalizesMainlandMobiles) {
    EXPECT_EQ(NormalizeMobile("13800000000"), "13800000000");
    EXPECT_EQ(NormalizeMobile("+86 138-0000-0000"), "13800000000");
    EXPECT_EQ(NormalizeMobile("008613800000000"), "13800000000");
    EXPECT_EQ(NormalizeMobile("12800000000"), "");
    EXPECT_EQ(NormalizeMobile("1380000000"), "");
    EXPECT_EQ(NormalizeMobile("1380000000a"), "");
}

TEST(Strings, NormalizesEmails) {
    EXPECT_EQ(NormalizeEmail(" Li.Ming@Example.COM "), "li.ming@example.com");
    EXPECT_EQ(NormalizeEmail("a@b"), "");
    EXPECT_EQ(NormalizeEmail("@b.com"), "");
    EXPECT_EQ(NormalizeEmail("a@@b.com"), "");
    EXPECT_EQ(NormalizeEmail("a b@c.com"), "");
}

TEST(Clock, FormatsAndParsesIsoTimes) {
    TimePoint t = *ParseIsoTime("2026-11-23T09:30:00Z");
    EXPECT_EQ(FormatUtc(t), "2026-11-23T09:30:00Z");
    EXPECT_EQ(FormatUtc(*ParseIsoTime("2026-11-23T17:30:00+08:00")), "2026-11-23T09:30:00Z");
    EXPECT_EQ(FormatUtc(*ParseIsoTime("2026-11-23T09:30:00.123Z")), "2026-11-23T09:30:00Z");
    EXPECT_FALSE(ParseIsoTime("2026-13-01T00:00:00Z"));
    EXPECT_FALSE(ParseIsoTime("yesterday"));
    EXPECT_FALSE(ParseIsoTime("2026-11-23T09:30:00+8"));
}

TEST(Clock, ManualClockMovesOnlyWhenTold) {
    ManualClock clock(*ParseIsoTime("2026-01-01T00:00:00Z"));
    TimePoint a = clock.Now();
    EXPECT_EQ(clock.Now(), a);
    clock.Advance(std::chrono::hours(25));
    EXPECT_EQ(FormatUtc(clock.Now()), "2026-01-02T01:00:00Z");
}

}  // namespace
}  // namespace xieli
