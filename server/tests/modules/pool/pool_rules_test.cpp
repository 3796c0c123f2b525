// The public pool and reminder rules against a real enterprise database, with a manual clock:
// pool settings validation, which pools a department reaches, the automatic return with its advance
// notice, and reminders sent once per event.

#include <gtest/gtest.h>

#include <optional>

#include "common/crypto.h"
#include "common/error.h"
#include "modules/auth/auth_service.h"
#include "modules/pool/auto_return.h"
#include "modules/pool/demo_pool.h"
#include "modules/pool/pool_access.h"
#include "modules/pool/pool_notices.h"
#include "modules/pool/pool_repository.h"
#include "modules/pool/reminder_rules.h"
#include "records/records_module.h"
#include "store/store.h"
#include "support/enterprise_store.h"

namespace xieli::pool {
namespace {

using std::chrono::hours;

class PoolRulesTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        crypto::Init();
        RegisterNotificationKinds();
    }
    void SetUp() override {
        env_.emplace(clock_, auth::EnterpriseOwner{"公海测试公司", "管理员", "13900000001", "", "Passw0rd2026"});
        store_ = &env_->store();
        auth_ = &env_->auth();
        created_ = env_->created();
        db_ = &store_->Tenant(created_.tenant_id);
        records_ = std::make_unique<records::RecordsModule>(clock_);
        schema_ = records_->SchemaOf(*db_);
    }
    void TearDown() override {
        records_.reset();
        env_.reset();
    }

    int64_t AddDepartment(const char* name, int64_t parent) {
        store::Transaction tx = db_->Write();
        std::string ts = FormatUtc(clock_.Now());
        int64_t id = tx->Query(
                           "INSERT INTO departments (parent_id, name, created_at, updated_at) VALUES (?, ?, ?, ?) "
                           "RETURNING id",
                           {parent, name, ts, ts}
        )
                         .front()
                         .Int(0);
        tx.Commit();
        return id;
    }
    int64_t AddCustomer(const char* name) {
        store::Reader r = db_->Read();
        records::RecordScope s{*db_, schema_, records::LoadAccessContext(*r, created_.admin_user_id), Lang::kZh};
        return records_->service().Create(s, "customer", json::object{{"name", name}}).at("id").to_number<int64_t>();
    }
    int64_t AddPool(const json::object& body) {
        store::Transaction tx = db_->Write();
        int64_t id = InsertPool(*tx, ApplyPoolBody(*tx, PoolSettings{}, body), created_.admin_user_id, clock_.Now());
        tx.Commit();
        return id;
    }
    AutoReturnReport AutoReturn() {
        store::Transaction tx = db_->Write();
        AutoReturnReport report = RunPoolAutoReturn(*tx, *schema_, clock_.Now());
        tx.Commit();
        return report;
    }
    int64_t Count(const std::string& sql) {
        store::Reader r = db_->Read();
        return r->Query(sql).front().Int(0);
    }
    store::Row Customer(int64_t id) {
        store::Reader r = db_->Read();
        return r
            ->Query("SELECT owner_id, pool_id, previous_owner_id, return_reason FROM obj_customer WHERE id = ?", {id})
            .front();
    }

    ManualClock clock_{TimePoint(std::chrono::seconds(1795000000))};  // 2026-11-17
    std::optional<test_support::EnterpriseStore> env_;
    store::Store* store_ = nullptr;
    auth::AuthService* auth_ = nullptr;
    std::unique_ptr<records::RecordsModule> records_;
    std::shared_ptr<const records::Schema> schema_;
    auth::CreatedEnterprise created_;
    store::Database* db_ = nullptr;
};

std::vector<std::string> FailedFields(const std::function<void()>& f) {
    try {
        f();
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::kValidationFailed);
        std::vector<std::string> out;
        for (const FieldError& d : e.details()) out.push_back(d.field);
        return out;
    }
    return {};
}

TEST_F(PoolRulesTest, EveryEnterpriseStartsWithOnePoolOpenToAll) {
    store::Reader r = db_->Read();
    std::vector<PoolRow> pools = ListPools(*r);
    ASSERT_EQ(pools.size(), 1u);
    EXPECT_EQ(pools[0].settings.name, "公海");
    EXPECT_TRUE(pools[0].settings.all_departments);
    EXPECT_TRUE(r->QueryValue("SELECT 1 FROM picklist_options WHERE picklist = 'pool_return_reason' AND value = 'auto'")
    );
}

