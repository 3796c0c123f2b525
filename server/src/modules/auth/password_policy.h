#pragma once

#include <string_view>
#include <vector>

#include "common/error.h"

namespace xieli::auth {

// The enterprise password rule: 8–128 characters, at least one letter and one digit, and not the
// phone number or the e-mail's local part. Returns the problems (empty when the password is fine),
// reported against `field`.
std::vector<FieldError> CheckPasswordPolicy(
    std::string_view password, std::string_view phone, std::string_view email, std::string_view field = "password"
);

}  // namespace xieli::auth
