#include "modules/data_io/jobs.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "common/crypto.h"
#include "common/error.h"
#include "store/client_errors.h"

namespace xieli::data_io {

namespace {

constexpr auto kProgressInterval = std::chrono::milliseconds(500);
constexpr const char* kColumns =
    "id, kind, object, status, params, progress_done, progress_total, result, error_code, error_zh, error_en, "
    "file_path, file_name, file_type, runner, created_by, created_at, started_at, finished_at";

json::object ParseObject(const store::Value& v) {
    if (v.IsNull()) return {};
    boost::system::error_code ec;
    json::value parsed = json::parse(v.AsText(), ec);
    if (ec || !parsed.is_object()) return {};
    return std::move(parsed.as_object());
}

JobRecord ReadJob(const store::Row& r) {
    JobRecord j;
    j.id = r.Int(0);
    j.kind = r.Text(1);
    j.object = r.Text(2);
    j.status = r.Text(3);
    j.params = ParseObject(r[4]);
    j.done = r.Int(5);
    j.total = r.Int(6);
    j.result = ParseObject(r[7]);
    j.error_code = r.IsNull(8) ? "" : r.Text(8);
    j.error = {r.IsNull(9) ? "" : r.Text(9), r.IsNull(10) ? "" : r.Text(10)};
    j.file_path = r.IsNull(11) ? "" : r.Text(11);
    j.file_name = r.IsNull(12) ? "" : r.Text(12);
    j.file_type = r.IsNull(13) ? "" : r.Text(13);
    j.runner = r.Text(14);
    j.created_by = r.Int(15);
    j.created_at = r.Text(16);
    j.started_at = r.IsNull(17) ? "" : r.Text(17);
    j.finished_at = r.IsNull(18) ? "" : r.Text(18);
    return j;
}

void CreatePrivateDirectories(const std::filesystem::path& dir) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) throw std::runtime_error(fmt::format("cannot create {}: {}", dir.string(), ec.message()));
    std::filesystem::permissions(dir, std::filesystem::perms::owner_all, std::filesystem::perm_options::replace, ec);
}

// Deletes regular files below `dir` last written before `cutoff`.
int RemoveOlderThan(const std::filesystem::path& dir, std::filesystem::file_time_type cutoff) {
    int removed = 0;
    std::error_code ec;
    if (!std::filesystem::exists(dir, ec)) return 0;
    for (auto it = std::filesystem::recursive_directory_iterator(dir, ec);
         !ec && it != std::filesystem::recursive_directory_iterator();
         it.increment(ec)) {
        std::error_code fe;
        if (!it->is_regular_file(fe)) continue;
        auto written = it->last_write_time(fe);
        if (!fe && written < cutoff && std::filesystem::remove(it->path(), fe)) ++removed;
    }
    return removed;
}

}  // namespace

std::filesystem::path TenantDir(const std::filesystem::path& data_dir, std::string_view area, int64_t tenant_id) {
    std::filesystem::path dir = data_dir / std::string(area) / std::to_string(tenant_id);
    CreatePrivateDirectories(dir);
    return dir;
}

std::optional<JobRecord> LoadJob(store::Connection& conn, int64_t id) {
    store::Rows rows = conn.Query(fmt::format("SELECT {} FROM background_jobs WHERE id = ?", kColumns), {id});
    if (rows.empty()) return std::nullopt;
    return ReadJob(rows.front());
}

std::vector<JobRecord> ListJobs(store::Connection& conn, int64_t user_id, std::string_view kind, int limit) {
    std::vector<JobRecord> out;
    store::Rows rows = kind.empty() ? conn.Query(
                                          fmt::format(
                                              "SELECT {} FROM background_jobs WHERE created_by = ? ORDER BY id DESC "
                                              "LIMIT ?",
                                              kColumns
                                          ),
                                          {user_id, limit}
                                      )
                                    : conn.Query(
                                          fmt::format(
                                              "SELECT {} FROM background_jobs WHERE created_by = ? AND kind = ? "
                                              "ORDER BY id DESC LIMIT ?",
                                              kColumns
                                          ),
                                          {user_id, std::string(kind), limit}
                                      );
    for (const store::Row& r : rows) out.push_back(ReadJob(r));
    return out;
}

json::object JobToJson(const JobRecord& job, Lang lang) {
    json::object out{
        {"id", job.id},
        {"kind", job.kind},
        {"object", job.object},
        {"status", job.status},
        {"progress", json::object{{"done", job.done}, {"total", job.total}}},
        {"created_at", job.created_at},
        {"started_at", job.started_at.empty() ? json::value(nullptr) : json::value(job.started_at)},
        {"finished_at", job.finished_at.empty() ? json::value(nullptr) : json::value(job.finished_at)},
        {"result", job.result},
    };
    if (job.status == "failed") {
        out["error"] =
            json::object{{"code", job.error_code.empty() ? "failed" : job.error_code}, {"message", job.error.In(lang)}};
    }
    return out;
}

