// POST /objects/lead/records/{id}/convert, GET /objects/customer/duplicates,
// GET /objects/{object}/records/{id}/timeline, GET|PATCH /settings/crm (docs/api/crm.md).
// Thin: decode, call the module's functions, encode.

#include "modules/crm/crm_routes.h"

#include "common/error.h"
#include "common/strings.h"
#include "modules/crm/crm_settings.h"
#include "modules/crm/duplicate_check.h"
#include "modules/crm/timeline.h"
#include "modules/org/admin_guard.h"

namespace xieli::crm {

namespace {

constexpr long kMaxDuplicateInput = 200;  // characters of one as-you-type value

struct CrmHandlers {
    records::RecordsModule& records;
    std::shared_ptr<LeadConversions> conversions;

    http::Response Convert(http::Context& c) {
        int64_t id = c.PathId("id");
        ConvertRequest request = ParseConvertRequest(c.JsonBody());
        records::RecordScope s = records.ScopeFor(c);
        return http::Response::Json(200, conversions->Convert(records.service(), s, id, request));
    }

    http::Response Duplicates(http::Context& c) {
        std::vector<FieldError> errors;
        auto text = [&](const char* name) -> store::Value {
            std::optional<std::string> v = c.request.Query(name);
            if (!v || v->empty()) return {};
            long n = Utf8Length(*v);
            if (n < 0 || n > kMaxDuplicateInput) {
                errors.push_back({name, "invalid", {"内容过长或不是有效文本", "is too long or not valid text"}});
                return {};
            }
            return store::Value(*v);
        };
        store::Value name = text("name"), short_name = text("short_name"), phone = text("phone");
        int64_t exclude_id = 0;
        if (std::optional<std::string> v = c.request.Query("exclude_id"); v && !v->empty()) {
            size_t used = 0;
            try {
                exclude_id = std::stoll(*v, &used);
            } catch (const std::exception&) {
                used = 0;
            }
            if (used == 0 || used != v->size() || exclude_id <= 0) {
                errors.push_back({"exclude_id", "invalid", {"应为记录编号", "must be a record id"}});
            }
        }
        if (!errors.empty()) ThrowValidation(std::move(errors));

        records::RecordScope s = records.ScopeFor(c);
        const records::ObjectMeta& customer = s.schema->Get("customer");
        // Whoever may create customers (or see any) may ask; the answer says no more than the
        // duplicate error on create would.
        if (!s.access.Can(customer.name, "create") &&
            s.access.ScopeFor(customer.name, records::Action::kRead) == org::Scope::kNone) {
            ThrowForbidden();
        }
        bool ready = false;
        {
            store::Reader r = s.db.Read();
            ready = CustomerKeysReady(*r);
        }
        if (!ready) {
            store::Transaction tx = s.db.Write();
            EnsureCustomerKeys(*tx, customer);
            tx.Commit();
        }
        json::array out;
        {
            store::Reader r = s.db.Read();
            std::vector<DuplicateMatch> matches =
                FindDuplicates(*r, s.access, customer, KeysOf(name, short_name, phone), exclude_id, 20);
            NamePools(*r, records.service(), matches);
            for (const DuplicateMatch& m : matches) out.push_back(DuplicateToJson(m, s.access));
        }
        return http::Response::Json(200, json::object{{"records", std::move(out)}});
    }

    http::Response Timeline(http::Context& c) {
        int64_t id = c.PathId("id");
        TimelineRequest request = ParseTimelineRequest(c.request.Query("limit"), c.request.Query("before"));
        records::RecordScope s = records.ScopeFor(c);
        return http::Response::Json(200, BuildTimeline(records.service(), s, c.PathParam("object"), id, request));
    }

    http::Response GetSettings(http::Context& c) {
        c.RequireCaller();
        store::Reader r = c.TenantDb().Read();
        return http::Response::Json(200, CrmSettingsToJson(LoadCrmSettings(*r)));
    }

    http::Response PatchSettings(http::Context& c) {
        org::RequireAdmin(c, org::kAreaCrm);
        json::object body = c.JsonBody();
        store::Transaction tx = c.TenantDb().Write();
        CrmSettings next = ApplyCrmSettingsPatch(LoadCrmSettings(*tx), body);
        SaveCrmSettings(*tx, next);
        json::object shown = CrmSettingsToJson(next);
        // Administrative changes go to the operation log (DOMAIN.md "Data management").
        tx->Execute(
            "INSERT INTO audit_log (at, actor_id, action, target_type, details) VALUES (?, ?, 'crm_settings', "
            "'settings', ?)",
            {FormatUtc(records.clock().Now()), c.RequireCaller().user_id, json::serialize(shown)}
        );
        tx.Commit();
        return http::Response::Json(200, shown);
    }
};

}  // namespace

void RegisterCrmRoutes(
    http::Router& router, records::RecordsModule& records, std::shared_ptr<LeadConversions> conversions
) {
    auto h = std::make_shared<CrmHandlers>(CrmHandlers{records, std::move(conversions)});
    using A = http::Access;
    router.Add(
        {"POST",
         "/api/v1/objects/lead/records/{id}/convert",
         [h](http::Context& c) { return h->Convert(c); },
         A::kAuthenticated,
         "Convert a lead into a customer (new or existing), a contact and an opportunity, all or nothing",
         "crm"}
    );
    router.Add(
        {"GET",
         "/api/v1/objects/customer/duplicates",
         [h](http::Context& c) { return h->Duplicates(c); },
         A::kAuthenticated,
         "Customers with the same name, short name or phone (name, short_name, phone, exclude_id)",
         "crm"}
    );
    router.Add(
        {"GET",
         "/api/v1/objects/{object}/records/{id}/timeline",
         [h](http::Context& c) { return h->Timeline(c); },
         A::kAuthenticated,
         "Timeline of a record: follow-ups, changes, related records, newest first (limit, before)",
         "crm"}
    );
    router.Add(
        {"GET",
         "/api/v1/settings/crm",
         [h](http::Context& c) { return h->GetSettings(c); },
         A::kAuthenticated,
         "The enterprise's CRM settings",
         "crm"}
    );
    router.Add(
        {"PATCH",
         "/api/v1/settings/crm",
         [h](http::Context& c) { return h->PatchSettings(c); },
         A::kAuthenticated,
         "Change the CRM settings (administrators of the CRM area)",
         "crm"}
    );
}

}  // namespace xieli::crm
