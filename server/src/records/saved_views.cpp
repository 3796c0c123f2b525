#include "records/saved_views.h"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/error.h"
#include "common/strings.h"
#include "records/meta_deletion.h"
#include "records/query_compiler.h"

namespace xieli::records {

namespace {

constexpr long kMaxNameLength = 50;
constexpr int kMaxViewsPerObject = 100;

struct ViewInput {
    std::optional<std::string> name;
    std::optional<json::value> filter;
    std::optional<json::array> sort;
    std::optional<json::array> columns;
    std::optional<bool> shared;
};

// Reads and checks a view body; `creating` makes the name required.
ViewInput ReadInput(RecordScope& s, const ObjectMeta& o, const json::object& body, bool creating, TimePoint now) {
    ViewInput in;
    std::vector<FieldError> errors;
    for (const auto& [key, v] : body) {
        if (key != "name" && key != "filter" && key != "sort" && key != "columns" && key != "shared") {
            errors.push_back(
                {std::string(key),
                 "unknown_field",
                 {fmt::format("未知参数「{}」", std::string(key)),
                  fmt::format("Unknown member '{}'", std::string(key))}}
            );
        }
    }
    if (const json::value* v = body.if_contains("name")) {
        std::string name = v->is_string() ? TrimCopy(std::string(v->get_string())) : "";
        if (name.empty() || Utf8Length(name) > kMaxNameLength) {
            errors.push_back({"name", "invalid", {"视图名称应为 1–50 个字符", "The view name must be 1–50 characters"}}
            );
        } else {
            in.name = std::move(name);
        }
    } else if (creating) {
        errors.push_back({"name", "required", {"请填写视图名称", "The view needs a name"}});
    }
    if (const json::value* v = body.if_contains("shared")) {
        if (!v->is_bool())
            errors.push_back({"shared", "invalid", {"shared 应为 true 或 false", "shared must be true or false"}});
        else
            in.shared = v->get_bool();
    }
    if (const json::value* v = body.if_contains("columns"); v && !v->is_null()) {
        if (!v->is_array() || v->get_array().size() > 200) {
            errors.push_back({"columns", "invalid", {"columns 应为字段名列表", "columns must be a list of field names"}}
            );
        }
    }
    if (!errors.empty()) ThrowValidation(std::move(errors));

    // The query compiler is the judge of filters, sorts and field names: the same rules (and the
    // same 422s) as a real query by this caller.
    json::object probe;
    if (const json::value* v = body.if_contains("filter")) probe["filter"] = *v;
    if (const json::value* v = body.if_contains("sort")) probe["sort"] = *v;
    if (const json::value* v = body.if_contains("columns"); v && !v->is_null()) probe["fields"] = *v;
    QueryRequest q = ParseQueryRequest(probe);
    q.with_total = false;
    CompileQuery(o, s.access, q, now);

    if (const json::value* v = body.if_contains("filter")) in.filter = *v;
    if (body.contains("sort")) {
        json::array sort;
        for (const SortKey& k : q.sort)
            sort.push_back(json::object{{"field", k.field}, {"dir", k.desc ? "desc" : "asc"}});
        in.sort = std::move(sort);
    }
    if (body.contains("columns")) {
        json::array cols;
        for (const std::string& f : q.fields) cols.push_back(json::value(f));
        in.columns = std::move(cols);
    }
    return in;
}

// Whether the caller can use the field `name` in a view: it exists and is not hidden from them.
bool Usable(const ObjectMeta& o, const AccessContext& access, std::string_view name) {
    const FieldMeta* f = o.Field(name);
    return f && access.FieldAccessFor(o.name, f->name) != org::FieldAccess::kHidden;
}

// Whether the field `name` still exists somewhere: live, or deleted and restorable. A field purged
// for good (or that never was) exists nowhere, and its name may be taken by a new field.
bool Known(const ObjectMeta& o, const FieldLabels& restorable, std::string_view name) {
    return o.Field(name) || restorable.contains(name);
}

// `node` without the conditions on fields `keep` refuses (their names go to `missing`, once each;
// `dropped` counts the conditions); null when nothing is left. What is not a group or a condition
// is the query compiler's to judge.
json::value PruneFilter(
    const json::value& node,
    const std::function<bool(std::string_view)>& keep,
    std::vector<std::string>& missing,
    int64_t& dropped
) {
    const json::object* obj = node.if_object();
    if (!obj) return node;
    for (const char* group : {"and", "or"}) {
        const json::value* items = obj->if_contains(group);
        if (!items || obj->size() != 1 || !items->is_array()) continue;
        json::array kept;
        for (const json::value& item : items->get_array()) {
            json::value pruned = PruneFilter(item, keep, missing, dropped);
            if (!pruned.is_null()) kept.push_back(std::move(pruned));
        }
        if (kept.empty()) return nullptr;
        return json::object{{group, std::move(kept)}};
    }
    const json::value* field = obj->if_contains("field");
    if (!field || !field->is_string() || keep(field->get_string())) return node;
    std::string name(field->get_string());
    if (std::find(missing.begin(), missing.end(), name) == missing.end()) missing.push_back(std::move(name));
    ++dropped;
    return nullptr;
}

// `filter` without the conditions on fields that exist nowhere (Known), as PruneFilter.
json::value DropGoneConditions(
    const ObjectMeta& o,
    const FieldLabels& restorable,
    const json::value& filter,
    std::vector<std::string>& gone,
    int64_t& dropped
) {
    return PruneFilter(
        filter, [&](std::string_view name) { return Known(o, restorable, name); }, gone, dropped
    );
}

// A filter as its top-level group: the group's kind ("and", "or"; "" for a lone condition, which
// is a group of one) and its items (none for no filter).
std::pair<std::string, json::array> TopLevel(const json::value& filter) {
    if (filter.is_null()) return {"", {}};
    if (const json::object* obj = filter.if_object(); obj && obj->size() == 1) {
        for (const char* group : {"and", "or"}) {
            const json::value* items = obj->if_contains(group);
            if (items && items->is_array()) return {group, items->get_array()};
        }
    }
    return {"", json::array{filter}};
}

json::object ViewJson(
    const store::Row& r, const ObjectMeta& o, const AccessContext& access, const FieldLabels& restorable
) {
    json::value sort = ParseStoredJson(r.Text(5));
    json::value columns = ParseStoredJson(r.Text(6));
    return ApplicableView(
        o,
        access,
        restorable,
        json::object{
            {"id", r.Int(0)},
            {"name", r.Text(1)},
            {"owner_id", r.Int(2)},
            {"owner_name", r.Text(9)},
            {"shared", r[3].AsBool()},
            {"mine", r.Int(2) == access.user_id},
            {"filter", r.IsNull(4) ? json::value(nullptr) : ParseStoredJson(r.Text(4))},
            {"sort", sort.is_array() ? sort : json::array{}},
            {"columns", columns.is_array() ? columns : json::array{}},
            {"created_at", r.Text(7)},
            {"updated_at", r.Text(8)},
        }
    );
}

constexpr const char* kSelect =
    "SELECT v.id, v.name, v.owner_id, v.shared, v.filter, v.sort, v.columns, v.created_at, v.updated_at, "
    "COALESCE(u.name, '') FROM saved_views v LEFT JOIN users u ON u.id = v.owner_id ";

json::object LoadView(
    store::Connection& conn, int64_t id, const ObjectMeta& o, const AccessContext& access, const FieldLabels& restorable
) {
    store::Rows rows = conn.Query(std::string(kSelect) + "WHERE v.id = ?", {id});
    return ViewJson(rows.front(), o, access, restorable);
}

// The view as the caller may change it: their own, or a shared one when they may share. Others'
// personal views do not exist for them (404).
void RequireEditable(store::Connection& conn, const ObjectMeta& o, int64_t id, int64_t caller, ViewRights rights) {
    store::Rows rows = conn.Query("SELECT owner_id, shared FROM saved_views WHERE id = ? AND object = ?", {id, o.name});
    bool visible = !rows.empty() && (rows.front().Int(0) == caller || rows.front()[1].AsBool());
    if (!visible) throw Error(ErrorCode::kNotFound, {"视图不存在", "No such view"});
    if (rows.front().Int(0) != caller && !rights.may_share) {
        throw Error(
            ErrorCode::kForbidden, {"只有管理员可以修改共享视图", "Only administrators can change shared views"}
        );
    }
}

}  // namespace

json::object ApplicableView(
    const ObjectMeta& o, const AccessContext& access, const FieldLabels& restorable, json::object view
) {
    auto field_of = [](const json::value& v) -> std::string_view {
        if (v.is_string()) return v.get_string();
        const json::value* f = v.is_object() ? v.get_object().if_contains("field") : nullptr;
        return f && f->is_string() ? std::string_view(f->get_string()) : std::string_view();
    };
    for (const char* key : {"columns", "sort"}) {
        json::array* items = view.contains(key) ? view[key].if_array() : nullptr;
        if (!items) continue;
        json::array kept;
        for (const json::value& item : *items) {
            if (Usable(o, access, field_of(item))) kept.push_back(item);
        }
        *items = std::move(kept);
    }
    std::vector<std::string> missing;
    std::vector<std::string> gone;
    int64_t hidden = 0;
    int64_t purged = 0;
    if (const json::value* filter = view.if_contains("filter"); filter && !filter->is_null()) {
        // Those on fields that exist nowhere, among all those left out: a PATCH drops them.
        DropGoneConditions(o, restorable, *filter, gone, purged);
        view["filter"] = PruneFilter(
            *filter, [&](std::string_view name) { return Usable(o, access, name); }, missing, hidden
        );
    }
    json::array names;
    json::object labels;
    for (std::string& name : missing) {
        auto deleted = restorable.find(name);
        if (deleted != restorable.end() && access.FieldAccessFor(o.name, name) != org::FieldAccess::kHidden) {
            labels[name] = json::object{{"label", deleted->second.zh}, {"label_en", deleted->second.en}};
        }
        names.push_back(json::value(std::move(name)));
    }
    view["missing_fields"] = std::move(names);
    view["missing_field_labels"] = std::move(labels);
    view["hidden_conditions"] = hidden;
    json::array purged_names;
    for (std::string& name : gone) purged_names.push_back(json::value(std::move(name)));
    view["purged_fields"] = std::move(purged_names);
    view["purged_conditions"] = purged;
    return view;
}

json::value KeepUnseenConditions(
    const ObjectMeta& o,
    const AccessContext& access,
    const FieldLabels& restorable,
    const json::value& stored,
    const json::value& sent
) {
    std::vector<std::string> names;
    int64_t count = 0;
    auto usable = [&](std::string_view name) { return Usable(o, access, name); };
    // A field purged for good may be made anew under the same name: its conditions go.
    json::value known = DropGoneConditions(o, restorable, stored, names, count);
    auto [kind, stored_items] = TopLevel(known);
    auto [sent_kind, sent_items] = TopLevel(sent);
    json::array unseen;
    bool regrouped = false;
    for (const json::value& item : stored_items) {
        json::value shown = PruneFilter(item, usable, names, count);
        if (shown == item) continue;  // the caller saw it whole, and sent what they made of it
        if (shown.is_null()) {
            unseen.push_back(item);
            continue;
        }
        auto same = std::find(sent_items.begin(), sent_items.end(), shown);
        if (same != sent_items.end()) {
            *same = item;
            regrouped = true;
        }
    }
    if (unseen.empty() && !regrouped) return sent;
    if (kind.empty()) kind = sent_kind.empty() ? "and" : sent_kind;
    json::array items;
    if (!sent_kind.empty() && sent_kind != kind && sent_items.size() > 1)
        items.push_back(json::object{{sent_kind, std::move(sent_items)}});
    else
        items = std::move(sent_items);
    for (json::value& item : unseen) items.push_back(std::move(item));
    return json::object{{kind, std::move(items)}};
}

json::object ListViews(RecordScope& s, std::string_view object) {
    const ObjectMeta& o = s.schema->Get(object);
    store::Reader r = s.db.Read();
    FieldLabels restorable = RestorableFields(*r, o.name);
    json::array out;
    for (const auto& row : r->Query(
             std::string(kSelect) +
                 "WHERE v.object = ? AND (v.owner_id = ? OR v.shared = 1) ORDER BY v.shared DESC, v.name, v.id",
             {o.name, s.access.user_id}
         )) {
        out.push_back(ViewJson(row, o, s.access, restorable));
    }
    return json::object{{"records", std::move(out)}};
}

json::object CreateView(
    RecordScope& s, std::string_view object, const json::object& body, ViewRights rights, TimePoint now
) {
    const ObjectMeta& o = s.schema->Get(object);
    ViewInput in = ReadInput(s, o, body, true, now);
    if (in.shared.value_or(false) && !rights.may_share) {
        throw Error(ErrorCode::kForbidden, {"只有管理员可以共享视图", "Only administrators can share views"});
    }
    std::string ts = FormatUtc(now);
    store::Transaction tx = s.db.Write();
    auto count = tx->QueryValue(
        "SELECT COUNT(*) FROM saved_views WHERE object = ? AND owner_id = ?", {o.name, s.access.user_id}
    );
    if (count && count->AsInt() >= kMaxViewsPerObject) {
        ThrowValidation({{"name", "too_many", {"每个对象最多保存 100 个视图", "At most 100 views per object"}}});
    }
    int64_t id = tx->Query(
                       "INSERT INTO saved_views (object, name, owner_id, shared, filter, sort, columns, created_at, "
                       "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                       {o.name,
                        *in.name,
                        s.access.user_id,
                        in.shared.value_or(false) ? 1 : 0,
                        in.filter && !in.filter->is_null() ? store::Value(json::serialize(*in.filter)) : store::Value(),
                        json::serialize(in.sort.value_or(json::array{})),
                        json::serialize(in.columns.value_or(json::array{})),
                        ts,
                        ts}
    )
                     .front()
                     .Int(0);
    json::object out = LoadView(*tx, id, o, s.access, RestorableFields(*tx, o.name));
    tx.Commit();
    return out;
}

