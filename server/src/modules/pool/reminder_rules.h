#pragma once

// Reminder rules (提醒规则, [001]): an administrator says what to watch and after how many days;
// a daily job (and "立即执行" in the admin console) tells each record's owner — and, if the rule
// says so, the owner's direct supervisor. Each event is reminded once: a delivery row keyed by
// (rule, record, event) is written with the notification, so the next run skips it, and a new event
// (a new follow-up, a moved date) is a new key.
//
// Kinds and their event:
//   customer_no_followup  no follow-up for `days` days (since the later of creation, claim, last
//                         follow-up)                                 event: that start time
//   customer_no_deal      not 已成交/复购 and no won opportunity `days` days after creation or claim
//   followup_due          the customer's next follow-up falls within the next `days` days
//   contract_expiring     a contract's end date falls within the next `days` days (not completed
//                         or terminated)
//   payment_due           an instalment of a payment plan falls due within the next `days` days and
//                         is not paid
//   payment_overdue       an instalment is unpaid `days` days (0: any) after its due date
// Kinds whose object (contract, payment_plan) or fields are not defined are skipped silently.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/json.h"
#include "records/metadata.h"
#include "store/database.h"

namespace xieli::pool {

struct ReminderRule {
    int64_t id = 0;
    std::string name;
    std::string kind;
    int days = 0;
    bool notify_supervisor = false;
    bool enabled = true;
    std::string created_at;
    std::string updated_at;
    std::string last_run_at;
};

const std::vector<std::string>& ReminderKinds();

std::optional<ReminderRule> FindReminderRule(store::Connection& conn, int64_t id);
std::vector<ReminderRule> ListReminderRules(store::Connection& conn);
// POST (over an empty rule) or PATCH (over `current`): every problem in one 422.
ReminderRule ApplyReminderRuleBody(ReminderRule current, const json::object& body);
int64_t InsertReminderRule(store::Connection& tx, const ReminderRule& r, int64_t actor, TimePoint now);
void UpdateReminderRule(store::Connection& tx, const ReminderRule& r, TimePoint now);
void DeleteReminderRule(store::Connection& tx, int64_t id);
json::object ReminderRuleToJson(const ReminderRule& r);

// Runs one rule as of `now` inside the caller's write transaction; returns how many events were
// reminded (each at most once, ever).
int64_t RunReminderRule(store::Connection& tx, const records::Schema& schema, const ReminderRule& rule, TimePoint now);
// Every enabled rule; returns the events reminded.
int64_t RunReminderRules(store::Connection& tx, const records::Schema& schema, TimePoint now);

// The latest deliveries of a rule, newest first (the admin's "提醒记录").
json::array ReminderDeliveries(store::Connection& conn, int64_t rule_id, int limit);

}  // namespace xieli::pool
