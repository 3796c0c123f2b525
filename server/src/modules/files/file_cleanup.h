#pragma once

// The daily sweep of the file store (job "files.cleanup", docs/decisions/0014-file-store.md):
//  1. upload rows no record took, older than the grace window (24 hours), are deleted — in one
//     write transaction, first. A file taken off its record (file_removal.h) counts from then
//     (unlinked_at), not from its upload;
//  2. then blobs under files/<tenant>/ that no row of the enterprise points at any more, and
//     temporary files a crashed upload left, are unlinked — only those last written before the same
//     window, so an upload in flight (its blob written or re-touched, its row not yet committed) is
//     never taken. A blob shared by several rows (the same bytes uploaded twice) stays while any
//     row points at it.
// Rows of purged records (file_fields.cpp ForgetPurged) and of purged fields and objects
// (records/meta_deletion.h) are deleted with them, in the purge's transaction; their bytes go here
// once no other row uses them. Safe to repeat and to resume after a crash between the steps: step 2
// only looks at what rows remain.

#include <chrono>
#include <cstdint>
#include <filesystem>

#include "common/clock.h"
#include "store/database.h"

namespace xieli::jobs {
class Scheduler;
}

namespace xieli::files {

inline constexpr std::chrono::hours kUnattachedGrace{24};

struct CleanupReport {
    int64_t uploads = 0;  // unattached rows deleted
    int64_t blobs = 0;    // files unlinked (blobs and stale temporary files)
};

// Step 1 inside the caller's write transaction: rows with no record uploaded (or taken off their
// record) before `cutoff`.
int64_t DeleteUnattachedUploads(store::Connection& tx, TimePoint cutoff);

// Step 2: in `dir` (one enterprise's blob folder), files last written before `cutoff` whose name is
// no row's sha256 (temporary files always). Returns how many were unlinked; a missing folder is 0.
int64_t RemoveUnreferencedBlobs(store::Connection& conn, const std::filesystem::path& dir, TimePoint cutoff);

// Both steps for one enterprise as of `now`.
CleanupReport CleanUpFiles(
    store::Database& db, const std::filesystem::path& data_dir, int64_t tenant_id, TimePoint now
);

// The daily job "files.cleanup" (03:40 China time).
void RegisterFilesJobs(jobs::Scheduler& scheduler, std::filesystem::path data_dir);

}  // namespace xieli::files
