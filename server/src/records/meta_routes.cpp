// /api/v1/meta/…: objects, fields and picklists (API.md "Metadata"). Reading is for everyone
// signed in (shaped by their permissions); changing the schema is for administrators.

#include <fmt/format.h>

#include "common/error.h"
#include "common/strings.h"
#include "modules/org/admin_guard.h"
#include "records/autonumber_format.h"
#include "records/field_editor.h"
#include "records/formula.h"
#include "records/layouts.h"
#include "records/meta_deletion.h"
#include "records/picklist_editor.h"
#include "records/records_module.h"
#include "records/schema_writer.h"
#include "records/search_rebuild.h"
#include "records/value_codec.h"

namespace xieli::records {

namespace {

[[noreturn]] void Invalid(const char* field, const char* code, Text message) {
    ThrowValidation({FieldError{field, code, std::move(message)}});
}

// The API name of a new field or object: the body's "name", else one made of the English label
// ("客户等级" / "Customer grade" → "c_customer_grade"), else (only a Chinese label) `fallback` —
// "field" or "object" — numbered: c_object, c_object_2 …
enum class NameUse { kFree, kTaken, kTakenByDeleted };

// The use of a name from its meta row's deleted_at: no row, a live one, or one in 已删除.
NameUse NameUseOf(const std::optional<store::Value>& deleted_at) {
    if (!deleted_at) return NameUse::kFree;
    return deleted_at->IsNull() ? NameUse::kTaken : NameUse::kTakenByDeleted;
}
std::string NameFor(
    const json::object& body,
    const char* prefix,
    const char* fallback,
    const std::function<NameUse(const std::string&)>& use
) {
    auto taken = [&](const std::string& n) { return use(n) != NameUse::kFree; };
    std::string name = ToLowerAscii(TrimCopy(GetString(body, "name").value_or("")));
    if (!name.empty()) {
        if (!name.starts_with(prefix)) name = prefix + name;
        if (!IsValidIdentifier(name) || name.size() > 40) {
            Invalid(
                "name",
                "invalid",
                {"名称只能包含小写字母、数字和下划线，并以字母开头",
                 "The name may hold lower-case letters, digits and _ and must start with a letter"}
            );
        }
        switch (use(name)) {
            case NameUse::kFree: break;
            case NameUse::kTaken: Invalid("name", "duplicate", {"该名称已被使用", "This name is taken"});
            case NameUse::kTakenByDeleted:
                // A deleted field or object keeps its name (and data) until purged: say where it is.
                Invalid(
                    "name",
                    "duplicate",
                    {"该名称属于已删除的项目：可在“已删除”中恢复它，或彻底删除后再使用此名称",
                     "A deleted item still holds this name: restore it under Deleted, or purge it to use the name"}
                );
        }
        return name;
    }
    std::string base;
    for (char c : ToLowerAscii(GetString(body, "label_en").value_or(""))) {
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            base.push_back(c);
        else if (!base.empty() && base.back() != '_')
            base.push_back('_');
        if (base.size() >= 30) break;
    }
    while (!base.empty() && base.back() == '_') base.pop_back();
    if (base.empty() || !(base[0] >= 'a' && base[0] <= 'z')) base = fallback;
    for (int i = 0; i < 1000; ++i) {
        std::string candidate = prefix + base + (i ? fmt::format("_{}", i + 1) : "");
        if (!taken(candidate)) return candidate;
    }
    throw Error(ErrorCode::kConflict, {"无法生成名称", "Could not choose a name"});
}

// "{0000}" when the body names no format; otherwise the format, checked (422 naming a bad token).
std::string AutonumberFormatOf(const json::object& body) {
    const json::value* v = body.if_contains("autonumber_format");
    if (!v || v->is_null()) return "{0000}";
    if (!v->is_string()) Invalid("autonumber_format", "invalid", {"编号格式应为文字", "The format must be text"});
    std::string format = TrimCopy(std::string(v->get_string()));
    RequireValidAutonumberFormat(format);
    return format;
}

Text Labels(const json::object& body) {
    std::string zh = TrimCopy(GetString(body, "label").value_or(""));
    std::string en = TrimCopy(GetString(body, "label_en").value_or(""));
    if (zh.empty()) Invalid("label", "required", {"请填写显示名称", "A label is required"});
    if (Utf8Length(zh) > 50 || Utf8Length(en) > 80)
        Invalid("label", "too_long", {"显示名称过长", "The label is too long"});
    return {zh, en.empty() ? zh : en};
}

struct MetaHandlers {
    RecordsModule& m;

