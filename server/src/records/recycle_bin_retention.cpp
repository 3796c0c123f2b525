#include "records/recycle_bin_retention.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "common/error.h"
#include "jobs/scheduler.h"
#include "modules/org/org_rules.h"
#include "records/records_module.h"
#include "records/recycle_bin.h"

namespace xieli::records {

namespace {

constexpr std::string_view kRecycleBinDaysKey = "records.recycle_bin_days";

using Days = std::chrono::duration<int64_t, std::ratio<86400>>;

bool Allowed(int64_t days) {
    return days == 0 || (days >= kMinRecycleBinDays && days <= kMaxRecycleBinDays);
}

// The system as a records-engine caller: every record in scope, recorded as no one (user 0).
AccessContext SystemAccess() {
    AccessContext system;
    system.is_admin = true;
    return system;
}

}  // namespace

int LoadRecycleBinDays(store::Connection& conn) {
    std::optional<store::Value> v = conn.QueryValue("SELECT value FROM settings WHERE key = ?", {kRecycleBinDaysKey});
    if (!v) return kDefaultRecycleBinDays;
    try {
        int64_t days = std::stoll(v->AsText());
        return Allowed(days) ? static_cast<int>(days) : kDefaultRecycleBinDays;
    } catch (const std::exception&) {
        return kDefaultRecycleBinDays;
    }
}

void SaveRecycleBinDays(store::Connection& tx, int days) {
    tx.Execute(
        "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        {kRecycleBinDaysKey, std::to_string(days)}
    );
}

json::object RecycleBinSettingsToJson(int days) {
    return json::object{{"retention_days", days}};
}

int ApplyRecycleBinSettingsPatch(int current, const json::object& body) {
    std::vector<FieldError> errors;
    for (const auto& [key, v] : body) {
        if (key == "retention_days") {
            if (v.is_int64() && Allowed(v.get_int64()))
                current = static_cast<int>(v.get_int64());
            else
                errors.push_back(
                    {std::string(key),
                     "invalid",
                     {fmt::format("应为 0（不自动删除）或 {}–{} 天", kMinRecycleBinDays, kMaxRecycleBinDays),
                      fmt::format(
                          "must be 0 (never purged automatically) or {}–{} days", kMinRecycleBinDays, kMaxRecycleBinDays
                      )}}
                );
        } else {
            errors.push_back(org::UnknownSettingError(key));
        }
    }
    if (!errors.empty()) ThrowValidation(std::move(errors));
    return current;
}

std::optional<TimePoint> RecycleBinCutoff(int days, TimePoint now) {
    if (days <= 0) return std::nullopt;
    return now - Days(days);
}

std::vector<BinCursor> ExpiredInBin(
    store::Connection& conn, const ObjectMeta& o, TimePoint cutoff, const BinCursor& from, int limit
) {
    std::vector<BinCursor> out;
    // In the order of the bin's partial index ({table}_deleted, deleted_at IS NOT NULL spelled out
    // for it), walked on (deleted_at, id): the rowid would read the live records too.
    for (const store::Row& r : conn.Query(
             fmt::format(
                 "SELECT deleted_at, id FROM {} WHERE deleted_at IS NOT NULL AND deleted_at < ? "
                 "AND (deleted_at > ? OR (deleted_at = ? AND id > ?)) ORDER BY deleted_at, id LIMIT ?",
                 o.table
             ),
             {FormatUtc(cutoff), from.deleted_at, from.deleted_at, from.id, limit}
         )) {
        out.push_back({r.Text(0), r.Int(1)});
    }
    return out;
}

RecycleBinPurgeReport PurgeExpiredRecords(
    const RecordService& service,
    store::Database& db,
    std::shared_ptr<const Schema> schema,
    TimePoint now,
    int batch_size
) {
    RecycleBinPurgeReport report;
    std::optional<TimePoint> cutoff;
    {
        store::Reader r = db.Read();
        cutoff = RecycleBinCutoff(LoadRecycleBinDays(*r), now);
    }
    if (!cutoff) return report;
    RecordScope system{db, schema, SystemAccess(), Lang::kZh};
    for (const auto& [name, o] : schema->objects()) {
        // A walk, so a record kept (still pointed at) is looked at once per run.
        for (BinCursor from;;) {
            store::Transaction tx = db.Write();
            std::vector<BinCursor> due = ExpiredInBin(*tx, o, *cutoff, from, batch_size);
            for (const BinCursor& record : due) {
                from = record;
                int64_t id = record.id;
                // Purged already with an earlier one (a hook named it).
                if (!tx->QueryValue(fmt::format("SELECT 1 FROM {} WHERE id = ?", o.table), {id})) continue;
                // Each in a savepoint: one still pointed at stays, with nothing of its purge half done.
                tx->Execute("SAVEPOINT purge_record");
                try {
                    report.purged += PurgeIn(*tx, service, system, o, id, now);
                } catch (const Error& e) {
                    tx->Execute("ROLLBACK TO purge_record");
                    tx->Execute("RELEASE purge_record");
                    if (e.code() != ErrorCode::kConflict) throw;
                    ++report.kept;
                    continue;
                }
                tx->Execute("RELEASE purge_record");
            }
            tx.Commit();
            if (due.size() < static_cast<size_t>(batch_size)) break;
        }
    }
    return report;
}

void RegisterRecycleBinJobs(jobs::Scheduler& scheduler, RecordsModule& records) {
    RecordsModule* m = &records;
    // At night, after the day's deletes and before the day's work.
    scheduler.Register(std::string(kRecycleBinPurgeJob), "30 3 * * *", [m](jobs::TenantContext& t, TimePoint now) {
        RecycleBinPurgeReport report = PurgeExpiredRecords(m->service(), t.db, m->SchemaOf(t.db), now);
        spdlog::info(
            "{}: enterprise {}: purged {}, kept {} (still referenced)",
            kRecycleBinPurgeJob,
            t.tenant_id,
            report.purged,
            report.kept
        );
        return jobs::JobResult{{"purged", report.purged}, {"kept_referenced", report.kept}};
    });
}

}  // namespace xieli::records
