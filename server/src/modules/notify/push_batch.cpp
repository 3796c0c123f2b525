#include "modules/notify/push_batch.h"

#include <set>
#include <tuple>

namespace xieli::notify {

namespace {

std::string Wrap(const char* type, json::object data) {
    return ToJsonText(json::object{{"type", type}, {"data", std::move(data)}});
}

// Changes of one kind by one person, as a list of ids: the tab only needs to know which records to
// refetch (changed_fields are left out — a summary means "reload if you show it").
json::array GroupChanges(const std::vector<json::object>& changes) {
    using Key = std::tuple<std::string, std::string, std::string>;  // object, operation, actor as text
    std::map<Key, size_t> index;
    std::set<std::pair<size_t, std::string>> listed;  // (group, id)
    json::array groups;
    for (const json::object& c : changes) {
        const json::value* actor = c.if_contains("actor_id");
        json::value actor_value = actor ? *actor : json::value(nullptr);
        Key key{
            std::string(c.at("object").as_string()),
            std::string(c.at("operation").as_string()),
            ToJsonText(actor_value),
        };
        auto [it, added] = index.emplace(key, groups.size());
        if (added) {
            groups.push_back(json::object{
                {"object", c.at("object")},
                {"operation", c.at("operation")},
                {"actor_id", actor_value},
                {"ids", json::array{}},
            });
        }
        // A record changed twice in the pass is listed once.
        if (listed.emplace(it->second, ToJsonText(c.at("id"))).second) {
            groups[it->second].as_object()["ids"].as_array().push_back(c.at("id"));
        }
    }
    return groups;
}

}  // namespace

void PushBatch::AddNotification(int64_t user, json::object notification) {
    notifications_[user].push_back(std::move(notification));
}

void PushBatch::AddChange(int64_t user, json::object change) {
    changes_[user].push_back(std::move(change));
}

std::vector<PushBatch::Message> PushBatch::Messages(const std::function<int64_t(int64_t user)>& unread_count) const {
    std::vector<Message> out;
    for (const auto& [user, list] : notifications_) {
        int64_t unread = unread_count(user);
        if (list.size() <= limits_.singly_up_to) {
            for (json::object n : list) {
                n["unread_count"] = unread;
                out.push_back({user, Wrap("notification", std::move(n))});
            }
            continue;
        }
        json::array latest;
        for (auto it = list.rbegin(); it != list.rend() && latest.size() < limits_.latest_in_summary; ++it) {
            latest.push_back(*it);
        }
        out.push_back(
            {user,
             Wrap(
                 "notifications",
                 json::object{
                     {"count", static_cast<int64_t>(list.size())},
                     {"unread_count", unread},
                     {"latest", std::move(latest)},
                 }
             )}
        );
    }
    for (const auto& [user, list] : changes_) {
        if (list.size() <= limits_.singly_up_to) {
            for (const json::object& c : list) out.push_back({user, Wrap("record_changed", c)});
            continue;
        }
        out.push_back({user, Wrap("records_changed", json::object{{"groups", GroupChanges(list)}})});
    }
    return out;
}

}  // namespace xieli::notify
