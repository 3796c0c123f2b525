#pragma once

// Lead conversion (DOMAIN.md "Lead", [003]): one lead becomes a customer (new, or one the caller
// can see), optionally a contact and an opportunity, in one transaction through the records
// engine's own write path (RecordService::CreateIn/UpdateIn), so every permission, validation and
// hook — the customer duplicate check included — applies, and a failure anywhere leaves nothing.
// The lead is then marked converted (status, converted_at, converted_*_id) and stays read-only.
//
// POST /objects/lead/records/{id}/convert
//   {"customer": {fields…}} | {"customer_id": id}   default: a new customer from the lead
//   "contact": {fields…} | null                     default: a contact from the lead
//   "opportunity": {fields…} | null                 default: none
//   "version": n                                    optional: the lead's version, for conflicts
// A new customer starts from the lead (company → name, else the lead's name; phone, else mobile;
// e-mail, industry, source where the customer picklist has that value, region, address) and a new
// contact from its name, mobile, phone, e-mail and title; fields given in the request win, null
// clears one. Defaults skip lead fields hidden from the caller and target fields the caller may
// not edit. The contact and opportunity always belong to the converted customer; the opportunity
// names the new contact unless the request names one.

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>

#include "common/json.h"
#include "records/record_service.h"
#include "store/database.h"

namespace xieli::crm {

// The request, checked for shape (422 naming the member otherwise).
struct ConvertRequest {
    enum class Part { kDefault, kNone, kGiven };
    std::optional<json::object> customer;
    std::optional<int64_t> customer_id;
    Part contact = Part::kDefault;
    json::object contact_fields;
    std::optional<json::object> opportunity;
    std::optional<int64_t> version;
};
ConvertRequest ParseConvertRequest(const json::object& body);

class LeadConversions {
public:
    // → {"lead", "customer", "contact" | null, "opportunity" | null}, each as GET returns it.
    json::object Convert(
        records::RecordService& service, records::RecordScope& s, int64_t lead_id, const ConvertRequest& request
    );

    // before_create of lead: "converted" is not a status one can choose.
    void BeforeCreateLead(records::WriteEvent& e);
    // before_update of lead: a converted lead is read-only (409); the conversion's own update
    // gets its marks here.
    void BeforeUpdateLead(records::WriteEvent& e);

private:
    struct Marks {
        int64_t lead_id = 0;
        int64_t customer_id = 0;
        std::optional<int64_t> contact_id;
        std::optional<int64_t> opportunity_id;
    };
    class Pending;

    // Conversions in progress, by the writer connection their transaction holds: a database has
    // one writer, so at most one conversion per connection, and the hook finds its own.
    std::mutex mutex_;
    std::map<const store::Connection*, Marks> pending_;
};

}  // namespace xieli::crm
