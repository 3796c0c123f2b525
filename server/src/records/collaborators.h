#pragma once

// 联合跟进人: people who share a record with its owner. A collaborator reads the record (and
// edits it when `can_edit`), through the same ScopePredicate as everything else (access.cpp).

#include <cstdint>
#include <string_view>

#include "common/json.h"
#include "records/record_service.h"

namespace xieli::records {

// {"records": [{"user_id", "name", "can_edit"}]}; the record must be readable.
json::object ListCollaborators(RecordService& service, RecordScope& s, std::string_view object, int64_t id);

// Adds `user_id` (or changes its can_edit); the caller must be able to update the record. Returns
// the collaborator, and whether it was new.
std::pair<json::object, bool> AddCollaborator(
    RecordService& service,
    RecordScope& s,
    std::string_view object,
    int64_t id,
    int64_t user_id,
    bool can_edit,
    TimePoint now
);

// 404 when the user was not a collaborator.
void RemoveCollaborator(
    RecordService& service, RecordScope& s, std::string_view object, int64_t id, int64_t user_id, TimePoint now
);

}  // namespace xieli::records
