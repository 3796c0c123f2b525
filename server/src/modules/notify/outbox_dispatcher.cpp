// The outbox dispatcher (ARCHITECTURE.md "Events"): one thread per server reads each enterprise's
// committed outbox rows past its persisted cursor. In one transaction it runs the producers (which
// write notifications) and moves the cursor, so a crash replays nothing twice and loses nothing;
// after that commit it pushes the batch to open WebSockets (pushes are best effort: a client that
// was not connected refetches when it opens the page).

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <map>
#include <set>

#include "modules/notify/notifications.h"
#include "modules/notify/notify.h"
#include "modules/notify/notify_module.h"
#include "modules/notify/push_batch.h"
#include "records/access.h"

namespace xieli::notify {

namespace {

constexpr int kBatch = 500;
constexpr const char* kAssignedKind = "record.assigned";

struct OutboxRow {
    int64_t id;
    std::string object;
    int64_t record_id;
    std::string operation;
    json::array changed;
    std::optional<int64_t> actor;
    std::string at;
};

bool Mentions(const json::array& changed, std::string_view field) {
    for (const json::value& v : changed) {
        if (v.is_string() && v.as_string() == field) return true;
    }
    return false;
}

// The first real producer: a customer or opportunity now owned by someone other than who changed it.
void NotifyNewOwner(store::Connection& tx, const records::Schema& schema, const OutboxRow& row, TimePoint now) {
    if (row.object != "customer" && row.object != "opportunity") return;
    if (row.operation != "create" && row.operation != "update") return;
    if (row.operation == "update" && !Mentions(row.changed, "owner_id")) return;
    // A customer taken out of a public pool (claimed_at is set only by the pool's claim and assign):
    // the pool module tells the new owner itself ("pool.assigned", naming the pool), so one
    // assignment makes one notification.
    if (row.object == "customer" && Mentions(row.changed, "claimed_at")) return;
    const records::ObjectMeta* o = schema.Find(row.object);
    if (!o) return;
    // The owner is read as it is now, so only the last owner change still in the outbox speaks for
    // it (a record created and handed over before the dispatcher got to it notifies once, not twice).
    // The rows after the cursor are few, and id is the rowid: this is a short range scan.
    if (tx.QueryValue(
            "SELECT 1 FROM outbox WHERE id > ? AND object = ? AND record_id = ? AND (operation = 'create' OR "
            "changed_fields LIKE '%\"owner_id\"%') LIMIT 1",
            {row.id, row.object, row.record_id}
        )) {
        return;
    }
    std::string name_field = o->Field(o->name_field) ? o->name_field : "id";
    store::Rows rows = tx.Query(
        fmt::format("SELECT owner_id, {} FROM {} WHERE id = ? AND deleted_at IS NULL", name_field, o->table),
        {row.record_id}
    );
    if (rows.empty() || rows.front().IsNull(0)) return;
    int64_t owner = rows.front().Int(0);
    if (row.actor && owner == *row.actor) return;
    std::string actor_name = "系统";
    std::string actor_name_en = "The system";
    if (row.actor) {
        if (auto n = tx.QueryValue("SELECT name FROM users WHERE id = ?", {*row.actor})) {
            actor_name = actor_name_en = n->AsText();
        }
    }
    std::string record_name = rows.front().IsNull(1) ? "#" + std::to_string(row.record_id) : rows.front().Text(1);
    bool customer = row.object == "customer";
    Notify(
        tx,
        owner,
        kAssignedKind,
        customer ? Text{"有客户分配给您", "A customer was assigned to you"}
                 : Text{"有商机分配给您", "An opportunity was assigned to you"},
        Text{
            fmt::format("{}把「{}」分配给了您", actor_name, record_name),
            fmt::format("{} assigned \"{}\" to you", actor_name_en, record_name)},
        Link{row.object, row.record_id},
        now
    );
}

// Who of the connected users may read the record, and which of its changed fields each may see.
class ReadCheck {
public:
    ReadCheck(store::Connection& conn, const records::Schema& schema) : conn_(conn), schema_(schema) {}

    std::optional<json::array> VisibleChanges(int64_t user_id, const OutboxRow& row) {
        const records::ObjectMeta* o = schema_.Find(row.object);
        if (!o) return std::nullopt;
        const records::AccessContext& access = Access(user_id);
        records::SqlFragment where = records::ScopePredicate(access, o->name, "t", records::Action::kRead);
        std::vector<store::Value> params{row.record_id};
        params.insert(params.end(), where.params.begin(), where.params.end());
        // A deleted record's row is still there: its readers learn that it went to the recycle bin.
        store::Rows rows = conn_.Query(
            fmt::format("SELECT 1 FROM {} t WHERE t.id = ? AND {}", o->table, where.sql), store::Params(params)
        );
        if (rows.empty()) return std::nullopt;
        json::array visible;
        for (const json::value& f : row.changed) {
            if (f.is_string() && access.FieldAccessFor(o->name, f.as_string()) != org::FieldAccess::kHidden) {
                visible.push_back(f);
            }
        }
        return visible;
    }

private:
    const records::AccessContext& Access(int64_t user_id) {
        auto it = cache_.find(user_id);
        if (it == cache_.end()) it = cache_.emplace(user_id, records::LoadAccessContext(conn_, user_id)).first;
        return it->second;
    }

