#include "records/picklist_editor.h"

#include <fmt/format.h>

#include <map>
#include <set>

#include "common/error.h"
#include "common/strings.h"
#include "records/schema_writer.h"

namespace xieli::records {

namespace {

constexpr size_t kMaxOptions = 500;
// Deep enough for 大类 → 小类 → 系列; a longer chain is a mistake, and the limit bounds the walk.
constexpr int kMaxDepth = 5;

[[noreturn]] void Invalid(std::string field, const char* code, Text message) {
    ThrowValidation({FieldError{std::move(field), code, std::move(message)}});
}

struct OptionInput {
    std::optional<std::string> value;  // absent: a new option
    // Absent on an entry with a value: that option keeps the label it has. An API client that
    // only switches an option off or recolours it need not repeat (and so cannot clobber) either.
    std::optional<std::string> label;
    std::optional<std::string> label_en;  // "" or absent on a new option: the Chinese label
    bool disabled = false;
    std::optional<std::string> color;
    std::optional<std::string> parent;  // the value of the option above this one; absent: top level
};

bool IsColor(const std::string& c) {
    if (c.size() != 7 || c[0] != '#') return false;
    for (size_t i = 1; i < c.size(); ++i) {
        char ch = c[i];
        if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F'))) return false;
    }
    return true;
}

std::vector<OptionInput> ReadOptions(const json::value& v) {
    if (!v.is_array() || v.get_array().size() > kMaxOptions)
        Invalid("options", "invalid", {"options 应为选项列表（最多 500 个）", "options must be a list (at most 500)"});
    std::vector<OptionInput> out;
    std::set<std::string> labels, values;
    size_t i = 0;
    for (const json::value& ov : v.get_array()) {
        std::string at = fmt::format("options[{}]", i++);
        OptionInput in;
        if (ov.is_string()) {
            in.label = TrimCopy(std::string(ov.get_string()));
        } else if (const json::object* o = ov.if_object()) {
            if (auto label = GetString(*o, "label")) in.label = TrimCopy(*label);
            if (auto label_en = GetString(*o, "label_en")) in.label_en = TrimCopy(*label_en);
            if (auto value = GetString(*o, "value")) in.value = *value;
            in.disabled = GetBool(*o, "disabled").value_or(false);
            if (auto color = GetString(*o, "color"); color && !color->empty()) {
                if (!IsColor(*color)) Invalid(at + ".color", "invalid", {"颜色应为 #RRGGBB", "color must be #RRGGBB"});
                in.color = *color;
            }
            if (auto parent = GetString(*o, "parent"); parent && !parent->empty()) in.parent = *parent;
        } else {
            Invalid(at, "invalid", {"选项格式不正确", "An option is malformed"});
        }
        if (!in.label && !in.value)
            Invalid(at + ".label", "required", {"新选项需要填写名称", "A new option needs a label"});
        if ((in.label && (in.label->empty() || Utf8Length(*in.label) > 50)) ||
            (in.label_en && Utf8Length(*in.label_en) > 80))
            Invalid(at + ".label", "invalid", {"选项名称应为 1–50 个字符", "An option label is 1–50 characters"});
        // A kept label is checked against the others once written (WriteOptions).
        if (in.label && !in.disabled && !labels.insert(*in.label).second) {
            Invalid(
                at + ".label",
                "duplicate",
                {fmt::format("选项「{}」重复", *in.label), fmt::format("The option '{}' repeats", *in.label)}
            );
        }
        if (in.value && !values.insert(*in.value).second)
            Invalid(at + ".value", "duplicate", {"选项值重复", "An option value repeats"});
        out.push_back(std::move(in));
    }
    return out;
}

// A value no option of `picklist` has used: o1, o2 …
std::string FreeValue(store::Connection& tx, std::string_view picklist, std::set<std::string>& taken) {
    for (int n = 1;; ++n) {
        std::string v = fmt::format("o{}", n);
        if (taken.count(v)) continue;
        if (!tx.QueryValue(
                "SELECT 1 FROM picklist_options WHERE picklist = ? AND value = ?", {std::string(picklist), v}
            ))
            return taken.insert(v), v;
    }
}

// Every parent is an option of the same picklist, and walking up from any option reaches the top
// within kMaxDepth steps (which also rules out an option above itself). Parents name values that
// existed before the write, so a new option can be placed under another only once that is saved.
void RequireSoundTree(store::Connection& tx, std::string_view name) {
    std::map<std::string, std::string> parent_of;  // value → parent, for options that have one
    std::map<std::string, std::string> label_of;
    for (const store::Row& r :
         tx.Query("SELECT value, parent, label_zh FROM picklist_options WHERE picklist = ?", {std::string(name)})) {
        label_of[r.Text(0)] = r.Text(2);
        if (!r.IsNull(1)) parent_of[r.Text(0)] = r.Text(1);
    }
    for (const auto& [value, parent] : parent_of) {
        if (!label_of.count(parent)) {
            Invalid(
                "options",
                "unknown_parent",
                {fmt::format("选项「{}」的上级不存在（请先保存上级选项）", label_of[value]),
                 fmt::format("The parent of '{}' does not exist (save the parent first)", label_of[value])}
            );
        }
        std::string at = value;
        for (int depth = 0;; ++depth) {
            auto up = parent_of.find(at);
            if (up == parent_of.end()) break;
            if (depth >= kMaxDepth) {
                Invalid(
                    "options",
                    "cycle",
                    {fmt::format("选项「{}」的上级关系成环或超过 {} 层", label_of[value], kMaxDepth),
                     fmt::format("The parents of '{}' loop or go deeper than {} levels", label_of[value], kMaxDepth)}
                );
            }
            at = up->second;
        }
    }
}

// A field's default must stay an enabled option: otherwise every new record that leaves the field
// out would be refused for a value its author never chose (422 disabled_option). The default is
// changed first (PATCH …/fields/{field} {"default"}), then the option can be switched off.
void RequireEnabledDefaults(store::Connection& tx, std::string_view name) {
    for (const store::Row& r : tx.Query(
             "SELECT label_zh, label_en, default_value FROM meta_fields WHERE picklist = ? AND deleted_at IS NULL "
             "AND default_value IS NOT NULL",
             {std::string(name)}
         )) {
        boost::system::error_code ec;
        json::value dv = json::parse(r.Text(2), ec);
        if (ec) continue;
        std::vector<std::string> values;
        if (dv.is_string()) values.emplace_back(dv.get_string());
        if (const json::array* a = dv.if_array()) {
            for (const json::value& v : *a) {
                if (v.is_string()) values.emplace_back(v.get_string());
            }
        }
        for (const std::string& v : values) {
            store::Rows off = tx.Query(
                "SELECT label_zh FROM picklist_options WHERE picklist = ? AND value = ? AND disabled = 1",
                {std::string(name), v}
            );
            if (off.empty()) continue;
            Invalid(
                "options",
                "default_option",
                {fmt::format(
                     "选项「{}」是字段「{}」的默认值，不能停用（请先修改该字段的默认值）",
                     off.front().Text(0),
                     r.Text(0)
                 ),
                 fmt::format(
                     "The option '{}' is the default of the field '{}': change that default before switching it off",
                     off.front().Text(0),
                     r.Text(1)
                 )}
            );
        }
    }
}

void WriteOptions(store::Connection& tx, std::string_view name, const std::vector<OptionInput>& options) {
    struct Saved {
        std::string label, label_en;
        bool seen = false;  // in the new list
    };
    std::map<std::string, Saved> existing;  // by value
    for (const store::Row& r :
         tx.Query("SELECT value, label_zh, label_en FROM picklist_options WHERE picklist = ?", {std::string(name)}))
        existing[r.Text(0)] = Saved{r.Text(1), r.Text(2)};
    std::set<std::string> taken;
    int order = 0;
    for (const OptionInput& in : options) {
        order += 10;
        std::string value;
        if (in.value) {
            if (!existing.count(*in.value)) {
                Invalid(
                    "options",
                    "unknown_value",
                    {fmt::format("没有选项值「{}」", *in.value),
                     fmt::format("There is no option value '{}'", *in.value)}
                );
            }
            value = *in.value;
            Saved& saved = existing[value];
            saved.seen = true;
            std::string label = in.label.value_or(saved.label);
            std::string label_en = in.label_en.value_or(saved.label_en);
            if (label_en.empty()) label_en = label;
            tx.Execute(
                "UPDATE picklist_options SET label_zh = ?, label_en = ?, sort_order = ?, disabled = ?, color = ?, "
                "parent = ? WHERE picklist = ? AND value = ?",
                {label,
                 label_en,
                 order,
                 in.disabled ? 1 : 0,
                 in.color ? store::Value(*in.color) : store::Value(),
                 in.parent ? store::Value(*in.parent) : store::Value(),
                 std::string(name),
                 value}
            );
        } else {
            value = FreeValue(tx, name, taken);
            std::string label_en = in.label_en.value_or("");
            tx.Execute(
                "INSERT INTO picklist_options (picklist, value, label_zh, label_en, sort_order, disabled, color, "
                "parent) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                {std::string(name),
                 value,
                 *in.label,  // ReadOptions requires it of a new option
                 label_en.empty() ? *in.label : label_en,
                 order,
                 in.disabled ? 1 : 0,
                 in.color ? store::Value(*in.color) : store::Value(),
                 in.parent ? store::Value(*in.parent) : store::Value()}
            );
        }
    }
    // Records keep the values they hold: an option left out is switched off, never removed.
    for (const auto& [value, saved] : existing) {
        if (!saved.seen) {
            order += 10;
            tx.Execute(
                "UPDATE picklist_options SET disabled = 1, sort_order = ? WHERE picklist = ? AND value = ?",
                {order, std::string(name), value}
            );
        }
    }
    RequireSoundTree(tx, name);
    // Two enabled options with one label would be indistinguishable in every list and form.
    if (tx.QueryValue(
            "SELECT 1 FROM picklist_options WHERE picklist = ? AND disabled = 0 GROUP BY label_zh HAVING COUNT(*) > 1",
            {std::string(name)}
        )) {
        Invalid("options", "duplicate", {"启用的选项名称不能重复", "Enabled options must have different labels"});
    }
    if (!tx.QueryValue("SELECT 1 FROM picklist_options WHERE picklist = ? AND disabled = 0", {std::string(name)}))
        Invalid("options", "required", {"至少保留一个启用的选项", "Keep at least one option enabled"});
    RequireEnabledDefaults(tx, name);
}

}  // namespace

