#pragma once

// CRM rules on the records engine (DOMAIN.md "Customers and sales", docs/api/crm.md): lead
// conversion, the customer duplicate check, follow-up rollups on the customer, the "customers
// can be deleted" setting, and record timelines. Everything runs through the engine's one road —
// RecordHooks on lead, customer and followup, and RecordService::CreateIn/UpdateIn — never a copy
// of it.

#include "http/router.h"
#include "records/records_module.h"

namespace xieli::crm {

// Installs the hooks of lead, customer and followup on `records` and adds the CRM routes.
void RegisterCrmModule(http::Router& router, records::RecordsModule& records);

}  // namespace xieli::crm