    json::object Permissions(const RecordScope& s, const ObjectMeta& o) {
        json::object p;
        for (const char* flag : {"create", "import", "export", "transfer"}) p[flag] = s.access.Can(o.name, flag);
        p["read"] = org::ScopeName(s.access.ScopeFor(o.name, Action::kRead));
        p["update"] = org::ScopeName(s.access.ScopeFor(o.name, Action::kUpdate));
        p["delete"] = org::ScopeName(s.access.ScopeFor(o.name, Action::kDelete));
        // An enterprise setting may forbid deleting an object's records for everyone.
        if (p["delete"].as_string() != "none" && !m.service().DeleteAllowed(s.db, o.name)) p["delete"] = "none";
        return p;
    }

    json::object Describe(RecordScope& s, const ObjectMeta& o) {
        json::object out = ObjectToJson(o, false);
        json::array fields;
        for (const FieldMeta& f : o.fields) {
            org::FieldAccess a = s.access.FieldAccessFor(o.name, f.name);
            if (a == org::FieldAccess::kHidden) continue;
            json::object fj = FieldToJson(f);
            if (a == org::FieldAccess::kReadOnly) fj["read_only"] = true;
            fields.push_back(std::move(fj));
        }
        out["fields"] = std::move(fields);
        out["permissions"] = Permissions(s, o);
        out["layouts"] = json::object{
            {"form", records::GetLayout(s, o.name, "form")}, {"detail", records::GetLayout(s, o.name, "detail")}};
        return out;
    }

    http::Response ListObjects(http::Context& c) {
        RecordScope s = m.ScopeFor(c);
        json::array objects;
        for (const auto& [name, o] : s.schema->objects()) {
            json::object j = ObjectToJson(o, false);
            j["permissions"] = Permissions(s, o);
            objects.push_back(std::move(j));
        }
        return http::Response::Json(200, json::object{{"records", std::move(objects)}});
    }

    http::Response GetObject(http::Context& c) {
        RecordScope s = m.ScopeFor(c);
        return http::Response::Json(200, Describe(s, s.schema->Get(c.PathParam("object"))));
    }

