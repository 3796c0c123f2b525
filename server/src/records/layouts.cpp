#include "records/layouts.h"

#include <fmt/format.h>

#include <set>

#include "common/error.h"
#include "common/strings.h"

namespace xieli::records {

namespace {

constexpr size_t kMaxSections = 30;

bool OnForm(const FieldMeta& f) {
    return f.Writable() || f.name == "owner_id";
}

// Every field in metadata order: the form gets what can be typed in, the detail page everything.
json::object DefaultLayout(const ObjectMeta& o, std::string_view kind) {
    json::array main, system;
    for (const FieldMeta& f : o.fields) {
        if (kind == "form") {
            if (OnForm(f) && f.name != "owner_id") main.push_back(json::value(f.name));
        } else if (f.is_system) {
            if (f.name != "id" && f.name != "version") system.push_back(json::value(f.name));
        } else {
            main.push_back(json::value(f.name));
        }
    }
    json::array sections{
        json::object{{"title", "基本信息"}, {"title_en", "Details"}, {"columns", 2}, {"fields", main}}};
    if (!system.empty()) {
        sections.push_back(json::object{
            {"title", "系统信息"}, {"title_en", "System"}, {"columns", 2}, {"fields", system}});
    }
    return json::object{{"sections", std::move(sections)}};
}

[[noreturn]] void Invalid(std::string field, const char* code, Text message) {
    ThrowValidation({FieldError{std::move(field), code, std::move(message)}});
}

// The stored definition, rebuilt from only what is allowed in it.
json::object CheckLayout(const ObjectMeta& o, std::string_view kind, const json::object& body) {
    const json::value* sections = body.if_contains("sections");
    if (!sections || !sections->is_array() || sections->get_array().empty() ||
        sections->get_array().size() > kMaxSections) {
        Invalid("sections", "invalid", {"布局应有 1–30 个分组", "A layout has 1–30 sections"});
    }
    std::set<std::string> seen;
    json::array out;
    size_t index = 0;
    for (const json::value& sv : sections->get_array()) {
        std::string at = fmt::format("sections[{}]", index++);
        const json::object* so = sv.if_object();
        if (!so) Invalid(at, "invalid", {"分组格式不正确", "A section is malformed"});
        std::string title = TrimCopy(GetString(*so, "title").value_or(""));
        std::string title_en = TrimCopy(GetString(*so, "title_en").value_or(""));
        if (title.empty() || Utf8Length(title) > 30 || Utf8Length(title_en) > 60)
            Invalid(at + ".title", "invalid", {"分组名称应为 1–30 个字符", "A section title is 1–30 characters"});
        int64_t columns = GetInt(*so, "columns").value_or(2);
        if (columns < 1 || columns > 3) Invalid(at + ".columns", "invalid", {"每行 1–3 列", "1–3 columns"});
        const json::value* fields = so->if_contains("fields");
        if (!fields || !fields->is_array())
            Invalid(at + ".fields", "invalid", {"fields 应为字段名列表", "fields must be a list of field names"});
        json::array names;
        for (const json::value& fv : fields->get_array()) {
            const FieldMeta* f = fv.is_string() ? o.Field(fv.get_string()) : nullptr;
            if (!f) {
                Invalid(
                    at + ".fields",
                    "unknown_field",
                    {fmt::format("没有字段「{}」", fv.is_string() ? std::string(fv.get_string()) : "?"),
                     fmt::format("There is no field '{}'", fv.is_string() ? std::string(fv.get_string()) : "?")}
                );
            }
            if (kind == "form" && !OnForm(*f)) {
                Invalid(
                    at + ".fields",
                    "read_only",
                    {fmt::format("「{}」不能填写，不能放在表单中", f->label.zh),
                     fmt::format("{} cannot be typed in, so it cannot be on the form", f->label.en)}
                );
            }
            if (!seen.insert(f->name).second) {
                Invalid(
                    at + ".fields",
                    "duplicate",
                    {fmt::format("「{}」出现了两次", f->label.zh), fmt::format("{} appears twice", f->label.en)}
                );
            }
            names.push_back(json::value(f->name));
        }
        out.push_back(json::object{
            {"title", title},
            {"title_en", title_en.empty() ? title : title_en},
            {"columns", columns},
            {"fields", names}});
    }
    if (kind == "form") {
        std::vector<FieldError> missing;
        for (const FieldMeta& f : o.fields) {
            if (f.required && f.Writable() && !seen.count(f.name) && !f.default_json) {
                missing.push_back(
                    {f.name,
                     "required",
                     {fmt::format("必填字段「{}」必须放在表单中", f.label.zh),
                      fmt::format("The required field {} must be on the form", f.label.en)}}
                );
            }
        }
        if (!missing.empty()) ThrowValidation(std::move(missing));
    }
    return json::object{{"sections", std::move(out)}};
}

}  // namespace

void RequireLayoutKind(std::string_view kind) {
    if (kind != "form" && kind != "detail") throw Error(ErrorCode::kNotFound, {"没有这种布局", "No such layout"});
}

json::object GetLayout(RecordScope& s, std::string_view object, std::string_view kind) {
    RequireLayoutKind(kind);
    const ObjectMeta& o = s.schema->Get(object);
    std::optional<store::Value> stored;
    {
        store::Reader r = s.db.Read();
        stored = r->QueryValue(
            "SELECT definition FROM meta_layouts WHERE object = ? AND kind = ?", {o.name, std::string(kind)}
        );
    }
    json::object layout;
    bool custom = false;
    if (stored) {
        boost::system::error_code ec;
        json::value v = json::parse(stored->AsText(), ec);
        if (!ec && v.is_object()) layout = std::move(v.as_object()), custom = true;
    }
    if (!custom) layout = DefaultLayout(o, kind);
    // What the caller may not see, or what was deleted since, is left out.
    json::array sections;
    for (json::value& sv : layout["sections"].as_array()) {
        json::object& section = sv.as_object();
        json::array fields;
        for (const json::value& fv : section["fields"].as_array()) {
            const FieldMeta* f = fv.is_string() ? o.Field(fv.get_string()) : nullptr;
            if (f && s.access.FieldAccessFor(o.name, f->name) != org::FieldAccess::kHidden) fields.push_back(fv);
        }
        section["fields"] = std::move(fields);
        sections.push_back(std::move(section));
    }
    return json::object{{"object", o.name}, {"kind", kind}, {"custom", custom}, {"sections", std::move(sections)}};
}

json::object PutLayout(
    RecordScope& s, std::string_view object, std::string_view kind, const json::object& body, TimePoint now
) {
    RequireLayoutKind(kind);
    const ObjectMeta& o = s.schema->Get(object);
    json::object definition = CheckLayout(o, kind, body);
    {
        store::Transaction tx = s.db.Write();
        tx->Execute(
            "INSERT INTO meta_layouts (object, kind, definition, updated_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (object, kind) DO UPDATE SET definition = excluded.definition, updated_at = "
            "excluded.updated_at",
            {o.name, std::string(kind), json::serialize(definition), FormatUtc(now)}
        );
        tx.Commit();
    }
    return GetLayout(s, object, kind);
}

void ResetLayout(RecordScope& s, std::string_view object, std::string_view kind) {
    RequireLayoutKind(kind);
    const ObjectMeta& o = s.schema->Get(object);
    store::Transaction tx = s.db.Write();
    tx->Execute("DELETE FROM meta_layouts WHERE object = ? AND kind = ?", {o.name, std::string(kind)});
    tx.Commit();
}

}  // namespace xieli::records
