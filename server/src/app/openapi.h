#pragma once

#include <functional>

#include "common/json.h"
#include "http/context.h"
#include "http/router.h"

namespace xieli::app {

// The OpenAPI 3.1 document of every registered route (API.md: generated from the route table, so
// it cannot drift from what the server serves).
json::object BuildOpenApi(const http::Router& router);

// What a signed-in caller's document adds to the routes: their enterprise's objects, with schemas
// (records/openapi_objects.h).
using OpenApiExtension = std::function<void(const http::Context&, json::object& doc)>;

// GET /api/v1/openapi.json and the readable page at /api/docs.
void RegisterOpenApiRoutes(http::Router& router, OpenApiExtension extend);

}  // namespace xieli::app
