#include "records/collaborators.h"

#include <fmt/format.h>

#include "common/error.h"

namespace xieli::records {

namespace {

// Who changed the collaborators, recorded like any other change so the timeline and the outbox
// (notifications, live refresh) see it.
void RecordChange(
    store::Connection& tx,
    const ObjectMeta& o,
    int64_t id,
    int64_t actor,
    const store::Value& old_value,
    const store::Value& new_value,
    TimePoint now
) {
    std::string ts = FormatUtc(now);
    tx.Execute(
        "INSERT INTO field_history (object, record_id, field, old_value, new_value, actor_id, at) "
        "VALUES (?, ?, 'collaborators', ?, ?, ?, ?)",
        {o.name, id, old_value, new_value, actor, ts}
    );
    tx.Execute(
        "INSERT INTO outbox (object, record_id, operation, changed_fields, actor_id, at) VALUES (?, ?, 'update', ?, ?, "
        "?)",
        {o.name, id, std::string(R"(["collaborators"])"), actor, ts}
    );
}

std::string UserLabel(store::Connection& tx, int64_t user_id) {
    auto name = tx.QueryValue("SELECT name FROM users WHERE id = ?", {user_id});
    return json::serialize(json::object{{"user_id", user_id}, {"name", name ? name->AsText() : ""}});
}

}  // namespace

json::object ListCollaborators(RecordService& service, RecordScope& s, std::string_view object, int64_t id) {
    const ObjectMeta& o = s.schema->Get(object);
    store::Reader r = s.db.Read();
    service.RequireRecord(*r, s, o.name, id, Action::kRead);
    json::array out;
    for (const auto& row : r->Query(
             "SELECT c.user_id, u.name, c.can_edit FROM record_collaborators c JOIN users u ON u.id = c.user_id "
             "WHERE c.object = ? AND c.record_id = ? ORDER BY u.name, c.user_id",
             {o.name, id}
         )) {
        out.push_back(json::object{{"user_id", row.Int(0)}, {"name", row.Text(1)}, {"can_edit", row[2].AsBool()}});
    }
    return json::object{{"records", std::move(out)}};
}

std::pair<json::object, bool> AddCollaborator(
    RecordService& service,
    RecordScope& s,
    std::string_view object,
    int64_t id,
    int64_t user_id,
    bool can_edit,
    TimePoint now
) {
    const ObjectMeta& o = s.schema->Get(object);
    store::Transaction tx = s.db.Write();
    service.RequireRecord(*tx, s, o.name, id, Action::kUpdate);
    store::Rows user = tx->Query("SELECT name, status FROM users WHERE id = ?", {user_id});
    if (user.empty() || user.front().Text(1) != "active") {
        ThrowValidation({{"user_id", "invalid", {"请选择在职的同事", "Choose an active colleague"}}});
    }
    auto owner = tx->QueryValue(fmt::format("SELECT owner_id FROM {} WHERE id = ?", o.table), {id});
    if (owner && !owner->IsNull() && owner->AsInt() == user_id) {
        ThrowValidation({{"user_id", "owner", {"负责人不需要添加为联合跟进人", "The owner is already on the record"}}});
    }
    auto existing = tx->QueryValue(
        "SELECT can_edit FROM record_collaborators WHERE object = ? AND record_id = ? AND user_id = ?",
        {o.name, id, user_id}
    );
    bool created = !existing;
    if (created || existing->AsBool() != can_edit) {
        tx->Execute(
            "INSERT INTO record_collaborators (object, record_id, user_id, can_edit) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (object, record_id, user_id) DO UPDATE SET can_edit = excluded.can_edit",
            {o.name, id, user_id, can_edit ? 1 : 0}
        );
        std::string label = UserLabel(*tx, user_id);
        RecordChange(*tx, o, id, s.access.user_id, created ? store::Value() : store::Value(label), label, now);
    }
    tx.Commit();
    return {json::object{{"user_id", user_id}, {"name", user.front().Text(0)}, {"can_edit", can_edit}}, created};
}

void RemoveCollaborator(
    RecordService& service, RecordScope& s, std::string_view object, int64_t id, int64_t user_id, TimePoint now
) {
    const ObjectMeta& o = s.schema->Get(object);
    store::Transaction tx = s.db.Write();
    // Leaving a record one collaborates on needs no edit right; removing someone else does.
    service.RequireRecord(*tx, s, o.name, id, user_id == s.access.user_id ? Action::kRead : Action::kUpdate);
    std::string label = UserLabel(*tx, user_id);
    if (tx->Execute(
            "DELETE FROM record_collaborators WHERE object = ? AND record_id = ? AND user_id = ?", {o.name, id, user_id}
        ) != 1) {
        throw Error(ErrorCode::kNotFound, {"此人不是该记录的联合跟进人", "This person is not a collaborator"});
    }
    RecordChange(*tx, o, id, s.access.user_id, label, store::Value(), now);
    tx.Commit();
}

}  // namespace xieli::records