int64_t FailOrphanedJobs(store::Connection& conn, std::string_view runner, TimePoint now) {
    return conn.Execute(
        "UPDATE background_jobs SET status = 'failed', error_code = 'interrupted', error_zh = ?, error_en = ?, "
        "finished_at = ? WHERE status IN ('queued', 'running') AND runner <> ?",
        {"服务器重启，任务被中断，请重新提交",
         "The server restarted and the job was cut off; please submit it again",
         FormatUtc(now),
         std::string(runner)}
    );
}

TimePoint JobContext::Now() const {
    return runner_.clock().Now();
}

bool JobContext::Stopping() const {
    return runner_.stopping();
}

void JobContext::SetProgress(int64_t done, int64_t total) {
    auto now = std::chrono::steady_clock::now();
    if (done < total && now - last_progress_ < kProgressInterval) return;
    last_progress_ = now;
    store::Transaction tx = db_.Write();
    tx->Execute(
        "UPDATE background_jobs SET progress_done = ?, progress_total = ? WHERE id = ?", {done, total, job_.id}
    );
    tx.Commit();
}

void JobContext::SetProgressIn(store::Connection& tx, int64_t done, int64_t total) {
    tx.Execute("UPDATE background_jobs SET progress_done = ?, progress_total = ? WHERE id = ?", {done, total, job_.id});
    last_progress_ = std::chrono::steady_clock::now();
}

std::filesystem::path JobContext::FilePath(std::string_view suffix) const {
    std::filesystem::path path =
        TenantDir(runner_.data_dir(), "jobs", tenant_id_) / fmt::format("{}-{}", job_.id, suffix);
    written_.push_back(path);
    return path;
}

void JobContext::SetFile(const std::filesystem::path& path, std::string name, std::string type) {
    file_path_ = path;
    file_name_ = std::move(name);
    file_type_ = std::move(type);
}

JobRunner::JobRunner(store::Store& store, const Clock& clock, JobRunnerOptions options)
    : store_(store), clock_(clock), options_(std::move(options)), runner_id_(crypto::RandomHex(8)) {}

JobRunner::~JobRunner() {
    Stop();
}

void JobRunner::Register(std::string kind, JobWork work) {
    kinds_[std::move(kind)] = std::move(work);
}

void JobRunner::Start() {
    for (int i = 0; i < std::max(1, options_.threads); ++i) threads_.emplace_back([this] { WorkLoop(); });
    threads_.emplace_back([this] { SweepLoop(); });
}

void JobRunner::Stop() {
    {
        std::lock_guard lock(mutex_);
        if (stopping_ && threads_.empty()) return;
        stopping_ = true;
    }
    wake_.notify_all();
    sweep_wake_.notify_all();
    for (std::thread& t : threads_) {
        if (t.joinable()) t.join();
    }
    threads_.clear();
}

void JobRunner::Recover(int64_t tenant_id, store::Database& db) {
    {
        std::lock_guard lock(mutex_);
        if (recovered_.count(tenant_id)) return;
    }
    store::Transaction tx = db.Write();
    int64_t n = FailOrphanedJobs(*tx, runner_id_, clock_.Now());
    tx.Commit();
    if (n > 0) spdlog::warn("tenant {}: {} background job(s) of an earlier run marked failed", tenant_id, n);
    std::lock_guard lock(mutex_);
    recovered_.insert(tenant_id);
}

JobRecord JobRunner::Submit(
    int64_t tenant_id, store::Database& db, int64_t user_id, std::string kind, std::string object, json::object params
) {
    if (stopping_) {
        throw Error(ErrorCode::kUnavailable, {"服务器正在停止，请稍后重试", "The server is stopping; try again later"});
    }
    Recover(tenant_id, db);
    JobRecord job;
    {
        store::Transaction tx = db.Write();
        int64_t id = tx->Query(
                           "INSERT INTO background_jobs (kind, object, status, params, runner, created_by, created_at) "
                           "VALUES (?, ?, 'queued', ?, ?, ?, ?) RETURNING id",
                           {kind, object, json::serialize(params), runner_id_, user_id, FormatUtc(clock_.Now())}
        )
                         .front()
                         .Int(0);
        job = *LoadJob(*tx, id);  // as queued: a thread may pick it up the moment it is committed
        tx.Commit();
    }
    {
        std::lock_guard lock(mutex_);
        queue_.push_back({tenant_id, job.id});
    }
    wake_.notify_one();
    return job;
}

