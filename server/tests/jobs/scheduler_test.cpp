#include "jobs/scheduler.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "support/temp_dir.h"

namespace xieli::jobs {
namespace {

using namespace std::chrono_literals;

TimePoint At(const char* iso) {
    return *ParseIsoTime(iso);
}

TEST(ScheduleTest, CronFieldsAreChinaTime) {
    auto s = Schedule::Parse("0 2 * * *");  // 02:00 in Beijing is 18:00 UTC the day before
    ASSERT_TRUE(s);
    EXPECT_EQ(FormatUtc(s->Next(At("2026-11-23T10:00:00Z"))), "2026-11-23T18:00:00Z");
    EXPECT_EQ(FormatUtc(s->Next(At("2026-11-23T18:00:00Z"))), "2026-11-24T18:00:00Z");
}

TEST(ScheduleTest, StepsListsRangesAndWeekdays) {
    auto every15 = Schedule::Parse("*/15 * * * *");
    ASSERT_TRUE(every15);
    EXPECT_EQ(FormatUtc(every15->Next(At("2026-11-23T10:07:30Z"))), "2026-11-23T10:15:00Z");
    // 09:30 China time on weekdays; 2026-11-28 is a Saturday, so Friday's run is followed by Monday's.
    auto weekdays = Schedule::Parse("30 9 * * 1-5");
    ASSERT_TRUE(weekdays);
    EXPECT_EQ(FormatUtc(weekdays->Next(At("2026-11-27T02:00:00Z"))), "2026-11-30T01:30:00Z");
    auto monthly = Schedule::Parse("0 0 1 * *");
    ASSERT_TRUE(monthly);
    EXPECT_EQ(FormatUtc(monthly->Next(At("2026-11-23T00:00:00Z"))), "2026-11-30T16:00:00Z");
    auto sunday = Schedule::Parse("0 12 * * 7");
    ASSERT_TRUE(sunday);
    EXPECT_EQ(FormatUtc(sunday->Next(At("2026-11-23T00:00:00Z"))), "2026-11-29T04:00:00Z");
}

TEST(ScheduleTest, EveryInterval) {
    auto s = Schedule::Parse("@every 5m");
    ASSERT_TRUE(s);
    EXPECT_EQ(FormatUtc(s->Next(At("2026-11-23T10:00:07Z"))), "2026-11-23T10:05:07Z");
}

TEST(ScheduleTest, RejectsMalformedSpecs) {
    for (const char* bad :
         {"",
          "* * * *",
          "60 * * * *",
          "* 24 * * *",
          "*/0 * * * *",
          "a * * * *",
          "5-1 * * * *",
          "@every",
          "@every 5x",
          "@every -1m",
          "* * * * * *"}) {
        EXPECT_FALSE(Schedule::Parse(bad)) << bad;
    }
}

TEST(ScheduleTest, ImpossibleDateNeverFiresSoon) {
    auto s = Schedule::Parse("0 0 31 2 *");
    ASSERT_TRUE(s);
    EXPECT_GT(s->Next(At("2026-01-01T00:00:00Z")), At("2100-01-01T00:00:00Z"));
}

class SchedulerTest : public ::testing::Test {
protected:
    void SetUp() override {
        store_ = std::make_unique<store::Store>(store::StoreOptions{dir_.path(), 2, 5000});
        store_->Open();
        store::Transaction tx = store_->System().Write();
        tx->Execute("INSERT INTO tenants (id, code, name, status, created_at) VALUES (1, 't1', 'T', 'active', 'x')");
        tx.Commit();
        db_ = &store_->CreateTenant(1);
    }

    int64_t Count(const std::string& sql) {
        store::Reader r = db_->Read();
        return r->QueryValue(sql)->AsInt();
    }

