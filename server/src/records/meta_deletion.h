#pragma once

// Safe deletion in the metadata admin (docs/api/records.md "Deleted fields and objects"). Deleting
// a custom field or a custom object only marks its metadata row (deleted_at): the column or the
// table keeps its data, and the schema (LoadSchema) leaves it out. A deleted one is restored by
// clearing the mark, or purged: its column or table is dropped with every row that names it, after
// which its API name is free again. Each function works inside the caller's transaction, so a
// purge is whole or not at all (SQLite DDL is transactional).
//
// Guards, so that nothing live is left pointing at what went away:
//   - a field read by a live formula field of its object cannot be deleted (the formula would keep
//     computing from a column nobody writes any more);
//   - an object that live lookup fields of other live objects point at cannot be deleted;
//   - a field or object is restored only when what it reads (a formula's fields, a lookup's
//     object) is live.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/json.h"
#include "http/router.h"
#include "records/lookup_refs.h"
#include "records/metadata.h"
#include "store/database.h"

namespace xieli::records {

class RecordsModule;

// The live formula fields of `object` that read `field`.
std::vector<const FieldMeta*> FormulasReading(const ObjectMeta& object, std::string_view field);

// 409 naming the formula fields that read `field`, if any.
void RequireNoFormulaReads(const ObjectMeta& object, const FieldMeta& field);
// 409 naming the lookup fields that point at `object`, if any.
void RequireNoLookupsTo(const Schema& schema, const ObjectMeta& object);

// One row of meta_objects or meta_fields, live or deleted.
struct ObjectRow {
    std::string name;
    std::string table;
    bool is_custom = false;
    bool deleted = false;
};
struct FieldRow {
    std::string object;
    std::string name;
    std::string column;
    std::string type;
    std::string picklist;
    bool is_custom = false;
    bool deleted = false;
};
// 404 when there is no such row (names that are not identifiers never match).
ObjectRow ReadObjectRow(store::Connection& conn, std::string_view object);
FieldRow ReadFieldRow(store::Connection& conn, std::string_view object, std::string_view field);

// Fields by API name, with their labels.
using FieldLabels = std::map<std::string, Text, std::less<>>;

// The deleted fields of `object` that can still come back (RestoreField): custom fields marked
// deleted, whose meta row stays until they are purged. A purged field is not among them: its name
// may be taken again by another field.
FieldLabels RestorableFields(store::Connection& conn, std::string_view object);

// {"objects": [{"name", "label", "label_en", "icon", "deleted_at", "record_count"}],
//  "fields": [{"object", "object_label", "object_label_en", "object_deleted", "name", "label", "label_en",
//              "type", "deleted_at"}]}
// The fields are the restorable fields of every object (those of a deleted object included,
// marked object_deleted: they come back with it, or go when it is purged).
json::object ListDeleted(store::Connection& conn);

// Drops a deleted field's column (its indexes first) and every row that names it: the meta row,
// its field history, autonumber counters, the picklist made of its own options, its place in
// stored layouts, its rules in role permissions and the uploaded files linked to it.
void PurgeFieldStorage(store::Connection& conn, const ObjectRow& object, const FieldRow& field);
// Drops a deleted object's table and keyword-search tables and every row that names it: fields,
// layouts, field history, outbox, collaborators, autonumber counters, saved views,
// the picklists made of its fields' options, its grants in role permissions and its linked files.
void PurgeObjectStorage(store::Connection& conn, const ObjectRow& object);

// What the routes do, each inside the caller's write transaction (the schema is reloaded after it
// commits). `confirm` is the request's ?confirm=: deleting an object and purging anything need it
// to be the API name of what goes (422 otherwise).
//
// Marks custom object `object` deleted: 409 for a standard object or one that live lookups of other
// objects point at (checked under the writer, so a lookup added meanwhile is seen).
void DeleteObject(
    store::Connection& tx, std::string_view object, const std::optional<std::string>& confirm, TimePoint now
);
// Clears the mark of deleted object `object`: 409 unless it is deleted and every object its lookups
// point at is live. Its indexes and search tables are brought to what this build wants.
void RestoreObject(store::Connection& tx, std::string_view object, TimePoint now);
// Drops deleted custom object `object` for good (PurgeObjectStorage): 404 for a standard one, 409
// unless deleted.
void PurgeObject(store::Connection& tx, std::string_view object, const std::optional<std::string>& confirm);
// Clears the mark of deleted field `field` of live object `object`: 409 unless what it reads (a
// lookup's object, a formula's fields) is live. A formula is computed again for every record; a
// searchable field's text comes back into keyword search (search_rebuild.h).
void RestoreField(store::Connection& tx, std::string_view object, std::string_view field, TimePoint now);
// Drops deleted custom field `field` for good (PurgeFieldStorage): 404 for a standard one, 409
// unless deleted.
void PurgeField(
    store::Connection& tx, std::string_view object, std::string_view field, const std::optional<std::string>& confirm
);

// The routes: GET /meta/deleted, DELETE /meta/objects/{object}, …/restore, …/purge, and the same
// for fields (called from RegisterMetaRoutes).
void RegisterMetaDeletionRoutes(http::Router& router, RecordsModule& records);

}  // namespace xieli::records
