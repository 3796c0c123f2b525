#include "modules/notify/preferences.h"

#include <fmt/format.h>

#include "common/error.h"

namespace xieli::notify {

Preference PreferenceOf(store::Connection& conn, int64_t user_id, const KindInfo& kind) {
    store::Rows rows = conn.Query(
        "SELECT in_app, email FROM notification_preferences WHERE user_id = ? AND kind = ?", {user_id, kind.kind}
    );
    if (rows.empty()) return {true, kind.email_by_default};
    return {rows.front().Int(0) != 0, rows.front().Int(1) != 0};
}

json::object PreferencesJson(store::Connection& conn, int64_t user_id, Lang lang) {
    json::array kinds;
    for (const KindInfo& k : Kinds()) {
        Preference p = PreferenceOf(conn, user_id, k);
        kinds.push_back(json::object{
            {"kind", k.kind}, {"label", k.label.In(lang)}, {"in_app", p.in_app}, {"email", p.email}});
    }
    return json::object{{"kinds", std::move(kinds)}};
}

void SavePreferences(store::Connection& tx, int64_t user_id, const json::object& body) {
    const json::value* list = body.if_contains("preferences");
    if (!list || !list->is_array()) {
        ThrowValidation({{"preferences", "required", {"请提供通知偏好列表", "preferences must be a list"}}});
    }
    std::vector<FieldError> errors;
    struct Change {
        KindInfo kind;
        std::optional<bool> in_app, email;
    };
    std::vector<Change> changes;
    size_t i = 0;
    for (const json::value& item : list->as_array()) {
        std::string field = fmt::format("preferences[{}]", i++);
        if (!item.is_object()) {
            errors.push_back({field, "invalid", {"每一项应为对象", "each entry must be an object"}});
            continue;
        }
        const json::object& o = item.as_object();
        const json::value* kind = o.if_contains("kind");
        std::optional<KindInfo> info = kind && kind->is_string() ? FindKind(kind->as_string()) : std::nullopt;
        if (!info) {
            errors.push_back({field + ".kind", "invalid", {"没有这种通知类型", "no such notification kind"}});
            continue;
        }
        Change c{*info, std::nullopt, std::nullopt};
        bool ok = true;
        for (const char* flag : {"in_app", "email"}) {
            const json::value* v = o.if_contains(flag);
            if (!v || v->is_null()) continue;
            if (!v->is_bool()) {
                errors.push_back({field + "." + flag, "invalid", {"应为 true 或 false", "must be true or false"}});
                ok = false;
                continue;
            }
            (std::string_view(flag) == "in_app" ? c.in_app : c.email) = v->as_bool();
        }
        if (ok) changes.push_back(std::move(c));
    }
    if (!errors.empty()) ThrowValidation(std::move(errors));
    for (const Change& c : changes) {
        Preference p = PreferenceOf(tx, user_id, c.kind);
        if (c.in_app) p.in_app = *c.in_app;
        if (c.email) p.email = *c.email;
        tx.Execute(
            "INSERT INTO notification_preferences (user_id, kind, in_app, email) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (user_id, kind) DO UPDATE SET in_app = excluded.in_app, email = excluded.email",
            {user_id, c.kind.kind, p.in_app, p.email}
        );
    }
}

}  // namespace xieli::notify