    test_support::TempDir dir_{"xieli-scheduler"};
    std::unique_ptr<store::Store> store_;
    store::Database* db_ = nullptr;
    ManualClock clock_{At("2026-11-23T10:00:00Z")};
};

TEST_F(SchedulerTest, RecurringJobRunsWhenTheClockReachesItsTime) {
    Scheduler scheduler(*store_, clock_);
    int runs = 0;
    scheduler.Register("test.hourly", "0 * * * *", [&](TenantContext& t, TimePoint) {
        EXPECT_EQ(t.tenant_id, 1);
        ++runs;
    });
    EXPECT_EQ(scheduler.RunDue(), 0);
    clock_.Advance(59min);
    EXPECT_EQ(scheduler.RunDue(), 0);
    clock_.Advance(1min);
    EXPECT_EQ(scheduler.RunDue(), 1);
    EXPECT_EQ(scheduler.RunDue(), 0);  // not twice for the same slot
    // Three hours pass while nothing runs (the server was down): one catch-up run, not three.
    clock_.Advance(3h);
    EXPECT_EQ(scheduler.RunDue(), 1);
    EXPECT_EQ(runs, 2);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM job_runs WHERE status = 'succeeded'"), 2);
}

TEST_F(SchedulerTest, OneShotRunsOnceWithItsParams) {
    Scheduler scheduler(*store_, clock_);
    std::string seen;
    scheduler.RegisterOnce("test.once", [&](TenantContext& t, TimePoint) {
        seen = GetString(t.params, "who").value();
    });
    {
        store::Transaction tx = db_->Write();
        ScheduleOnce(*tx, "test.once", clock_.Now() + 10min, json::object{{"who", "张三"}});
        tx.Commit();
    }
    EXPECT_EQ(scheduler.RunDue(), 0);
    clock_.Advance(10min);
    EXPECT_EQ(scheduler.RunDue(), 1);
    EXPECT_EQ(seen, "张三");
    clock_.Advance(1h);
    EXPECT_EQ(scheduler.RunDue(), 0);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM scheduled_jobs WHERE status = 'done'"), 1);
}

TEST_F(SchedulerTest, DedupeKeyKeepsOnePendingJob) {
    store::Transaction tx = db_->Write();
    int64_t a = ScheduleOnce(*tx, "test.once", clock_.Now(), {}, "customer:1");
    int64_t b = ScheduleOnce(*tx, "test.once", clock_.Now() + 1h, {}, "customer:1");
    int64_t c = ScheduleOnce(*tx, "test.once", clock_.Now(), {}, "customer:2");
    tx.Commit();
    EXPECT_EQ(a, b);
    EXPECT_NE(a, c);
}

TEST_F(SchedulerTest, FailuresRetryWithBackoffThenGiveUp) {
    Scheduler scheduler(*store_, clock_);
    int tries = 0;
    scheduler.RegisterOnce(
        "test.flaky",
        [&](TenantContext& t, TimePoint) {
            ++tries;
            EXPECT_EQ(t.attempt, tries);
            throw std::runtime_error("gateway down");
        },
        RetryPolicy{3, 30s, 3600s}
    );
    {
        store::Transaction tx = db_->Write();
        ScheduleOnce(*tx, "test.flaky", clock_.Now(), {});
        tx.Commit();
    }
    EXPECT_EQ(scheduler.RunDue(), 1);
    clock_.Advance(29s);
    EXPECT_EQ(scheduler.RunDue(), 0);  // first retry after 30 s
    clock_.Advance(1s);
    EXPECT_EQ(scheduler.RunDue(), 1);
    clock_.Advance(59s);
    EXPECT_EQ(scheduler.RunDue(), 0);  // second retry after 60 s
    clock_.Advance(1s);
    EXPECT_EQ(scheduler.RunDue(), 1);
    clock_.Advance(24h);
    EXPECT_EQ(scheduler.RunDue(), 0);  // gave up after three attempts
    EXPECT_EQ(tries, 3);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM scheduled_jobs WHERE status = 'failed'"), 1);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM job_runs WHERE status = 'failed' AND error = 'gateway down'"), 3);
}

TEST_F(SchedulerTest, ALeaseKeepsASecondProcessOffUntilItExpires) {
    // Another process took the job and died: its lease holds the job until it runs out.
    {
        store::Transaction tx = db_->Write();
        int64_t id = ScheduleOnce(*tx, "test.once", clock_.Now(), {});
        tx->Execute(
            "UPDATE scheduled_jobs SET lease_owner = 'other', lease_until = ? WHERE id = ?",
            {FormatUtc(clock_.Now() + 5min), id}
        );
        tx->Execute(
            "INSERT INTO job_runs (job_id, name, attempt, runner, started_at, status) VALUES (?, 'test.once', 1, "
            "'other', ?, 'running')",
            {id, FormatUtc(clock_.Now())}
        );
        tx.Commit();
    }
    Scheduler scheduler(*store_, clock_);
    int runs = 0;
    scheduler.RegisterOnce("test.once", [&](TenantContext&, TimePoint) { ++runs; });
    EXPECT_EQ(scheduler.RunDue(), 0);
    clock_.Advance(5min);
    EXPECT_EQ(scheduler.RunDue(), 1);
    EXPECT_EQ(runs, 1);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM job_runs WHERE runner = 'other' AND status = 'failed'"), 1);
}

