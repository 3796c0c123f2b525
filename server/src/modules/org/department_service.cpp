#include "modules/org/department_service.h"

#include <fmt/format.h>

#include "common/error.h"
#include "modules/org/body_reader.h"
#include "modules/org/org_repository.h"
#include "modules/org/org_rules.h"

namespace xieli::org {

namespace {

constexpr long kMaxNameChars = 50;

json::object Find(const std::vector<DepartmentRecord>& all, int64_t id) {
    for (const auto& d : all) {
        if (d.id == id) return DepartmentToJson(d);
    }
    ThrowNotFound();
}

void CheckName(BodyReader& in, const std::string& name) {
    std::string problem = CheckDisplayName(name, kMaxNameChars);
    if (problem == "required") {
        in.Required("name", {"请填写部门名称", "Department name is required"});
    } else if (problem == "too_long") {
        in.Fail("name", "too_long", {"部门名称不能超过 50 个字符", "Department name must be at most 50 characters"});
    } else if (!problem.empty() || name.find('/') != std::string::npos) {
        // "/" separates levels in import paths (销售部/华东大区).
        in.Fail(
            "name",
            "invalid",
            {"部门名称不能包含 / 或控制字符", "Department name must not contain / or control characters"}
        );
    }
}

void CheckSortOrder(BodyReader& in, std::optional<int64_t> sort_order) {
    if (sort_order && (*sort_order < -1000000 || *sort_order > 1000000)) {
        in.Fail("sort_order", "out_of_range", {"排序值超出范围", "sort_order is out of range"});
    }
}

// 409 when a sibling under `parent_id` (other than `self`) already has this name.
void CheckSiblingName(store::Connection& conn, int64_t parent_id, const std::string& name, int64_t self) {
    for (const store::Row& r :
         conn.Query("SELECT id, name FROM departments WHERE parent_id = ? AND id <> ?", {parent_id, self})) {
        if (SameName(r.Text(1), name)) {
            throw Error(
                ErrorCode::kConflict,
                {"同一上级部门下已有同名部门", "A department with this name already exists under the same parent"},
                {FieldError{"name", "duplicate", {"同级部门名称不能重复", "Sibling departments need different names"}}}
            );
        }
    }
}

void CheckHead(BodyReader& in, store::Connection& conn, std::optional<int64_t> head) {
    if (head && !conn.QueryValue("SELECT 1 FROM users WHERE id = ? AND status <> 'disabled'", {*head})) {
        in.Fail("head_user_id", "not_found", {"部门负责人不存在或已停用", "The head is not an active user"});
    }
}

}  // namespace

json::object DepartmentService::List(const Actor& actor) {
    store::Reader r = actor.Db().Read();
    std::vector<DepartmentRecord> all = ListDepartments(*r);
    json::array records;
    for (const auto& d : all) records.push_back(DepartmentToJson(d));
    return json::object{{"records", std::move(records)}, {"tree", BuildDepartmentTree(all)}};
}

json::object DepartmentService::Create(const Actor& actor, const json::object& body) {
    BodyReader in(body);
    std::string name = in.String("name").value_or("");
    std::optional<int64_t> parent_id = in.Int("parent_id");
    std::optional<int64_t> head = in.Int("head_user_id");
    std::optional<int64_t> sort_order = in.Int("sort_order");
    CheckName(in, name);
    CheckSortOrder(in, sort_order);
    if (!parent_id && !in.HasErrorFor("parent_id")) {
        in.Required("parent_id", {"请选择上级部门", "Choose the parent department"});
    }

    int64_t id = 0;
    {
        store::Transaction tx = actor.Db().Write();
        if (parent_id && !tx->QueryValue("SELECT 1 FROM departments WHERE id = ?", {*parent_id})) {
            in.Fail("parent_id", "not_found", {"上级部门不存在", "The parent department does not exist"});
        }
        CheckHead(in, *tx, head);
        in.ThrowIfAny();
        CheckSiblingName(*tx, *parent_id, name, 0);
        if (!sort_order) {
            sort_order =
                tx->QueryValue(
                      "SELECT COALESCE(MAX(sort_order), 0) + 1 FROM departments WHERE parent_id = ?", {*parent_id}
                )
                    ->AsInt();
        }
        id = InsertDepartment(*tx, parent_id, name, static_cast<int>(*sort_order), clock_.Now());
        if (head) tx->Execute("UPDATE departments SET head_user_id = ? WHERE id = ?", {*head, id});
        tx.Commit();
    }
    store::Reader r = actor.Db().Read();
    return Find(ListDepartments(*r), id);
}

json::object DepartmentService::Update(const Actor& actor, int64_t id, const json::object& body) {
    BodyReader in(body);
    std::optional<std::string> name = in.String("name");
    Patch<int64_t> parent = in.IntPatch("parent_id");
    Patch<int64_t> head = in.IntPatch("head_user_id");
    std::optional<int64_t> sort_order = in.Int("sort_order");
    if (name) CheckName(in, *name);
    CheckSortOrder(in, sort_order);

    {
        store::Transaction tx = actor.Db().Write();
        store::Rows rows = tx->Query("SELECT parent_id, name FROM departments WHERE id = ?", {id});
        if (rows.empty()) ThrowNotFound();
        std::optional<int64_t> current_parent =
            rows.front().IsNull(0) ? std::nullopt : std::optional<int64_t>(rows.front().Int(0));
        std::optional<int64_t> new_parent = current_parent;
        if (parent.present) {
            if (!current_parent) {
                if (parent.value) {
                    in.Fail("parent_id", "root", {"根部门不能移动", "The root department cannot be moved"});
                }
            } else if (!parent.value) {
                in.Required("parent_id", {"请选择上级部门", "Choose the parent department"});
            } else if (!tx->QueryValue("SELECT 1 FROM departments WHERE id = ?", {*parent.value})) {
                in.Fail("parent_id", "not_found", {"上级部门不存在", "The parent department does not exist"});
            } else if (WouldCreateCycle(DepartmentParents(*tx), id, *parent.value)) {
                in.Fail(
                    "parent_id",
                    "cycle",
                    {"不能把部门移到它自己或它的下级部门之下",
                     "A department cannot move under itself or its sub-departments"}
                );
            } else {
                new_parent = parent.value;
            }
        }
        if (head.present) CheckHead(in, *tx, head.value);
        in.ThrowIfAny();

        std::string new_name = name ? *name : rows.front().Text(1);
        if (new_parent && (name || new_parent != current_parent)) CheckSiblingName(*tx, *new_parent, new_name, id);
        std::string ts = FormatUtc(clock_.Now());
        tx->Execute(
            "UPDATE departments SET name = ?, parent_id = ?, updated_at = ? WHERE id = ?",
            {new_name, new_parent, ts, id}
        );
        if (head.present) tx->Execute("UPDATE departments SET head_user_id = ? WHERE id = ?", {head.value, id});
        if (sort_order) tx->Execute("UPDATE departments SET sort_order = ? WHERE id = ?", {*sort_order, id});
        tx.Commit();
    }
    store::Reader r = actor.Db().Read();
    return Find(ListDepartments(*r), id);
}

void DepartmentService::Delete(const Actor& actor, int64_t id) {
    store::Transaction tx = actor.Db().Write();
    store::Rows rows = tx->Query("SELECT parent_id FROM departments WHERE id = ?", {id});
    if (rows.empty()) ThrowNotFound();
    if (rows.front().IsNull(0)) {
        throw Error(ErrorCode::kConflict, {"根部门不能删除", "The root department cannot be deleted"});
    }
    int64_t children = tx->QueryValue("SELECT count(*) FROM departments WHERE parent_id = ?", {id})->AsInt();
    int64_t members = tx->QueryValue(
                            "SELECT count(*) FROM users WHERE main_department_id = ? OR id IN "
                            "(SELECT user_id FROM user_departments WHERE department_id = ?)",
                            {id, id}
    )
                          ->AsInt();
    if (children > 0 || members > 0) {
        Text message;
        if (children > 0 && members > 0) {
            message = {
                fmt::format("该部门下还有 {} 个子部门和 {} 名成员（含已停用），请先移走", children, members),
                fmt::format(
                    "The department still has {} sub-departments and {} members (disabled ones included); move them "
                    "first",
                    children,
                    members
                )};
        } else if (children > 0) {
            message = {
                fmt::format("该部门下还有 {} 个子部门，请先移走或删除", children),
                fmt::format("The department still has {} sub-departments; move or delete them first", children)};
        } else {
            message = {
                fmt::format("该部门下还有 {} 名成员（含已停用），请先把他们调到其他部门", members),
                fmt::format(
                    "The department still has {} members (disabled ones included); move them to another department "
                    "first",
                    members
                )};
        }
        std::vector<FieldError> details;
        if (children > 0) details.push_back({"children", "not_empty", {"存在子部门", "Has sub-departments"}});
        if (members > 0) details.push_back({"members", "not_empty", {"存在成员", "Has members"}});
        throw Error(ErrorCode::kConflict, std::move(message), std::move(details));
    }
    tx->Execute("DELETE FROM departments WHERE id = ?", {id});
    tx.Commit();
}

}  // namespace xieli::org
