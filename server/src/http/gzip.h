#pragma once

// gzip for responses: the static files compress their text assets once and keep the result.

#include <string>
#include <string_view>

namespace xieli::http {

// The gzip (RFC 1952) form of data. Throws std::runtime_error if zlib fails (out of memory).
std::string GzipCompress(std::string_view data, int level = 6);

// Whether an Accept-Encoding header lets us answer with gzip. An explicit "gzip;q=0" refuses it
// even when "*" is allowed; a missing header means identity only.
bool AcceptsGzip(std::string_view accept_encoding);

}  // namespace xieli::http
