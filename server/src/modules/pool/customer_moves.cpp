#include "modules/pool/customer_moves.h"

#include <fmt/format.h>

#include "records/value_codec.h"

namespace xieli::pool {

namespace {

std::optional<int64_t> OptionalId(const store::Row& r, size_t i) {
    if (r.IsNull(i)) return std::nullopt;
    return r.Int(i);
}

store::Value StoredBefore(const CustomerState& c, const std::string& field) {
    auto text = [](const std::string& s) { return s.empty() ? store::Value() : store::Value(s); };
    if (field == "owner_id") return IdOrNull(c.owner_id);
    if (field == "pool_id") return IdOrNull(c.pool_id);
    if (field == "previous_owner_id") return IdOrNull(c.previous_owner_id);
    if (field == "returned_at") return text(c.returned_at);
    if (field == "return_reason") return text(c.return_reason);
    if (field == "claimed_at") return text(c.claimed_at);
    return store::Value();
}

bool Same(const store::Value& a, const store::Value& b) {
    if (a.IsNull() || b.IsNull()) return a.IsNull() == b.IsNull();
    return a.AsText() == b.AsText();
}

}  // namespace

store::Value IdOrNull(std::optional<int64_t> id) {
    return id && *id ? store::Value(*id) : store::Value();
}

std::optional<CustomerState> LoadCustomerState(store::Connection& conn, int64_t id) {
    store::Rows rows = conn.Query(
        "SELECT id, name, owner_id, pool_id, previous_owner_id, returned_at, return_reason, claimed_at, "
        "last_followup_at, created_at, status FROM obj_customer WHERE id = ? AND deleted_at IS NULL",
        {id}
    );
    if (rows.empty()) return std::nullopt;
    const store::Row& r = rows.front();
    CustomerState c;
    c.id = r.Int(0);
    c.name = r.Text(1);
    c.owner_id = OptionalId(r, 2);
    c.pool_id = OptionalId(r, 3);
    c.previous_owner_id = OptionalId(r, 4);
    c.returned_at = r.IsNull(5) ? "" : r.Text(5);
    c.return_reason = r.IsNull(6) ? "" : r.Text(6);
    c.claimed_at = r.IsNull(7) ? "" : r.Text(7);
    c.last_followup_at = r.IsNull(8) ? "" : r.Text(8);
    c.created_at = r.Text(9);
    c.status = r.IsNull(10) ? "" : r.Text(10);
    return c;
}

store::Value MainDepartmentOf(store::Connection& conn, int64_t user_id) {
    std::optional<store::Value> d = conn.QueryValue("SELECT main_department_id FROM users WHERE id = ?", {user_id});
    return d ? *d : store::Value();
}

bool MoveCustomer(
    store::Connection& tx,
    const records::ObjectMeta& customer,
    const CustomerState& before,
    const FieldValues& changes,
    int64_t actor,
    TimePoint now,
    std::string_view guard,
    std::vector<store::Value> guard_params
) {
    std::string ts = FormatUtc(now);
    store::Value actor_value = actor ? store::Value(actor) : store::Value();
    std::string sets = "updated_by = ?, updated_at = ?, version = version + 1";
    std::vector<store::Value> params{actor_value, ts};
    for (const auto& [field, value] : changes) {
        // Column names come from metadata (or are the system column department_id), never from input.
        const records::FieldMeta* f = customer.Field(field);
        if (!f) continue;
        sets += fmt::format(", {} = ?", f->column);
        params.push_back(value);
    }
    params.emplace_back(before.id);
    params.insert(params.end(), guard_params.begin(), guard_params.end());
    int64_t n = tx.Execute(
        fmt::format(
            "UPDATE {} SET {} WHERE id = ? AND deleted_at IS NULL AND ({})", customer.table, sets, std::string(guard)
        ),
        store::Params(params)
    );
    if (n != 1) return false;

    json::array changed;
    for (const auto& [field, value] : changes) {
        const records::FieldMeta* f = customer.Field(field);
        if (!f || field == "department_id") continue;
        store::Value old = StoredBefore(before, field);
        if (Same(old, value)) continue;
        changed.push_back(json::value(field));
        tx.Execute(
            "INSERT INTO field_history (object, record_id, field, old_value, new_value, actor_id, at) VALUES (?, ?, ?, "
            "?, ?, ?, ?)",
            {customer.name,
             before.id,
             field,
             old.IsNull() ? store::Value() : store::Value(json::serialize(records::EncodeValue(*f, old))),
             json::serialize(records::EncodeValue(*f, value)),
             actor_value,
             ts}
        );
    }
    tx.Execute(
        "INSERT INTO outbox (object, record_id, operation, changed_fields, actor_id, at) VALUES (?, ?, 'update', ?, ?, "
        "?)",
        {customer.name, before.id, json::serialize(changed), actor_value, ts}
    );
    return true;
}

}  // namespace xieli::pool
