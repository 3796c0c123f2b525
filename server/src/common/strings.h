#pragma once

#include <string>
#include <string_view>

namespace xieli {

// Number of Unicode code points in valid UTF-8 (what a user calls "characters"); -1 if invalid.
long Utf8Length(std::string_view s);
std::string TrimCopy(std::string_view s);
std::string ToLowerAscii(std::string_view s);

// Mainland mobile number: 11 digits starting 1[3-9]; spaces, dashes and a +86/0086 prefix are
// removed first. Returns the normalized digits, or empty if it is not one.
std::string NormalizeMobile(std::string_view raw);
// A plausible e-mail address (one @, a dot in the domain, no spaces); lower-cased, or empty.
std::string NormalizeEmail(std::string_view raw);

}  // namespace xieli
