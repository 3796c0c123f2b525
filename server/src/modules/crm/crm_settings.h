#pragma once

// The enterprise's CRM settings ([004] 客户设置), kept in the tenant `settings` table under keys
// "crm.<name>". Read by any signed-in user (the app hides what is not allowed); changed by
// administrators of the CRM area.

#include "common/json.h"
#include "records/record_service.h"
#include "store/database.h"

namespace xieli::crm {

struct CrmSettings {
    // Like the commercial products, customers cannot be deleted unless an administrator allows it.
    bool allow_customer_delete = false;
};

CrmSettings LoadCrmSettings(store::Connection& conn);
void SaveCrmSettings(store::Connection& tx, const CrmSettings& settings);
json::object CrmSettingsToJson(const CrmSettings& settings);
// A PATCH body over `current`: only known keys of the right type, every problem in one 422.
CrmSettings ApplyCrmSettingsPatch(CrmSettings current, const json::object& body);

// before_delete of customer: 403 unless the enterprise allows deleting customers.
void CheckCustomerDeleteAllowed(records::WriteEvent& e);

}  // namespace xieli::crm
