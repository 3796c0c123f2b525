#pragma once

#include "common/json.h"
#include "http/router.h"

namespace xieli::app {

// The OpenAPI 3.1 document of every registered route (API.md: generated from the route table, so
// it cannot drift from what the server serves). Request and response schemas are added per route
// as modules describe them; object metadata joins when the records engine lands.
json::object BuildOpenApi(const http::Router& router);

// GET /api/v1/openapi.json and the readable page at /api/docs.
void RegisterOpenApiRoutes(http::Router& router);

}  // namespace xieli::app
