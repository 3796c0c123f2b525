#include "modules/files/file_fields.h"

#include <fmt/format.h>

#include <set>

#include "common/error.h"
#include "modules/files/file_limits.h"
#include "modules/files/file_repository.h"
#include "modules/files/file_sniff.h"

namespace xieli::files {

bool IsFileField(const records::FieldMeta& f) {
    return f.type == records::FieldType::kFile || f.type == records::FieldType::kImage;
}

std::vector<int64_t> FileIdsOf(const store::Value& v) {
    std::vector<int64_t> ids;
    if (v.IsNull()) return ids;
    boost::system::error_code ec;
    json::value parsed = json::parse(v.AsText(), ec);
    if (ec || !parsed.is_array()) return ids;
    for (const json::value& item : parsed.get_array()) {
        if (item.is_int64()) ids.push_back(item.get_int64());
    }
    return ids;
}

namespace {

using records::FieldMeta;
using records::FieldType;
using records::WriteEvent;

// Whether the writer may put `file` into record `record_id` (0 while creating) of `object`.
bool Usable(const FileRow& file, const WriteEvent& e) {
    if (!file.linked()) return file.uploaded_by == e.access.user_id;
    return e.record_id != 0 && file.object == e.object.name && file.record_id == e.record_id;
}

void CheckFiles(WriteEvent& e) {
    std::vector<FieldError> errors;
    std::optional<std::map<std::string, FileLimits>> limits;  // read once, when a field is written
    for (const FieldMeta& f : e.object.fields) {
        if (!IsFileField(f)) continue;
        auto it = e.values.find(f.name);
        if (it == e.values.end()) continue;
        std::vector<int64_t> ids = FileIdsOf(it->second);
        std::map<int64_t, FileRow> rows = LoadFiles(e.tx, ids);
        if (!limits) limits = LoadFileLimits(e.tx, e.object.name);
        auto field_limits = limits->find(f.name);
        for (int64_t id : ids) {
            auto row = rows.find(id);
            if (row == rows.end() || !Usable(row->second, e)) {
                errors.push_back(
                    {f.name,
                     "file_not_found",
                     {fmt::format("「{}」中的文件 {} 不存在或无权使用，请重新上传", f.label.zh, id),
                      fmt::format("{}: file {} does not exist or you may not use it; upload it again", f.label.en, id)}}
                );
                break;
            }
            if (f.type == FieldType::kImage && !IsImageType(row->second.content_type)) {
                errors.push_back(
                    {f.name,
                     "not_image",
                     {fmt::format(
                          "「{}」只能放图片（PNG、JPEG、GIF、WebP、BMP），「{}」不是", f.label.zh, row->second.name
                      ),
                      fmt::format(
                          "{} takes images only (PNG, JPEG, GIF, WebP, BMP); '{}' is not one",
                          f.label.en,
                          row->second.name
                      )}}
                );
                break;
            }
            // The field's own limits bind the files it takes now; the ones it has stay.
            if (field_limits != limits->end() && !row->second.linked()) {
                const FileRow& file = row->second;
                if (auto v = LimitViolation(f, field_limits->second, file.name, file.size, file.content_type)) {
                    errors.push_back(std::move(*v));
                    break;
                }
            }
        }
    }
    if (!errors.empty()) ThrowValidation(std::move(errors));
}

void LinkWritten(WriteEvent& e) {
    for (const FieldMeta& f : e.object.fields) {
        if (!IsFileField(f)) continue;
        auto it = e.values.find(f.name);
        if (it == e.values.end()) continue;
        LinkFiles(e.tx, FileIdsOf(it->second), e.object.name, e.record_id, f.name, FormatUtc(e.now));
    }
}

void AddFileDisplay(store::Connection& conn, const records::ObjectMeta& o, Lang, json::array& records) {
    std::vector<const FieldMeta*> fields;
    for (const FieldMeta& f : o.fields) {
        if (IsFileField(f)) fields.push_back(&f);
    }
    if (fields.empty()) return;
    auto ids_in = [](const json::value* v) {
        std::vector<int64_t> ids;
        if (!v || !v->is_array()) return ids;
        for (const json::value& item : v->get_array()) {
            if (item.is_int64()) ids.push_back(item.get_int64());
        }
        return ids;
    };
    std::set<int64_t> wanted;
    for (const json::value& rec : records) {
        for (const FieldMeta* f : fields) {
            for (int64_t id : ids_in(rec.as_object().if_contains(f->name))) wanted.insert(id);
        }
    }
    if (wanted.empty()) return;
    std::map<int64_t, FileRow> rows = LoadFiles(conn, std::vector<int64_t>(wanted.begin(), wanted.end()));
    for (json::value& rec : records) {
        json::object& obj = rec.as_object();
        if (!obj["_display"].is_object()) obj["_display"] = json::object{};
        json::object& display = obj["_display"].as_object();
        for (const FieldMeta* f : fields) {
            const json::value* v = obj.if_contains(f->name);
            if (!v || !v->is_array()) continue;
            json::array list;
            for (int64_t id : ids_in(v)) {
                if (auto row = rows.find(id); row != rows.end()) list.push_back(FileToJson(row->second));
            }
            display[f->name] = std::move(list);
        }
    }
}

// A purged record's files can no longer be read through it: their rows go with it, in the purge's
// transaction. The bytes stay while another row (an identical upload) points at them; otherwise
// the daily sweep removes them (file_cleanup.h). Record ids are never reused, so no later record
// could take these rows over.
void ForgetPurged(records::PurgeEvent& e) {
    e.tx.Execute("DELETE FROM files WHERE object = ? AND record_id = ?", {e.object.name, e.record_id});
}

}  // namespace

records::RecordHooks FileFieldHooks() {
    return {
        .before_create = CheckFiles,
        .after_create = LinkWritten,
        .before_update = CheckFiles,
        .after_update = LinkWritten,
        .after_purge = ForgetPurged,
        .object_display = AddFileDisplay,
    };
}

}  // namespace xieli::files
