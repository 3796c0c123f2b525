#pragma once

// A field's value between JSON (what clients send and get) and the database (what is stored).
// Decoding checks the value's type and shape; rules that need the database (picklist membership,
// lookups that exist, uniqueness) are the record service's.

#include <optional>
#include <string>
#include <vector>

#include "common/error.h"
#include "common/json.h"
#include "records/metadata.h"
#include "store/value.h"

namespace xieli::records {

// The stored form of `v` for field `f`; on bad input appends to `errors` and returns nullopt.
// JSON null decodes to a NULL value.
std::optional<store::Value> DecodeValue(const FieldMeta& f, const json::value& v, std::vector<FieldError>& errors);

// The JSON form of a stored value.
json::value EncodeValue(const FieldMeta& f, const store::Value& v);

// "1234.5" or 1234.5 → 123450 cents; nullopt if not a money amount with at most two decimals.
std::optional<int64_t> ParseMoney(const json::value& v);
std::string FormatMoney(int64_t cents);

// Real calendar dates only: "2026-02-30" is refused.
bool IsValidDate(std::string_view date);

// The text a value contributes to keyword search.
std::string SearchTextOf(const FieldMeta& f, const store::Value& v);

}  // namespace xieli::records
