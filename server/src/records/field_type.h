#pragma once

#include <optional>
#include <string_view>

namespace xieli::records {

// Every field type of ARCHITECTURE.md. When adding one, extend the table in field_type.cpp and
// the codec in value_codec.cpp; field_type_test.cpp checks every type has both.
enum class FieldType {
    kText,
    kTextarea,
    kNumber,
    kCurrency,  // stored as integer cents; JSON "1234.50" (docs/decisions/0005-money-and-records.md)
    kPercent,
    kDate,      // "YYYY-MM-DD"
    kDatetime,  // stored UTC "…Z"; JSON ISO-8601 with offset
    kBoolean,
    kSelect,       // one picklist value
    kMultiselect,  // JSON array of picklist values
    kUser,
    kDepartment,
    kLookup,  // id of a record of lookup_object
    kPhone,
    kEmail,
    kUrl,
    kRegion,    // "省/市/区"
    kLocation,  // {"lat","lng","address"}
    kAutonumber,
    kFile,  // JSON array of file ids
    kImage,
    kFormula,  // read-only, computed by SQL from other fields
};

// How a type is kept in the database.
enum class StorageClass { kText, kInteger, kReal };

struct FieldTypeInfo {
    FieldType type;
    std::string_view name;  // "text", "currency" … as in the API
    StorageClass storage;
    bool sortable;
    bool searchable_by_default;  // contributes to keyword search
};

const FieldTypeInfo& InfoOf(FieldType type);
std::optional<FieldType> ParseFieldType(std::string_view name);
std::string_view SqlTypeOf(StorageClass storage);  // for CREATE TABLE / ALTER TABLE

}  // namespace xieli::records