TEST_F(PoolRulesTest, SettingsAreValidatedTogether) {
    store::Reader r = db_->Read();
    auto apply = [&](const char* text) {
        return [&r, text] { ApplyPoolBody(*r, PoolSettings{}, json::parse(text).as_object()); };
    };
    EXPECT_EQ(FailedFields(apply(R"({"all_departments": true})")), std::vector<std::string>{"name"});
    EXPECT_EQ(FailedFields(apply(R"({"name": "甲"})")), std::vector<std::string>{"department_ids"});
    EXPECT_EQ(
        FailedFields(apply(R"({"name": "甲", "all_departments": true, "claim_limit": -1, "cooldown_days": 4000,
                               "notice_days": "x", "odd": 1})")),
        (std::vector<std::string>{"odd", "claim_limit", "cooldown_days", "notice_days"})
    );
    EXPECT_EQ(
        FailedFields(apply(R"({"name": "甲", "department_ids": [424242]})")), std::vector<std::string>{"department_ids"}
    );
    PoolSettings ok = ApplyPoolBody(
        *r, PoolSettings{}, json::parse(R"({"name": " 甲 ", "all_departments": true, "no_deal_days": 30})").as_object()
    );
    EXPECT_EQ(ok.name, "甲");
    EXPECT_EQ(ok.no_deal_days, 30);
}

TEST_F(PoolRulesTest, APoolOpenToADepartmentReachesTheDepartmentsBelow) {
    int64_t east = AddDepartment("华东", created_.root_department_id);
    int64_t shanghai = AddDepartment("上海", east);
    int64_t west = AddDepartment("华西", created_.root_department_id);
    int64_t pool = AddPool(json::object{{"name", "华东公海"}, {"department_ids", json::array{east}}});
    store::Reader r = db_->Read();
    std::vector<int64_t> all{1, pool};  // 1: the pool every enterprise starts with
    EXPECT_EQ(PoolsOpenTo(*r, {shanghai}), all);
    EXPECT_EQ(PoolsOpenTo(*r, {east}), all);
    EXPECT_EQ(PoolsOpenTo(*r, {west}), std::vector<int64_t>{1});
    EXPECT_EQ(PoolsOpenTo(*r, {}), std::vector<int64_t>{1});
}

TEST_F(PoolRulesTest, IdleCustomersReturnAfterNDaysWithOneNoticeAhead) {
    {
        store::Transaction tx = db_->Write();
        PoolRow p = *FindPool(*tx, 1);
        p.settings.no_followup_days = 3;
        p.settings.notice_days = 1;
        UpdatePool(*tx, 1, p.settings, clock_.Now());
        tx.Commit();
    }
    int64_t id = AddCustomer("自动收回测试");
    int64_t deal = AddCustomer("跟进中的客户");

    clock_.Advance(hours(24));
    EXPECT_EQ(AutoReturn().returned, 0);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM notifications"), 0);

    clock_.Advance(hours(25));  // 2 days 1 hour: inside the notice day
    AutoReturnReport report = AutoReturn();
    EXPECT_EQ(report.returned, 0);
    EXPECT_EQ(report.notices, 2);
    EXPECT_EQ(AutoReturn().notices, 0) << "told once, not on every run";
    EXPECT_EQ(Count("SELECT COUNT(*) FROM notifications WHERE kind = 'pool.return_coming'"), 2);

    // A follow-up restarts one customer's clock.
    {
        store::Transaction tx = db_->Write();
        tx->Execute("UPDATE obj_customer SET last_followup_at = ? WHERE id = ?", {FormatUtc(clock_.Now()), deal});
        tx.Commit();
    }
    clock_.Advance(hours(24));  // 3 days 1 hour
    report = AutoReturn();
    EXPECT_EQ(report.returned, 1);
    store::Row c = Customer(id);
    EXPECT_TRUE(c.IsNull(0));
    EXPECT_EQ(c.Int(1), 1);
    EXPECT_EQ(c.Int(2), created_.admin_user_id);
    EXPECT_EQ(c.Text(3), "auto");
    EXPECT_FALSE(Customer(deal).IsNull(0));
    EXPECT_EQ(AutoReturn().returned, 0) << "nothing is returned twice";
    EXPECT_EQ(Count("SELECT COUNT(*) FROM notifications WHERE kind = 'pool.auto_returned'"), 1);
    EXPECT_EQ(
        Count("SELECT COUNT(*) FROM field_history WHERE object = 'customer' AND field = 'owner_id' AND actor_id IS NULL"
        ),
        1
    );
}

