#pragma once

// 回收站保留天数: how long a deleted record stays in the bin before the daily job
// `records.recycle_bin_purge` purges it for good (docs/api/records.md "Recycle bin retention").
// The setting is the tenant `settings` key "records.recycle_bin_days": 90 unless an administrator
// changed it; 0 keeps records until someone purges them by hand; otherwise 7–3650 days.
//
// The job purges through PurgeIn, as 彻底删除 does — the modules' before_purge/after_purge hooks run
// (files, a contract's payment plans, stage history) — as the system (every record in scope, no
// person), a batch per write transaction. A record live records still point at stays, as in 清空回收站.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "http/router.h"
#include "records/record_service.h"

namespace xieli::jobs {
class Scheduler;
}

namespace xieli::records {

class RecordsModule;

inline constexpr std::string_view kRecycleBinPurgeJob = "records.recycle_bin_purge";
inline constexpr int kDefaultRecycleBinDays = 90;
inline constexpr int kMinRecycleBinDays = 7;
inline constexpr int kMaxRecycleBinDays = 3650;
inline constexpr int kRecycleBinPurgeBatch = 500;

int LoadRecycleBinDays(store::Connection& conn);
void SaveRecycleBinDays(store::Connection& tx, int days);
// {"retention_days": n}
json::object RecycleBinSettingsToJson(int days);
// A PATCH body over `current`: {"retention_days": 0 | 7–3650}; every problem in one 422.
int ApplyRecycleBinSettingsPatch(int current, const json::object& body);

// Records deleted before this are due: nullopt when `days` is 0 (kept until purged by hand).
std::optional<TimePoint> RecycleBinCutoff(int days, TimePoint now);
// Where a walk through the expired records of an object stands: the last one looked at.
struct BinCursor {
    std::string deleted_at;  // empty: from the start
    int64_t id = 0;
};

// Up to `limit` records of `o` in the bin deleted before `cutoff`, after `from`, oldest deletion
// first (then by id): their ids and deleted_at, read from the bin's partial index.
std::vector<BinCursor> ExpiredInBin(
    store::Connection& conn, const ObjectMeta& o, TimePoint cutoff, const BinCursor& from, int limit
);

struct RecycleBinPurgeReport {
    int64_t purged = 0;  // records gone, those the hooks named with them included
    int64_t kept = 0;    // due, but live records still point at them
};

// Purges every record of every object deleted more than the enterprise's days ago as of `now`.
RecycleBinPurgeReport PurgeExpiredRecords(
    const RecordService& service,
    store::Database& db,
    std::shared_ptr<const Schema> schema,
    TimePoint now,
    int batch_size = kRecycleBinPurgeBatch
);

// At start-up (records_jobs.h): the daily purge (03:30 China time).
void RegisterRecycleBinJobs(jobs::Scheduler& scheduler, RecordsModule& records);
// GET|PATCH /api/v1/settings/recycle-bin (recycle_bin_settings_routes.cpp).
void RegisterRecycleBinSettingsRoutes(http::Router& router, RecordsModule& records);

}  // namespace xieli::records
