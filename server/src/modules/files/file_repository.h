#pragma once

// Rows of the files table (migration 0033_files): one per upload, linked to the record field that
// took it.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/json.h"
#include "store/database.h"

namespace xieli::files {

struct FileRow {
    int64_t id = 0;
    std::string sha256;
    std::string name;
    int64_t size = 0;
    std::string content_type;
    int64_t uploaded_by = 0;
    std::string created_at;
    std::string object;  // empty while unlinked
    int64_t record_id = 0;
    std::string field;

    bool linked() const { return record_id != 0; }
};

int64_t InsertFile(store::Connection& conn, const FileRow& file);
std::optional<FileRow> LoadFile(store::Connection& conn, int64_t id);
// The rows of `ids` that exist, by id.
std::map<int64_t, FileRow> LoadFiles(store::Connection& conn, const std::vector<int64_t>& ids);
// Links the unlinked files of `ids` to the field of a record (files already linked stay where they are).
void LinkFiles(
    store::Connection& conn,
    const std::vector<int64_t>& ids,
    const std::string& object,
    int64_t record_id,
    const std::string& field,
    const std::string& now
);
// The rows linked to record `record_id` of `object` (any field).
std::vector<FileRow> LinkedFiles(store::Connection& conn, const std::string& object, int64_t record_id);
// Files `ids` are no longer on their record: unlinked, unlinked_at = `now` (the clean-up's grace
// window counts from then, file_cleanup.h).
void UnlinkFiles(store::Connection& conn, const std::vector<int64_t>& ids, const std::string& now);
// File `id` stays on its record but under another of its fields (moved from one field to another).
void MoveFile(store::Connection& conn, int64_t id, const std::string& field);

// {"id","name","size","content_type","url"}: what an upload answers and what _display lists.
json::object FileToJson(const FileRow& file);

}  // namespace xieli::files