    http::Response AddField(http::Context& c) {
        json::object body = c.JsonBody();
        // Changing the schema is for full administrators, after the admin re-authentication.
        org::RequireAdmin(c, org::kFullAdminOnly);
        RecordScope s = m.ScopeFor(c);
        const ObjectMeta& o = s.schema->Get(c.PathParam("object"));
        FieldMeta f;
        f.label = Labels(body);
        std::string type = GetString(body, "type").value_or("");
        std::optional<FieldType> t = ParseFieldType(type);
        if (!t) Invalid("type", "invalid", {"字段类型不正确", "Unknown field type"});
        std::optional<CompiledFormula> formula;
        if (*t == FieldType::kFormula) {
            f.formula = TrimCopy(GetString(body, "formula").value_or(""));
            formula = CompileFormula(o, f.formula);  // 422 with the place of the mistake
        }
        f.type = *t;
        f.is_custom = true;
        f.required = GetBool(body, "required").value_or(false);
        f.unique = GetBool(body, "unique").value_or(false);
        f.searchable = GetBool(body, "searchable")
                           .value_or(InfoOf(f.type).searchable_by_default && f.type != FieldType::kTextarea);
        f.help = {GetString(body, "help").value_or(""), GetString(body, "help_en").value_or("")};
        if (auto n = GetInt(body, "max_length")) {
            if (*n < 1 || *n > 10000)
                Invalid("max_length", "out_of_range", {"长度应为 1–10000", "max_length must be 1–10000"});
            f.max_length = static_cast<int>(*n);
        }
        if (auto it = body.find("min"); it != body.end() && it->value().is_number())
            f.min_value = it->value().to_number<double>();
        if (auto it = body.find("max"); it != body.end() && it->value().is_number())
            f.max_value = it->value().to_number<double>();
        if (f.min_value && f.max_value && *f.min_value > *f.max_value)
            Invalid("min", "invalid", {"最小值不能大于最大值", "min must not exceed max"});
        if (f.type == FieldType::kAutonumber) f.autonumber_format = AutonumberFormatOf(body);
        if (f.type == FieldType::kLookup) {
            f.lookup_object = GetString(body, "lookup_object").value_or("");
            if (!s.schema->Find(f.lookup_object))
                Invalid("lookup_object", "invalid", {"关联的对象不存在", "The lookup object does not exist"});
        }
        store::Transaction tx = s.db.Write();
        if (f.type == FieldType::kSelect || f.type == FieldType::kMultiselect) {
            f.picklist = GetString(body, "picklist").value_or("");
            const json::value* options = body.if_contains("options");
            if (f.picklist.empty() && (!options || !options->is_array() || options->get_array().empty())) {
                Invalid("options", "required", {"请选择数据字典或填写选项", "Choose a picklist or give the options"});
            }
            if (!f.picklist.empty()) {
                if (!tx->QueryValue("SELECT 1 FROM picklists WHERE name = ?", {f.picklist})) {
                    Invalid("picklist", "invalid", {"数据字典不存在", "No such picklist"});
                }
            }
        }
        f.name = NameFor(body, "c_", "field", [&](const std::string& n) {
            if (o.Field(n)) return NameUse::kTaken;
            return NameUseOf(
                tx->QueryValue("SELECT deleted_at FROM meta_fields WHERE object = ? AND name = ?", {o.name, n})
            );
        });
        f.column = f.name;
        if (f.picklist.empty() && (f.type == FieldType::kSelect || f.type == FieldType::kMultiselect)) {
            // The field's own options become a picklist of the data dictionary.
            f.picklist = o.name + "_" + f.name;
            tx->Execute(
                "INSERT INTO picklists (name, label_zh, label_en, is_system, created_at) VALUES (?, ?, ?, 0, ?)",
                {f.picklist, f.label.zh, f.label.en, FormatUtc(m.clock().Now())}
            );
            int order = 0;
            for (const auto& opt : body.at("options").get_array()) {
                const json::object* oo = opt.if_object();
                std::string label = oo ? TrimCopy(GetString(*oo, "label").value_or(""))
                                       : (opt.is_string() ? std::string(opt.get_string()) : "");
                if (label.empty() || Utf8Length(label) > 50)
                    Invalid("options", "invalid", {"选项名称不正确", "An option label is not valid"});
                std::string value = oo ? GetString(*oo, "value").value_or("") : "";
                if (value.empty()) value = fmt::format("o{}", order + 1);
                std::string label_en = oo ? GetString(*oo, "label_en").value_or(label) : label;
                if (tx->QueryValue(
                        "SELECT 1 FROM picklist_options WHERE picklist = ? AND value = ?", {f.picklist, value}
                    )) {
                    Invalid("options", "duplicate", {"选项重复", "Options repeat"});
                }
                tx->Execute(
                    "INSERT INTO picklist_options (picklist, value, label_zh, label_en, sort_order) VALUES (?, ?, ?, "
                    "?, ?)",
                    {f.picklist, value, label, label_en, ++order * 10}
                );
            }
        }
        if (auto it = body.find("default"); it != body.end() && !it->value().is_null()) {
            std::vector<FieldError> errors;
            DecodeValue(f, it->value(), errors);
            if (!errors.empty()) Invalid("default", "invalid", {"默认值不正确", "The default value is not valid"});
            f.default_json = json::serialize(it->value());
        }
        int max_order = static_cast<int>(
            tx->QueryValue("SELECT COALESCE(MAX(sort_order), 0) FROM meta_fields WHERE object = ?", {o.name})->AsInt()
        );
        f.sort_order = max_order + 10;
        AddFieldColumn(*tx, o, f, m.clock().Now());
        // Existing records get their value at once, deleted ones included (they may be restored).
        if (formula) tx->Execute(fmt::format("UPDATE {} SET {} = {}", o.table, f.column, formula->sql));
        tx.Commit();
        m.SchemaChanged(s.db);
        RecordScope fresh = m.ScopeFor(c);
        const FieldMeta* added = fresh.schema->Get(o.name).Field(f.name);
        return http::Response::Created(
            FieldToJson(*added), fmt::format("/api/v1/meta/objects/{}/fields/{}", o.name, f.name)
        );
    }

    http::Response DeleteField(http::Context& c) {
        // Changing the schema is for full administrators, after the admin re-authentication.
        org::RequireAdmin(c, org::kFullAdminOnly);
        RecordScope s = m.ScopeFor(c);
        const ObjectMeta& o = s.schema->Get(c.PathParam("object"));
        const FieldMeta* f = o.Field(c.PathParam("field"));
        if (!f) throw Error(ErrorCode::kNotFound, {"字段不存在", "No such field"});
        if (!f->is_custom)
            throw Error(ErrorCode::kForbidden, {"标准字段不能删除", "Standard fields cannot be deleted"});
        // A formula reading it would go on computing from a column nobody writes (meta_deletion.h).
        RequireNoFormulaReads(o, *f);
        // The column and its data stay until purged (or restored), so a mistaken delete loses nothing.
        store::Transaction tx = s.db.Write();
        tx->Execute(
            "UPDATE meta_fields SET deleted_at = ? WHERE object = ? AND name = ?",
            {FormatUtc(m.clock().Now()), o.name, f->name}
        );
        // Its text leaves keyword search with it (search_rebuild.h).
        if (f->searchable) {
            ObjectMeta remaining = o;
            std::erase_if(remaining.fields, [&](const FieldMeta& x) { return x.name == f->name; });
            RebuildSearchAfterFieldDelete(*tx, remaining, m.clock().Now());
        }
        tx.Commit();
        m.SchemaChanged(s.db);
        return http::Response::NoContent();
    }

