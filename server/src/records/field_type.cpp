#include "records/field_type.h"

#include <array>

namespace xieli::records {

namespace {

using S = StorageClass;
constexpr std::array<FieldTypeInfo, 22> kTypes = {{
    {FieldType::kText, "text", S::kText, true, true},
    {FieldType::kTextarea, "textarea", S::kText, false, true},
    {FieldType::kNumber, "number", S::kReal, true, false},
    {FieldType::kCurrency, "currency", S::kInteger, true, false},
    {FieldType::kPercent, "percent", S::kReal, true, false},
    {FieldType::kDate, "date", S::kText, true, false},
    {FieldType::kDatetime, "datetime", S::kText, true, false},
    {FieldType::kBoolean, "boolean", S::kInteger, true, false},
    {FieldType::kSelect, "select", S::kText, true, false},
    {FieldType::kMultiselect, "multiselect", S::kText, false, false},
    {FieldType::kUser, "user", S::kInteger, true, false},
    {FieldType::kDepartment, "department", S::kInteger, true, false},
    {FieldType::kLookup, "lookup", S::kInteger, true, false},
    {FieldType::kPhone, "phone", S::kText, true, true},
    {FieldType::kEmail, "email", S::kText, true, true},
    {FieldType::kUrl, "url", S::kText, false, false},
    {FieldType::kRegion, "region", S::kText, true, false},
    {FieldType::kLocation, "location", S::kText, false, false},
    {FieldType::kAutonumber, "autonumber", S::kText, true, true},
    {FieldType::kFile, "file", S::kText, false, false},
    {FieldType::kImage, "image", S::kText, false, false},
    {FieldType::kFormula, "formula", S::kReal, true, false},
}};

}  // namespace

const FieldTypeInfo& InfoOf(FieldType type) {
    for (const auto& info : kTypes) {
        if (info.type == type) return info;
    }
    return kTypes[0];
}

std::optional<FieldType> ParseFieldType(std::string_view name) {
    for (const auto& info : kTypes) {
        if (info.name == name) return info.type;
    }
    return std::nullopt;
}

std::string_view SqlTypeOf(StorageClass storage) {
    switch (storage) {
        case StorageClass::kText: return "TEXT";
        case StorageClass::kInteger: return "INTEGER";
        case StorageClass::kReal: return "REAL";
    }
    return "TEXT";
}

}  // namespace xieli::records