TEST_F(SchedulerTest, TwoSchedulersSharingADatabaseRunAJobOnce) {
    Scheduler a(*store_, clock_), b(*store_, clock_);
    int runs = 0;
    auto handler = [&](TenantContext&, TimePoint) { ++runs; };
    a.RegisterOnce("test.once", handler);
    b.RegisterOnce("test.once", handler);
    {
        store::Transaction tx = db_->Write();
        for (int i = 0; i < 20; ++i) ScheduleOnce(*tx, "test.once", clock_.Now(), {});
        tx.Commit();
    }
    std::thread ta([&] { a.RunDue(); });
    std::thread tb([&] { b.RunDue(); });
    ta.join();
    tb.join();
    EXPECT_EQ(runs, 20);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM job_runs"), 20);
}

TEST_F(SchedulerTest, RegisterRejectsBadSpecsAndDuplicates) {
    Scheduler scheduler(*store_, clock_);
    EXPECT_THROW(scheduler.Register("x", "not a spec", [](TenantContext&, TimePoint) {}), std::invalid_argument);
    scheduler.Register("x", "@every 1h", [](TenantContext&, TimePoint) {});
    EXPECT_THROW(scheduler.RegisterOnce("x", [](TenantContext&, TimePoint) {}), std::invalid_argument);
}

TEST_F(SchedulerTest, ThreadRunsDueJobsWhenWoken) {
    Scheduler scheduler(*store_, clock_, SchedulerOptions{300s, 3600s, 50});
    std::atomic<int> runs{0};
    scheduler.RegisterOnce("test.once", [&](TenantContext&, TimePoint) { ++runs; });
    scheduler.Start();
    {
        store::Transaction tx = db_->Write();
        ScheduleOnce(*tx, "test.once", clock_.Now(), {});
        tx.Commit();
    }
    scheduler.Wake();
    for (int i = 0; i < 500 && runs == 0; ++i) std::this_thread::sleep_for(10ms);
    scheduler.Stop();
    EXPECT_EQ(runs, 1);
}

TEST_F(SchedulerTest, ARunKeepsItsHandlersResult) {
    Scheduler scheduler(*store_, clock_);
    scheduler.Register("test.counts", "@every 1h", [](TenantContext&, TimePoint) {
        return JobResult{{"purged", 12}, {"kept_referenced", 1}};
    });
    scheduler.Register("test.quiet", "@every 1h", [](TenantContext&, TimePoint) {});
    scheduler.Register("test.empty", "@every 1h", [](TenantContext&, TimePoint) { return JobResult{}; });
    EXPECT_EQ(scheduler.RunDue(), 0);  // an hour from now
    clock_.Advance(1h);
    EXPECT_EQ(scheduler.RunDue(), 3);
    store::Reader r = db_->Read();
    auto result = [&](const char* name) {
        return r->QueryValue("SELECT COALESCE(result, 'NULL') FROM job_runs WHERE name = ?", {name})
            .value_or(store::Value("no run"))
            .AsText();
    };
    EXPECT_EQ(result("test.counts"), R"({"purged":12,"kept_referenced":1})");
    EXPECT_EQ(result("test.quiet"), "NULL");  // a void handler has nothing to say
    EXPECT_EQ(result("test.empty"), "NULL");
}

TEST_F(SchedulerTest, AFailedRunKeepsItsErrorAndNoResult) {
    Scheduler scheduler(*store_, clock_);
    scheduler.RegisterOnce(
        "test.half",
        [](TenantContext&, TimePoint) -> JobResult {
            JobResult partial{{"sent", 2}};
            if (!partial.empty()) throw std::runtime_error("mail server gone");
            return partial;
        },
        RetryPolicy{1, 30s, 30s}
    );
    {
        store::Transaction tx = db_->Write();
        ScheduleOnce(*tx, "test.half", clock_.Now(), {});
        tx.Commit();
    }
    EXPECT_EQ(scheduler.RunDue(), 1);
    store::Reader r = db_->Read();
    store::Rows rows = r->Query("SELECT status, error, result FROM job_runs WHERE name = 'test.half'");
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows.front().Text(0), "failed");
    EXPECT_EQ(rows.front().Text(1), "mail server gone");
    EXPECT_TRUE(rows.front().IsNull(2));
}

}  // namespace
}  // namespace xieli::jobs
