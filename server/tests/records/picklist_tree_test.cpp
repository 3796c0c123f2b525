// Picklist options in a tree (an option's parent is another option of the same picklist): the
// data dictionary refuses unknown parents, loops and chains too deep, keeps parents of options it
// disables, and the filter operator "under" matches an option with everything below it.

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <tuple>

#include "common/crypto.h"
#include "common/error.h"
#include "records/picklist_editor.h"
#include "records/query_compiler.h"
#include "store/migrations.h"
#include "store/sqlite/sqlite_database.h"
#include "support/temp_dir.h"
#include "support/test_object.h"

namespace xieli::records {
namespace {

TimePoint Now() {
    return *ParseIsoTime("2026-11-24T02:00:00Z");
}

std::string ErrorCodeOf(const std::function<void()>& f) {
    try {
        f();
    } catch (const Error& e) {
        return e.details().empty() ? std::string(ToCodeString(e.code())) : e.details()[0].code;
    }
    return "no error";
}

ObjectMeta Products() {
    ObjectMeta o;
    o.name = "item";
    o.table = "obj_item";
    o.fields = SystemFields();
    FieldMeta name;
    name.name = name.column = "name";
    name.label = {"名称", "Name"};
    o.fields.push_back(name);
    FieldMeta category;
    category.name = category.column = "category";
    category.type = FieldType::kSelect;
    category.picklist = "cat";
    category.label = {"分类", "Category"};
    o.fields.push_back(category);
    return o;
}

class PicklistTreeTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() { crypto::Init(); }
    void SetUp() override {
        db_ = store::OpenSqliteDatabase(dir_.path() / "t.db", 1, 2000);
        store::ApplyMigrations(*db_, store::MigrationsFor("tenant"));
        store::Transaction tx = db_->Write();
        // 软件 (o1) → 标准版 (o3) → 云 (o4); 硬件 (o2).
        CreatePicklist(
            *tx, json::parse(R"({"name":"cat","label":"分类","options":["软件","硬件"]})").as_object(), Now()
        );
        Update(
            *tx, R"([{"value":"o1","label":"软件"},{"value":"o2","label":"硬件"},{"label":"标准版","parent":"o1"}])"
        );
        Update(
            *tx,
            R"([{"value":"o1","label":"软件"},{"value":"o2","label":"硬件"},{"value":"o3","label":"标准版","parent":"o1"},
                {"label":"云","parent":"o3"}])"
        );
        tx->ExecuteScript(
            "CREATE TABLE obj_item (id INTEGER PRIMARY KEY, owner_id INTEGER, department_id INTEGER, created_by "
            "INTEGER, created_at TEXT NOT NULL DEFAULT '', updated_by INTEGER, updated_at TEXT NOT NULL DEFAULT '', "
            "version INTEGER NOT NULL DEFAULT 1, deleted_at TEXT, name TEXT, category TEXT);"
            "INSERT INTO obj_item (id, name, category) VALUES (1, 'a', 'o1'), (2, 'b', 'o3'), (3, 'c', 'o4'), "
            "(4, 'd', 'o2'), (5, 'e', NULL);"
        );
        tx.Commit();
    }
    static json::object Update(store::Connection& tx, const char* options) {
        json::object body{{"options", json::parse(options)}};
        return UpdatePicklist(tx, "cat", body);
    }
    std::vector<int64_t> Under(const char* value) {
        QueryRequest q;
        q.filter = json::object{{"field", "category"}, {"op", "under"}, {"value", value}};
        q.sort = {{"id", false}};
        q.limit = 100;
        CompiledQuery c = CompileQuery(object_, test_support::AdminAccess(), q, Now());
        store::Reader r = db_->Read();
        std::vector<int64_t> ids;
        for (const store::Row& row : r->Query(c.sql, store::Params(c.params))) ids.push_back(row.Int(0));
        return ids;
    }

    test_support::TempDir dir_{"xieli-picklist-tree"};
    std::unique_ptr<store::Database> db_;
    ObjectMeta object_ = Products();
};

TEST_F(PicklistTreeTest, ReadingGivesEachOptionItsParent) {
    store::Reader r = db_->Read();
    json::object p = ReadPicklist(*r, "cat");
    std::vector<std::pair<std::string, std::string>> got;
    for (const json::value& o : p["options"].as_array()) {
        const json::value& parent = o.as_object().at("parent");
        got.emplace_back(o.as_object().at("value").as_string(), parent.is_null() ? "" : parent.as_string().c_str());
    }
    EXPECT_EQ(
        got, (std::vector<std::pair<std::string, std::string>>{{"o1", ""}, {"o2", ""}, {"o3", "o1"}, {"o4", "o3"}})
    );
}

TEST_F(PicklistTreeTest, UnderMatchesTheSubtreeAndEqStaysExact) {
    EXPECT_EQ(Under("o1"), (std::vector<int64_t>{1, 2, 3}));
    EXPECT_EQ(Under("o3"), (std::vector<int64_t>{2, 3}));
    EXPECT_EQ(Under("o2"), (std::vector<int64_t>{4}));
    EXPECT_EQ(Under("o9"), (std::vector<int64_t>{}));
}

