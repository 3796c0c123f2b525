// Keyword search for one and two characters (records/search_index.h) against a real enterprise
// database: every short word finds exactly the records a scan of the search text with instr()
// finds — words inside the text, at its very end, in mixed case, after updates and deletes, with
// the caller's data scope and hidden fields applied — and the capped total of list answers.

#include "records/search_index.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <random>
#include <set>
#include <utility>

#include "common/crypto.h"
#include "modules/auth/auth_service.h"
#include "records/query_compiler.h"
#include "records/records_module.h"
#include "store/store.h"
#include "support/temp_dir.h"

namespace xieli::records {
namespace {

class ShortKeywordTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() { crypto::Init(); }
    void SetUp() override {
        store_ = std::make_unique<store::Store>(store::StoreOptions{dir_.path(), 2, 2000});
        store_->Open();
        auth_ = std::make_unique<auth::AuthService>(*store_, clock_, auth::AuthOptions{});
        created_ = auth_->CreateEnterprise({"检索测试公司", "管理员", "13900000001", "", "Passw0rd2026"});
        db_ = &store_->Tenant(created_.tenant_id);
        records_ = std::make_unique<RecordsModule>(clock_);
        schema_ = records_->SchemaOf(*db_);
        store::Reader r = db_->Read();
        admin_ = LoadAccessContext(*r, created_.admin_user_id);
    }

    RecordScope Scope(const AccessContext& access) { return RecordScope{*db_, schema_, access, Lang::kZh}; }

    int64_t Create(const json::object& body) {
        RecordScope s = Scope(admin_);
        return records_->service().Create(s, "customer", body).at("id").to_number<int64_t>();
    }
    void Update(int64_t id, const json::object& body) {
        RecordScope s = Scope(admin_);
        json::object patch = body;
        store::Reader r = db_->Read();
        patch["version"] = r->Query("SELECT version FROM obj_customer WHERE id = ?", {id}).front().Int(0);
        records_->service().Update(s, "customer", id, patch);
    }
    void Sql(const std::string& sql, store::Params params = {}) {
        store::Transaction tx = db_->Write();
        tx->Execute(sql, params);
        tx.Commit();
    }

    // The ids of every page of a list through RecordService::Query, in order.
    std::vector<int64_t> Pages(const AccessContext& access, QueryRequest req) {
        RecordScope s = Scope(access);
        std::vector<int64_t> ids;
        for (int page = 0; page < 100; ++page) {
            json::object answer = records_->service().Query(s, "customer", req);
            for (const json::value& rec : answer.at("records").as_array())
                ids.push_back(rec.at("id").to_number<int64_t>());
            if (answer.at("next_cursor").is_null()) break;
            req.cursor = answer.at("next_cursor").as_string();
        }
        return ids;
    }
    // Every record a query finds, page by page.
    std::set<int64_t> Found(const AccessContext& access, const std::string& q) {
        QueryRequest req;
        req.q = q;
        req.limit = 200;
        req.fields = {"name"};
        std::vector<int64_t> ids = Pages(access, req);
        return std::set<int64_t>(ids.begin(), ids.end());
    }
    // A salesperson who reads his own customers, and his team lead (his and the salesperson's).
    static std::pair<AccessContext, AccessContext> SellerAndLead(int64_t sales, int64_t lead) {
        AccessContext self;
        self.user_id = sales;
        self.permissions = json::parse(R"({"objects": {"customer": {"read": "self"}}})").as_object();
        AccessContext team = self;
        team.user_id = lead;
        team.subordinate_ids = {sales};
        return {self, team};
    }
    // What one plan's condition selects by itself (no scope, no sort).
    std::set<int64_t> Selected(const SqlFragment& condition) {
        store::Reader r = db_->Read();
        std::set<int64_t> ids;
        for (const store::Row& row : r->Query(
                 "SELECT t.id FROM obj_customer t WHERE t.deleted_at IS NULL AND " + condition.sql,
                 store::Params(condition.params)
             )) {
            ids.insert(row.Int(0));
        }
        return ids;
    }
    // What the scan of the search text finds (the rule before search_index.h), in a scope.
    std::set<int64_t> Scanned(const std::string& q, const std::string& scope_sql = "1 = 1") {
        store::Reader r = db_->Read();
        std::set<int64_t> ids;
        for (const store::Row& row : r->Query(
                 "SELECT t.id FROM obj_customer t WHERE t.deleted_at IS NULL AND " + scope_sql +
                     " AND t.id IN (SELECT rowid FROM obj_customer_fts WHERE instr(lower(search_text), lower(?)) > 0)",
                 {q}
             )) {
            ids.insert(row.Int(0));
        }
        return ids;
    }

