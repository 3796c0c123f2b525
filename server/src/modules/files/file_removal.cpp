#include "modules/files/file_removal.h"

#include <map>
#include <set>

#include "modules/files/file_fields.h"
#include "modules/files/file_repository.h"

namespace xieli::files {

namespace {

using records::FieldMeta;
using records::WriteEvent;

// The ids each file field of the record lists once the write is done: the new value where the
// write has one, else the value it had.
std::map<std::string, std::set<int64_t>> ListedAfter(const WriteEvent& e) {
    std::map<std::string, std::set<int64_t>> listed;
    for (const FieldMeta& f : e.object.fields) {
        if (!IsFileField(f)) continue;
        const store::Value* v = nullptr;
        if (auto it = e.values.find(f.name); it != e.values.end()) {
            v = &it->second;
        } else if (auto old = e.before.find(f.name); old != e.before.end()) {
            v = &old->second;
        }
        if (!v) continue;  // not known here: its files are left as they are
        std::set<int64_t>& ids = listed[f.name];
        for (int64_t id : FileIdsOf(*v)) ids.insert(id);
    }
    return listed;
}

bool WritesFiles(const WriteEvent& e) {
    for (const FieldMeta& f : e.object.fields) {
        if (IsFileField(f) && e.values.count(f.name)) return true;
    }
    return false;
}

void UnlinkRemoved(WriteEvent& e) {
    if (!WritesFiles(e)) return;
    std::map<std::string, std::set<int64_t>> listed = ListedAfter(e);
    std::vector<int64_t> gone;
    for (const FileRow& row : LinkedFiles(e.tx, e.object.name, e.record_id)) {
        auto own = listed.find(row.field);
        if (own == listed.end()) continue;  // a deleted field (it may come back) or one not known here
        if (own->second.count(row.id)) continue;
        std::string holder;
        for (const auto& [field, ids] : listed) {
            if (ids.count(row.id)) {
                holder = field;
                break;
            }
        }
        if (holder.empty())
            gone.push_back(row.id);
        else
            MoveFile(e.tx, row.id, holder);
    }
    UnlinkFiles(e.tx, gone, FormatUtc(e.now));
}

}  // namespace

records::RecordHooks FileRemovalHooks() {
    return {.after_update = UnlinkRemoved};
}

}  // namespace xieli::files