json::object UpdateView(
    RecordScope& s, std::string_view object, int64_t id, const json::object& body, ViewRights rights, TimePoint now
) {
    const ObjectMeta& o = s.schema->Get(object);
    ViewInput in = ReadInput(s, o, body, false, now);
    store::Transaction tx = s.db.Write();
    RequireEditable(*tx, o, id, s.access.user_id, rights);
    if (in.shared && !rights.may_share) {
        throw Error(ErrorCode::kForbidden, {"只有管理员可以共享视图", "Only administrators can share views"});
    }
    std::string sets = "updated_at = ?";
    std::vector<store::Value> params{FormatUtc(now)};
    if (in.name) sets += ", name = ?", params.emplace_back(*in.name);
    if (in.shared) sets += ", shared = ?", params.emplace_back(*in.shared ? 1 : 0);
    // Read once: what KeepUnseenConditions keeps and what the answer names.
    FieldLabels restorable = RestorableFields(*tx, o.name);
    json::value stored = nullptr;
    if (auto text = tx->QueryValue("SELECT filter FROM saved_views WHERE id = ?", {id}); text && !text->IsNull())
        stored = ParseStoredJson(text->AsText());
    std::optional<json::value> filter;
    if (in.filter) {
        // The conditions the caller could not see stay (KeepUnseenConditions).
        filter = KeepUnseenConditions(o, s.access, restorable, stored, *in.filter);
    } else {
        // Whatever else changes, the conditions on fields that exist nowhere go (ApplicableView:
        // "purged_conditions").
        std::vector<std::string> gone;
        int64_t dropped = 0;
        json::value known = DropGoneConditions(o, restorable, stored, gone, dropped);
        if (dropped > 0) filter = std::move(known);
    }
    if (filter) {
        sets += ", filter = ?";
        params.push_back(filter->is_null() ? store::Value() : store::Value(json::serialize(*filter)));
    }
    if (in.sort) sets += ", sort = ?", params.emplace_back(json::serialize(*in.sort));
    if (in.columns) sets += ", columns = ?", params.emplace_back(json::serialize(*in.columns));
    params.emplace_back(id);
    tx->Execute("UPDATE saved_views SET " + sets + " WHERE id = ?", store::Params(params));
    json::object out = LoadView(*tx, id, o, s.access, restorable);
    tx.Commit();
    return out;
}

