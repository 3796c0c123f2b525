#pragma once

// Customer duplicate check (DOMAIN.md "Customers and sales", [004] customer registration): a
// customer whose name, short name or phone number another live customer already has cannot be
// created, and the user is told who owns the existing one — even when they cannot see it.
//
// Comparison keys, kept simple on purpose:
//   name, short name  trimmed (ASCII space and the ideographic space U+3000), ASCII letters
//                     lower-cased, full-width brackets （） read as ( ); nothing else changes
//                     (no traditional/simplified folding, no stripping of 有限公司).
//   phone             a mainland mobile number as its 11 digits (+86/0086, spaces, dashes
//                     dropped: common/strings.h NormalizeMobile); any other number as its digits
//                     without spaces, dashes and brackets, "+86 571 …" read as "0571 …"; fewer
//                     than 7 digits is no key.
// Each field is compared with the same field (name with name …). Customers in the recycle bin do
// not count. The keys live in crm_customer_keys (migration 0013) with an index per key.
// A match waiting in a public pool has no owner; it is named by its pool instead, so the user knows
// to claim it. The pool's name comes from the modules that label customer values
// (RecordHooks::display_labels, through RecordService::LabelChanges): crm includes no pool code.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/json.h"
#include "records/access.h"
#include "records/metadata.h"
#include "records/record_service.h"
#include "store/database.h"

namespace xieli::crm {

std::string NormalizeCustomerName(std::string_view name);
std::string NormalizePhoneKey(std::string_view phone);

struct CustomerKeys {
    std::optional<std::string> name;
    std::optional<std::string> short_name;
    std::optional<std::string> phone;

    bool Empty() const { return !name && !short_name && !phone; }
};

// The keys of stored values (NULL or text); an empty key is no key.
CustomerKeys KeysOf(const store::Value& name, const store::Value& short_name, const store::Value& phone);

struct DuplicateMatch {
    int64_t id = 0;
    std::string name;
    store::Value short_name;
    store::Value phone;
    store::Value owner_id;
    std::string owner_name;
    store::Value pool_id;   // set while the customer waits in a public pool (no owner)
    std::string pool_name;  // its label, where a module gives one (NamePools)
    std::string match;      // name | short_name | phone: the first field that matched
    bool visible = false;   // inside the caller's read scope
};

// Customers written before this module existed get their keys once per database.
void EnsureCustomerKeys(store::Connection& tx, const records::ObjectMeta& customer);
bool CustomerKeysReady(store::Connection& conn);
void SaveCustomerKeys(store::Connection& tx, int64_t customer_id, const CustomerKeys& keys);

// Live customers other than `exclude_id` sharing a key, name matches first.
std::vector<DuplicateMatch> FindDuplicates(
    store::Connection& conn,
    const records::AccessContext& access,
    const records::ObjectMeta& customer,
    const CustomerKeys& keys,
    int64_t exclude_id,
    int limit
);

// Fills pool_name of the matches waiting in a pool, as the modules label pool_id.
void NamePools(store::Connection& conn, const records::RecordService& service, std::vector<DuplicateMatch>& matches);

// The user-facing sentence for a match on `field` (name | short_name | phone): who owns it, or the
// pool it can be claimed from.
Text DuplicateMessage(const DuplicateMatch& m, std::string_view field);

// What the caller may learn of a match: everything they could read (field security applied) for
// a customer in scope; only name, match and owner name otherwise. pool_name either way for a
// customer in a pool: anyone could find it there.
json::object DuplicateToJson(const DuplicateMatch& m, const records::AccessContext& access);

// 409 conflict naming the existing customer and its owner; details per matched field (code
// "duplicate"), and "duplicates" as DuplicateToJson gives them.
[[noreturn]] void ThrowDuplicate(const std::vector<DuplicateMatch>& matches, const records::AccessContext& access);

// before_create / before_update of customer: refuses a duplicate name, short name or phone (on
// update only the fields that change are checked). after_create / after_update: keep the keys.
// after_restore: a customer may not come back from the recycle bin as a duplicate.
void CheckCustomerDuplicates(const records::RecordService& service, records::WriteEvent& e);
void KeepCustomerKeys(records::WriteEvent& e);
void CheckRestoredCustomer(const records::RecordService& service, records::WriteEvent& e);
// after_purge of customer: its keys go with it (records/recycle_bin.h).
void ForgetCustomerKeys(records::PurgeEvent& e);

}  // namespace xieli::crm
