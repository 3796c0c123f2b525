// The calendar buckets of date grouping: the ranges an aggregate counts bucket by bucket must give
// every stored value the same bucket as the SQL expression does, on China Standard Time.

#include "records/date_buckets.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <random>

#include "store/sqlite/sqlite_database.h"
#include "support/temp_dir.h"

namespace xieli::records {
namespace {

std::vector<std::string> Labels(const std::vector<BucketRange>& ranges) {
    std::vector<std::string> out;
    for (const BucketRange& r : ranges) out.push_back(r.label);
    return out;
}

TEST(BucketRanges, MonthsOfTimesStartAtLocalMidnight) {
    // 2026-10-31T16:00:00Z is midnight of 1 November in Beijing.
    auto r = BucketRanges(FieldType::kDatetime, DateBucket::kMonth, "2026-10-31T15:59:59Z", "2026-10-31T16:00:00Z", 12);
    ASSERT_TRUE(r);
    EXPECT_EQ(Labels(*r), (std::vector<std::string>{"2026-10", "2026-11"}));
    EXPECT_EQ((*r)[0].from, "2026-09-30T16:00:00Z");
    EXPECT_EQ((*r)[0].to, "2026-10-31T16:00:00Z");
    EXPECT_EQ((*r)[1].from, "2026-10-31T16:00:00Z");
    EXPECT_EQ((*r)[1].to, "2026-11-30T16:00:00Z");
}

TEST(BucketRanges, DatesWeeksQuartersYears) {
    auto months = BucketRanges(FieldType::kDate, DateBucket::kMonth, "2026-11-05", "2027-04-30", 12);
    ASSERT_TRUE(months);
    EXPECT_EQ(
        Labels(*months), (std::vector<std::string>{"2026-11", "2026-12", "2027-01", "2027-02", "2027-03", "2027-04"})
    );
    EXPECT_EQ(months->front().from, "2026-11-01");
    EXPECT_EQ(months->back().to, "2027-05-01");

    // 2026-11-24 is a Tuesday; its week is named by Monday the 23rd.
    auto weeks = BucketRanges(FieldType::kDate, DateBucket::kWeek, "2026-11-24", "2026-11-30", 12);
    ASSERT_TRUE(weeks);
    EXPECT_EQ(Labels(*weeks), (std::vector<std::string>{"2026-11-23", "2026-11-30"}));
    EXPECT_EQ(weeks->front().to, "2026-11-30");

    auto quarters =
        BucketRanges(FieldType::kDatetime, DateBucket::kQuarter, "2026-12-31T16:00:00Z", "2027-12-31T15:00:00Z", 12);
    ASSERT_TRUE(quarters);
    EXPECT_EQ(Labels(*quarters), (std::vector<std::string>{"2027-Q1", "2027-Q2", "2027-Q3", "2027-Q4"}));

    auto years = BucketRanges(FieldType::kDate, DateBucket::kYear, "2024-02-29", "2026-01-01", 12);
    ASSERT_TRUE(years);
    EXPECT_EQ(Labels(*years), (std::vector<std::string>{"2024", "2025", "2026"}));

    auto days =
        BucketRanges(FieldType::kDatetime, DateBucket::kDay, "2026-02-28T16:00:00Z", "2026-02-28T16:00:00Z", 12);
    ASSERT_TRUE(days);
    EXPECT_EQ(Labels(*days), (std::vector<std::string>{"2026-03-01"}));
}

TEST(BucketRanges, TooManyOrNotADateIsNone) {
    EXPECT_FALSE(BucketRanges(FieldType::kDate, DateBucket::kDay, "2026-01-01", "2026-12-31", 64));
    EXPECT_TRUE(BucketRanges(FieldType::kDate, DateBucket::kDay, "2026-01-01", "2026-03-05", 64));
    EXPECT_FALSE(BucketRanges(FieldType::kDate, DateBucket::kDay, "2026-01-01", "2026-03-06", 64));
    EXPECT_FALSE(BucketRanges(FieldType::kDate, DateBucket::kMonth, "soon", "2026-03-06", 64));
    EXPECT_FALSE(BucketRanges(FieldType::kDatetime, DateBucket::kMonth, "2026-03-06", "2026-03-06", 64));
    EXPECT_FALSE(BucketRanges(FieldType::kDate, DateBucket::kMonth, "2026-05-01", "2026-03-06", 64));
}

// Differential: random times and dates over three years, each bucket kind — the range that holds
// a value has the label SQLite computes for it with BucketExpression.
TEST(BucketRanges, AgreeWithTheSqlExpression) {
    test_support::TempDir dir{"xieli-buckets"};
    std::unique_ptr<store::Database> db = store::OpenSqliteDatabase(dir.path() / "b.db", 1, 2000);
    std::mt19937 rng(6);
    std::uniform_int_distribution<int> day(0, 3 * 366), hour(0, 23), minute(0, 59);
    for (FieldType type : {FieldType::kDate, FieldType::kDatetime}) {
        for (DateBucket bucket :
             {DateBucket::kDay, DateBucket::kWeek, DateBucket::kMonth, DateBucket::kQuarter, DateBucket::kYear}) {
            store::Reader r = db->Read();
            for (int i = 0; i < 200; ++i) {
                std::string date =
                    r->Query("SELECT date('2025-01-01', ? || ' days')", {fmt::format("{}", day(rng))})[0].Text(0);
                // Hours 15–16 often: the edge of a Beijing day.
                int h = i % 3 == 0 ? 15 + i % 2 : hour(rng);
                std::string stored =
                    type == FieldType::kDate ? date : fmt::format("{}T{:02}:{:02}:00Z", date, h, minute(rng));
                std::string expected =
                    r->Query(
                         fmt::format("SELECT {} FROM (SELECT ? AS v)", BucketExpression(type, bucket, "v")), {stored}
                    )[0]
                        .Text(0);
                auto ranges = BucketRanges(type, bucket, stored, stored, 2);
                ASSERT_TRUE(ranges) << stored;
                ASSERT_EQ(ranges->size(), 1u) << stored;
                EXPECT_EQ(ranges->front().label, expected) << stored;
                EXPECT_LE(ranges->front().from, stored);
                EXPECT_GT(ranges->front().to, stored);
            }
        }
    }
}

}  // namespace
}  // namespace xieli::records
