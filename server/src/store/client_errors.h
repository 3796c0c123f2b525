#pragma once

#include <exception>
#include <optional>

#include "common/error.h"

namespace xieli::store {

// What a database fault means to a client, where it means anything: a duplicate key is 409, a
// database that stayed locked is 503 with Retry-After. Everything else stays a 500 (a bug).
std::optional<Error> ToClientError(const std::exception& e);

}  // namespace xieli::store