json::object ReadPicklist(store::Connection& conn, std::string_view name) {
    store::Rows head =
        conn.Query("SELECT name, label_zh, label_en, is_system FROM picklists WHERE name = ?", {std::string(name)});
    if (head.empty()) throw Error(ErrorCode::kNotFound, {"数据字典不存在", "No such picklist"});
    json::array options;
    for (const store::Row& row : conn.Query(
             "SELECT value, label_zh, label_en, sort_order, disabled, color, parent FROM picklist_options "
             "WHERE picklist = ? ORDER BY sort_order, value",
             {std::string(name)}
         )) {
        options.push_back(json::object{
            {"value", row.Text(0)},
            {"label", row.Text(1)},
            {"label_en", row.Text(2)},
            {"sort_order", row.Int(3)},
            {"disabled", row.Int(4) != 0},
            {"color", row.IsNull(5) ? json::value(nullptr) : json::value(row.Text(5))},
            {"parent", row.IsNull(6) ? json::value(nullptr) : json::value(row.Text(6))},
        });
    }
    const store::Row& h = head.front();
    return json::object{
        {"name", h.Text(0)},
        {"label", h.Text(1)},
        {"label_en", h.Text(2)},
        {"system", h.Int(3) != 0},
        {"options", std::move(options)}};
}

