#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/json.h"
#include "common/text.h"

namespace xieli {
class Error;
}

namespace xieli::http {

struct Response {
    int status = 200;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;

    void SetHeader(std::string name, std::string value);
    std::string_view Header(std::string_view name) const;

    static Response Json(int status, const json::value& value);
    static Response Created(const json::value& value, std::string location);
    static Response NoContent();
    static Response Text(int status, std::string body, std::string content_type = "text/plain; charset=utf-8");
};

// The JSON error of API.md, in the request's language.
Response ErrorResponse(const Error& error, Lang lang);

}  // namespace xieli::http
