#include "records/openapi_objects.h"

#include <fmt/format.h>

#include "records/records_module.h"

namespace xieli::records {

namespace {

std::string Ref(const std::string& schema) {
    return "#/components/schemas/" + schema;
}

json::object RefTo(const std::string& schema) {
    return json::object{{"$ref", Ref(schema)}};
}

// The JSON shape of one field's value, as value_codec.cpp reads and writes it.
json::object ValueSchema(const FieldMeta& f) {
    json::object s;
    switch (f.type) {
        case FieldType::kNumber:
        case FieldType::kPercent:
        case FieldType::kFormula:
            s["type"] = "number";
            if (f.min_value) s["minimum"] = *f.min_value;
            if (f.max_value) s["maximum"] = *f.max_value;
            break;
        case FieldType::kCurrency:
            // Money is a decimal string with two places, never a binary float (decision 0005).
            s["type"] = "string";
            s["pattern"] = "^-?[0-9]+(\\.[0-9]{1,2})?$";
            s["examples"] = json::array{"1234.50"};
            break;
        case FieldType::kBoolean: s["type"] = "boolean"; break;
        case FieldType::kUser:
        case FieldType::kDepartment:
        case FieldType::kLookup: s["type"] = "integer"; break;
        case FieldType::kMultiselect:
            s["type"] = "array";
            s["items"] = json::object{{"type", "string"}};
            break;
        case FieldType::kFile:
        case FieldType::kImage:
            s["type"] = "array";
            s["items"] = json::object{{"type", "integer"}, {"minimum", 1}};
            s["maxItems"] = 50;
            break;
        case FieldType::kLocation:
            s["type"] = "object";
            s["properties"] = json::object{
                {"lat", json::object{{"type", "number"}, {"minimum", -90}, {"maximum", 90}}},
                {"lng", json::object{{"type", "number"}, {"minimum", -180}, {"maximum", 180}}},
                {"address", json::object{{"type", "string"}, {"maxLength", 500}}},
            };
            break;
        case FieldType::kDate:
            s["type"] = "string";
            s["format"] = "date";
            break;
        case FieldType::kDatetime:
            s["type"] = "string";
            s["format"] = "date-time";
            break;
        case FieldType::kEmail:
            s["type"] = "string";
            s["format"] = "email";
            break;
        case FieldType::kUrl:
            s["type"] = "string";
            s["format"] = "uri";
            break;
        default: s["type"] = "string"; break;
    }
    if (f.max_length && s["type"] == "string" && !s.contains("pattern")) s["maxLength"] = *f.max_length;
    return s;
}

// A field's schema: its value (or null), its labels and help, and what the engine adds to its meaning.
json::object FieldSchema(const FieldMeta& f, bool read_only) {
    json::object value = ValueSchema(f);
    std::string type = value["type"].as_string().c_str();
    value["type"] = json::array{json::value(type), "null"};
    value["title"] = f.label.zh;
    std::string description = f.label.en;
    if (!f.help.zh.empty()) description += "\n" + f.help.zh;
    if (!f.help.en.empty()) description += "\n" + f.help.en;
    value["description"] = description;
    value["x-field-type"] = InfoOf(f.type).name;
    if (!f.picklist.empty()) {
        value["x-picklist"] = f.picklist;
        value["description"] = description + fmt::format("\nValues: GET /api/v1/meta/picklists/{}", f.picklist);
    }
    if (!f.lookup_object.empty()) value["x-lookup-object"] = f.lookup_object;
    if (f.type == FieldType::kUser) value["x-lookup-object"] = "user";
    if (f.type == FieldType::kDepartment) value["x-lookup-object"] = "department";
    if (read_only) value["readOnly"] = true;
    return value;
}

struct ObjectSchemas {
    json::object record;  // what reads return
    json::object write;   // what a create or an update may send
};

ObjectSchemas SchemasOf(const ObjectMeta& o, const AccessContext& access) {
    json::object read_props;
    json::object write_props;
    json::array required;
    for (const FieldMeta& f : o.fields) {
        org::FieldAccess a = access.FieldAccessFor(o.name, f.name);
        if (a == org::FieldAccess::kHidden) continue;
        bool writable = f.Writable() && a == org::FieldAccess::kEditable;
        read_props[f.name] = FieldSchema(f, !writable);
        if (!writable) continue;
        write_props[f.name] = FieldSchema(f, false);
        if (f.required) required.push_back(json::value(f.name));
    }
    read_props["_display"] = json::object{
        {"type", "object"},
        {"description", "The names behind lookups, users, departments and picklist values, by field"},
        {"additionalProperties", true},
        {"readOnly", true},
    };
    std::string title = o.label.zh + " · " + o.label.en;
    ObjectSchemas out;
    out.record = json::object{
        {"type", "object"},
        {"title", title},
        {"properties", std::move(read_props)},
        {"additionalProperties", true},
    };
    // Required on create; an update sends only what changes, with the version it read (API.md).
    write_props["version"] =
        json::object{{"type", "integer"}, {"description", "On update: the version read; a stale one answers 409"}};
    out.write = json::object{
        {"type", "object"},
        {"title", title},
        {"description", "Create: the fields listed as required. Update: any subset, plus version."},
        {"properties", std::move(write_props)},
        {"x-required-on-create", std::move(required)},
        {"additionalProperties", false},
    };
    return out;
}

json::object JsonContent(json::object schema) {
    return json::object{{"application/json", json::object{{"schema", std::move(schema)}}}};
}

json::object Operation(const std::string& summary, const std::string& tag, json::object responses) {
    responses["default"] =
        json::object{{"description", "An error in the shape of API.md"}, {"content", JsonContent(RefTo("Error"))}};
    return json::object{
        {"summary", summary}, {"tags", json::array{json::value(tag)}}, {"responses", std::move(responses)}};
}

json::object IdParameter() {
    return json::object{
        {"name", "id"},
        {"in", "path"},
        {"required", true},
        {"schema", json::object{{"type", "integer"}, {"minimum", 1}}}};
}

// The generic record routes of one object, with its schemas instead of "any object".
void AddPaths(json::object& paths, const ObjectMeta& o, const std::string& type) {
    const std::string tag = o.label.zh + " " + o.label.en;
    const std::string base = "/api/v1/objects/" + o.name + "/records";
    json::object list_schema{
        {"type", "object"},
        {"properties",
         json::object{
             {"records", json::object{{"type", "array"}, {"items", RefTo(type)}}},
             {"total", json::object{{"type", "integer"}}},
             {"next_cursor", json::object{{"type", json::array{"string", "null"}}}},
         }},
    };
    json::object list = Operation(
        "List " + o.label.en + " records (limit, cursor, sort, q, filter, fields)",
        tag,
        json::object{{"200", json::object{{"description", "A page of records"}, {"content", JsonContent(list_schema)}}}}
    );
    json::object create = Operation(
        "Create a " + o.label.en + " record",
        tag,
        json::object{{"201", json::object{{"description", "Created"}, {"content", JsonContent(RefTo(type))}}}}
    );
    create["requestBody"] = json::object{{"required", true}, {"content", JsonContent(RefTo(type + ".write"))}};
    paths[base] = json::object{{"get", std::move(list)}, {"post", std::move(create)}};

    json::object get = Operation(
        "Get a " + o.label.en + " record",
        tag,
        json::object{{"200", json::object{{"description", "The record"}, {"content", JsonContent(RefTo(type))}}}}
    );
    json::object update = Operation(
        "Update a " + o.label.en + " record (send version)",
        tag,
        json::object{
            {"200",
             json::object{{"description", "The record after the change"}, {"content", JsonContent(RefTo(type))}}}}
    );
    update["requestBody"] = json::object{{"required", true}, {"content", JsonContent(RefTo(type + ".write"))}};
    json::object remove = Operation(
        "Move a " + o.label.en + " record to the recycle bin",
        tag,
        json::object{{"204", json::object{{"description", "Deleted"}}}}
    );
    paths[base + "/{id}"] = json::object{
        {"parameters", json::array{IdParameter()}},
        {"get", std::move(get)},
        {"patch", std::move(update)},
        {"delete", std::move(remove)},
    };
}

}  // namespace

void AddObjectsToOpenApi(RecordsModule& records, const http::Context& ctx, json::object& doc) {
    if (!ctx.caller) return;  // the anonymous document names no enterprise's objects
    RecordScope s = records.ScopeFor(ctx);
    json::object& paths = doc["paths"].as_object();
    json::object& schemas = doc["components"].as_object()["schemas"].as_object();
    for (const auto& [name, o] : s.schema->objects()) {
        // The object's name as the schema's: names have no dots, so "customer.write" cannot collide.
        const std::string& type = name;
        ObjectSchemas object_schemas = SchemasOf(o, s.access);
        schemas[type] = std::move(object_schemas.record);
        schemas[type + ".write"] = std::move(object_schemas.write);
        AddPaths(paths, o, type);
    }
}

}  // namespace xieli::records
