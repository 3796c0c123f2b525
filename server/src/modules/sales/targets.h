#pragma once

// Sales targets (销售目标, DOMAIN.md "Customers and sales"): a person's or a department's target for
// each month of a year, by contract amount, payment amount or new customers, next to the actual
// figure and the completion (actual / target).
//
// Who may set them: a full administrator, a CRM sub-administrator, or the head of a department
// (departments.head_user_id) for that department, the departments below it and the people whose
// main department is among them. Who may read them: those who may set them, the person a target
// is for, the people above them in the supervisor chain, and the members of a department (or of a
// department below it) for the department's target.
//
// Actuals are summed from the records with the caller's own read scope (records::ScopePredicate),
// so a target screen never reveals an amount the caller could not list themselves:
//   contract_amount  Σ contract.amount by sign_date, contracts neither draft nor terminated
//   payment_amount   Σ payment.amount by paid_date
//   new_customers    customers created in the month (China Standard Time)
// A person's actuals are the records they own; a department's are the records owned in it and in
// every department below it.

#include <optional>
#include <string>

#include "common/clock.h"
#include "common/json.h"
#include "records/access.h"
#include "store/database.h"

namespace xieli::sales {

struct TargetQuery {
    int year = 0;
    std::string metric;      // contract_amount | payment_amount | new_customers
    std::string scope_type;  // user | department
    int64_t scope_id = 0;
};

// Reads and checks the query string members (year, metric, scope_type, scope_id); defaults: this
// year, contract_amount, the caller. 422 naming the member on bad input.
TargetQuery ParseTargetQuery(
    const std::optional<std::string>& year,
    const std::optional<std::string>& metric,
    const std::optional<std::string>& scope_type,
    const std::optional<std::string>& scope_id,
    int64_t caller_id,
    TimePoint now
);

// {"year", "metric", "scope_type", "scope_id", "scope_name", "can_edit", "months": [{"month",
// "target", "actual", "completion"} × 12], "total": {"target", "actual", "completion"}}. Amounts are
// decimal strings, counts integers, completion a ratio rounded to four places (null without a
// target). 404 when the scope does not exist, 403 when the caller may not read it. With
// `cache_tenant` (the enterprise's database) the actuals are kept until a table they read changes.
json::object GetTargets(
    store::Connection& conn,
    const records::AccessContext& access,
    const TargetQuery& q,
    const store::Database* cache_tenant = nullptr
);

// Replaces the twelve months of one scope/metric/year: body {"year", "metric", "scope_type",
// "scope_id", "months": [12 × (amount | count | null)]}; null removes that month's target. Returns
// what GetTargets returns. 403 unless the caller may set targets for the scope.
json::object PutTargets(
    store::Connection& tx, const records::AccessContext& access, const json::object& body, TimePoint now
);

// The completion ratio, rounded to four places; nullopt when there is no target (or it is 0).
std::optional<double> Completion(int64_t actual, std::optional<int64_t> target);

}  // namespace xieli::sales
