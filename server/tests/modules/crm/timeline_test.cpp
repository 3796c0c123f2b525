// Merging and paging a record timeline (modules/crm/timeline.h), without a database.

#include "modules/crm/timeline.h"

#include <gtest/gtest.h>

namespace xieli::crm {
namespace {

TimelineItem Item(const char* type, const char* at, int64_t seq, const char* object = "customer") {
    TimelineItem i;
    i.type = type;
    i.at = at;
    i.seq = seq;
    i.object = object;
    i.record_id = seq;
    return i;
}

std::vector<std::string> Keys(const std::vector<TimelineItem>& items) {
    std::vector<std::string> out;
    for (const TimelineItem& i : items) out.push_back(i.type + "@" + i.at.substr(11, 8) + "#" + std::to_string(i.seq));
    return out;
}

TEST(TimelineSort, NewestFirstAndCreationLastWithinAnInstant) {
    std::vector<TimelineItem> items{
        Item("created", "2026-01-01T09:00:00Z", 1),
        Item("change", "2026-01-01T09:00:00Z", 7),
        Item("related", "2026-01-01T09:00:00Z", 3, "contact"),
        Item("followup", "2026-01-02T10:00:00Z", 4, "followup"),
        Item("change", "2026-01-01T09:00:00Z", 8),
        Item("deleted", "2026-01-01T09:00:00Z", 2),
    };
    SortTimeline(items);
    EXPECT_EQ(
        Keys(items),
        (std::vector<std::string>{
            "followup@10:00:00#4",
            "deleted@09:00:00#2",
            "change@09:00:00#8",
            "change@09:00:00#7",
            "related@09:00:00#3",
            "created@09:00:00#1"})
    );
}

TEST(TimelineMerge, AllFitsOnOnePage) {
    TimelineMerge m = MergeTimeline(
        {{Item("change", "2026-01-03T00:00:00Z", 2)},
         {Item("followup", "2026-01-04T00:00:00Z", 5, "followup")},
         {Item("created", "2026-01-01T00:00:00Z", 1)}},
        3
    );
    EXPECT_EQ(
        Keys(m.items), (std::vector<std::string>{"followup@00:00:00#5", "change@00:00:00#2", "created@00:00:00#1"})
    );
    EXPECT_EQ(m.items[0].at, "2026-01-04T00:00:00Z");
    EXPECT_FALSE(m.tie_at);
    EXPECT_FALSE(m.next_before);
}

TEST(TimelineMerge, CutsAtTheLimitAndPointsAtTheNextPage) {
    // limit 2; each source returned up to limit + 1.
    TimelineMerge m = MergeTimeline(
        {{Item("change", "2026-01-05T00:00:00Z", 9),
          Item("change", "2026-01-04T00:00:00Z", 8),
          Item("change", "2026-01-02T00:00:00Z", 7)},
         {Item("followup", "2026-01-03T00:00:00Z", 3, "followup")}},
        2
    );
    // The second item's instant is fetched whole in round two; only newer ones are certain.
    ASSERT_EQ(m.items.size(), 1u);
    EXPECT_EQ(m.items[0].at, "2026-01-05T00:00:00Z");
    EXPECT_EQ(m.tie_at, "2026-01-04T00:00:00Z");
    EXPECT_EQ(m.next_before, "2026-01-04T00:00:00Z");
}

TEST(TimelineMerge, KeepsAnInstantTogether) {
    // Three items of one second with limit 2: nothing is certain before round two, and since
    // nothing older was seen and no source was cut short, there is no next page.
    TimelineMerge m = MergeTimeline(
        {{Item("change", "2026-01-01T00:00:00Z", 3), Item("change", "2026-01-01T00:00:00Z", 2)},
         {Item("created", "2026-01-01T00:00:00Z", 1)}},
        2
    );
    EXPECT_TRUE(m.items.empty());
    EXPECT_EQ(m.tie_at, "2026-01-01T00:00:00Z");
    EXPECT_FALSE(m.next_before);
}

TEST(TimelineMerge, ASourceCutShortMeansMore) {
    TimelineMerge m = MergeTimeline(
        {{Item("change", "2026-01-01T00:00:00Z", 3),
          Item("change", "2026-01-01T00:00:00Z", 2),
          Item("change", "2026-01-01T00:00:00Z", 1)}},
        2
    );
    EXPECT_EQ(m.tie_at, "2026-01-01T00:00:00Z");
    EXPECT_EQ(m.next_before, "2026-01-01T00:00:00Z");
}

TEST(TimelineRequestParams, LimitAndBefore) {
    TimelineRequest r = ParseTimelineRequest(std::nullopt, std::nullopt);
    EXPECT_EQ(r.limit, 20u);
    EXPECT_FALSE(r.before);
    r = ParseTimelineRequest(std::string("5"), std::string("2026-11-23T17:30:00+08:00"));
    EXPECT_EQ(r.limit, 5u);
    EXPECT_EQ(r.before, "2026-11-23T09:30:00Z");
    for (const char* bad : {"0", "201", "-1", "abc", "5x", ""}) {
        EXPECT_THROW(ParseTimelineRequest(std::string(bad), std::nullopt), Error) << bad;
    }
    EXPECT_THROW(ParseTimelineRequest(std::nullopt, std::string("yesterday")), Error);
}

TEST(TimelineItemJson, Shape) {
    TimelineItem i = Item("followup", "2026-01-01T00:00:00Z", 4, "followup");
    i.actor_id = 7;
    i.actor_name = "王芳";
    i.title = "电话沟通";
    i.data["content"] = "电话沟通";
    json::object j = TimelineItemToJson(i);
    EXPECT_EQ(j.at("type"), "followup");
    EXPECT_EQ(j.at("actor").at("name"), "王芳");
    EXPECT_EQ(j.at("record_id"), 4);
    EXPECT_EQ(j.at("title"), "电话沟通");
    i.actor_id.reset();
    i.title.clear();
    j = TimelineItemToJson(i);
    EXPECT_TRUE(j.at("actor").is_null());
    EXPECT_TRUE(j.at("title").is_null());
}

}  // namespace
}  // namespace xieli::crm
