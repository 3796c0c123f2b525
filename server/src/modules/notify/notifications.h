#pragma once

// The notifications table as the API sees it: a user's list (cursor paging, unread filter),
// unread count, marking read. Every function takes the caller's user id; no one reaches another
// user's notifications.

#include <cstdint>
#include <optional>

#include "common/json.h"
#include "common/text.h"
#include "store/database.h"

namespace xieli::notify {

// {"id", "kind", "title", "body", "link": {"object", "record_id"} | null, "read", "read_at", "created_at"}
json::object NotificationJson(const store::Row& row, Lang lang);
// The columns NotificationJson reads, for SELECT lists.
extern const char* const kNotificationColumns;

// {"records", "total", "next_cursor"}, newest first.
json::object ListNotifications(
    store::Connection& conn, int64_t user_id, bool unread_only, int limit, std::optional<int64_t> before_id, Lang lang
);
int64_t UnreadCount(store::Connection& conn, int64_t user_id);
// nullopt when the user has no such notification.
std::optional<json::object> MarkRead(
    store::Connection& tx, int64_t user_id, int64_t id, const std::string& now, Lang lang
);
int64_t MarkAllRead(store::Connection& tx, int64_t user_id, const std::string& now);

}  // namespace xieli::notify