    test_support::TempDir dir_{"xieli-search"};
    ManualClock clock_{TimePoint(std::chrono::seconds(1795000000))};
    std::unique_ptr<store::Store> store_;
    std::unique_ptr<auth::AuthService> auth_;
    std::unique_ptr<RecordsModule> records_;
    std::shared_ptr<const Schema> schema_;
    auth::CreatedEnterprise created_;
    store::Database* db_ = nullptr;
    AccessContext admin_;
};

// Random texts from a small alphabet, so that every one- and two-character word occurs often:
// inside texts, at their ends, as a whole text, across the spaces between fields, in both cases.
// "K" is the Kelvin sign, which the trigram index folds to "k" and lower() does not.
const std::vector<std::string> kAlphabet = {"华", "信", "科", "a", "B", "1", "-", " ", "K", "Ä"};

std::string RandomText(std::mt19937& rng, int max_chars) {
    std::uniform_int_distribution<int> len(1, max_chars), pick(0, static_cast<int>(kAlphabet.size()) - 1);
    std::string s;
    for (int n = len(rng); n > 0; --n) s += kAlphabet[static_cast<size_t>(pick(rng))];
    return s;
}

std::vector<std::string> ShortWords() {
    std::vector<std::string> words;
    for (const std::string& a : kAlphabet) {
        if (a != " ") words.push_back(a);
        for (const std::string& b : kAlphabet) {
            if (a != " " && b != " ") words.push_back(a + b);
        }
    }
    words.insert(words.end(), {"b", "A", "k", "ä", "Kh", "kh", "20", "无", "0", "6", "16", "21", "1-6"});
    return words;
}

TEST_F(ShortKeywordTest, FindsWhatTheScanFinds) {
    std::mt19937 rng(7);
    std::vector<int64_t> ids;
    for (int i = 0; i < 150; ++i) {
        json::object body{{"name", "名" + RandomText(rng, 6)}};
        if (i % 2) body["short_name"] = RandomText(rng, 3);
        if (i % 3) body["address"] = RandomText(rng, 5);
        // Phone numbers are searched by their digits too.
        if (i % 4 == 0) body["phone"] = (i % 8 ? "021-6" : "(021)6") + std::to_string(100 + i);
        ids.push_back(Create(body));
    }
    std::vector<std::string> words = ShortWords();
    const ObjectMeta& o = schema_->Get("customer");
    for (const std::string& w : words) {
        EXPECT_EQ(Found(admin_, w), Scanned(w)) << "word '" << w << "'";
        // The plan for common words, checking each record, selects the same records.
        EXPECT_EQ(Selected(KeywordCondition(o, w, KeywordPlan::kCheckEach)), Scanned(w)) << "each, word '" << w << "'";
    }
    // So does it for phrases without letters, against the trigram index.
    for (const char* a : {"华", "信", "1", "-"}) {
        for (const char* b : {"华", "信", "科", "1"}) {
            for (const char* c : {"信", "科", "-", " "}) {
                std::string phrase = std::string(a) + b + c;
                EXPECT_EQ(
                    Selected(KeywordCondition(o, phrase, KeywordPlan::kCheckEach)),
                    Selected(KeywordCondition(o, phrase, KeywordPlan::kList))
                ) << "phrase '"
                  << phrase << "'";
            }
        }
    }

    // Texts change at their ends, lose fields, records go to the recycle bin.
    for (size_t i = 0; i < ids.size(); i += 3) {
        json::object patch{{"address", i % 2 ? json::value(RandomText(rng, 4)) : json::value(nullptr)}};
        if (i % 5 == 0) patch["short_name"] = nullptr;
        Update(ids[i], patch);
    }
    Sql("UPDATE obj_customer SET deleted_at = '2026-11-17T00:00:00Z' WHERE id % 7 = 0");
    for (const std::string& w : words) EXPECT_EQ(Found(admin_, w), Scanned(w)) << "after updates, word '" << w << "'";
}

TEST_F(ShortKeywordTest, AWordAtTheVeryEndIsFound) {
    int64_t a = Create({{"name", "深圳领佳"}});
    int64_t b = Create({{"name", "深圳市"}, {"address", "南山区科技大厦"}});
    int64_t c = Create({{"name", "厦"}});
    EXPECT_EQ(Found(admin_, "领佳"), (std::set<int64_t>{a}));
    EXPECT_EQ(Found(admin_, "大厦"), (std::set<int64_t>{b}));
    EXPECT_EQ(Found(admin_, "厦"), (std::set<int64_t>{b, c}));
    EXPECT_EQ(Found(admin_, "佳"), (std::set<int64_t>{a}));
    Update(b, {{"address", "南山区"}});
    EXPECT_TRUE(Found(admin_, "大厦").empty());
    EXPECT_EQ(Found(admin_, "山区"), (std::set<int64_t>{b}));
}

TEST_F(ShortKeywordTest, TheDataScopeAndHiddenFieldsStillApply) {
    std::mt19937 rng(11);
    for (int i = 0; i < 60; ++i)
        Create({{"name", "名" + RandomText(rng, 5)}, {"phone", "1380013" + std::to_string(1000 + i)}});
    // A sales person who reads their own customers; half of them are theirs.
    int64_t sales = created_.admin_user_id + 1000;
    Sql("UPDATE obj_customer SET owner_id = ? WHERE id % 2 = 0", std::vector<store::Value>{sales});
    AccessContext self;
    self.user_id = sales;
    self.permissions = json::parse(R"({"objects": {"customer": {"read": "self"}}})").as_object();
    for (const std::string& w : ShortWords()) {
        EXPECT_EQ(Found(self, w), Scanned(w, "t.owner_id = " + std::to_string(sales))) << "word '" << w << "'";
    }
    // A phone number hidden from the caller does not find the record, short words included.
    AccessContext no_phone = self;
    no_phone.permissions =
        json::parse(R"({"objects": {"customer": {"read": "all"}}, "fields": {"customer": {"phone": "hidden"}}})")
            .as_object();
    EXPECT_FALSE(Scanned("80").empty());  // only in the phone numbers
    EXPECT_TRUE(Found(no_phone, "80").empty());
    EXPECT_EQ(Found(no_phone, "名"), Scanned("名"));
}

TEST_F(ShortKeywordTest, ReadingTheScopeFirstFindsWhatTheScanFinds) {
    const ObjectMeta& o = schema_->Get("customer");
    std::mt19937 rng(5);
    for (int i = 0; i < 60; ++i) Create({{"name", "名" + RandomText(rng, 5) + (i % 3 == 0 ? "室" : "")}});
    int64_t sales = created_.admin_user_id + 1000, lead = created_.admin_user_id + 1001;
    Sql("UPDATE obj_customer SET owner_id = ? WHERE id % 2 = 0", std::vector<store::Value>{sales});
    Sql("UPDATE obj_customer SET owner_id = ? WHERE id % 5 = 0", std::vector<store::Value>{lead});
    {
        // 室 ends ten thousand more texts (of no record here): its page checks record by record,
        // its count — and the scope-first plan — list its records.
        store::Transaction tx = db_->Write();
        for (int64_t id = 100001; id <= 110000; ++id) {
            tx->Execute("INSERT INTO obj_customer_fts (rowid, search_text) VALUES (?, '房室')", {id});
            WriteSearchTail(*tx, o, id, "房室");
        }
        tx.Commit();
    }
    auto [self, team] = SellerAndLead(sales, lead);
    for (const AccessContext& a : {self, team}) {
        std::string scope = a.subordinate_ids.empty() ? fmt::format("t.owner_id = {}", sales)
                                                      : fmt::format("t.owner_id IN ({}, {})", sales, lead);
        for (const std::string& w : {std::string("室"), std::string("名"), std::string("华"), std::string("信科")}) {
            std::set<int64_t> found;
            QueryRequest req;
            req.q = w;
            req.limit = 7;
            for (int page = 0; page < 100; ++page) {
                store::Reader r = db_->Read();
                CompiledQuery q = CompileQuery(o, a, req, clock_.Now(), &*r);
                ASSERT_FALSE(q.scope_first_sql.empty());
                if (w == "室") {
                    EXPECT_NE(q.scope_first_sql.find("fts_tail"), std::string::npos) << "listed";
                }
                store::Rows rows = r->Query(q.scope_first_sql, store::Params(q.scope_first_params));
                size_t id_col = 0;
                while (q.columns[id_col]->name != "id") ++id_col;
                for (size_t i = 0; i < rows.size() && i < 7; ++i) found.insert(rows[i].Int(id_col));
                if (rows.size() <= 7) break;
                req.cursor = NextCursor(q, rows[6]);
            }
            EXPECT_EQ(found, Scanned(w, scope)) << scope << " word '" << w << "'";
            if (w == "室" || w == "名") {
                EXPECT_FALSE(found.empty()) << w;  // in every scope's texts
            }
        }
    }
}

TEST_F(ShortKeywordTest, PagesReadScopeFirstAreThePagesWalked) {
    std::mt19937 rng(8);
    for (int i = 0; i < 90; ++i) Create({{"name", "名" + RandomText(rng, 4)}});
    int64_t sales = created_.admin_user_id + 1000, lead = created_.admin_user_id + 1001;
    Sql("UPDATE obj_customer SET owner_id = ? WHERE id % 3 = 0", std::vector<store::Value>{sales});
    Sql("UPDATE obj_customer SET owner_id = ? WHERE id % 7 = 0", std::vector<store::Value>{lead});
    auto [self, team] = SellerAndLead(sales, lead);
    for (const AccessContext& a : {self, team}) {
        for (const char* q : {"", "名", "a", "华信"}) {
            for (std::vector<SortKey> sort : {std::vector<SortKey>{}, std::vector<SortKey>{{"name", false}}}) {
                QueryRequest req;
                req.q = q;
                req.sort = sort;
                req.limit = 6;
                std::vector<int64_t> walked = Pages(a, req);
                records_->service().LimitPageWalk(0);
                std::vector<int64_t> scope_first = Pages(a, req);
                records_->service().LimitPageWalk(100'000);
                EXPECT_EQ(scope_first, walked) << a.user_id << " '" << q << "' " << sort.size();
                if (*q == '\0') {
                    EXPECT_GT(walked.size(), 12u);  // several pages
                }
            }
        }
    }
}

TEST_F(ShortKeywordTest, EachKindOfKeywordHasItsLookUp) {
    const ObjectMeta& o = schema_->Get("customer");
    auto sql = [&](const char* keyword, KeywordPlan plan = KeywordPlan::kList) {
        return KeywordCondition(o, keyword, plan).sql;
    };
    EXPECT_NE(sql("华信").find("obj_customer_fts_vocab"), std::string::npos);
    EXPECT_EQ(sql("华信").find("instr"), std::string::npos) << "no letters, no check against the text";
    EXPECT_NE(sql("Ab").find("obj_customer_fts_vocab"), std::string::npos);
    EXPECT_NE(sql("Ab").find("instr"), std::string::npos);
    for (const char* w : {"Ä", "ａ", "Ａ1", "Ω"}) EXPECT_EQ(sql(w).find("vocab"), std::string::npos) << w;
    EXPECT_NE(sql("华信科").find("MATCH"), std::string::npos);
    EXPECT_EQ(sql("华信科", KeywordPlan::kCheckEach).find("MATCH"), std::string::npos);
    EXPECT_NE(sql("abc", KeywordPlan::kCheckEach).find("MATCH"), std::string::npos) << "letters: the index decides";
}

TEST_F(ShortKeywordTest, CommonKeywordsAreCheckedRecordByRecord) {
    const ObjectMeta& o = schema_->Get("customer");
    {
        // Search rows alone are enough to count: 10,000 texts with 公司 ten times inside (100,000
        // occurrences), 10,000 ending in 室.
        store::Transaction tx = db_->Write();
        auto add = [&](int64_t id, const std::string& text) {
            tx->Execute("INSERT INTO obj_customer_fts (rowid, search_text) VALUES (?, ?)", {id, text});
            WriteSearchTail(*tx, o, id, text);
        };
        std::string often;
        for (int i = 0; i < 11; ++i) often += "公司";
        for (int64_t id = 1; id <= 10000; ++id) add(id, often);
        for (int64_t id = 10001; id <= 20000; ++id) add(id, "房室");
        for (int64_t id = 20001; id <= 20010; ++id) add(id, "华信科技");
        tx.Commit();
    }
    store::Reader r = db_->Read();
    auto plans = [&](const char* keyword, bool counting = true) {
        KeywordPlans p = ChooseKeywordPlans(*r, o, keyword, counting);
        return std::make_pair(p.page, p.count);
    };
    using P = KeywordPlan;
    EXPECT_EQ(plans("公司"), std::make_pair(P::kCheckEach, P::kCheckEach));
    EXPECT_EQ(plans("公司", false), std::make_pair(P::kCheckEach, P::kList)) << "no count: the page's limit only";
    EXPECT_EQ(plans("室"), std::make_pair(P::kCheckEach, P::kList)) << "at the ends of the texts: the tail";
    EXPECT_EQ(plans("司公司"), std::make_pair(P::kCheckEach, P::kList));
    for (const char* rare : {"华", "华信", "华信科技", "Ä"}) EXPECT_EQ(plans(rare), std::make_pair(P::kList, P::kList));

    // A page checks record by record while its count lists the candidates; both run.
    QueryRequest req;
    req.q = "室";
    CompiledQuery q = CompileQuery(o, admin_, req, clock_.Now(), &*r);
    EXPECT_EQ(q.sql.find("fts_tail"), std::string::npos) << q.sql;
    EXPECT_NE(q.count_sql.find("fts_tail"), std::string::npos) << q.count_sql;
    EXPECT_NO_THROW(r->Query(q.sql, store::Params(q.params)));
    EXPECT_NO_THROW(r->Query(q.count_sql, store::Params(q.count_params)));
}

TEST_F(ShortKeywordTest, ATableFromBeforeGetsItsTailFromTheSearchText) {
    int64_t a = Create({{"name", "旧表客户"}, {"address", "科技大厦"}});
    Sql("DROP TABLE obj_customer_fts_tail");
    Sql("DROP TABLE obj_customer_fts_vocab");
    RecordsModule fresh(clock_);  // a new process: syncs the tables again
    fresh.SchemaOf(*db_);
    EXPECT_EQ(Found(admin_, "大厦"), (std::set<int64_t>{a}));
    EXPECT_EQ(Found(admin_, "客户"), (std::set<int64_t>{a}));
}

TEST_F(ShortKeywordTest, TotalsAreCountedUpToTheCap) {
    {
        // Straight into the table: the count does not need search rows or history.
        store::Transaction tx = db_->Write();
        for (int64_t i = 0; i < kTotalCap + 5; ++i) {
            tx->Execute(
                "INSERT INTO obj_customer (name, level, created_at, updated_at) VALUES (?, ?, ?, ?)",
                {"客户" + std::to_string(i), i < 30 ? "a" : "c", "2026-11-17T00:00:00Z", "2026-11-17T00:00:00Z"}
            );
        }
        tx.Commit();
    }
    RecordScope s = Scope(admin_);
    QueryRequest req;
    req.limit = 5;
    json::object all = records_->service().Query(s, "customer", req);
    EXPECT_EQ(all.at("total").to_number<int64_t>(), kTotalCap);
    EXPECT_TRUE(all.at("total_capped").as_bool());

    req.filter = json::parse(R"({"field": "level", "op": "eq", "value": "a"})");
    json::object few = records_->service().Query(s, "customer", req);
    EXPECT_EQ(few.at("total").to_number<int64_t>(), 30);
    EXPECT_FALSE(few.at("total_capped").as_bool());

    req.filter = nullptr;
    req.total_cap = 0;  // exports count everything
    json::object exact = records_->service().Query(s, "customer", req);
    EXPECT_EQ(exact.at("total").to_number<int64_t>(), kTotalCap + 5);
    EXPECT_FALSE(exact.at("total_capped").as_bool());

    req.with_total = false;
    EXPECT_FALSE(records_->service().Query(s, "customer", req).contains("total"));
}

// After a field is deleted its text stops matching (audit 5 §1.3): the search text is rewritten
// from the fields left, batch by batch, and the other fields are still found.
TEST_F(ShortKeywordTest, RebuildingLeavesOutADeletedFieldsText) {
    std::vector<int64_t> ids;
    for (int i = 0; i < 3; ++i)
        ids.push_back(Create({{"name", fmt::format("重建检索公司{}", i)}, {"short_name", fmt::format("独特简称{}", i)}})
        );
    ASSERT_EQ(Found(admin_, "独特简称").size(), 3u);
    ObjectMeta remaining = schema_->Get("customer");
    std::erase_if(remaining.fields, [](const FieldMeta& f) { return f.name == "short_name"; });
    int batches = 0;
    {
        store::Transaction tx = db_->Write();
        for (int64_t after = 0; (after = RebuildSearchText(*tx, remaining, after, 2)) != 0;) ++batches;
        tx.Commit();
    }
    EXPECT_GE(batches, 2);
    EXPECT_TRUE(Found(admin_, "独特简称").empty());
    EXPECT_TRUE(Found(admin_, "称2").empty()) << "the tail of the text is rewritten too";
    EXPECT_TRUE(Scanned("独特").empty());
    EXPECT_EQ(Found(admin_, "重建检索公司"), std::set<int64_t>(ids.begin(), ids.end()));
    EXPECT_EQ(Found(admin_, "司2"), std::set<int64_t>{ids[2]});
}

}  // namespace
}  // namespace xieli::records
