#pragma once

// The import template of an object, generated from its metadata for one caller (a custom field
// shows up at once): the header row names the importable fields (required ones marked *), and the
// template says what each column takes — picklist options included. XLSX: the header on the first
// sheet, a second sheet 说明 (Help) with one line per column. CSV: the header, then one comment row
// whose first cell starts with # (the import skips it).

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "common/text.h"
#include "records/metadata.h"

namespace xieli::data_io {

struct PicklistOption {
    std::string value;
    Text label;
};
using PicklistOptions = std::map<std::string, std::vector<PicklistOption>, std::less<>>;  // picklist → enabled options

// A file to download.
struct DownloadFile {
    std::string body;
    std::string content_type;
    std::string file_name;   // UTF-8, e.g. 客户导入模板.xlsx
    std::string ascii_name;  // for clients that ignore filename*
};

// The header: labels in `lang`, "*" before required ones.
std::vector<std::string> TemplateHeader(const std::vector<const records::FieldMeta*>& fields, Lang lang);

// What a column takes, e.g. 必填；单选：潜在客户、跟进中 or "Date, e.g. 2026-11-24".
std::string ColumnHint(
    const records::FieldMeta& f, const records::Schema& schema, const PicklistOptions& options, Lang lang
);

// `format` is csv or xlsx (anything else: 400).
DownloadFile BuildImportTemplate(
    const records::ObjectMeta& object,
    const records::Schema& schema,
    const std::vector<const records::FieldMeta*>& fields,
    const PicklistOptions& options,
    Lang lang,
    std::string_view format
);

}  // namespace xieli::data_io
