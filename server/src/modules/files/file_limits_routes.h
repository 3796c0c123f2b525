#pragma once

// The routes of per-field file limits (file_limits.h), next to the field's metadata:
//   GET /api/v1/meta/objects/{object}/file-limits               — anyone signed in (the record form)
//   PUT /api/v1/meta/objects/{object}/fields/{field}/file-limits — full administrators

#include <cstdint>

#include "http/router.h"
#include "records/records_module.h"

namespace xieli::files {

void RegisterFileLimitRoutes(http::Router& router, records::RecordsModule& records, int64_t server_max_mb);

}  // namespace xieli::files
