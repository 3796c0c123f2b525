#include "modules/org/org_rules.h"

#include <gtest/gtest.h>

#include <set>

#include "common/crypto.h"
#include "common/strings.h"
#include "modules/auth/password_policy.h"

namespace xieli::org {
namespace {

// 1 ─┬─ 2 ─── 4 ─── 5
//    └─ 3
ParentMap Tree() {
    return ParentMap{{1, std::nullopt}, {2, 1}, {3, 1}, {4, 2}, {5, 4}};
}

TEST(Cycles, MovingUnderItselfOrADescendantIsACycle) {
    ParentMap t = Tree();
    EXPECT_TRUE(WouldCreateCycle(t, 2, 2));
    EXPECT_TRUE(WouldCreateCycle(t, 2, 4));
    EXPECT_TRUE(WouldCreateCycle(t, 2, 5));
    EXPECT_TRUE(WouldCreateCycle(t, 1, 5));
}

TEST(Cycles, MovingElsewhereIsFine) {
    ParentMap t = Tree();
    EXPECT_FALSE(WouldCreateCycle(t, 4, 3));
    EXPECT_FALSE(WouldCreateCycle(t, 5, 1));
    EXPECT_FALSE(WouldCreateCycle(t, 3, 5));
    EXPECT_FALSE(WouldCreateCycle(t, 2, 3));
}

TEST(Cycles, AnUnknownParentEndsTheWalk) {
    EXPECT_FALSE(WouldCreateCycle(Tree(), 2, 99));
}

TEST(Cycles, ALoopAlreadyInTheDataStopsTheWalk) {
    // 7 → 8 → 7 is corrupt; walking from it must end and answer "cycle" (the safe answer).
    ParentMap t{{7, 8}, {8, 7}, {9, std::nullopt}};
    EXPECT_TRUE(WouldCreateCycle(t, 9, 7));
}

TEST(Cycles, SupervisorChainsUseTheSameRule) {
    // 甲 ← 乙 ← 丙 (丙 reports to 乙, 乙 to 甲): 甲 cannot report to 丙.
    ParentMap reports{{10, std::nullopt}, {11, 10}, {12, 11}};
    EXPECT_TRUE(WouldCreateCycle(reports, 10, 12));
    EXPECT_FALSE(WouldCreateCycle(reports, 12, 10));
}

TEST(Subtree, ListsTheNodeAndEverythingBelow) {
    ParentMap t = Tree();
    EXPECT_EQ(SubtreeOf(t, 2), (std::vector<int64_t>{2, 4, 5}));
    EXPECT_EQ(SubtreeOf(t, 3), (std::vector<int64_t>{3}));
    EXPECT_EQ(SubtreeOf(t, 1).size(), 5u);
    EXPECT_EQ(SubtreeOf(ParentMap{{1, 2}, {2, 1}}, 1).size(), 2u);  // a loop ends
}

DepartmentRecord Dept(int64_t id, std::optional<int64_t> parent, std::string name, int64_t sort = 0) {
    DepartmentRecord d;
    d.id = id;
    d.parent_id = parent;
    d.name = std::move(name);
    d.sort_order = sort;
    return d;
}

std::vector<DepartmentRecord> Company() {
    return {
        Dept(1, std::nullopt, "示例科技"),
        Dept(2, 1, "销售部", 2),
        Dept(3, 1, "客服部", 1),
        Dept(4, 2, "华东大区", 1),
        Dept(5, 2, "华南大区", 1),
        Dept(6, 3, "Sales", 0),
    };
}

TEST(Tree, NestsChildrenOrderedBySortOrderThenId) {
    json::array tree = BuildDepartmentTree(Company());
    ASSERT_EQ(tree.size(), 1u);
    const auto& root = tree[0].as_object();
    EXPECT_EQ(root.at("name").as_string(), "示例科技");
    const auto& kids = root.at("children").as_array();
    ASSERT_EQ(kids.size(), 2u);
    EXPECT_EQ(kids[0].at("name").as_string(), "客服部");
    EXPECT_EQ(kids[1].at("name").as_string(), "销售部");
    const auto& regions = kids[1].at("children").as_array();
    EXPECT_EQ(regions[0].at("id").as_int64(), 4);  // same sort_order: by id
    EXPECT_EQ(regions[1].at("id").as_int64(), 5);
    EXPECT_TRUE(regions[0].at("children").as_array().empty());
    EXPECT_TRUE(root.at("parent_id").is_null());
    EXPECT_TRUE(root.at("head_name").is_null());
}

TEST(Tree, NothingIsDroppedWhenTheDataIsBroken) {
    std::vector<DepartmentRecord> broken = {
        Dept(1, std::nullopt, "根"), Dept(2, 99, "孤儿"), Dept(3, 4, "环甲"), Dept(4, 3, "环乙")};
    json::array tree = BuildDepartmentTree(broken);
    size_t count = 0;
    std::function<void(const json::array&)> walk = [&](const json::array& a) {
        for (const auto& n : a) {
            ++count;
            walk(n.at("children").as_array());
        }
    };
    walk(tree);
    EXPECT_EQ(count, 4u);
}

TEST(DepartmentPath, WalksNamesFromTheRoot) {
    auto all = Company();
    EXPECT_EQ(ResolveDepartmentPath(all, "销售部/华东大区"), 4);
    EXPECT_EQ(ResolveDepartmentPath(all, " 销售部 / 华南大区 "), 5);
    EXPECT_EQ(ResolveDepartmentPath(all, "示例科技/销售部"), 2);
    EXPECT_EQ(ResolveDepartmentPath(all, "客服部/sales"), 6);  // ASCII case ignored
    EXPECT_EQ(ResolveDepartmentPath(all, ""), 1);
    EXPECT_EQ(ResolveDepartmentPath(all, "示例科技"), 1);
    EXPECT_FALSE(ResolveDepartmentPath(all, "华东大区"));  // not a child of the root
    EXPECT_FALSE(ResolveDepartmentPath(all, "销售部/不存在"));
    EXPECT_FALSE(ResolveDepartmentPath({}, "销售部"));
}

TEST(Names, SplitOnChineseAndAsciiSeparators) {
    EXPECT_EQ(
        SplitNameList("销售、客服,财务，经理; 助理；"),
        (std::vector<std::string>{"销售", "客服", "财务", "经理", "助理"})
    );
    EXPECT_TRUE(SplitNameList(" 、 , ").empty());
    EXPECT_EQ(SplitNameList("Sales Manager"), (std::vector<std::string>{"Sales Manager"}));
}

TEST(Names, SameNameIgnoresSpacesAndAsciiCase) {
    EXPECT_TRUE(SameName(" Sales ", "sales"));
    EXPECT_TRUE(SameName("销售部", "销售部 "));
    EXPECT_FALSE(SameName("销售部", "销售一部"));
}

TEST(Names, DisplayNameRules) {
    EXPECT_EQ(CheckDisplayName("", 50), "required");
    EXPECT_EQ(CheckDisplayName("销售部", 3), "");
    EXPECT_EQ(CheckDisplayName("销售部门", 3), "too_long");
    EXPECT_EQ(CheckDisplayName("a\tb", 50), "invalid");
    EXPECT_EQ(CheckDisplayName("\xff\xfe", 50), "invalid");
}

TEST(Names, ClipNeverCutsACharacterInHalf) {
    EXPECT_EQ(Clip("销售部门", 2), "销售");
    EXPECT_EQ(Clip("ab", 5), "ab");
    EXPECT_GE(Utf8Length(Clip("\xe9\x94", 5)), 0);  // a truncated character is dropped
}

TEST(Names, UnknownSettingErrorNamesTheKeyClipped) {
    FieldError e = UnknownSettingError("records.nope");
    EXPECT_EQ(e.field, "records.nope");
    EXPECT_EQ(e.code, "unknown_field");
    EXPECT_EQ(e.message.zh, "没有设置项「records.nope」");
    EXPECT_EQ(e.message.en, "There is no setting 'records.nope'");
    EXPECT_EQ(
        UnknownSettingError(std::string(70, 'x')).message.en, "There is no setting '" + std::string(64, 'x') + "'"
    );
}

TEST(InitialPassword, PassesThePolicyAndIsRandom) {
    crypto::Init();
    std::set<std::string> seen;
    for (int i = 0; i < 200; ++i) {
        std::string pw = GenerateInitialPassword("13800000000", "wangfang@example.com");
        EXPECT_EQ(pw.size(), 12u);
        EXPECT_TRUE(auth::CheckPasswordPolicy(pw, "13800000000", "wangfang@example.com").empty()) << pw;
        EXPECT_EQ(pw.find_first_of("0O1lI"), std::string::npos) << pw;
        seen.insert(pw);
    }
    EXPECT_EQ(seen.size(), 200u);
}

}  // namespace
}  // namespace xieli::org
