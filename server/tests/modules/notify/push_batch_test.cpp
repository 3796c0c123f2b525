// Coalescing of one dispatcher pass's pushes: a few events go out one message each; past the
// threshold a user gets one summary per kind, with the right count, the newest notifications and
// every changed record's id, and nobody gets anyone else's.

#include "modules/notify/push_batch.h"

#include <gtest/gtest.h>

namespace xieli::notify {
namespace {

json::object Note(int64_t id) {
    return json::object{{"id", id}, {"kind", "record.assigned"}, {"title", "t"}, {"read", false}};
}

json::object Change(int64_t id, const char* operation = "update", int64_t actor = 1) {
    return json::object{
        {"object", "customer"},
        {"id", id},
        {"operation", operation},
        {"changed_fields", json::array{"owner_id"}},
        {"actor_id", actor},
        {"at", "2026-11-24T10:00:00Z"},
    };
}

json::object Parse(const std::string& text) {
    return ParseJson(text).as_object();
}

TEST(PushBatchTest, FewEventsGoOutOneByOneWithTheUnreadCount) {
    PushBatch b;
    b.AddNotification(7, Note(1));
    b.AddNotification(7, Note(2));
    b.AddChange(7, Change(100));
    int asked = 0;
    auto messages = b.Messages([&asked](int64_t user) {
        ++asked;
        return user == 7 ? 42 : 0;
    });
    ASSERT_EQ(messages.size(), 3u);
    EXPECT_EQ(asked, 1);
    json::object first = Parse(messages[0].text);
    EXPECT_EQ(first["type"].as_string(), "notification");
    EXPECT_EQ(first["data"].as_object()["id"].as_int64(), 1);
    EXPECT_EQ(first["data"].as_object()["unread_count"].as_int64(), 42);
    EXPECT_EQ(Parse(messages[1].text)["data"].as_object()["id"].as_int64(), 2);
    json::object change = Parse(messages[2].text);
    EXPECT_EQ(change["type"].as_string(), "record_changed");
    EXPECT_EQ(change["data"].as_object()["changed_fields"].as_array().size(), 1u);
}

TEST(PushBatchTest, ABurstForOneUserBecomesOneSummaryPerKind) {
    PushBatch b(PushLimits{.singly_up_to = 10, .latest_in_summary = 3});
    for (int64_t i = 1; i <= 250; ++i) {
        b.AddNotification(7, Note(i));
        b.AddChange(7, Change(1000 + i));
    }
    b.AddChange(7, Change(1001));            // the same record again: listed once
    b.AddChange(7, Change(5000, "create"));  // another operation: its own group
    b.AddNotification(8, Note(999));         // someone else's stays separate and single
    auto messages = b.Messages([](int64_t user) { return user == 7 ? 260 : 1; });
    ASSERT_EQ(messages.size(), 3u);

    json::object summary = Parse(messages[0].text);
    EXPECT_EQ(messages[0].user, 7);
    EXPECT_EQ(summary["type"].as_string(), "notifications");
    json::object& data = summary["data"].as_object();
    EXPECT_EQ(data["count"].as_int64(), 250);
    EXPECT_EQ(data["unread_count"].as_int64(), 260);
    json::array& latest = data["latest"].as_array();
    ASSERT_EQ(latest.size(), 3u);
    EXPECT_EQ(latest[0].as_object()["id"].as_int64(), 250);  // newest first
    EXPECT_EQ(latest[2].as_object()["id"].as_int64(), 248);

    EXPECT_EQ(messages[1].user, 8);
    EXPECT_EQ(Parse(messages[1].text)["type"].as_string(), "notification");

    json::object changed = Parse(messages[2].text);
    EXPECT_EQ(messages[2].user, 7);
    EXPECT_EQ(changed["type"].as_string(), "records_changed");
    json::array& groups = changed["data"].as_object()["groups"].as_array();
    ASSERT_EQ(groups.size(), 2u);
    json::object& updates = groups[0].as_object();
    EXPECT_EQ(updates["object"].as_string(), "customer");
    EXPECT_EQ(updates["operation"].as_string(), "update");
    EXPECT_EQ(updates["actor_id"].as_int64(), 1);
    EXPECT_EQ(updates["ids"].as_array().size(), 250u);
    EXPECT_EQ(updates["ids"].as_array()[0].as_int64(), 1001);
    EXPECT_EQ(groups[1].as_object()["operation"].as_string(), "create");
    // Bounded: a pass of a few hundred rows stays a few kilobytes.
    EXPECT_LT(messages[2].text.size(), 8000u);
}

TEST(PushBatchTest, ChangesByDifferentPeopleAreGroupedApart) {
    PushBatch b(PushLimits{.singly_up_to = 1});
    b.AddChange(7, Change(1, "update", 1));
    b.AddChange(7, Change(2, "update", 2));
    json::object m = Parse(b.Messages([](int64_t) { return 0; }).at(0).text);
    EXPECT_EQ(m["data"].as_object()["groups"].as_array().size(), 2u);
}

}  // namespace
}  // namespace xieli::notify