void JobRunner::WaitIdle() {
    std::unique_lock lock(mutex_);
    idle_.wait(lock, [this] { return queue_.empty() && busy_ == 0; });
}

void JobRunner::WorkLoop() {
    while (true) {
        Item item{};
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
            if (stopping_) return;
            item = queue_.front();
            queue_.pop_front();
            ++busy_;
        }
        try {
            Run(item);
        } catch (const std::exception& e) {
            spdlog::error("tenant {}: job {} could not be run: {}", item.tenant_id, item.job_id, e.what());
        }
        {
            std::lock_guard lock(mutex_);
            --busy_;
        }
        idle_.notify_all();
    }
}

void JobRunner::Run(const Item& item) {
    store::Database& db = store_.Tenant(item.tenant_id);
    std::optional<JobRecord> job;
    {
        store::Transaction tx = db.Write();
        job = LoadJob(*tx, item.job_id);
        if (!job || job->status != "queued") return;
        tx->Execute(
            "UPDATE background_jobs SET status = 'running', started_at = ? WHERE id = ?",
            {FormatUtc(clock_.Now()), item.job_id}
        );
        tx.Commit();
    }
    auto kind = kinds_.find(job->kind);
    JobContext ctx(*job, item.tenant_id, db, *this);
    json::object result;
    std::optional<Error> failure;
    auto started = std::chrono::steady_clock::now();
    try {
        if (kind == kinds_.end()) throw std::runtime_error("no work registered for job kind " + job->kind);
        result = kind->second(ctx);
    } catch (const Error& e) {
        failure = e;
    } catch (const std::exception& e) {
        std::optional<Error> mapped = store::ToClientError(e);
        if (mapped && mapped->code() != ErrorCode::kInternal) {
            failure = *mapped;
        } else {
            spdlog::error("tenant {}: job {} ({}) failed: {}", item.tenant_id, item.job_id, job->kind, e.what());
            failure =
                Error(ErrorCode::kInternal, {"任务执行失败（服务器内部错误）", "The job failed (internal error)"});
        }
    }
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (failure) {
        for (const std::filesystem::path& p : ctx.written()) {
            std::error_code ec;
            std::filesystem::remove(p, ec);  // half-written: of no use to anyone
        }
    }
    std::string now = FormatUtc(clock_.Now());
    std::string file_path;
    if (ctx.file_path() && !failure)
        file_path = std::filesystem::relative(*ctx.file_path(), options_.data_dir).string();
    store::Transaction tx = db.Write();
    if (!failure) {
        tx->Execute(
            "UPDATE background_jobs SET status = 'done', result = ?, finished_at = ?, file_path = ?, file_name = ?, "
            "file_type = ?, progress_done = progress_total WHERE id = ?",
            {json::serialize(result),
             now,
             file_path.empty() ? store::Value() : store::Value(file_path),
             ctx.file_name(),
             ctx.file_type(),
             item.job_id}
        );
        spdlog::info(
            "tenant {}: job {} ({} {}) done in {:.1f} s", item.tenant_id, item.job_id, job->kind, job->object, seconds
        );
    } else {
        std::string code(ToCodeString(failure->code()));
        if (failure->code() == ErrorCode::kInternal) code = "failed";
        Text message = failure->message();
        // A validation failure of the whole job (not of a row) names its first problem.
        if (!failure->details().empty()) {
            const FieldError& d = failure->details().front();
            message = {message.zh + "：" + d.message.zh, message.en + ": " + d.message.en};
        }
        tx->Execute(
            "UPDATE background_jobs SET status = 'failed', error_code = ?, error_zh = ?, error_en = ?, "
            "finished_at = ? WHERE id = ?",
            {code, message.zh, message.en, now, item.job_id}
        );
        spdlog::info(
            "tenant {}: job {} ({} {}) failed after {:.1f} s: {}",
            item.tenant_id,
            item.job_id,
            job->kind,
            job->object,
            seconds,
            failure->what()
        );
    }
    tx.Commit();
}

void JobRunner::Sweep() {
    auto cutoff = std::filesystem::file_time_type::clock::now() - options_.keep_files;
    int removed =
        RemoveOlderThan(options_.data_dir / "jobs", cutoff) + RemoveOlderThan(options_.data_dir / "imports", cutoff);
    if (removed > 0) spdlog::info("removed {} expired job file(s) and upload(s)", removed);
}

void JobRunner::SweepLoop() {
    while (true) {
        try {
            Sweep();
        } catch (const std::exception& e) {
            spdlog::warn("sweeping job files failed: {}", e.what());
        }
        std::unique_lock lock(mutex_);
        if (sweep_wake_.wait_for(lock, options_.sweep_every, [this] { return stopping_.load(); })) return;
    }
}

}  // namespace xieli::data_io
