// PageWalks (records/page_walks.h): which list pages gave up their walk lately.

#include "records/page_walks.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace xieli::records {
namespace {

TimePoint At(int minutes) {
    return TimePoint(std::chrono::minutes(29'000'000 + minutes));
}

TEST(PageWalksTest, KeyIsTheDatabaseTheQueryAndItsValues) {
    int a = 0, b = 0;
    std::vector<store::Value> one{store::Value(int64_t{1}), store::Value(std::string("it"))};
    std::vector<store::Value> other{store::Value(int64_t{2}), store::Value(std::string("it"))};
    std::vector<store::Value> text_one{store::Value(std::string("1")), store::Value(std::string("it"))};
    size_t key = PageWalks::Key(&a, "SELECT 1", one);
    EXPECT_EQ(key, PageWalks::Key(&a, "SELECT 1", one));
    EXPECT_NE(key, PageWalks::Key(&b, "SELECT 1", one)) << "another enterprise";
    EXPECT_NE(key, PageWalks::Key(&a, "SELECT 2", one)) << "another query";
    EXPECT_NE(key, PageWalks::Key(&a, "SELECT 1", other)) << "other values";
    EXPECT_NE(key, PageWalks::Key(&a, "SELECT 1", text_one)) << "1 is not '1'";
    EXPECT_NE(
        PageWalks::Key(&a, "SELECT 1", {}), PageWalks::Key(&a, "SELECT 1", std::vector<store::Value>{store::Value()})
    );
}

TEST(PageWalksTest, APageThatGaveUpIsRememberedForAWhile) {
    PageWalks walks;
    EXPECT_FALSE(walks.GaveUpLately(7, At(0)));
    walks.GaveUp(7, At(0));
    EXPECT_TRUE(walks.GaveUpLately(7, At(0)));
    EXPECT_TRUE(walks.GaveUpLately(7, At(9)));
    EXPECT_FALSE(walks.GaveUpLately(8, At(1)));
    EXPECT_FALSE(walks.GaveUpLately(7, At(10))) << "tried again after kRemembered";
    walks.GaveUp(7, At(10));
    EXPECT_TRUE(walks.GaveUpLately(7, At(11)));
}

TEST(PageWalksTest, MemoryStartsAfreshWhenFull) {
    PageWalks walks;
    for (size_t key = 0; key < PageWalks::kMaxPages; ++key) walks.GaveUp(key, At(0));
    EXPECT_TRUE(walks.GaveUpLately(0, At(1)));
    walks.GaveUp(PageWalks::kMaxPages, At(1));
    EXPECT_FALSE(walks.GaveUpLately(0, At(1)));
    EXPECT_TRUE(walks.GaveUpLately(PageWalks::kMaxPages, At(1)));
}

}  // namespace
}  // namespace xieli::records
