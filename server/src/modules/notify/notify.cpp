#include "modules/notify/notify.h"

#include <mutex>
#include <stdexcept>

#include "common/json.h"
#include "jobs/scheduler.h"
#include "modules/notify/preferences.h"

namespace xieli::notify {

namespace {

std::mutex& KindsMutex() {
    static std::mutex m;
    return m;
}

std::vector<KindInfo>& KindList() {
    static std::vector<KindInfo> kinds;
    return kinds;
}

}  // namespace

void RegisterKind(std::string kind, Text label, bool email_by_default) {
    std::lock_guard lock(KindsMutex());
    for (const KindInfo& k : KindList()) {
        if (k.kind == kind) return;
    }
    KindList().push_back({std::move(kind), std::move(label), email_by_default});
}

std::vector<KindInfo> Kinds() {
    std::lock_guard lock(KindsMutex());
    return KindList();
}

std::optional<KindInfo> FindKind(std::string_view kind) {
    std::lock_guard lock(KindsMutex());
    for (const KindInfo& k : KindList()) {
        if (k.kind == kind) return k;
    }
    return std::nullopt;
}

std::optional<int64_t> Notify(
    store::Connection& tx,
    int64_t user_id,
    std::string_view kind,
    const Text& title,
    const Text& body,
    const Link& link,
    TimePoint now
) {
    std::optional<KindInfo> info = FindKind(kind);
    if (!info) throw std::invalid_argument("notify: unregistered kind " + std::string(kind));
    Preference pref = PreferenceOf(tx, user_id, *info);
    std::string at = FormatUtc(now);
    std::optional<int64_t> id;
    if (pref.in_app) {
        store::Value link_object = link.object.empty() ? store::Value() : store::Value(link.object);
        store::Value link_id = link.object.empty() ? store::Value() : store::Value(link.record_id);
        id = tx.Query(
                   "INSERT INTO notifications (user_id, kind, title_zh, title_en, body_zh, body_en, link_object, "
                   "link_record_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                   {user_id, kind, title.zh, title.en, body.zh, body.en, link_object, link_id, at}
        )
                 .front()
                 .Int(0);
        // The dispatcher pushes it to the user's open tabs once this transaction commits.
        tx.Execute(
            "INSERT INTO outbox (object, record_id, operation, changed_fields, actor_id, at) VALUES ('notification', "
            "?, "
            "'create', NULL, NULL, ?)",
            {*id, at}
        );
    }
    if (pref.email) {
        json::object params{
            {"user_id", user_id},
            {"kind", std::string(kind)},
            {"title_zh", title.zh},
            {"title_en", title.en},
            {"body_zh", body.zh},
            {"body_en", body.en},
            {"link_object", link.object},
            {"link_record_id", link.record_id},
        };
        if (id) params["notification_id"] = *id;
        jobs::ScheduleOnce(tx, kEmailJobKind, now, params);
    }
    return id;
}

}  // namespace xieli::notify
