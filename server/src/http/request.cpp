#include "http/request.h"

namespace xieli::http {

namespace {

int HexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

}  // namespace

std::string PercentDecode(std::string_view in, bool plus_is_space) {
    std::string out;
    out.reserve(in.size());
    for (size_t i = 0; i < in.size(); ++i) {
        char c = in[i];
        if (c == '%' && i + 2 < in.size()) {
            int hi = HexValue(in[i + 1]);
            int lo = HexValue(in[i + 2]);
            if (hi >= 0 && lo >= 0) {
                out.push_back(static_cast<char>(hi * 16 + lo));
                i += 2;
                continue;
            }
        }
        out.push_back(plus_is_space && c == '+' ? ' ' : c);
    }
    return out;
}

std::string_view Request::Header(std::string_view lower_name) const {
    for (const auto& [name, value] : headers) {
        if (name == lower_name) return value;
    }
    return {};
}

std::optional<std::string> Request::Query(std::string_view name) const {
    std::string_view qs = query_string;
    while (!qs.empty()) {
        size_t amp = qs.find('&');
        std::string_view pair = qs.substr(0, amp);
        size_t eq = pair.find('=');
        std::string key = PercentDecode(pair.substr(0, eq), true);
        if (key == name) return eq == std::string_view::npos ? std::string() : PercentDecode(pair.substr(eq + 1), true);
        if (amp == std::string_view::npos) break;
        qs.remove_prefix(amp + 1);
    }
    return std::nullopt;
}

std::string Request::Cookie(std::string_view name) const {
    std::string_view all = Header("cookie");
    while (!all.empty()) {
        size_t semi = all.find(';');
        std::string_view part = all.substr(0, semi);
        while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
        size_t eq = part.find('=');
        if (eq != std::string_view::npos && part.substr(0, eq) == name) return std::string(part.substr(eq + 1));
        if (semi == std::string_view::npos) break;
        all.remove_prefix(semi + 1);
    }
    return {};
}

}  // namespace xieli::http
