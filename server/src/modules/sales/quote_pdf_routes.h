#pragma once

// The printed quote as a page and as a PDF (docs/api/sales.md): both the HTML of quote_html.h
// built from QuotePrint(), so they show exactly what GET …/print returns, to exactly who may
// read the quote (404 like GET record for anyone else).

#include "http/router.h"
#include "records/records_module.h"

namespace xieli::sales {

// GET /api/v1/sales/quotes/{id}/print.html and GET /api/v1/sales/quotes/{id}/pdf. Chromium is
// XIELI_CHROMIUM, else `chromium` on PATH.
void RegisterQuotePdfRoutes(http::Router& router, records::RecordsModule& records);

}  // namespace xieli::sales
