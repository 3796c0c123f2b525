#include "modules/data_io/jobs.h"

#include <gtest/gtest.h>

#include <fstream>

#include "common/error.h"
#include "store/store.h"
#include "support/temp_dir.h"

namespace xieli::data_io {
namespace {

class JobsTest : public ::testing::Test {
protected:
    JobsTest() : store_({dir_.path(), 2, 5000}) {
        store_.Open();
        db_ = &store_.CreateTenant(1);
    }

    JobRecord Load(int64_t id) {
        store::Reader r = db_->Read();
        return *LoadJob(*r, id);
    }

    test_support::TempDir dir_{"xieli-jobs"};
    store::Store store_;
    store::Database* db_ = nullptr;
    SystemClock clock_;
};

TEST_F(JobsTest, RunsJobsAndRecordsResultsAndFailures) {
    JobRunner runner(store_, clock_, {dir_.path(), 2});
    runner.Register("export", [](JobContext& ctx) {
        for (int i = 1; i <= 4; ++i) ctx.SetProgress(i, 4);
        std::filesystem::path p = ctx.FilePath("out.csv");
        std::ofstream(p) << "a,b\r\n";
        ctx.SetFile(p, "客户_20261124.csv", "text/csv");
        return json::object{{"rows", 4}, {"echo", ctx.job().params.at("x")}};
    });
    runner.Register("import", [](JobContext&) -> json::object {
        throw Error(ErrorCode::kForbidden, {"没有权限", "Not allowed"});
    });
    runner.Start();
    JobRecord a = runner.Submit(1, *db_, 5, "export", "customer", json::object{{"x", 1}});
    JobRecord b = runner.Submit(1, *db_, 5, "import", "customer", {});
    JobRecord c = runner.Submit(1, *db_, 5, "nonsense", "customer", {});
    EXPECT_EQ(a.status, "queued");
    runner.WaitIdle();

    JobRecord done = Load(a.id);
    EXPECT_EQ(done.status, "done");
    EXPECT_EQ(done.done, 4);
    EXPECT_EQ(done.total, 4);
    EXPECT_EQ(done.result.at("echo"), 1);
    EXPECT_EQ(done.file_name, "客户_20261124.csv");
    EXPECT_EQ(done.file_path, "jobs/1/" + std::to_string(a.id) + "-out.csv");
    EXPECT_FALSE(done.finished_at.empty());
    json::object j = JobToJson(done, Lang::kZh);
    EXPECT_EQ(j.at("kind"), "export");
    EXPECT_EQ(j.at("progress").at("done"), 4);
    EXPECT_FALSE(j.contains("error"));

    JobRecord refused = Load(b.id);
    EXPECT_EQ(refused.status, "failed");
    EXPECT_EQ(refused.error_code, "forbidden");
    EXPECT_EQ(JobToJson(refused, Lang::kEn).at("error").at("message"), "Not allowed");

    JobRecord broken = Load(c.id);
    EXPECT_EQ(broken.status, "failed");
    EXPECT_EQ(broken.error_code, "failed");  // an internal failure shows no internals

    store::Reader r = db_->Read();
    EXPECT_EQ(ListJobs(*r, 5, "", 10).size(), 3u);
    EXPECT_EQ(ListJobs(*r, 5, "import", 10).size(), 1u);
    EXPECT_EQ(ListJobs(*r, 6, "", 10).size(), 0u);
    EXPECT_EQ(ListJobs(*r, 5, "", 10).front().id, c.id);  // newest first
}

TEST_F(JobsTest, JobsOfAnEarlierProcessAreMarkedFailed) {
    {
        store::Transaction tx = db_->Write();
        tx->Execute(
            "INSERT INTO background_jobs (kind, object, status, params, runner, created_by, created_at) VALUES "
            "('import', 'customer', 'running', '{}', 'old', 5, '2026-01-01T00:00:00Z'), "
            "('export', 'customer', 'queued', '{}', 'old', 5, '2026-01-01T00:00:00Z'), "
            "('export', 'customer', 'done', '{}', 'old', 5, '2026-01-01T00:00:00Z')"
        );
        tx.Commit();
    }
    JobRunner runner(store_, clock_, {dir_.path(), 1});
    runner.Recover(1, *db_);
    EXPECT_EQ(Load(1).status, "failed");
    EXPECT_EQ(Load(1).error_code, "interrupted");
    EXPECT_EQ(Load(2).status, "failed");
    EXPECT_EQ(Load(3).status, "done");
    // This process's own jobs are left alone.
    JobRecord mine = runner.Submit(1, *db_, 5, "export", "customer", {});
    {
        store::Transaction tx = db_->Write();
        EXPECT_EQ(FailOrphanedJobs(*tx, runner.runner_id(), clock_.Now()), 0);
        tx.Commit();
    }
    EXPECT_EQ(Load(mine.id).status, "queued");
}

TEST_F(JobsTest, SweepDeletesOldFilesOnly) {
    JobRunner runner(store_, clock_, {dir_.path(), 1, std::chrono::seconds(3600)});
    std::filesystem::path dir = TenantDir(dir_.path(), "jobs", 1);
    std::filesystem::path old_file = dir / "1-export.csv", new_file = dir / "2-export.csv";
    std::ofstream(old_file) << "x";
    std::ofstream(new_file) << "y";
    std::filesystem::last_write_time(old_file, std::filesystem::file_time_type::clock::now() - std::chrono::hours(2));
    runner.Sweep();
    EXPECT_FALSE(std::filesystem::exists(old_file));
    EXPECT_TRUE(std::filesystem::exists(new_file));
}

TEST_F(JobsTest, StopRefusesNewJobs) {
    JobRunner runner(store_, clock_, {dir_.path(), 1});
    runner.Start();
    runner.Stop();
    runner.Stop();  // twice is harmless
    EXPECT_THROW(runner.Submit(1, *db_, 5, "export", "customer", {}), Error);
}

}  // namespace
}  // namespace xieli::data_io