    http::Response CreateObject(http::Context& c) {
        json::object body = c.JsonBody();
        // Changing the schema is for full administrators, after the admin re-authentication.
        org::RequireAdmin(c, org::kFullAdminOnly);
        RecordScope s = m.ScopeFor(c);
        ObjectMeta o;
        o.label = Labels(body);
        o.is_custom = true;
        o.icon = GetString(body, "icon").value_or("Document");
        store::Transaction tx = s.db.Write();
        o.name = NameFor(body, "c_", "object", [&](const std::string& n) {
            return NameUseOf(tx->QueryValue("SELECT deleted_at FROM meta_objects WHERE name = ?", {n}));
        });
        o.table = "obj_" + o.name;
        FieldMeta name;
        name.name = name.column = "name";
        name.type = FieldType::kText;
        name.label = {"名称", "Name"};
        name.required = true;
        name.searchable = true;
        name.sort_order = 10;
        o.fields = {name};
        CreateObjectTable(*tx, o, 1000, m.clock().Now());
        tx.Commit();
        m.SchemaChanged(s.db);
        RecordScope fresh = m.ScopeFor(c);
        return http::Response::Created(Describe(fresh, fresh.schema->Get(o.name)), "/api/v1/meta/objects/" + o.name);
    }

    http::Response ListPicklists(http::Context& c) {
        RecordScope s = m.ScopeFor(c);
        store::Reader r = s.db.Read();
        json::array lists;
        for (const store::Row& row :
             r->Query("SELECT name, label_zh, label_en, is_system FROM picklists ORDER BY is_system DESC, name")) {
            lists.push_back(json::object{
                {"name", row.Text(0)}, {"label", row.Text(1)}, {"label_en", row.Text(2)}, {"system", row.Int(3) != 0}});
        }
        return http::Response::Json(200, json::object{{"records", std::move(lists)}});
    }

    http::Response GetPicklist(http::Context& c) {
        RecordScope s = m.ScopeFor(c);
        store::Reader r = s.db.Read();
        return http::Response::Json(200, ReadPicklist(*r, c.PathParam("name")));
    }

    http::Response CreatePicklist(http::Context& c) {
        json::object body = c.JsonBody();
        org::RequireAdmin(c, org::kAreaCrm);
        RecordScope s = m.ScopeFor(c);
        store::Transaction tx = s.db.Write();
        json::object out = records::CreatePicklist(*tx, body, m.clock().Now());
        tx.Commit();
        std::string location = "/api/v1/meta/picklists/" + std::string(out["name"].as_string());
        return http::Response::Created(out, location);
    }

    http::Response UpdatePicklist(http::Context& c) {
        json::object body = c.JsonBody();
        org::RequireAdmin(c, org::kAreaCrm);
        RecordScope s = m.ScopeFor(c);
        store::Transaction tx = s.db.Write();
        json::object out = records::UpdatePicklist(*tx, c.PathParam("name"), body);
        tx.Commit();
        return http::Response::Json(200, out);
    }

    http::Response UpdateField(http::Context& c) {
        json::object body = c.JsonBody();
        org::RequireAdmin(c, org::kAreaCrm);
        RecordScope s = m.ScopeFor(c);
        const ObjectMeta& o = s.schema->Get(c.PathParam("object"));
        const FieldMeta* f = o.Field(c.PathParam("field"));
        if (!f) throw Error(ErrorCode::kNotFound, {"字段不存在", "No such field"});
        store::Transaction tx = s.db.Write();
        UpdateFieldMeta(*tx, o, *f, body);
        tx.Commit();
        m.SchemaChanged(s.db);
        RecordScope fresh = m.ScopeFor(c);
        return http::Response::Json(200, FieldToJson(*fresh.schema->Get(o.name).Field(f->name)));
    }

