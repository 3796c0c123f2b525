#pragma once

// A record's timeline (API.md "GET /objects/{object}/records/{id}/timeline"), for any object:
// newest first, merging
//   followup              follow-ups linked to it by a lookup of the follow-up object (for a
//                         customer its follow-ups, for a contact those naming the contact …)
//   change, transfer      its field history (a change of owner is a transfer), without the
//                         fields hidden from the caller
//   created, deleted, restored   the record's own life (delete/restore from the outbox)
//   related               records of any object pointing at it by a lookup (a customer's
//                         contacts and opportunities, the lead it came from …), when created
// Every linked record is listed only if the caller may read it (records::ScopePredicate) and
// the linking field is not hidden from them. Item:
//   {"type", "at", "actor": {"id", "name"} | null, "object", "record_id", "title", "data": {…}}
//
// Paging: `before` (an ISO time, exclusive) and `limit` (1–200, default 20); the answer's
// "next_before" is the `before` of the next page, or null on the last. Times have one-second
// precision, so a page never splits one instant: it may run past `limit` to keep every item of
// its oldest instant together.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/json.h"
#include "records/record_service.h"

namespace xieli::crm {

struct TimelineItem {
    std::string type;
    std::string at;  // stored form, "2026-11-23T09:30:00Z": sortable as text
    std::optional<int64_t> actor_id;
    std::string actor_name;
    std::string object;
    int64_t record_id = 0;
    std::string title;  // empty: none (hidden or nameless)
    json::object data;
    int64_t seq = 0;  // the source row's id: orders items of one instant and kind
};

// Newest first; within one instant: deleted/restored, changes and transfers, follow-ups, related
// records, then creation (what happened first is listed last); then by seq, newest first.
void SortTimeline(std::vector<TimelineItem>& items);

// Round one of a page: each source's newest `limit + 1` items before the cursor, newest first.
// `items` is what is certain to be on the page (everything newer than `tie_at`); when `tie_at`
// is set, every item of that instant must be fetched from every source and added (round two).
struct TimelineMerge {
    std::vector<TimelineItem> items;
    std::optional<std::string> tie_at;
    std::optional<std::string> next_before;
};
TimelineMerge MergeTimeline(const std::vector<std::vector<TimelineItem>>& sources, size_t limit);

json::object TimelineItemToJson(const TimelineItem& item);

struct TimelineRequest {
    size_t limit = 20;
    std::optional<std::string> before;  // stored form
};
// From the query parameters; 422 naming the parameter when malformed.
TimelineRequest ParseTimelineRequest(const std::optional<std::string>& limit, const std::optional<std::string>& before);

// 404 unless the caller may read the record. → {"records": [item…], "next_before"}
// Leaves out what the object's modules hide from the caller (RecordService::ActorMaskFor).
json::object BuildTimeline(
    const records::RecordService& service,
    records::RecordScope& s,
    std::string_view object,
    int64_t id,
    const TimelineRequest& request
);

}  // namespace xieli::crm
