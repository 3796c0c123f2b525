#pragma once

// An amount in Chinese financial capitals (人民币大写), as printed on quotes and contracts. The
// same rules as the web app's web/src/components/cash/rmb.ts.

#include <string>
#include <string_view>

namespace xieli::sales {

// "15709.20" → "壹万伍仟柒佰零玖元贰角整"; "" when `amount` is not a non-negative amount with at
// most two decimals and sixteen integer digits.
std::string RmbUpper(std::string_view amount);

}  // namespace xieli::sales
