#include "http/response.h"

#include <strings.h>

#include "common/error.h"

namespace xieli::http {

void Response::SetHeader(std::string name, std::string value) {
    for (auto& [n, v] : headers) {
        if (strcasecmp(n.c_str(), name.c_str()) == 0) {
            v = std::move(value);
            return;
        }
    }
    headers.emplace_back(std::move(name), std::move(value));
}

std::string_view Response::Header(std::string_view name) const {
    for (const auto& [n, v] : headers) {
        if (n.size() == name.size() && strncasecmp(n.data(), name.data(), n.size()) == 0) return v;
    }
    return {};
}

Response Response::Json(int status, const json::value& value) {
    Response r;
    r.status = status;
    r.body = json::serialize(value);
    r.headers.emplace_back("Content-Type", "application/json; charset=utf-8");
    return r;
}

Response Response::Created(const json::value& value, std::string location) {
    Response r = Json(201, value);
    r.headers.emplace_back("Location", std::move(location));
    return r;
}

Response Response::NoContent() {
    Response r;
    r.status = 204;
    return r;
}

Response Response::Text(int status, std::string body, std::string content_type) {
    Response r;
    r.status = status;
    r.body = std::move(body);
    r.headers.emplace_back("Content-Type", std::move(content_type));
    return r;
}

Response ErrorResponse(const Error& error, Lang lang) {
    json::object err;
    err["code"] = ToCodeString(error.code());
    err["message"] = error.message().In(lang);
    if (!error.details().empty()) {
        json::array details;
        for (const auto& d : error.details()) {
            details.push_back(json::object{{"field", d.field}, {"code", d.code}, {"message", d.message.In(lang)}});
        }
        err["details"] = std::move(details);
    }
    if (!error.extra_json().empty()) {
        boost::system::error_code ec;
        json::value extra = json::parse(error.extra_json(), ec);
        if (!ec && extra.is_object()) {
            for (auto& [k, v] : extra.get_object()) err[k] = v;
        }
    }
    Response r = Response::Json(ToHttpStatus(error.code()), json::object{{"error", std::move(err)}});
    if (error.retry_after() > 0) r.SetHeader("Retry-After", std::to_string(error.retry_after()));
    return r;
}

}  // namespace xieli::http