int64_t DropFieldFromViews(store::Connection& conn, std::string_view object, std::string_view field) {
    struct Changed {
        int64_t id;
        std::string filter, sort, columns;
        bool no_filter;
    };
    std::vector<Changed> changed;
    for (const store::Row& r :
         conn.Query("SELECT id, filter, sort, columns FROM saved_views WHERE object = ?", {std::string(object)})) {
        bool touched = false;
        json::value filter = r.IsNull(1) ? json::value(nullptr) : ParseStoredJson(r.Text(1));
        std::vector<std::string> names;
        int64_t dropped = 0;
        filter = PruneFilter(
            filter, [&](std::string_view name) { return name != field; }, names, dropped
        );
        touched = dropped > 0;
        json::array sort;
        if (json::value stored = ParseStoredJson(r.Text(2)); stored.is_array()) {
            for (const json::value& key : stored.get_array()) {
                const json::value* f = key.is_object() ? key.get_object().if_contains("field") : nullptr;
                if (f && f->is_string() && f->get_string() == field)
                    touched = true;
                else
                    sort.push_back(key);
            }
        }
        json::array columns;
        if (json::value stored = ParseStoredJson(r.Text(3)); stored.is_array()) {
            for (const json::value& column : stored.get_array()) {
                if (column.is_string() && column.get_string() == field)
                    touched = true;
                else
                    columns.push_back(column);
            }
        }
        if (touched)
            changed.push_back(
                {r.Int(0), json::serialize(filter), json::serialize(sort), json::serialize(columns), filter.is_null()}
            );
    }
    for (const Changed& c : changed) {
        conn.Execute(
            "UPDATE saved_views SET filter = ?, sort = ?, columns = ? WHERE id = ?",
            {c.no_filter ? store::Value() : store::Value(c.filter), c.sort, c.columns, c.id}
        );
    }
    return static_cast<int64_t>(changed.size());
}

void DeleteView(RecordScope& s, std::string_view object, int64_t id, ViewRights rights) {
    const ObjectMeta& o = s.schema->Get(object);
    store::Transaction tx = s.db.Write();
    RequireEditable(*tx, o, id, s.access.user_id, rights);
    tx->Execute("DELETE FROM saved_views WHERE id = ?", {id});
    tx.Commit();
}

}  // namespace xieli::records