    store::Connection& conn_;
    const records::Schema& schema_;
    std::map<int64_t, records::AccessContext> cache_;
};

}  // namespace

int NotifyModule::DispatchFor(int64_t tenant_id, store::Database& db) {
    // Most passes find nothing new: a read answers that without taking the enterprise's writer.
    {
        store::Reader r = db.Read();
        std::optional<store::Value> cursor =
            r->QueryValue("SELECT last_id FROM outbox_cursor WHERE consumer = 'dispatcher'");
        std::optional<store::Value> newest = r->QueryValue("SELECT MAX(id) FROM outbox");
        if (!newest || newest->IsNull() || newest->AsInt() <= (cursor ? cursor->AsInt() : 0)) return 0;
    }
    std::vector<OutboxRow> batch;
    TimePoint now = clock_.Now();
    // Before the writer is taken: the first call for a database may sync its schema (a write of its own).
    std::shared_ptr<const records::Schema> schema = records_.SchemaOf(db);
    {
        store::Transaction tx = db.Write();
        std::optional<store::Value> cursor =
            tx->QueryValue("SELECT last_id FROM outbox_cursor WHERE consumer = 'dispatcher'");
        int64_t last = cursor ? cursor->AsInt() : 0;
        store::Rows rows = tx->Query(
            "SELECT id, object, record_id, operation, changed_fields, actor_id, at FROM outbox WHERE id > ? ORDER BY "
            "id LIMIT ?",
            {last, kBatch}
        );
        if (rows.empty()) return 0;
        for (const store::Row& r : rows) {
            OutboxRow row{r.Int(0), r.Text(1), r.Int(2), r.Text(3), {}, std::nullopt, r.Text(6)};
            if (!r.IsNull(4)) {
                json::value changed = ParseJson(r.Text(4));
                if (changed.is_array()) row.changed = std::move(changed.as_array());
            }
            if (!r.IsNull(5)) row.actor = r.Int(5);
            batch.push_back(std::move(row));
        }
        for (const OutboxRow& row : batch) NotifyNewOwner(*tx, *schema, row, now);
        tx->Execute(
            "INSERT INTO outbox_cursor (consumer, last_id, updated_at) VALUES ('dispatcher', ?, ?) ON CONFLICT "
            "(consumer) DO UPDATE SET last_id = excluded.last_id, updated_at = excluded.updated_at",
            {batch.back().id, FormatUtc(now)}
        );
        tx.Commit();
    }

    // Committed: now the pushes, coalesced per user (push_batch.h) so that a burst for one person
    // reaches her tabs as a few summaries instead of overrunning their send queues.
    std::vector<int64_t> users = hub_->ConnectedUsers(tenant_id);
    if (users.empty()) return static_cast<int>(batch.size());
    std::set<int64_t> connected(users.begin(), users.end());
    store::Reader r = db.Read();
    ReadCheck check(*r, *schema);
    PushBatch pushes;
    for (const OutboxRow& row : batch) {
        if (row.object == "notification") {
            store::Rows rows = r->Query(
                std::string("SELECT ") + kNotificationColumns + ", user_id FROM notifications WHERE id = ?",
                {row.record_id}
            );
            if (rows.empty()) continue;
            int64_t user = rows.front().Int(10);
            if (!connected.contains(user)) continue;
            // The socket does not know the tab's language: both are sent, the client picks.
            json::object zh = NotificationJson(rows.front(), Lang::kZh);
            json::object en = NotificationJson(rows.front(), Lang::kEn);
            zh["title_en"] = en["title"];
            zh["body_en"] = en["body"];
            pushes.AddNotification(user, std::move(zh));
            continue;
        }
        for (int64_t user : users) {
            std::optional<json::array> visible = check.VisibleChanges(user, row);
            if (!visible) continue;
            pushes.AddChange(
                user,
                json::object{
                    {"object", row.object},
                    {"id", row.record_id},
                    {"operation", row.operation},
                    {"changed_fields", std::move(*visible)},
                    {"actor_id", row.actor ? json::value(*row.actor) : json::value(nullptr)},
                    {"at", row.at},
                }
            );
        }
    }
    for (PushBatch::Message& m : pushes.Messages([&r](int64_t user) { return UnreadCount(*r, user); })) {
        hub_->Publish(tenant_id, m.user, std::move(m.text));
    }
    return static_cast<int>(batch.size());
}

void NotifyModule::Loop() {
    std::vector<int64_t> tenants;
    auto refreshed = std::chrono::steady_clock::time_point{};
    while (!stopping_) {
        try {
            // The list of enterprises changes rarely; re-read it every few seconds.
            if (std::chrono::steady_clock::now() - refreshed > std::chrono::seconds(2)) {
                tenants.clear();
                store::Reader sys = store_.System().Read();
                for (const store::Row& row : sys->Query("SELECT id FROM tenants WHERE status = 'active'")) {
                    tenants.push_back(row.Int(0));
                }
                refreshed = std::chrono::steady_clock::now();
            }
            for (int64_t tenant : tenants) {
                if (stopping_) break;
                try {
                    store::Database& db = store_.Tenant(tenant);
                    // A full batch means more is waiting: go again at once.
                    while (!stopping_ && DispatchFor(tenant, db) >= kBatch) {
                    }
                } catch (const std::exception& e) {
                    spdlog::error("dispatcher: enterprise {}: {}", tenant, e.what());
                }
            }
        } catch (const std::exception& e) {
            spdlog::error("dispatcher: {}", e.what());
        }
        std::unique_lock lock(mutex_);
        wake_.wait_for(lock, options_.dispatch_poll, [this] { return stopping_.load(); });
    }
}

}  // namespace xieli::notify
