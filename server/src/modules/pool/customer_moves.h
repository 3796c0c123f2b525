#pragma once

// Moving a customer into, out of and between owners of a public pool. The pool's writes are
// guarded single UPDATEs (the claim race is decided by `WHERE owner_id IS NULL`), so they do not go
// through RecordService::Update; like the engine's own transfer they still write field history
// (the customer's history shows every move) and an outbox row in the same transaction.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "records/metadata.h"
#include "store/database.h"

namespace xieli::pool {

// The pool-related state of one customer.
struct CustomerState {
    int64_t id = 0;
    std::string name;
    std::optional<int64_t> owner_id;
    std::optional<int64_t> pool_id;
    std::optional<int64_t> previous_owner_id;
    std::string returned_at;  // "" when never returned
    std::string return_reason;
    std::string claimed_at;
    std::string last_followup_at;
    std::string created_at;
    std::string status;
};

// nullopt when missing or in the recycle bin.
std::optional<CustomerState> LoadCustomerState(store::Connection& conn, int64_t id);

// The new values of fields of the customer (field name → stored value; "department_id" is set too
// but, like the engine's transfer, not kept in history).
using FieldValues = std::map<std::string, store::Value>;

// Applies `changes` to customer `id` when `guard` (a WHERE fragment over its row, with `guard_params`)
// holds; writes field history for every field whose value changes (from `before`) and an outbox row.
// `actor` 0 means the system (the auto-return job). Returns false, writing nothing, when the guard
// failed — someone else moved the customer first.
bool MoveCustomer(
    store::Connection& tx,
    const records::ObjectMeta& customer,
    const CustomerState& before,
    const FieldValues& changes,
    int64_t actor,
    TimePoint now,
    std::string_view guard,
    std::vector<store::Value> guard_params
);

// The main department of a user (the department a record's owner brings), or NULL.
store::Value MainDepartmentOf(store::Connection& conn, int64_t user_id);

// Null for 0 / nullopt.
store::Value IdOrNull(std::optional<int64_t> id);

}  // namespace xieli::pool
