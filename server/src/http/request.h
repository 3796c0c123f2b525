#pragma once

// The project's own request type. Beast never leaks past http/server.cpp: the transport fills a
// Request, the router and every module see only this.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace xieli::http {

struct Request {
    std::string method;                                        // upper case: GET, POST …
    std::string target;                                        // as sent: /api/v1/me?x=1
    std::string path;                                          // decoded path without the query
    std::string query_string;                                  // raw, without '?'
    std::vector<std::pair<std::string, std::string>> headers;  // names in lower case
    std::string body;
    std::string remote_ip;
    std::string request_id;

    // First header with that (lower-case) name, or empty.
    std::string_view Header(std::string_view lower_name) const;
    // A query parameter, percent-decoded; nullopt when absent.
    std::optional<std::string> Query(std::string_view name) const;
    // A cookie's value, or empty.
    std::string Cookie(std::string_view name) const;
    bool IsWrite() const { return method != "GET" && method != "HEAD" && method != "OPTIONS"; }
};

// Decodes %XX and (for query strings) '+'. Invalid escapes are kept as they are.
std::string PercentDecode(std::string_view in, bool plus_is_space);

}  // namespace xieli::http
