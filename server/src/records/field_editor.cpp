#include "records/field_editor.h"

#include <fmt/format.h>

#include "common/error.h"
#include "common/strings.h"
#include "records/autonumber_format.h"
#include "records/value_codec.h"

namespace xieli::records {

namespace {

[[noreturn]] void Invalid(std::string field, const char* code, Text message) {
    ThrowValidation({FieldError{std::move(field), code, std::move(message)}});
}

bool CustomOnly(std::string_view key) {
    return key == "default" || key == "min" || key == "max" || key == "max_length" || key == "unique" ||
           key == "autonumber_format";
}

// A select default is an enabled option of the field's picklist: the write path would refuse any
// other on every record that leaves the field out.
void RequireEnabledOptions(store::Connection& tx, const FieldMeta& f, const json::value& dv) {
    std::vector<std::string> values;
    if (dv.is_string()) values.emplace_back(dv.get_string());
    if (const json::array* a = dv.if_array()) {
        for (const json::value& v : *a) {
            if (v.is_string()) values.emplace_back(v.get_string());
        }
    }
    for (const std::string& v : values) {
        if (!tx.QueryValue(
                "SELECT 1 FROM picklist_options WHERE picklist = ? AND value = ? AND disabled = 0", {f.picklist, v}
            )) {
            Invalid(
                "default",
                "invalid_option",
                {fmt::format("默认值「{}」不是启用的选项", v),
                 fmt::format("The default '{}' is not an enabled option", v)}
            );
        }
    }
}

}  // namespace

void UpdateFieldMeta(store::Connection& tx, const ObjectMeta& o, const FieldMeta& f, const json::object& body) {
    if (f.is_system) throw Error(ErrorCode::kForbidden, {"系统字段不能修改", "System fields cannot be changed"});
    std::string sets;
    std::vector<store::Value> params;
    auto set = [&](const char* column, store::Value v) {
        if (!sets.empty()) sets += ", ";
        sets += fmt::format("{} = ?", column);
        params.push_back(std::move(v));
    };
    FieldMeta changed = f;  // to check the new default against the new range
    for (const auto& [key, v] : body) {
        std::string k(key);
        if (k == "label" || k == "label_en") {
            std::string text = v.is_string() ? TrimCopy(std::string(v.get_string())) : "";
            if ((k == "label" && text.empty()) || Utf8Length(text) > (k == "label" ? 50 : 80))
                Invalid(k, "invalid", {"显示名称应为 1–50 个字符", "A label is 1–50 characters"});
            // Without an English label the Chinese one is shown in English too.
            set(k == "label" ? "label_zh" : "label_en", text.empty() ? f.label.zh : text);
        } else if (k == "help" || k == "help_en") {
            if (!v.is_string() && !v.is_null()) Invalid(k, "invalid", {"应为文字", "must be text"});
            std::string text = v.is_string() ? TrimCopy(std::string(v.get_string())) : "";
            if (Utf8Length(text) > 500)
                Invalid(k, "too_long", {"提示最多 500 个字符", "Help is at most 500 characters"});
            set(k == "help" ? "help_zh" : "help_en", text.empty() ? store::Value() : store::Value(text));
        } else if (k == "sort_order") {
            if (!v.is_int64() || v.get_int64() < 0 || v.get_int64() > 1000000)
                Invalid(k, "invalid", {"排序值不正确", "sort_order is not valid"});
            set("sort_order", v.get_int64());
        } else if (k == "required") {
            if (!v.is_bool()) Invalid(k, "invalid", {"应为 true 或 false", "must be true or false"});
            if (!f.is_custom && f.required && !v.get_bool())
                Invalid(k, "standard", {"标准必填字段不能改为选填", "A required standard field stays required"});
            if (!f.Writable() && v.get_bool())
                Invalid(k, "read_only", {"只读字段不能设为必填", "A read-only field cannot be required"});
            set("required", v.get_bool() ? 1 : 0);
        } else if (CustomOnly(k)) {
            // Which option a new record starts with is the enterprise's choice, standard field or not
            // (线索状态 starts at 未处理; an admin who retires that option picks another).
            bool standard_default = k == "default" && f.type == FieldType::kSelect && f.Writable();
            if (!f.is_custom && !standard_default)
                Invalid(k, "standard", {"标准字段不能修改此项", "This cannot be changed on a standard field"});
            if (k == "autonumber_format") {
                if (f.type != FieldType::kAutonumber)
                    Invalid(k, "invalid", {"只有自动编号字段有编号格式", "Only autonumber fields have a format"});
                if (!v.is_string()) Invalid(k, "invalid", {"编号格式应为文字", "The format must be text"});
                // Numbers already given keep their text; new ones follow the new format. The counter
                // is kept per rendered date (autonumber_counters.period), so it continues unless the
                // date tokens change.
                std::string format = TrimCopy(std::string(v.get_string()));
                RequireValidAutonumberFormat(format);
                set("autonumber_format", format);
            } else if (k == "unique") {
                Invalid(k, "unsupported", {"唯一性只能在创建字段时设置", "Uniqueness is set when a field is created"});
            } else if (k == "max_length") {
                if (!(v.is_null() || (v.is_int64() && v.get_int64() >= 1 && v.get_int64() <= 10000)))
                    Invalid(k, "out_of_range", {"长度应为 1–10000", "max_length must be 1–10000"});
                set("max_length", v.is_null() ? store::Value() : store::Value(v.get_int64()));
                changed.max_length = v.is_null() ? std::nullopt : std::optional<int>(static_cast<int>(v.get_int64()));
            } else if (k == "min" || k == "max") {
                if (!v.is_null() && !v.is_number()) Invalid(k, "invalid", {"应为数字", "must be a number"});
                std::optional<double> d = v.is_null() ? std::nullopt : std::optional<double>(v.to_number<double>());
                set(k == "min" ? "min_value" : "max_value", d ? store::Value(*d) : store::Value());
                (k == "min" ? changed.min_value : changed.max_value) = d;
            } else if (k == "default") {
                changed.default_json = v.is_null() ? std::nullopt : std::optional<std::string>(json::serialize(v));
                set("default_value", v.is_null() ? store::Value() : store::Value(json::serialize(v)));
            }
        } else {
            Invalid(k, "unknown_field", {fmt::format("不能修改「{}」", k), fmt::format("'{}' cannot be changed", k)});
        }
    }
    if (changed.min_value && changed.max_value && *changed.min_value > *changed.max_value)
        Invalid("min", "invalid", {"最小值不能大于最大值", "min must not exceed max"});
    if (changed.default_json) {
        std::vector<FieldError> errors;
        boost::system::error_code ec;
        json::value dv = json::parse(*changed.default_json, ec);
        if (!ec) DecodeValue(changed, dv, errors);
        if (ec || !errors.empty()) Invalid("default", "invalid", {"默认值不正确", "The default value is not valid"});
        if (f.type == FieldType::kSelect || f.type == FieldType::kMultiselect) RequireEnabledOptions(tx, f, dv);
    }
    if (sets.empty()) return;
    params.emplace_back(o.name);
    params.emplace_back(f.name);
    tx.Execute(
        fmt::format("UPDATE meta_fields SET {} WHERE object = ? AND name = ? AND deleted_at IS NULL", sets),
        store::Params(params)
    );
}

}  // namespace xieli::records
