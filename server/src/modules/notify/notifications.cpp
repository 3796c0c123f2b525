#include "modules/notify/notifications.h"

#include <climits>

namespace xieli::notify {

const char* const kNotificationColumns =
    "id, kind, title_zh, title_en, body_zh, body_en, link_object, link_record_id, created_at, read_at";

json::object NotificationJson(const store::Row& r, Lang lang) {
    json::value link = nullptr;
    if (!r.IsNull(6)) link = json::object{{"object", r.Text(6)}, {"record_id", r.Int(7)}};
    bool en = lang == Lang::kEn;
    return json::object{
        {"id", r.Int(0)},
        {"kind", r.Text(1)},
        {"title", r.Text(en ? 3 : 2)},
        {"body", r.Text(en ? 5 : 4)},
        {"link", link},
        {"created_at", r.Text(8)},
        {"read", !r.IsNull(9)},
        {"read_at", r.IsNull(9) ? json::value(nullptr) : json::value(r.Text(9))},
    };
}

json::object ListNotifications(
    store::Connection& conn, int64_t user_id, bool unread_only, int limit, std::optional<int64_t> before_id, Lang lang
) {
    std::string filter = unread_only ? " AND read_at IS NULL" : "";
    store::Rows rows = conn.Query(
        std::string("SELECT ") + kNotificationColumns + " FROM notifications WHERE user_id = ? AND id < ?" + filter +
            " ORDER BY id DESC LIMIT ?",
        {user_id, before_id.value_or(INT64_MAX), limit + 1}
    );
    json::array records;
    int64_t last = 0;
    for (size_t i = 0; i < rows.size() && static_cast<int>(i) < limit; ++i) {
        records.push_back(NotificationJson(rows[i], lang));
        last = rows[i].Int(0);
    }
    int64_t total =
        conn.QueryValue("SELECT COUNT(*) FROM notifications WHERE user_id = ?" + filter, {user_id})->AsInt();
    json::value next = static_cast<int>(rows.size()) > limit ? json::value(std::to_string(last)) : json::value(nullptr);
    return json::object{{"records", std::move(records)}, {"total", total}, {"next_cursor", next}};
}

int64_t UnreadCount(store::Connection& conn, int64_t user_id) {
    return conn.QueryValue("SELECT COUNT(*) FROM notifications WHERE user_id = ? AND read_at IS NULL", {user_id})
        ->AsInt();
}

std::optional<json::object> MarkRead(
    store::Connection& tx, int64_t user_id, int64_t id, const std::string& now, Lang lang
) {
    tx.Execute(
        "UPDATE notifications SET read_at = ? WHERE id = ? AND user_id = ? AND read_at IS NULL", {now, id, user_id}
    );
    store::Rows rows = tx.Query(
        std::string("SELECT ") + kNotificationColumns + " FROM notifications WHERE id = ? AND user_id = ?",
        {id, user_id}
    );
    if (rows.empty()) return std::nullopt;
    return NotificationJson(rows.front(), lang);
}

int64_t MarkAllRead(store::Connection& tx, int64_t user_id, const std::string& now) {
    return tx.Execute("UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL", {now, user_id});
}

}  // namespace xieli::notify
