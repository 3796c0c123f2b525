#pragma once

// Small readers over a records-engine write (records::WriteEvent) shared by the sales rules: the
// value a write leaves, whether it changes a field, deriving a field without noise in its history,
// and what "today" is for due dates.

#include <optional>
#include <string>

#include "records/record_service.h"

namespace xieli::sales {

using RecordRow = std::map<std::string, store::Value>;

// The value the write leaves in `field`: the new one when it changes, else the stored one.
store::Value After(const records::WriteEvent& e, const char* field);
store::Value Before(const records::WriteEvent& e, const char* field);
bool Changes(const records::WriteEvent& e, const char* field);
// NULL → "", else the value as text.
std::string TextOf(const store::Value& v);
// NULL → 0, else the integer (cents, ids).
int64_t IntOf(const store::Value& v);

// Sets a derived field only when its value really changes, so history shows no "80 → 80".
void Derive(records::WriteEvent& e, const char* field, store::Value v);

// Today's date ("YYYY-MM-DD") in China Standard Time, the zone of every date field
// (docs/decisions/0005-money-and-records.md).
std::string ChinaDate(TimePoint now);

// A live (not deleted) row of `table` by id, all columns; nullopt when missing or deleted. For rules
// that read the records a write points to (the caller's read access was checked by the engine for
// writable lookups).
std::optional<RecordRow> LoadLiveRow(store::Connection& conn, const std::string& table, int64_t id);

// The table of a standard object.
std::string TableOf(std::string_view standard_object);

// Whether the caller may perform `action` on live record `id` of a standard object (the engine's
// own predicate, so these rules never see more than the caller does).
bool CallerMay(
    store::Connection& conn,
    const records::AccessContext& access,
    std::string_view standard_object,
    int64_t id,
    records::Action action
);

// When the write points `lookup_field` at a record of `object` that has its own customer_id, that
// customer must be the write's customer (a quote cannot price another customer's deal): 422.
void RequireSameCustomer(records::WriteEvent& e, const char* lookup_field, std::string_view object);

}  // namespace xieli::sales