TEST_F(PoolRulesTest, ACustomerWithADealStaysWhenOnlyTheDealRuleIsOn) {
    {
        store::Transaction tx = db_->Write();
        PoolRow p = *FindPool(*tx, 1);
        p.settings.no_deal_days = 2;
        UpdatePool(*tx, 1, p.settings, clock_.Now());
        tx.Commit();
    }
    int64_t open = AddCustomer("未成交客户");
    int64_t closed = AddCustomer("已成交客户");
    {
        store::Transaction tx = db_->Write();
        tx->Execute("UPDATE obj_customer SET status = 'deal' WHERE id = ?", {closed});
        tx.Commit();
    }
    clock_.Advance(hours(49));
    EXPECT_EQ(AutoReturn().returned, 1);
    EXPECT_TRUE(Customer(open).IsNull(0));
    EXPECT_FALSE(Customer(closed).IsNull(0));
}

TEST_F(PoolRulesTest, ARemindersEventIsRemindedOnce) {
    ReminderRule rule = ApplyReminderRuleBody(
        ReminderRule{}, json::parse(R"({"name": "2 天未跟进", "kind": "customer_no_followup", "days": 2})").as_object()
    );
    {
        store::Transaction tx = db_->Write();
        rule.id = InsertReminderRule(*tx, rule, created_.admin_user_id, clock_.Now());
        tx.Commit();
    }
    int64_t id = AddCustomer("提醒测试");
    auto run = [&] {
        store::Transaction tx = db_->Write();
        int64_t fired = RunReminderRule(*tx, *schema_, rule, clock_.Now());
        tx.Commit();
        return fired;
    };
    EXPECT_EQ(run(), 0);
    clock_.Advance(hours(49));
    EXPECT_EQ(run(), 1);
    EXPECT_EQ(run(), 0);
    clock_.Advance(hours(24));
    EXPECT_EQ(run(), 0) << "still the same event";
    {
        store::Transaction tx = db_->Write();
        tx->Execute("UPDATE obj_customer SET last_followup_at = ? WHERE id = ?", {FormatUtc(clock_.Now()), id});
        tx.Commit();
    }
    clock_.Advance(hours(49));
    EXPECT_EQ(run(), 1) << "a follow-up starts a new event";
    EXPECT_EQ(Count("SELECT COUNT(*) FROM notifications WHERE kind = 'reminder'"), 2);
}

TEST_F(PoolRulesTest, TheDemoPoolIsSeededOnceAndOnlyForTheDemoEnterprise) {
    SeedDemoPool(*store_, *records_, clock_);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM obj_customer"), 0) << "not the demo enterprise";

    auth::CreatedEnterprise demo =
        auth_->CreateEnterprise({"示例企业", "管理员", "13900000002", "", "Passw0rd2026"}, "demo");
    SeedDemoPool(*store_, *records_, clock_);
    SeedDemoPool(*store_, *records_, clock_);
    store::Reader r = store_->Tenant(demo.tenant_id).Read();
    EXPECT_EQ(r->Query("SELECT COUNT(*) FROM obj_customer WHERE owner_id IS NULL AND pool_id = 1").front().Int(0), 4);
    EXPECT_EQ(r->Query("SELECT COUNT(*) FROM obj_customer").front().Int(0), 4);
    EXPECT_EQ(
        r->Query("SELECT COUNT(*) FROM field_history WHERE object = 'customer' AND field = 'pool_id'").front().Int(0), 4
    );
}

TEST(ReminderRuleBody, NamesEveryProblem) {
    EXPECT_EQ(
        FailedFields([] { ApplyReminderRuleBody(ReminderRule{}, json::object{}); }),
        (std::vector<std::string>{"name", "kind", "days"})
    );
    EXPECT_EQ(
        FailedFields([] {
            ApplyReminderRuleBody(
                ReminderRule{}, json::parse(R"({"name": "x", "kind": "rain", "days": 9999, "x": 1})").as_object()
            );
        }),
        (std::vector<std::string>{"x", "kind", "days"})
    );
    EXPECT_EQ(
        FailedFields([] {
            ApplyReminderRuleBody(
                ReminderRule{}, json::parse(R"({"name": "x", "kind": "customer_no_deal", "days": 0})").as_object()
            );
        }),
        std::vector<std::string>{"days"}
    );
    ReminderRule ok = ApplyReminderRuleBody(
        ReminderRule{}, json::parse(R"({"name": "x", "kind": "payment_overdue", "days": 0})").as_object()
    );
    EXPECT_EQ(ok.kind, "payment_overdue");
    EXPECT_TRUE(ok.enabled);
}

}  // namespace
}  // namespace xieli::pool
