#include "modules/data_io/import_template.h"

#include <fmt/format.h>

#include <algorithm>

#include "common/csv.h"
#include "common/error.h"
#include "common/strings.h"
#include "common/xlsx_writer.h"

namespace xieli::data_io {

namespace {

using records::FieldMeta;
using records::FieldType;

std::string NumberText(double v) {
    return fmt::format("{}", v);
}

std::string OptionList(const FieldMeta& f, const PicklistOptions& options, Lang lang) {
    auto it = options.find(f.picklist);
    if (it == options.end()) return {};
    std::string out;
    for (const PicklistOption& o : it->second)
        out += (out.empty() ? "" : (lang == Lang::kEn ? ", " : "、")) + o.label.In(lang);
    return out;
}

// A sheet name: at most 31 characters, none of []:*?/\ .
std::string SheetName(std::string_view label) {
    std::string out;
    for (char c : label) {
        if (std::string_view("[]:*?/\\").find(c) == std::string_view::npos) out.push_back(c);
    }
    while (Utf8Length(out) > 31 || Utf8Length(out) < 0) out.pop_back();
    return out.empty() ? "Sheet1" : out;
}

}  // namespace

std::vector<std::string> TemplateHeader(const std::vector<const FieldMeta*>& fields, Lang lang) {
    std::vector<std::string> out;
    for (const FieldMeta* f : fields) out.push_back((f->required ? "*" : "") + f->label.In(lang));
    return out;
}

std::string ColumnHint(const FieldMeta& f, const records::Schema& schema, const PicklistOptions& options, Lang lang) {
    bool en = lang == Lang::kEn;
    std::string what;
    switch (f.type) {
        case FieldType::kText:
        case FieldType::kTextarea: {
            int limit = f.max_length.value_or(f.type == FieldType::kTextarea ? 10000 : 255);
            what = en ? fmt::format("Text, at most {} characters", limit) : fmt::format("文本，最多 {} 个字", limit);
            break;
        }
        case FieldType::kNumber:
        case FieldType::kPercent:
            what = en ? "A number" : "数字";
            if (f.type == FieldType::kPercent) what += en ? " (percent, 12 or 12%)" : "（百分比，填 12 或 12%）";
            if (f.min_value && f.max_value)
                what += en ? fmt::format(", {} to {}", NumberText(*f.min_value), NumberText(*f.max_value))
                           : fmt::format("，{}–{}", NumberText(*f.min_value), NumberText(*f.max_value));
            break;
        case FieldType::kCurrency:
            what = en ? "An amount with at most two decimals, e.g. 1234.50" : "金额，最多两位小数，如 1234.50";
            break;
        case FieldType::kDate: what = en ? "A date, e.g. 2026-11-24" : "日期，如 2026-11-24"; break;
        case FieldType::kDatetime:
            what = en ? "A time (China time), e.g. 2026-11-24 09:30" : "时间（北京时间），如 2026-11-24 09:30";
            break;
        case FieldType::kBoolean: what = en ? "Yes or No" : "是 或 否"; break;
        case FieldType::kSelect: what = (en ? "One of: " : "单选：") + OptionList(f, options, lang); break;
        case FieldType::kMultiselect:
            what = (en ? "Any of (separated by commas): " : "多选，用 、 分隔：") + OptionList(f, options, lang);
            break;
        case FieldType::kUser:
            what = en ? "An employee's name or mobile number" : "员工姓名或手机号";
            if (f.name == "owner_id") what += en ? "; empty: you" : "；留空为导入人";
            break;
        case FieldType::kDepartment:
            what = en ? "A department's name or path, e.g. Sales/East" : "部门名称或路径，如 销售部/华东大区";
            break;
        case FieldType::kLookup: {
            const records::ObjectMeta* target = schema.Find(f.lookup_object);
            std::string label = target ? target->label.In(lang) : f.lookup_object;
            what = en ? fmt::format("The name of an existing {}", label) : fmt::format("已有{}的名称", label);
            break;
        }
        case FieldType::kPhone: what = en ? "A phone number" : "电话号码"; break;
        case FieldType::kEmail: what = en ? "An e-mail address" : "邮箱地址"; break;
        case FieldType::kUrl: what = en ? "A web address" : "网址"; break;
        case FieldType::kRegion:
            what = en ? "Province/city/district, e.g. 浙江省/杭州市/西湖区" : "省/市/区，如 浙江省/杭州市/西湖区";
            break;
        default: break;
    }
    if (f.required) what = (en ? "Required. " : "必填；") + what;
    return what;
}

DownloadFile BuildImportTemplate(
    const records::ObjectMeta& o,
    const records::Schema& schema,
    const std::vector<const FieldMeta*>& fields,
    const PicklistOptions& options,
    Lang lang,
    std::string_view format
) {
    bool en = lang == Lang::kEn;
    std::vector<std::string> header = TemplateHeader(fields, lang);
    std::string base = en ? o.label.en + " import template" : o.label.zh + "导入模板";
    std::string ascii = o.name + "-import-template";
    if (format.empty() || format == "xlsx") {
        std::vector<double> widths;
        std::vector<size_t> text_columns;
        for (size_t i = 0; i < header.size(); ++i) {
            widths.push_back(std::clamp(static_cast<double>(Utf8Length(header[i])) * 2.2 + 4, 12.0, 40.0));
            text_columns.push_back(i);  // typed numbers (phones, codes) stay as typed
        }
        XlsxSheet data{SheetName(o.label.In(lang)), {header}, widths, text_columns, true};
        XlsxSheet help{en ? "Help" : "说明", {}, {24, 10, 90}, {}, true};
        help.rows.push_back(
            en ? std::vector<std::string>{"Column", "Required", "What to fill in"}
               : std::vector<std::string>{"列", "必填", "填写说明"}
        );
        for (const FieldMeta* f : fields) {
            help.rows.push_back(
                {f->label.In(lang), f->required ? (en ? "Yes" : "是") : "", ColumnHint(*f, schema, options, lang)}
            );
        }
        help.rows.emplace_back();
        help.rows.push_back(
            {en ? "Fill in one record per row below the header of the first sheet; columns marked * are required."
                : "在第一个工作表的表头下每行填写一条记录；带 * 的列必填。"}
        );
        return DownloadFile{WriteXlsx({data, help}), kXlsxContentType, base + ".xlsx", ascii + ".xlsx"};
    }
    if (format != "csv") ThrowBadRequest({"format 应为 csv 或 xlsx", "format must be csv or xlsx"});
    std::vector<std::string> hints;
    for (const FieldMeta* f : fields) hints.push_back(ColumnHint(*f, schema, options, lang));
    if (!hints.empty()) hints.front() = "#" + hints.front();
    // The byte-order mark makes Excel open the file as UTF-8 instead of the system code page.
    std::string body = "\xEF\xBB\xBF" + CsvLine(header) + CsvLine(hints);
    return DownloadFile{std::move(body), "text/csv; charset=utf-8", base + ".csv", ascii + ".csv"};
}

}  // namespace xieli::data_io
