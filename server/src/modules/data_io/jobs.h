#pragma once

// Background jobs: work too long for a request (record imports and exports) runs on a few threads
// of its own, never on the HTTP workers. A job is a row of its enterprise's background_jobs table
// (queued → running → done | failed) that clients poll with GET /api/v1/jobs/{id}; its file (an
// export, an import's error list) is kept under the data directory for a day.
//
// Each process has a runner id. A job still queued or running under another id was cut off by a
// restart or a crash: it is marked failed the first time its enterprise is touched by the jobs
// endpoints after the restart (Recover), which costs nothing at start-up however many enterprises
// there are. Timed, repeating work (issue 7's scheduler) is not this; it may reuse the runner.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "common/clock.h"
#include "common/json.h"
#include "common/text.h"
#include "store/database.h"
#include "store/store.h"

namespace xieli::data_io {

// A row of background_jobs.
struct JobRecord {
    int64_t id = 0;
    std::string kind;    // export | import
    std::string object;  // the records' object
    std::string status;  // queued | running | done | failed
    json::object params;
    int64_t done = 0;
    int64_t total = 0;
    json::object result;
    std::string error_code;
    Text error;
    std::string file_path;  // relative to the data directory
    std::string file_name;
    std::string file_type;
    std::string runner;
    int64_t created_by = 0;
    std::string created_at;
    std::string started_at;
    std::string finished_at;
};

std::optional<JobRecord> LoadJob(store::Connection& conn, int64_t id);
// The user's newest jobs, of one kind when `kind` is not empty.
std::vector<JobRecord> ListJobs(store::Connection& conn, int64_t user_id, std::string_view kind, int limit);
// {"id","kind","object","status","progress":{"done","total"},"created_at","finished_at","result","error"?}
json::object JobToJson(const JobRecord& job, Lang lang);
// Marks every job queued or running under another runner than `runner` failed; returns how many.
int64_t FailOrphanedJobs(store::Connection& conn, std::string_view runner, TimePoint now);

class JobRunner;

// What a job's work sees while it runs.
class JobContext {
public:
    JobContext(JobRecord job, int64_t tenant_id, store::Database& db, const JobRunner& runner)
        : job_(std::move(job)), tenant_id_(tenant_id), db_(db), runner_(runner) {}

    const JobRecord& job() const { return job_; }
    int64_t tenant_id() const { return tenant_id_; }
    store::Database& db() const { return db_; }
    TimePoint Now() const;

    // Progress for pollers, written at most twice a second in a transaction of its own (and always
    // when done reaches total).
    void SetProgress(int64_t done, int64_t total);
    // The same inside a write transaction the work holds (committed with the work's rows).
    void SetProgressIn(store::Connection& tx, int64_t done, int64_t total);
    // True once the server is stopping: the work should give up (throw) at its next safe point.
    bool Stopping() const;
    // Where this job may write a file: <data>/jobs/<tenant>/<job id>-<suffix>; the folder exists.
    std::filesystem::path FilePath(std::string_view suffix) const;
    // The file GET /jobs/{id}/file (or /errors) serves, recorded when the job finishes.
    void SetFile(const std::filesystem::path& path, std::string name, std::string type);

    const std::optional<std::filesystem::path>& file_path() const { return file_path_; }
    // Every path FilePath() handed out (removed when the job fails).
    const std::vector<std::filesystem::path>& written() const { return written_; }
    const std::string& file_name() const { return file_name_; }
    const std::string& file_type() const { return file_type_; }

private:
    JobRecord job_;
    int64_t tenant_id_;
    store::Database& db_;
    const JobRunner& runner_;
    std::chrono::steady_clock::time_point last_progress_{};
    std::optional<std::filesystem::path> file_path_;
    mutable std::vector<std::filesystem::path> written_;
    std::string file_name_;
    std::string file_type_;
};

// The work of one kind of job: returns the job's result, or throws (an Error's message is shown
// to the user; anything else is logged and shown as an internal failure).
using JobWork = std::function<json::object(JobContext&)>;

struct JobRunnerOptions {
    std::filesystem::path data_dir;
    int threads = 2;
    std::chrono::seconds keep_files{24 * 3600};  // job files and uploads older than this are deleted
    std::chrono::seconds sweep_every{600};
};

class JobRunner {
public:
    JobRunner(store::Store& store, const Clock& clock, JobRunnerOptions options);
    ~JobRunner();
    JobRunner(const JobRunner&) = delete;
    JobRunner& operator=(const JobRunner&) = delete;

    // Before Start().
    void Register(std::string kind, JobWork work);
    void Start();
    // Asks running work to give up, waits for the threads; queued jobs stay queued (and are failed
    // by the next process's Recover).
    void Stop();

    // Records the job as queued and hands it to a thread.
    JobRecord Submit(
        int64_t tenant_id,
        store::Database& db,
        int64_t user_id,
        std::string kind,
        std::string object,
        json::object params
    );
    // Once per enterprise per process: jobs an earlier process left unfinished are marked failed.
    void Recover(int64_t tenant_id, store::Database& db);
    // Deletes job files and uploads older than keep_files (the sweeper thread calls it too).
    void Sweep();

    const std::string& runner_id() const { return runner_id_; }
    const std::filesystem::path& data_dir() const { return options_.data_dir; }
    const Clock& clock() const { return clock_; }
    bool stopping() const { return stopping_; }
    // Waits until no job is queued or running (tests).
    void WaitIdle();

private:
    struct Item {
        int64_t tenant_id;
        int64_t job_id;
    };
    void WorkLoop();
    void SweepLoop();
    void Run(const Item& item);

    store::Store& store_;
    const Clock& clock_;
    JobRunnerOptions options_;
    std::string runner_id_;
    std::map<std::string, JobWork, std::less<>> kinds_;

    std::mutex mutex_;
    std::condition_variable wake_;
    std::condition_variable idle_;
    std::condition_variable sweep_wake_;
    std::deque<Item> queue_;
    int busy_ = 0;
    std::atomic<bool> stopping_{false};
    std::vector<std::thread> threads_;
    std::set<int64_t> recovered_;
};

// "jobs/<tenant>" or "imports/<tenant>" under the data directory, created owner-only.
std::filesystem::path TenantDir(const std::filesystem::path& data_dir, std::string_view area, int64_t tenant_id);

}  // namespace xieli::data_io
