#pragma once

// What one dispatcher pass pushes to each connected user, coalesced so that a burst cannot overrun
// a healthy tab's bounded send queue (http::HubOptions). A few events go out one message each, as
// they always did; past a threshold a user gets one summary message per kind for the pass instead:
//
//   {"type": "notifications", "data": {"count", "unread_count", "latest": [newest first, ≤ 8]}}
//   {"type": "records_changed", "data": {"groups": [{"object", "operation", "actor_id", "ids": [...]}]}}
//
// A pass reads at most a few hundred outbox rows, so a summary stays a few kilobytes; a burst of
// 10,000 assignments becomes a few dozen messages per tab instead of 20,000.

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "common/json.h"

namespace xieli::notify {

struct PushLimits {
    // Up to this many of a kind for one user in one pass go out one by one.
    size_t singly_up_to = 10;
    // How many notifications a summary carries in full (the bell's dropdown shows 8).
    size_t latest_in_summary = 8;
};

class PushBatch {
public:
    explicit PushBatch(PushLimits limits = {}) : limits_(limits) {}

    // A notification for `user` ({…a notification…, "title_en", "body_en"}), in creation order.
    void AddNotification(int64_t user, json::object notification);
    // A record change `user` may see ({"object", "id", "operation", "changed_fields", "actor_id", "at"}).
    void AddChange(int64_t user, json::object change);

    struct Message {
        int64_t user;
        std::string text;
    };
    // The messages to publish, per user: notifications first, then changes. `unread_count` is asked
    // once per user who gets a notification (after the pass committed, so it includes all of them).
    std::vector<Message> Messages(const std::function<int64_t(int64_t user)>& unread_count) const;

    bool empty() const { return notifications_.empty() && changes_.empty(); }

private:
    PushLimits limits_;
    std::map<int64_t, std::vector<json::object>> notifications_;
    std::map<int64_t, std::vector<json::object>> changes_;
};

}  // namespace xieli::notify
