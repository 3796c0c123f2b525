#include "modules/files/file_repository.h"

#include <fmt/format.h>

#include "records/access.h"

namespace xieli::files {

namespace {

constexpr const char* kColumns =
    "id, sha256, name, size, content_type, uploaded_by, created_at, object, record_id, field";

FileRow ReadFile(const store::Row& r) {
    FileRow f;
    f.id = r.Int(0);
    f.sha256 = r.Text(1);
    f.name = r.Text(2);
    f.size = r.Int(3);
    f.content_type = r.Text(4);
    f.uploaded_by = r.Int(5);
    f.created_at = r.Text(6);
    f.object = r.IsNull(7) ? "" : r.Text(7);
    f.record_id = r.IsNull(8) ? 0 : r.Int(8);
    f.field = r.IsNull(9) ? "" : r.Text(9);
    return f;
}

}  // namespace

int64_t InsertFile(store::Connection& conn, const FileRow& f) {
    return conn
        .Query(
            "INSERT INTO files (sha256, name, size, content_type, uploaded_by, created_at) VALUES (?, ?, ?, ?, ?, ?) "
            "RETURNING id",
            {f.sha256, f.name, f.size, f.content_type, f.uploaded_by, f.created_at}
        )
        .front()
        .Int(0);
}

std::optional<FileRow> LoadFile(store::Connection& conn, int64_t id) {
    store::Rows rows = conn.Query(fmt::format("SELECT {} FROM files WHERE id = ?", kColumns), {id});
    if (rows.empty()) return std::nullopt;
    return ReadFile(rows.front());
}

std::map<int64_t, FileRow> LoadFiles(store::Connection& conn, const std::vector<int64_t>& ids) {
    std::map<int64_t, FileRow> out;
    if (ids.empty()) return out;
    std::vector<store::Value> params(ids.begin(), ids.end());
    for (const store::Row& r : conn.Query(
             fmt::format("SELECT {} FROM files WHERE id IN ({})", kColumns, records::Placeholders(ids.size())),
             store::Params(params)
         )) {
        FileRow f = ReadFile(r);
        out.emplace(f.id, std::move(f));
    }
    return out;
}

void LinkFiles(
    store::Connection& conn,
    const std::vector<int64_t>& ids,
    const std::string& object,
    int64_t record_id,
    const std::string& field,
    const std::string& now
) {
    if (ids.empty()) return;
    std::vector<store::Value> params{object, record_id, field, now};
    params.insert(params.end(), ids.begin(), ids.end());
    conn.Execute(
        fmt::format(
            "UPDATE files SET object = ?, record_id = ?, field = ?, linked_at = ? WHERE record_id IS NULL AND id IN "
            "({})",
            records::Placeholders(ids.size())
        ),
        store::Params(params)
    );
}

std::vector<FileRow> LinkedFiles(store::Connection& conn, const std::string& object, int64_t record_id) {
    std::vector<FileRow> out;
    for (const store::Row& r : conn.Query(
             fmt::format("SELECT {} FROM files WHERE object = ? AND record_id = ? ORDER BY id", kColumns),
             {object, record_id}
         ))
        out.push_back(ReadFile(r));
    return out;
}

void UnlinkFiles(store::Connection& conn, const std::vector<int64_t>& ids, const std::string& now) {
    if (ids.empty()) return;
    std::vector<store::Value> params{now};
    params.insert(params.end(), ids.begin(), ids.end());
    conn.Execute(
        fmt::format(
            "UPDATE files SET object = NULL, record_id = NULL, field = NULL, linked_at = NULL, unlinked_at = ? WHERE "
            "id IN ({})",
            records::Placeholders(ids.size())
        ),
        store::Params(params)
    );
}

void MoveFile(store::Connection& conn, int64_t id, const std::string& field) {
    conn.Execute("UPDATE files SET field = ? WHERE id = ?", {field, id});
}

json::object FileToJson(const FileRow& f) {
    return json::object{
        {"id", f.id},
        {"name", f.name},
        {"size", f.size},
        {"content_type", f.content_type},
        {"url", fmt::format("/api/v1/files/{}", f.id)},
    };
}

}  // namespace xieli::files
