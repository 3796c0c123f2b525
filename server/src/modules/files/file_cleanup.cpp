#include "modules/files/file_cleanup.h"

#include <spdlog/spdlog.h>

#include <set>
#include <string>

#include "jobs/scheduler.h"
#include "modules/files/blob_store.h"

namespace xieli::files {

namespace {

// ".<sha256>.<random>.tmp": what BlobStore::Put writes before the rename.
bool IsTemporary(std::string_view s) {
    return s.size() > 70 && s.front() == '.' && s.ends_with(".tmp") && IsBlobName(s.substr(1, 64));
}

// When the file was last written, on the system clock; nullopt when it cannot be read (gone).
std::optional<TimePoint> WrittenAt(const std::filesystem::path& path) {
    std::error_code ec;
    std::filesystem::file_time_type t = std::filesystem::last_write_time(path, ec);
    if (ec) return std::nullopt;
    return std::chrono::time_point_cast<TimePoint::duration>(std::chrono::file_clock::to_sys(t));
}

}  // namespace

int64_t DeleteUnattachedUploads(store::Connection& tx, TimePoint cutoff) {
    return tx.Execute(
        "DELETE FROM files WHERE record_id IS NULL AND COALESCE(unlinked_at, created_at) < ?", {FormatUtc(cutoff)}
    );
}

int64_t RemoveUnreferencedBlobs(store::Connection& conn, const std::filesystem::path& dir, TimePoint cutoff) {
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) return 0;
    std::set<std::string> referenced;
    for (const store::Row& r : conn.Query("SELECT DISTINCT sha256 FROM files")) referenced.insert(r.Text(0));
    // Collected first: unlinking while iterating a directory is unspecified.
    std::vector<std::filesystem::path> doomed;
    for (auto it = std::filesystem::directory_iterator(dir, ec); !ec && it != std::filesystem::directory_iterator();
         it.increment(ec)) {
        if (!it->is_regular_file(ec)) continue;
        std::string name = it->path().filename().string();
        bool blob = IsBlobName(name);
        if (!blob && !IsTemporary(name)) continue;  // not ours: left alone
        if (blob && referenced.count(name)) continue;
        std::optional<TimePoint> written = WrittenAt(it->path());
        if (!written || *written >= cutoff) continue;  // fresh: an upload may be about to point at it
        doomed.push_back(it->path());
    }
    int64_t removed = 0;
    for (const std::filesystem::path& path : doomed) {
        // Checked again just before: an upload of the same bytes re-touches the blob (BlobStore::Put).
        std::optional<TimePoint> written = WrittenAt(path);
        if (!written || *written >= cutoff) continue;
        if (IsBlobName(path.filename().string()) &&
            conn.QueryValue("SELECT 1 FROM files WHERE sha256 = ? LIMIT 1", {path.filename().string()}))
            continue;
        if (std::filesystem::remove(path, ec)) ++removed;
        if (ec) spdlog::warn("files.cleanup: cannot remove {}: {}", path.string(), ec.message());
    }
    return removed;
}

CleanupReport CleanUpFiles(
    store::Database& db, const std::filesystem::path& data_dir, int64_t tenant_id, TimePoint now
) {
    CleanupReport report;
    TimePoint cutoff = now - kUnattachedGrace;
    {
        store::Transaction tx = db.Write();
        report.uploads = DeleteUnattachedUploads(*tx, cutoff);
        tx.Commit();
    }
    store::Reader r = db.Read();
    report.blobs = RemoveUnreferencedBlobs(*r, data_dir / "files" / std::to_string(tenant_id), cutoff);
    return report;
}

void RegisterFilesJobs(jobs::Scheduler& scheduler, std::filesystem::path data_dir) {
    scheduler.Register("files.cleanup", "40 3 * * *", [data_dir](jobs::TenantContext& t, TimePoint now) {
        CleanupReport report = CleanUpFiles(t.db, data_dir, t.tenant_id, now);
        spdlog::info(
            "files.cleanup: enterprise {}: {} unattached uploads deleted, {} unreferenced blobs removed",
            t.tenant_id,
            report.uploads,
            report.blobs
        );
        return jobs::JobResult{{"uploads_deleted", report.uploads}, {"blobs_removed", report.blobs}};
    });
}

}  // namespace xieli::files