TEST_F(PicklistTreeTest, UnderIsOnlyForSelectFields) {
    QueryRequest q;
    q.filter = json::parse(R"({"field":"name","op":"under","value":"a"})");
    EXPECT_EQ(
        ErrorCodeOf([&] { CompileQuery(object_, test_support::AdminAccess(), q, Now()); }), "unsupported_operator"
    );
}

TEST_F(PicklistTreeTest, UnknownParentsLoopsAndDeepChainsAreRefused) {
    store::Transaction tx = db_->Write();
    const char* all =
        R"({"value":"o2","label":"硬件"},{"value":"o3","label":"标准版","parent":"o1"},{"value":"o4","label":"云","parent":"o3"})";
    EXPECT_EQ(
        ErrorCodeOf([&] {
            Update(
                *tx,
                (std::string("[{\"value\":\"o1\",\"label\":\"软件\"},") + all +
                 ",{\"label\":\"x\",\"parent\":\"nope\"}]")
                    .c_str()
            );
        }),
        "unknown_parent"
    );
    EXPECT_EQ(
        ErrorCodeOf([&] {
            Update(*tx, (std::string("[{\"value\":\"o1\",\"label\":\"软件\",\"parent\":\"o4\"},") + all + "]").c_str());
        }),
        "cycle"
    );
    EXPECT_EQ(
        ErrorCodeOf([&] {
            Update(*tx, (std::string("[{\"value\":\"o1\",\"label\":\"软件\",\"parent\":\"o1\"},") + all + "]").c_str());
        }),
        "cycle"
    );
    // L1 → L2 → … : six levels are fine, a seventh is deeper than the limit.
    tx->Execute("DELETE FROM picklist_options WHERE picklist = 'cat'");
    std::string chain = "[";
    for (int level = 1; level <= 7; ++level) {
        tx->Execute(
            "INSERT INTO picklist_options (picklist, value, label_zh, label_en, sort_order, parent) VALUES "
            "('cat', ?, ?, ?, ?, ?)",
            {fmt::format("d{}", level),
             fmt::format("L{}", level),
             fmt::format("L{}", level),
             level,
             level == 1 ? store::Value() : store::Value(fmt::format("d{}", level - 1))}
        );
        chain += fmt::format(
            R"({}{{"value":"d{}","label":"L{}"{}}})",
            level == 1 ? "" : ",",
            level,
            level,
            level == 1 ? "" : fmt::format(R"(,"parent":"d{}")", level - 1)
        );
        if (level == 6) {
            EXPECT_EQ(ErrorCodeOf([&] { Update(*tx, (chain + "]").c_str()); }), "no error");
        }
    }
    EXPECT_EQ(ErrorCodeOf([&] { Update(*tx, (chain + "]").c_str()); }), "cycle");
}

TEST_F(PicklistTreeTest, OptionsLeftOutAreDisabledAndKeepTheirParent) {
    store::Transaction tx = db_->Write();
    json::object p = Update(*tx, R"([{"value":"o1","label":"软件"},{"value":"o2","label":"硬件"}])");
    for (const json::value& o : p["options"].as_array()) {
        const json::object& opt = o.as_object();
        if (opt.at("value").as_string() == "o4") {
            EXPECT_TRUE(opt.at("disabled").as_bool());
            EXPECT_EQ(opt.at("parent").as_string(), "o3");
        }
    }
    tx.Commit();
    EXPECT_EQ(Under("o1"), (std::vector<int64_t>{1, 2, 3}));
}

// An entry with a value changes only what it carries: leaving out label_en (or label) keeps the
// saved one instead of copying the Chinese label over the English one (audit 5 §2.1, §2.2).
TEST_F(PicklistTreeTest, AnEntryWithAValueKeepsTheLabelsItLeavesOut) {
    store::Transaction tx = db_->Write();
    Update(
        *tx,
        R"([{"value":"o1","label":"软件","label_en":"Software"},{"value":"o2","label":"硬件","label_en":"Hardware"}])"
    );
    json::object p =
        Update(*tx, R"([{"value":"o1","label":"软件产品"},{"value":"o2","disabled":true},{"label":"服务"}])");
    std::map<std::string, std::tuple<std::string, std::string, bool>> got;
    for (const json::value& o : p["options"].as_array()) {
        const json::object& opt = o.as_object();
        got[std::string(opt.at("value").as_string())] = {
            std::string(opt.at("label").as_string()),
            std::string(opt.at("label_en").as_string()),
            opt.at("disabled").as_bool()};
    }
    EXPECT_EQ(got["o1"], std::make_tuple(std::string("软件产品"), std::string("Software"), false));
    EXPECT_EQ(got["o2"], std::make_tuple(std::string("硬件"), std::string("Hardware"), true));
    EXPECT_EQ(got["o5"], std::make_tuple(std::string("服务"), std::string("服务"), false));
    // A new option still needs a label.
    EXPECT_EQ(ErrorCodeOf([&] { Update(*tx, R"([{"value":"o1"},{"label_en":"No label"}])"); }), "required");
}

}  // namespace
}  // namespace xieli::records
