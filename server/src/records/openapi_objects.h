#pragma once

// The objects of the caller's enterprise in the OpenAPI document (API.md: the spec is generated from
// the route table and the object metadata). Each object the caller may read gets a record schema
// and a write schema in components.schemas, and its own copies of the generic record paths that
// refer to them, so a custom field or object is in the document as soon as it exists.

#include "common/json.h"
#include "http/context.h"

namespace xieli::records {

class RecordsModule;

// Adds to `doc` (an OpenAPI 3.1 document with "paths" and "components.schemas") what the signed-in
// caller of `ctx` may see: objects with a read scope, fields that field security does not hide.
void AddObjectsToOpenApi(RecordsModule& records, const http::Context& ctx, json::object& doc);

}  // namespace xieli::records
