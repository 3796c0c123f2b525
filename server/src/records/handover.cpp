#include "records/handover.h"

#include <fmt/format.h>

#include "common/error.h"

namespace xieli::records {

json::object Handover(
    RecordScope& s, int64_t from_user_id, int64_t to_user_id, const std::vector<std::string>& objects, TimePoint now
) {
    if (from_user_id == to_user_id) {
        ThrowValidation({{"to_user_id", "same_user", {"接收人不能是交接人本人", "The receiver must be someone else"}}});
    }
    std::vector<const ObjectMeta*> chosen;
    for (const std::string& name : objects) chosen.push_back(&s.schema->Get(name));
    if (objects.empty()) {
        for (const auto& [name, o] : s.schema->objects()) chosen.push_back(&o);
    }
    std::string ts = FormatUtc(now);
    store::Transaction tx = s.db.Write();
    if (!tx->QueryValue("SELECT 1 FROM users WHERE id = ?", {from_user_id})) {
        throw Error(ErrorCode::kNotFound, {"员工不存在", "No such user"});
    }
    store::Rows receiver = tx->Query("SELECT status, main_department_id FROM users WHERE id = ?", {to_user_id});
    if (receiver.empty() || receiver.front().Text(0) != "active") {
        ThrowValidation({{"to_user_id", "invalid_user", {"接收人不是有效的员工", "The receiver is not an active user"}}}
        );
    }
    store::Value department = receiver.front()[1];
    json::object moved;
    int64_t total = 0;
    std::string old_owner = std::to_string(from_user_id), new_owner = std::to_string(to_user_id);
    for (const ObjectMeta* o : chosen) {
        // History and events first, while the rows still name the old owner.
        tx->Execute(
            fmt::format(
                "INSERT INTO field_history (object, record_id, field, old_value, new_value, actor_id, at) "
                "SELECT ?, id, 'owner_id', ?, ?, ?, ? FROM {} WHERE owner_id = ? AND deleted_at IS NULL",
                o->table
            ),
            {o->name, old_owner, new_owner, s.access.user_id, ts, from_user_id}
        );
        tx->Execute(
            fmt::format(
                "INSERT INTO outbox (object, record_id, operation, changed_fields, actor_id, at) "
                "SELECT ?, id, 'update', '[\"owner_id\"]', ?, ? FROM {} WHERE owner_id = ? AND deleted_at IS NULL",
                o->table
            ),
            {o->name, s.access.user_id, ts, from_user_id}
        );
        int64_t n = tx->Execute(
            fmt::format(
                "UPDATE {} SET owner_id = ?, department_id = ?, updated_by = ?, updated_at = ?, version = version + 1 "
                "WHERE owner_id = ? AND deleted_at IS NULL",
                o->table
            ),
            {to_user_id, department, s.access.user_id, ts, from_user_id}
        );
        moved[o->name] = n;
        total += n;
    }
    json::object result{{"moved", moved}, {"total", total}};
    tx->Execute(
        "INSERT INTO audit_log (at, actor_id, action, target_type, target_id, details) VALUES (?, ?, 'handover', "
        "'user', ?, ?)",
        {ts,
         s.access.user_id,
         from_user_id,
         json::serialize(json::object{{"to_user_id", to_user_id}, {"moved", moved}})}
    );
    tx.Commit();
    return result;
}

}  // namespace xieli::records
