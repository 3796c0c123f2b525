#include "records/recycle_bin.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "common/error.h"
#include "common/id_list.h"
#include "records/lookup_refs.h"
#include "records/search_index.h"

namespace xieli::records {

namespace {

using Row = std::map<std::string, store::Value>;

const Text kChooseRecords{"请选择 1–500 条记录", "Choose 1–500 records"};

[[noreturn]] void ThrowNotInBin() {
    throw Error(
        ErrorCode::kNotFound,
        {"回收站中没有这条记录，或无权操作", "No such record in the recycle bin, or you may not act on it"}
    );
}

// 403 for a caller who may delete no record of `o`: the bin is theirs only where deleting is.
void RequireDeleteRight(const RecordScope& s, const ObjectMeta& o) {
    if (s.access.ScopeFor(o.name, Action::kDelete) == org::Scope::kNone) ThrowForbidden();
}

// `e` again, naming the record of a batch it refused ("record_id" beside what it said already).
Error NamingRecord(const Error& e, int64_t id) {
    json::object extra;
    if (!e.extra_json().empty()) {
        boost::system::error_code ec;
        json::value parsed = json::parse(e.extra_json(), ec);
        if (!ec && parsed.is_object()) extra = parsed.as_object();
    }
    extra["record_id"] = id;
    Error out = e;
    out.WithExtraJson(json::serialize(extra));
    return out;
}

// 409 when live records point at record `id` of `o` through a lookup field: purged, it would leave
// them a link to nothing. Records in the bin that point at it do not count (a lookup to a record
// that is gone shows no label, as one to a record the caller may not see).
void RequireUnreferenced(store::Connection& tx, const Schema& schema, const ObjectMeta& o, int64_t id) {
    int64_t total = 0;
    json::array by;
    std::string zh, en;
    // Its own object's records count too (a customer's child customers point at it).
    for (const auto& [other, f] : LookupsTo(schema, o.name, true)) {
        int64_t n =
            tx.Query(
                  fmt::format("SELECT COUNT(*) FROM {} WHERE {} = ? AND deleted_at IS NULL", other->table, f->column),
                  {id}
            )
                .front()
                .Int(0);
        if (n == 0) continue;
        total += n;
        by.push_back(json::object{{"object", other->name}, {"field", f->name}, {"count", n}});
        zh += fmt::format("{}{} {} 条", zh.empty() ? "" : "、", other->label.zh, n);
        en += fmt::format("{}{} {}", en.empty() ? "" : ", ", n, other->label.en);
    }
    if (total == 0) return;
    throw Error(
        ErrorCode::kConflict,
        {fmt::format("仍有 {} 条记录关联此记录（{}），不能彻底删除；请先修改或删除这些记录", total, zh),
         fmt::format(
             "{} live record{} still point{} to this record ({}); change or delete them first",
             total,
             total == 1 ? "" : "s",
             total == 1 ? "s" : "",
             en
         )},
        std::vector<FieldError>{{"id", "referenced", {"仍被其他记录关联", "still referenced by other records"}}}
    ).WithExtraJson(json::serialize(json::object{{"reference_count", total}, {"referenced_by", std::move(by)}}));
}

// `fn` for each of `ids` in the caller's transaction; the first refused ends the batch naming it
// (the transaction is then dropped uncommitted: all or none).
template <class Fn>
void EachOrNone(const std::vector<int64_t>& ids, Fn&& fn) {
    for (int64_t id : ids) {
        try {
            fn(id);
        } catch (const Error& e) {
            throw NamingRecord(e, id);
        }
    }
}

}  // namespace

json::object ListRecycleBin(RecordService& service, RecordScope& s, std::string_view object, QueryRequest request) {
    const ObjectMeta& o = s.schema->Get(object);
    RequireDeleteRight(s, o);
    request.recycle_bin = true;
    json::object out = service.Query(s, o.name, request);
    // Who deleted it: the delete recorded its actor as the row's last writer (RecordService::Delete).
    for (json::value& rec : out["records"].as_array()) {
        json::object& r = rec.as_object();
        const json::value* by = r.if_contains("updated_by");
        r["deleted_by"] = by ? *by : json::value(nullptr);
        json::value* display = r.if_contains("_display");
        if (display && display->is_object()) {
            const json::value* label = display->as_object().if_contains("updated_by");
            display->as_object()["deleted_by"] = label ? *label : json::value(nullptr);
        }
    }
    return out;
}

json::object RecycleBinSummary(RecordScope& s) {
    json::array objects;
    store::Reader r = s.db.Read();
    for (const auto& [name, o] : s.schema->objects()) {
        if (s.access.ScopeFor(o.name, Action::kDelete) == org::Scope::kNone) continue;
        SqlFragment scope = ScopePredicate(s.access, o.name, "t", Action::kDelete);
        int64_t n = r->Query(
                         fmt::format(
                             "SELECT COUNT(*) FROM (SELECT 1 FROM {} t WHERE t.deleted_at IS NOT NULL AND {} LIMIT {})",
                             o.table,
                             scope.sql,
                             kTotalCap + 1
                         ),
                         store::Params(scope.params)
        )
                        .front()
                        .Int(0);
        objects.push_back(json::object{
            {"object", o.name},
            {"label", s.lang == Lang::kEn ? o.label.en : o.label.zh},
            {"count", std::min(n, kTotalCap)},
            {"count_capped", n > kTotalCap},
        });
    }
    return json::object{{"objects", std::move(objects)}};
}

std::vector<int64_t> ParseRecycleBinIds(const json::object& body) {
    return ParseIdList(body, "ids", kRecycleBinMaxIds, kChooseRecords);
}

json::object RestoreRecords(
    RecordService& service, RecordScope& s, std::string_view object, const std::vector<int64_t>& ids
) {
    const ObjectMeta& o = s.schema->Get(object);
    RequireDeleteRight(s, o);
    store::Transaction tx = s.db.Write();
    EachOrNone(ids, [&](int64_t id) { service.RestoreIn(*tx, s, o.name, id); });
    tx.Commit();
    return json::object{{"restored", static_cast<int64_t>(ids.size())}};
}

int64_t PurgeIn(
    store::Connection& tx, const RecordService& service, RecordScope& s, const ObjectMeta& o, int64_t id, TimePoint now
) {
    std::string columns;
    for (const FieldMeta& f : o.fields) columns += (columns.empty() ? "t." : ", t.") + f.column;
    SqlFragment scope = ScopePredicate(s.access, o.name, "t", Action::kDelete);
    std::vector<store::Value> params{id};
    params.insert(params.end(), scope.params.begin(), scope.params.end());
    store::Rows rows = tx.Query(
        fmt::format(
            "SELECT {} FROM {} t WHERE t.id = ? AND t.deleted_at IS NOT NULL AND {}", columns, o.table, scope.sql
        ),
        store::Params(params)
    );
    if (rows.empty()) ThrowNotInBin();
    Row before;
    for (size_t i = 0; i < o.fields.size(); ++i) before[o.fields[i].name] = rows.front()[i];
    RequireUnreferenced(tx, *s.schema, o, id);

    PurgeEvent event{o, s.access, tx, id, before, now, {}};
    for (const RecordHooks* h : service.HooksOf(o.name)) {
        if (h->before_purge) h->before_purge(event);
    }
    int64_t purged = 1;
    for (const auto& [other_name, other_id] : event.also_purge) {
        const ObjectMeta* other = s.schema->Find(other_name);
        // One named twice, or purged with an earlier one, is gone already.
        if (!other ||
            !tx.QueryValue(
                fmt::format("SELECT 1 FROM {} WHERE id = ? AND deleted_at IS NOT NULL", other->table), {other_id}
            ))
            continue;
        purged += PurgeIn(tx, service, s, *other, other_id, now);
    }

    // Everything the engine keeps of the record (tables keyed by object and record id), then the row.
    for (const char* table : {"field_history", "record_collaborators", "reminder_deliveries"}) {
        tx.Execute(fmt::format("DELETE FROM {} WHERE object = ? AND record_id = ?", table), {o.name, id});
    }
    tx.Execute(fmt::format("DELETE FROM {} WHERE rowid = ?", o.FtsTable()), {id});
    WriteSearchTail(tx, o, id, "");
    tx.Execute(fmt::format("DELETE FROM {} WHERE id = ?", o.table), {id});
    // The id is never given to another record (migration 0034).
    tx.Execute(
        "INSERT INTO record_id_floors (table_name, last_id) VALUES (?, ?) "
        "ON CONFLICT (table_name) DO UPDATE SET last_id = max(last_id, excluded.last_id)",
        {o.table, id}
    );
    tx.Execute(
        "INSERT INTO outbox (object, record_id, operation, changed_fields, actor_id, at) "
        "VALUES (?, ?, 'purge', '[]', ?, ?)",
        {o.name, id, s.access.user_id ? store::Value(s.access.user_id) : store::Value(), FormatUtc(now)}
    );
    for (const RecordHooks* h : service.HooksOf(o.name)) {
        if (h->after_purge) h->after_purge(event);
    }
    return purged;
}

json::object PurgeRecords(
    const RecordService& service,
    RecordScope& s,
    std::string_view object,
    const std::vector<int64_t>& ids,
    TimePoint now
) {
    const ObjectMeta& o = s.schema->Get(object);
    RequireDeleteRight(s, o);
    store::Transaction tx = s.db.Write();
    EachOrNone(ids, [&](int64_t id) { PurgeIn(*tx, service, s, o, id, now); });
    tx.Commit();
    return json::object{{"purged", static_cast<int64_t>(ids.size())}};
}

json::object EmptyRecycleBin(const RecordService& service, RecordScope& s, std::string_view object, TimePoint now) {
    const ObjectMeta& o = s.schema->Get(object);
    RequireDeleteRight(s, o);
    SqlFragment scope = ScopePredicate(s.access, o.name, "t", Action::kDelete);
    store::Transaction tx = s.db.Write();
    std::vector<int64_t> ids;
    for (const store::Row& row : tx->Query(
             fmt::format(
                 "SELECT t.id FROM {} t WHERE t.deleted_at IS NOT NULL AND {} ORDER BY t.id", o.table, scope.sql
             ),
             store::Params(scope.params)
         )) {
        ids.push_back(row.Int(0));
    }
    int64_t purged = 0;
    json::array kept;
    for (int64_t id : ids) {
        // Purged already with an earlier one (a hook named it).
        if (!tx->QueryValue(fmt::format("SELECT 1 FROM {} WHERE id = ?", o.table), {id})) continue;
        // Each in a savepoint: one still pointed at stays, with nothing of its purge half done.
        tx->Execute("SAVEPOINT purge_record");
        try {
            purged += PurgeIn(*tx, service, s, o, id, now);
        } catch (const Error& e) {
            tx->Execute("ROLLBACK TO purge_record");
            tx->Execute("RELEASE purge_record");
            if (e.code() != ErrorCode::kConflict) throw;
            kept.push_back(id);
            continue;
        }
        tx->Execute("RELEASE purge_record");
    }
    tx.Commit();
    int64_t kept_count = static_cast<int64_t>(kept.size());
    return json::object{{"purged", purged}, {"kept", kept_count}, {"kept_ids", std::move(kept)}};
}

}  // namespace xieli::records
