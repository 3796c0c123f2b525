#pragma once

// The CRM endpoints (private to the module; see crm_module.h).

#include <memory>

#include "http/router.h"
#include "modules/crm/lead_conversion.h"
#include "records/records_module.h"

namespace xieli::crm {

void RegisterCrmRoutes(
    http::Router& router, records::RecordsModule& records, std::shared_ptr<LeadConversions> conversions
);

}  // namespace xieli::crm
