#include "modules/data_io/column_mapping.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "common/strings.h"

namespace xieli::data_io {

namespace {

using records::FieldMeta;
using records::FieldType;

bool TypeImportable(FieldType t) {
    return t != FieldType::kAutonumber && t != FieldType::kFormula && t != FieldType::kFile && t != FieldType::kImage &&
           t != FieldType::kLocation;
}

std::string Clip(std::string_view s) {
    std::string out(s.substr(0, 64));
    while (!out.empty() && Utf8Length(out) < 0) out.pop_back();  // not in the middle of a character
    return out;
}

bool IsImportable(const records::ObjectMeta& o, const FieldMeta& f, const records::AccessContext& access) {
    if (f.name == "owner_id") {
        return access.FieldAccessFor(o.name, f.name) == org::FieldAccess::kEditable;
    }
    return f.Writable() && TypeImportable(f.type) &&
           access.FieldAccessFor(o.name, f.name) == org::FieldAccess::kEditable;
}

}  // namespace

bool Readable(const records::ObjectMeta& o, const FieldMeta& f, const records::AccessContext& access) {
    // Formulas included: they are exported like numbers. They are never import targets, as they
    // are not Writable (IsImportable), so a column mapped to one is refused as read-only.
    return access.FieldAccessFor(o.name, f.name) != org::FieldAccess::kHidden;
}

std::vector<const FieldMeta*> ImportableFields(const records::ObjectMeta& o, const records::AccessContext& access) {
    std::vector<const FieldMeta*> out;
    for (const FieldMeta& f : o.fields) {
        if (!f.is_system && IsImportable(o, f, access)) out.push_back(&f);
    }
    if (const FieldMeta* owner = o.Field("owner_id"); owner && IsImportable(o, *owner, access)) out.push_back(owner);
    return out;
}

std::vector<const FieldMeta*> MappingCandidates(const records::ObjectMeta& o, const records::AccessContext& access) {
    std::vector<const FieldMeta*> out = ImportableFields(o, access);
    for (const FieldMeta& f : o.fields) {
        if ((f.name == "id" || f.type == FieldType::kAutonumber) && Readable(o, f, access)) out.push_back(&f);
    }
    return out;
}

bool Matchable(const FieldMeta& f) {
    if (f.name == "id") return true;
    if (f.is_system) return false;
    return f.type == FieldType::kText || f.type == FieldType::kPhone || f.type == FieldType::kEmail ||
           f.type == FieldType::kUrl || f.type == FieldType::kAutonumber;
}

std::string NormalizeHeader(std::string_view header) {
    std::string s = TrimCopy(header);
    if (s.starts_with("\xEF\xBB\xBF")) s.erase(0, 3);
    while (!s.empty() && (s.front() == '*' || s.front() == ' ')) s.erase(0, 1);
    // A trailing hint: 客户名称（必填）, Name (required), 金额*
    for (std::string_view open : {"（", "("}) {
        size_t p = s.find(open);
        if (p != std::string::npos && p > 0) s.erase(p);
    }
    while (!s.empty() && (s.back() == '*' || s.back() == ' ')) s.pop_back();
    std::string out;
    for (char c : ToLowerAscii(s)) {
        if (c != ' ' && c != '_') out.push_back(c);
    }
    return out;
}

json::object SuggestMapping(const std::vector<std::string>& columns, const std::vector<const FieldMeta*>& candidates) {
    json::object out;
    std::set<const FieldMeta*> used;
    // Chinese labels first, then English ones, then API names: a column named 电话 finds the field
    // labelled 电话 even when another field's API name is "phone".
    auto find = [&](const std::string& key) -> const FieldMeta* {
        for (int pass = 0; pass < 3; ++pass) {
            for (const FieldMeta* f : candidates) {
                if (used.count(f)) continue;
                const std::string& name = pass == 0 ? f->label.zh : pass == 1 ? f->label.en : f->name;
                if (!name.empty() && NormalizeHeader(name) == key) return f;
            }
        }
        return nullptr;
    };
    for (const std::string& column : columns) {
        const FieldMeta* f = find(NormalizeHeader(column));
        if (f) {
            used.insert(f);
            out[column] = f->name;
        } else {
            out[column] = nullptr;
        }
    }
    return out;
}

ImportPlan CheckImportRequest(
    const json::object& body,
    const std::vector<std::string>& columns,
    const records::ObjectMeta& o,
    const records::AccessContext& access
) {
    ImportPlan plan;
    std::vector<FieldError> errors;
    auto fail = [&](std::string field, const char* code, Text message) {
        errors.push_back(FieldError{std::move(field), code, std::move(message)});
    };

    // Duplicate handling first: whether a column may name a match-only field depends on it.
    if (const json::value* d = body.if_contains("duplicate"); d && !d->is_null()) {
        if (!d->is_string() ||
            (d->get_string() != "skip" && d->get_string() != "update" && d->get_string() != "create"))
            fail(
                "duplicate",
                "invalid",
                {"duplicate 应为 skip、update 或 create", "duplicate must be skip, update or create"}
            );
        else
            plan.duplicate = std::string(d->get_string());
    }
    std::string match_name = o.name_field;
    bool match_given = false;
    if (const json::value* m = body.if_contains("match_field"); m && !m->is_null()) {
        if (!m->is_string()) {
            fail("match_field", "invalid_type", {"match_field 应为字段名", "match_field must be a field name"});
        } else {
            match_name = std::string(m->get_string());
            match_given = true;
        }
    }
    const FieldMeta* match = o.Field(match_name);
    if (plan.duplicate != "create") {
        if (!match || !Readable(o, *match, access)) {
            fail(
                "match_field",
                "unknown_field",
                {fmt::format("没有字段「{}」", Clip(match_name)),
                 fmt::format("There is no field '{}'", Clip(match_name))}
            );
            match = nullptr;
        } else if (!Matchable(*match)) {
            fail(
                "match_field",
                "not_matchable",
                {fmt::format("不能按「{}」查重", match->label.zh),
                 fmt::format("Records cannot be matched by {}", match->label.en)}
            );
            match = nullptr;
        }
    } else if (match_given && (!match || !Readable(o, *match, access))) {
        fail(
            "match_field",
            "unknown_field",
            {fmt::format("没有字段「{}」", Clip(match_name)), fmt::format("There is no field '{}'", Clip(match_name))}
        );
    }

    json::object suggested;
    const json::object* mapping = nullptr;
    if (const json::value* m = body.if_contains("mapping"); m && !m->is_null()) {
        mapping = m->if_object();
        if (!mapping) fail("mapping", "invalid_type", {"mapping 应为对象", "mapping must be an object"});
    } else {
        suggested = SuggestMapping(columns, MappingCandidates(o, access));
        mapping = &suggested;
    }
    std::vector<const FieldMeta*> importable = ImportableFields(o, access);
    std::set<const FieldMeta*> mapped;
    bool writes_something = false;
    for (const auto& [column, target] : mapping ? *mapping : json::object{}) {
        std::string col(column);
        std::string path = "mapping." + Clip(col);
        if (std::find(columns.begin(), columns.end(), col) == columns.end()) {
            fail(
                path,
                "unknown_column",
                {fmt::format("文件中没有列「{}」", Clip(col)), fmt::format("The file has no column '{}'", Clip(col))}
            );
            continue;
        }
        if (target.is_null()) continue;
        if (!target.is_string()) {
            fail(path, "invalid_type", {"应为字段名或 null", "must be a field name or null"});
            continue;
        }
        std::string name(target.get_string());
        const FieldMeta* f = o.Field(name);
        if (!f || !Readable(o, *f, access)) {
            fail(
                path,
                "unknown_field",
                {fmt::format("没有字段「{}」", Clip(name)), fmt::format("There is no field '{}'", Clip(name))}
            );
            continue;
        }
        if (mapped.count(f)) {
            fail(
                path,
                "duplicate_field",
                {fmt::format("「{}」对应了多列", f->label.zh),
                 fmt::format("{} is mapped from more than one column", f->label.en)}
            );
            continue;
        }
        bool can_write = std::find(importable.begin(), importable.end(), f) != importable.end();
        // The record id or an autonumber identifies records; such a column is read only to match them.
        bool match_only = !can_write && Matchable(*f) && (f->name == "id" || f->type == FieldType::kAutonumber);
        if (!can_write && !match_only) {
            fail(
                path,
                "read_only",
                {fmt::format("「{}」不能导入", f->label.zh), fmt::format("{} cannot be imported", f->label.en)}
            );
            continue;
        }
        mapped.insert(f);
        if (match_only && f != match) continue;  // not the match field: the column is simply not used
        plan.columns[col] = f;
        if (can_write) writes_something = true;
    }
    if (mapping && errors.empty() && !writes_something) {
        fail("mapping", "empty", {"请至少为一列选择要导入的字段", "Map at least one column to a field"});
    }
    if (match && plan.duplicate != "create" && errors.empty() && !mapped.count(match)) {
        fail(
            "match_field",
            "not_mapped",
            {fmt::format("查重字段「{}」没有对应的列", match->label.zh),
             fmt::format("No column is mapped to the match field {}", match->label.en)}
        );
    }
    if (plan.duplicate != "update" && errors.empty()) {
        for (const FieldMeta* f : importable) {
            if (f->required && !f->default_json && !mapped.count(f)) {
                fail(
                    "mapping",
                    "missing_required",
                    {fmt::format("必填字段「{}」没有对应的列", f->label.zh),
                     fmt::format("The required field {} is not mapped to a column", f->label.en)}
                );
            }
        }
    }
    if (!errors.empty()) ThrowValidation(std::move(errors));
    plan.match = plan.duplicate == "create" ? nullptr : match;
    return plan;
}

}  // namespace xieli::data_io
