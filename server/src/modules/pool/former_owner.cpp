#include "modules/pool/former_owner.h"

#include <set>

namespace xieli::pool {

std::map<int64_t, records::ActorMask> FormerOwnerMasks(
    store::Connection& conn, const records::AccessContext& access, const std::vector<int64_t>& ids
) {
    std::map<int64_t, records::ActorMask> masks;
    if (access.is_admin || ids.empty()) return masks;
    std::vector<store::Value> params(ids.begin(), ids.end());
    for (const store::Row& r : conn.Query(
             "SELECT id, previous_owner_id FROM obj_customer WHERE id IN (" + records::Placeholders(ids.size()) +
                 ") AND owner_id IS NULL AND pool_id IS NOT NULL",
             store::Params(params)
         )) {
        records::ActorMask& mask = masks[r.Int(0)];
        mask.hidden_fields = {"owner_id", "previous_owner_id"};
        if (!r.IsNull(1)) mask.hidden_actor = r.Int(1);
    }
    return masks;
}

void AddPoolLabels(store::Connection& conn, Lang lang, json::array& records) {
    (void)lang;  // a pool's name is what the administrator typed, in one language
    std::set<int64_t> ids;
    for (const json::value& rec : records) {
        const json::value* v = rec.as_object().if_contains("pool_id");
        if (v && v->is_int64()) ids.insert(v->as_int64());
    }
    if (ids.empty()) return;
    std::vector<store::Value> params(ids.begin(), ids.end());
    std::map<int64_t, std::string> names;
    for (const store::Row& r : conn.Query(
             "SELECT id, name FROM pools WHERE id IN (" + records::Placeholders(ids.size()) + ")", store::Params(params)
         )) {
        names[r.Int(0)] = r.Text(1);
    }
    for (json::value& rec : records) {
        const json::value* v = rec.as_object().if_contains("pool_id");
        if (!v || !v->is_int64()) continue;
        auto name = names.find(v->as_int64());
        if (name == names.end()) continue;
        json::value& display = rec.as_object()["_display"];
        if (!display.is_object()) display = json::object{};
        display.as_object()["pool_id"] = name->second;
    }
}

}  // namespace xieli::pool