json::object CreatePicklist(store::Connection& tx, const json::object& body, TimePoint now) {
    std::string label = TrimCopy(GetString(body, "label").value_or(""));
    std::string label_en = TrimCopy(GetString(body, "label_en").value_or(""));
    if (label.empty() || Utf8Length(label) > 30 || Utf8Length(label_en) > 60)
        Invalid("label", "invalid", {"名称应为 1–30 个字符", "The label is 1–30 characters"});
    const json::value* options = body.if_contains("options");
    if (!options) Invalid("options", "required", {"请至少填写一个选项", "Give at least one option"});
    std::vector<OptionInput> list = ReadOptions(*options);
    for (const OptionInput& o : list) {
        if (o.value) Invalid("options", "invalid", {"新字典的选项不能指定值", "New options take no value"});
    }
    std::string name = ToLowerAscii(TrimCopy(GetString(body, "name").value_or("")));
    if (name.empty()) {
        for (int n = 1;; ++n) {
            name = fmt::format("dict_{}", n);
            if (!tx.QueryValue("SELECT 1 FROM picklists WHERE name = ?", {name})) break;
        }
    } else if (!IsValidIdentifier(name) || name.size() > 40) {
        Invalid(
            "name",
            "invalid",
            {"名称只能包含小写字母、数字和下划线，并以字母开头",
             "The name may hold lower-case letters, digits and _ and must start with a letter"}
        );
    } else if (tx.QueryValue("SELECT 1 FROM picklists WHERE name = ?", {name})) {
        throw Error(ErrorCode::kConflict, {"该数据字典已存在", "This picklist exists already"});
    }
    tx.Execute(
        "INSERT INTO picklists (name, label_zh, label_en, is_system, created_at) VALUES (?, ?, ?, 0, ?)",
        {name, label, label_en.empty() ? label : label_en, FormatUtc(now)}
    );
    WriteOptions(tx, name, list);
    return ReadPicklist(tx, name);
}

json::object UpdatePicklist(store::Connection& tx, std::string_view name, const json::object& body) {
    ReadPicklist(tx, name);  // 404 first
    for (const auto& [key, v] : body) {
        if (key != "label" && key != "label_en" && key != "options") {
            Invalid(
                std::string(key),
                "unknown_field",
                {fmt::format("未知参数「{}」", std::string(key)), fmt::format("Unknown member '{}'", std::string(key))}
            );
        }
    }
    if (body.contains("label") || body.contains("label_en")) {
        std::string label = TrimCopy(GetString(body, "label").value_or(""));
        std::string label_en = TrimCopy(GetString(body, "label_en").value_or(""));
        if (body.contains("label") && (label.empty() || Utf8Length(label) > 30))
            Invalid("label", "invalid", {"名称应为 1–30 个字符", "The label is 1–30 characters"});
        if (Utf8Length(label_en) > 60) Invalid("label_en", "invalid", {"英文名称过长", "The label is too long"});
        if (!label.empty()) tx.Execute("UPDATE picklists SET label_zh = ? WHERE name = ?", {label, std::string(name)});
        if (!label_en.empty())
            tx.Execute("UPDATE picklists SET label_en = ? WHERE name = ?", {label_en, std::string(name)});
    }
    if (const json::value* options = body.if_contains("options")) WriteOptions(tx, name, ReadOptions(*options));
    return ReadPicklist(tx, name);
}

}  // namespace xieli::records
