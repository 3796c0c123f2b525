#include "common/strings.h"

#include <cctype>

namespace xieli {

long Utf8Length(std::string_view s) {
    long count = 0;
    for (size_t i = 0; i < s.size();) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        if (len == 0 || i + len > s.size()) return -1;
        for (size_t k = 1; k < len; ++k) {
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return -1;
        }
        i += len;
        ++count;
    }
    return count;
}

std::string TrimCopy(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return std::string(s);
}

std::string ToLowerAscii(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string NormalizeMobile(std::string_view raw) {
    std::string digits;
    for (char c : raw) {
        if (c == ' ' || c == '-') continue;
        digits.push_back(c);
    }
    if (digits.starts_with("+86"))
        digits.erase(0, 3);
    else if (digits.starts_with("0086"))
        digits.erase(0, 4);
    if (digits.size() != 11 || digits[0] != '1' || digits[1] < '3' || digits[1] > '9') return {};
    for (char c : digits) {
        if (c < '0' || c > '9') return {};
    }
    return digits;
}

std::string NormalizeEmail(std::string_view raw) {
    std::string e = ToLowerAscii(TrimCopy(raw));
    if (e.size() > 254) return {};
    size_t at = e.find('@');
    if (at == std::string::npos || at == 0 || e.find('@', at + 1) != std::string::npos) return {};
    std::string_view domain = std::string_view(e).substr(at + 1);
    size_t dot = domain.find('.');
    if (dot == std::string_view::npos || dot == 0 || domain.back() == '.') return {};
    for (char c : e) {
        if (std::isspace(static_cast<unsigned char>(c)) || std::iscntrl(static_cast<unsigned char>(c))) return {};
    }
    return e;
}

}  // namespace xieli