    http::Response GetLayout(http::Context& c) {
        RecordScope s = m.ScopeFor(c);
        return http::Response::Json(200, records::GetLayout(s, c.PathParam("object"), c.PathParam("layout")));
    }

    http::Response PutLayout(http::Context& c) {
        json::object body = c.JsonBody();
        RequireLayoutKind(c.PathParam("layout"));
        org::RequireAdmin(c, org::kAreaCrm);
        RecordScope s = m.ScopeFor(c);
        return http::Response::Json(
            200, records::PutLayout(s, c.PathParam("object"), c.PathParam("layout"), body, m.clock().Now())
        );
    }

    http::Response ResetLayout(http::Context& c) {
        RequireLayoutKind(c.PathParam("layout"));
        org::RequireAdmin(c, org::kAreaCrm);
        RecordScope s = m.ScopeFor(c);
        records::ResetLayout(s, c.PathParam("object"), c.PathParam("layout"));
        return http::Response::NoContent();
    }
};

}  // namespace

void RegisterMetaRoutes(http::Router& router, RecordsModule& records) {
    auto h = std::make_shared<MetaHandlers>(MetaHandlers{records});
    using A = http::Access;
    router.Add(
        {"GET",
         "/api/v1/meta/objects",
         [h](http::Context& c) { return h->ListObjects(c); },
         A::kAuthenticated,
         "Objects, with the caller's permissions",
         "meta"}
    );
    router.Add(
        {"POST",
         "/api/v1/meta/objects",
         [h](http::Context& c) { return h->CreateObject(c); },
         A::kAuthenticated,
         "Create a custom object (admin)",
         "meta"}
    );
    router.Add(
        {"GET",
         "/api/v1/meta/objects/{object}",
         [h](http::Context& c) { return h->GetObject(c); },
         A::kAuthenticated,
         "An object's fields and the caller's permissions",
         "meta"}
    );
    router.Add(
        {"POST",
         "/api/v1/meta/objects/{object}/fields",
         [h](http::Context& c) { return h->AddField(c); },
         A::kAuthenticated,
         "Add a custom field (admin)",
         "meta"}
    );
    router.Add(
        {"DELETE",
         "/api/v1/meta/objects/{object}/fields/{field}",
         [h](http::Context& c) { return h->DeleteField(c); },
         A::kAuthenticated,
         "Delete a custom field; its data is kept until purged (admin)",
         "meta"}
    );
    router.Add(
        {"PATCH",
         "/api/v1/meta/objects/{object}/fields/{field}",
         [h](http::Context& c) { return h->UpdateField(c); },
         A::kAuthenticated,
         "Change a field's labels, help, order, required flag, default or range (admin)",
         "meta"}
    );
    router.Add(
        {"GET",
         "/api/v1/meta/objects/{object}/layouts/{layout}",
         [h](http::Context& c) { return h->GetLayout(c); },
         A::kAuthenticated,
         "The form or detail layout of an object (sections of fields)",
         "meta"}
    );
    router.Add(
        {"PUT",
         "/api/v1/meta/objects/{object}/layouts/{layout}",
         [h](http::Context& c) { return h->PutLayout(c); },
         A::kAuthenticated,
         "Replace the form or detail layout (admin)",
         "meta"}
    );
    router.Add(
        {"DELETE",
         "/api/v1/meta/objects/{object}/layouts/{layout}",
         [h](http::Context& c) { return h->ResetLayout(c); },
         A::kAuthenticated,
         "Go back to the default layout (admin)",
         "meta"}
    );
    router.Add(
        {"POST",
         "/api/v1/meta/picklists",
         [h](http::Context& c) { return h->CreatePicklist(c); },
         A::kAuthenticated,
         "Create a picklist of the data dictionary (admin)",
         "meta"}
    );
    router.Add(
        {"PATCH",
         "/api/v1/meta/picklists/{name}",
         [h](http::Context& c) { return h->UpdatePicklist(c); },
         A::kAuthenticated,
         "Rename a picklist, add, rename, reorder or disable options (admin)",
         "meta"}
    );
    router.Add(
        {"GET",
         "/api/v1/meta/picklists",
         [h](http::Context& c) { return h->ListPicklists(c); },
         A::kAuthenticated,
         "The data dictionary",
         "meta"}
    );
    router.Add(
        {"GET",
         "/api/v1/meta/picklists/{name}",
         [h](http::Context& c) { return h->GetPicklist(c); },
         A::kAuthenticated,
         "A picklist and its options",
         "meta"}
    );
    RegisterMetaDeletionRoutes(router, records);
}

}  // namespace xieli::records
