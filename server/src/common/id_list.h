#pragma once

// The list of record ids a batch request names (batch edit, transfer, the recycle bin's restore and
// purge), read and checked one way everywhere.

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "common/json.h"

namespace xieli {

// A batch request's list of record ids at `key`: its distinct ids in the order given. Problems go
// to `errors` (the ids returned are then empty): no list is "required" with `when_missing`; a member
// that is not a positive integer is "invalid"; none or more than `cap` distinct ids is "invalid"
// with "Choose 1–{cap} records".
std::vector<int64_t> ParseIdList(
    const json::object& body,
    std::string_view key,
    size_t cap,
    const Text& when_missing,
    std::vector<FieldError>& errors
);
// The same, throwing the 422 at the first problem.
std::vector<int64_t> ParseIdList(const json::object& body, std::string_view key, size_t cap, const Text& when_missing);

}  // namespace xieli
