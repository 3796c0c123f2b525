#include "modules/sales/write_event_helpers.h"

#include <fmt/format.h>

#include <chrono>

#include "common/error.h"
#include "records/access.h"

namespace xieli::sales {

store::Value After(const records::WriteEvent& e, const char* field) {
    if (auto it = e.values.find(field); it != e.values.end()) return it->second;
    if (auto it = e.before.find(field); it != e.before.end()) return it->second;
    return {};
}

store::Value Before(const records::WriteEvent& e, const char* field) {
    auto it = e.before.find(field);
    return it == e.before.end() ? store::Value() : it->second;
}

bool Changes(const records::WriteEvent& e, const char* field) {
    return e.values.count(field) > 0;
}

std::string TextOf(const store::Value& v) {
    return v.IsNull() ? std::string() : v.AsText();
}

int64_t IntOf(const store::Value& v) {
    return v.IsNull() ? 0 : v.AsInt();
}

void Derive(records::WriteEvent& e, const char* field, store::Value v) {
    store::Value old = Before(e, field);
    bool same = old.IsNull() ? v.IsNull() : (!v.IsNull() && old.AsText() == v.AsText());
    if (e.record_id != 0 && same) {
        e.values.erase(field);
        return;
    }
    e.values[field] = std::move(v);
}

std::string ChinaDate(TimePoint now) {
    return FormatUtc(now + std::chrono::hours(8)).substr(0, 10);
}

std::optional<RecordRow> LoadLiveRow(store::Connection& conn, const std::string& table, int64_t id) {
    store::Rows rows = conn.Query(fmt::format("SELECT * FROM {} WHERE id = ? AND deleted_at IS NULL", table), {id});
    if (rows.empty()) return std::nullopt;
    RecordRow row;
    const std::vector<std::string>& names = rows.columns();
    for (size_t i = 0; i < names.size(); ++i) row[names[i]] = rows.front()[i];
    return row;
}

std::string TableOf(std::string_view standard_object) {
    return "obj_" + std::string(standard_object);
}

bool CallerMay(
    store::Connection& conn,
    const records::AccessContext& access,
    std::string_view standard_object,
    int64_t id,
    records::Action action
) {
    records::SqlFragment scope = records::ScopePredicate(access, standard_object, "t", action);
    std::vector<store::Value> params{id};
    params.insert(params.end(), scope.params.begin(), scope.params.end());
    return !conn.Query(
                    fmt::format(
                        "SELECT 1 FROM {} t WHERE t.id = ? AND t.deleted_at IS NULL AND {}",
                        TableOf(standard_object),
                        scope.sql
                    ),
                    store::Params(params)
    )
                .empty();
}

void RequireSameCustomer(records::WriteEvent& e, const char* lookup_field, std::string_view object) {
    if (!Changes(e, lookup_field) && !Changes(e, "customer_id")) return;
    int64_t id = IntOf(After(e, lookup_field));
    if (id == 0) return;
    std::optional<RecordRow> row = LoadLiveRow(e.tx, TableOf(object), id);
    if (!row) return;  // the engine already answered for lookups that do not exist
    if (IntOf((*row)["customer_id"]) != IntOf(After(e, "customer_id"))) {
        ThrowFieldError(
            lookup_field, "other_customer", {"所选记录属于其他客户", "The chosen record belongs to another customer"}
        );
    }
}

}  // namespace xieli::sales
