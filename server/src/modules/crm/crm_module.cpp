#include "modules/crm/crm_module.h"

#include <memory>

#include "modules/crm/crm_routes.h"
#include "modules/crm/crm_settings.h"
#include "modules/crm/duplicate_check.h"
#include "modules/crm/followup_rollup.h"
#include "modules/crm/lead_conversion.h"

namespace xieli::crm {

void RegisterCrmModule(http::Router& router, records::RecordsModule& records) {
    using records::RecordHooks;
    using records::WriteEvent;
    // Shared by the lead hooks and the conversion route; the hooks keep it alive as long as the
    // record service.
    auto conversions = std::make_shared<LeadConversions>();
    records::RecordService& service = records.service();
    service.AddHooks(
        "lead",
        RecordHooks{
            .before_create = [conversions](WriteEvent& e) { conversions->BeforeCreateLead(e); },
            .before_update = [conversions](WriteEvent& e) { conversions->BeforeUpdateLead(e); },
        }
    );
    service.AddHooks(
        "customer",
        RecordHooks{
            // The service outlives its hooks; it names the pools of duplicates (NamePools).
            .before_create = [&service](WriteEvent& e) { CheckCustomerDuplicates(service, e); },
            .after_create = KeepCustomerKeys,
            .before_update = [&service](WriteEvent& e) { CheckCustomerDuplicates(service, e); },
            .after_update = KeepCustomerKeys,
            .before_delete = CheckCustomerDeleteAllowed,
            .after_restore = [&service](WriteEvent& e) { CheckRestoredCustomer(service, e); },
            .after_purge = ForgetCustomerKeys,
            .delete_allowed = [](store::Connection& c) { return LoadCrmSettings(c).allow_customer_delete; },
        }
    );
    service.AddHooks(
        "followup",
        RecordHooks{
            .after_create = RollupFollowupWrite,
            .after_update = RollupFollowupWrite,
            .after_delete = RollupFollowupWrite,
            .after_restore = RollupFollowupWrite,
        }
    );
    RegisterCrmRoutes(router, records, std::move(conversions));
}

}  // namespace xieli::crm
