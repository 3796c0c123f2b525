#include "records/actor_mask.h"

#include <gtest/gtest.h>

namespace xieli::records {
namespace {

ActorMask FormerOwner(int64_t who) {
    ActorMask m;
    m.hidden_fields = {"owner_id", "previous_owner_id"};
    m.hidden_actor = who;
    return m;
}

TEST(ActorMask, EmptyHidesNothing) {
    ActorMask m;
    EXPECT_TRUE(m.Empty());
    EXPECT_FALSE(m.HidesValues("owner_id"));
    EXPECT_FALSE(m.HidesActor("name", 7));
    json::object rec{{"id", 1}, {"owner_id", 7}, {"created_by", 7}};
    json::object before = rec;
    m.ApplyTo(rec);
    EXPECT_EQ(rec, before);
}

TEST(ActorMask, HiddenFieldsLoseValuesAndAuthors) {
    ActorMask m = FormerOwner(7);
    EXPECT_FALSE(m.Empty());
    EXPECT_TRUE(m.HidesValues("previous_owner_id"));
    EXPECT_FALSE(m.HidesValues("name"));
    // An owner change is anonymous whoever made it; other entries only when the hidden person did.
    EXPECT_TRUE(m.HidesActor("owner_id", 3));
    EXPECT_TRUE(m.HidesActor("name", 7));
    EXPECT_FALSE(m.HidesActor("name", 3));
    EXPECT_FALSE(m.HidesActor("name", std::nullopt));
}

TEST(ActorMask, ApplyDropsHiddenFieldsAndBlanksTheHiddenPersonOnly) {
    json::object rec{
        {"id", 1},
        {"owner_id", nullptr},
        {"previous_owner_id", 7},
        {"created_by", 7},
        {"updated_by", 3},
        {"name", "华东科技"}};
    FormerOwner(7).ApplyTo(rec);
    EXPECT_FALSE(rec.contains("owner_id"));
    EXPECT_FALSE(rec.contains("previous_owner_id"));
    EXPECT_TRUE(rec.at("created_by").is_null());
    EXPECT_EQ(rec.at("updated_by").as_int64(), 3);
    EXPECT_EQ(rec.at("name").as_string(), "华东科技");
}

TEST(ActorMask, MergeUnitesWhatEitherHides) {
    ActorMask a;
    a.hidden_fields = {"owner_id"};
    ActorMask b;
    b.hidden_fields = {"c_referrer"};
    b.hidden_actor = 9;
    a.Merge(b);
    EXPECT_TRUE(a.HidesValues("owner_id"));
    EXPECT_TRUE(a.HidesValues("c_referrer"));
    EXPECT_EQ(a.hidden_actor, 9);
}

}  // namespace
}  // namespace xieli::records
