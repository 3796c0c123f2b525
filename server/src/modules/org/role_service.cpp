#include "modules/org/role_service.h"

#include <fmt/format.h>

#include "common/error.h"
#include "modules/org/body_reader.h"
#include "modules/org/org_repository.h"
#include "modules/org/org_rules.h"
#include "modules/org/permissions.h"

namespace xieli::org {

namespace {

constexpr long kMaxNameChars = 50;
constexpr long kMaxDescriptionChars = 500;

void CheckRoleName(BodyReader& in, const std::string& name) {
    std::string problem = CheckDisplayName(name, kMaxNameChars);
    if (problem == "required") {
        in.Required("name", {"请填写角色名称", "Role name is required"});
    } else if (problem == "too_long") {
        in.Fail("name", "too_long", {"角色名称不能超过 50 个字符", "Role name must be at most 50 characters"});
    } else if (!problem.empty()) {
        in.Fail("name", "invalid", {"角色名称包含无效字符", "Role name contains invalid characters"});
    }
}

void CheckDescription(BodyReader& in, const std::optional<std::string>& description) {
    if (description && CheckDisplayName(*description, kMaxDescriptionChars) == "too_long") {
        in.Fail("description", "too_long", {"描述不能超过 500 个字符", "Description must be at most 500 characters"});
    }
}

// Validated and normalized permissions, or nullopt (the problems are added to `in`).
std::optional<json::object> ReadPermissions(BodyReader& in, const json::object& body) {
    auto it = body.find("permissions");
    if (it == body.end() || it->value().is_null()) return std::nullopt;
    json::object normalized;
    std::vector<FieldError> errors = ValidatePermissions(it->value(), normalized);
    if (!errors.empty()) {
        for (auto& e : errors) in.errors().push_back(std::move(e));
        return std::nullopt;
    }
    return normalized;
}

void CheckNameFree(store::Connection& conn, const std::string& name, int64_t self) {
    for (const store::Row& r : conn.Query("SELECT id, name FROM roles WHERE id <> ?", {self})) {
        if (SameName(r.Text(1), name)) {
            throw Error(
                ErrorCode::kConflict,
                {"已有同名角色", "A role with this name already exists"},
                {FieldError{"name", "duplicate", {"角色名称不能重复", "Role names must be unique"}}}
            );
        }
    }
}

json::object RoleOrThrow(store::Database& db, int64_t id) {
    store::Reader r = db.Read();
    std::optional<json::object> role = RoleView(*r, id);
    if (!role) ThrowNotFound();
    return std::move(*role);
}

}  // namespace

json::object RoleService::List(const Actor& actor) {
    store::Reader r = actor.Db().Read();
    return json::object{{"records", RoleViews(*r)}};
}

json::object RoleService::Get(const Actor& actor, int64_t id) {
    return RoleOrThrow(actor.Db(), id);
}

json::object RoleService::Create(const Actor& actor, const json::object& body) {
    BodyReader in(body);
    std::string name = in.String("name").value_or("");
    std::optional<std::string> description = in.String("description");
    CheckRoleName(in, name);
    CheckDescription(in, description);
    std::optional<json::object> permissions = ReadPermissions(in, body);
    in.ThrowIfAny();
    if (!permissions) permissions = json::object{{"objects", json::object{}}, {"fields", json::object{}}};

    int64_t id = 0;
    {
        store::Transaction tx = actor.Db().Write();
        CheckNameFree(*tx, name, 0);
        std::string ts = FormatUtc(clock_.Now());
        id = tx->Query(
                   "INSERT INTO roles (name, description, permissions, is_system, created_at, updated_at) "
                   "VALUES (?, ?, ?, 0, ?, ?) RETURNING id",
                   {name, description, json::serialize(*permissions), ts, ts}
        )
                 .front()
                 .Int(0);
        // Custom roles get a stable code the way the default ones have theirs.
        tx->Execute("UPDATE roles SET code = ? WHERE id = ?", {fmt::format("custom_{}", id), id});
        tx.Commit();
    }
    return RoleOrThrow(actor.Db(), id);
}

json::object RoleService::Update(const Actor& actor, int64_t id, const json::object& body) {
    BodyReader in(body);
    std::optional<std::string> name = in.String("name");
    std::optional<std::string> description = in.String("description");
    if (name) CheckRoleName(in, *name);
    CheckDescription(in, description);
    std::optional<json::object> permissions = ReadPermissions(in, body);
    in.ThrowIfAny();
    {
        store::Transaction tx = actor.Db().Write();
        if (!tx->QueryValue("SELECT 1 FROM roles WHERE id = ?", {id})) ThrowNotFound();
        if (name) CheckNameFree(*tx, *name, id);
        std::string ts = FormatUtc(clock_.Now());
        if (name) tx->Execute("UPDATE roles SET name = ?, updated_at = ? WHERE id = ?", {*name, ts, id});
        if (in.Has("description")) {
            tx->Execute(
                "UPDATE roles SET description = ?, updated_at = ? WHERE id = ?",
                {description && !description->empty() ? store::Value(*description) : store::Value(), ts, id}
            );
        }
        if (permissions) {
            tx->Execute(
                "UPDATE roles SET permissions = ?, updated_at = ? WHERE id = ?", {json::serialize(*permissions), ts, id}
            );
        }
        tx.Commit();
    }
    return RoleOrThrow(actor.Db(), id);
}

void RoleService::Delete(const Actor& actor, int64_t id) {
    store::Transaction tx = actor.Db().Write();
    store::Rows rows = tx->Query("SELECT is_system FROM roles WHERE id = ?", {id});
    if (rows.empty()) ThrowNotFound();
    if (rows.front().Int(0) != 0) {
        throw Error(ErrorCode::kConflict, {"系统预置角色不能删除", "A default role cannot be deleted"});
    }
    int64_t holders = tx->QueryValue("SELECT count(*) FROM user_roles WHERE role_id = ?", {id})->AsInt();
    if (holders > 0) {
        throw Error(
            ErrorCode::kConflict,
            {fmt::format("还有 {} 名用户使用该角色，请先移除", holders),
             fmt::format("{} users still hold this role; remove it from them first", holders)}
        );
    }
    tx->Execute("DELETE FROM roles WHERE id = ?", {id});
    tx.Commit();
}

json::object RoleService::Users(const Actor& actor, int64_t id) {
    store::Reader r = actor.Db().Read();
    if (!r->QueryValue("SELECT 1 FROM roles WHERE id = ?", {id})) ThrowNotFound();
    std::vector<int64_t> ids;
    for (const store::Row& row : r->Query("SELECT user_id FROM user_roles WHERE role_id = ? ORDER BY user_id", {id})) {
        ids.push_back(row.Int(0));
    }
    return json::object{{"records", UserViews(*r, ids)}};
}

json::object RoleService::SetUsers(const Actor& actor, int64_t id, const json::object& body) {
    BodyReader in(body);
    std::optional<std::vector<int64_t>> user_ids = in.IdList("user_ids");
    if (!user_ids && !in.HasErrorFor("user_ids")) in.Required("user_ids", {"请提供用户列表", "user_ids is required"});
    in.ThrowIfAny();
    {
        store::Transaction tx = actor.Db().Write();
        if (!tx->QueryValue("SELECT 1 FROM roles WHERE id = ?", {id})) ThrowNotFound();
        if (ExistingIds(*tx, "users", *user_ids).size() != user_ids->size()) {
            ThrowValidation({FieldError{"user_ids", "not_found", {"所选用户不存在", "A chosen user does not exist"}}});
        }
        tx->Execute("DELETE FROM user_roles WHERE role_id = ?", {id});
        for (int64_t u : *user_ids) tx->Execute("INSERT INTO user_roles (user_id, role_id) VALUES (?, ?)", {u, id});
        tx.Commit();
    }
    return Users(actor, id);
}

}  // namespace xieli::org
