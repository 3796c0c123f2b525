#include "common/content_disposition.h"

#include <fmt/format.h>

namespace xieli {

namespace {

bool Plain(unsigned char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
           c == '_';
}

std::string Disposition(std::string_view kind, std::string_view file_name, std::string_view ascii_fallback) {
    std::string encoded;
    for (unsigned char c : file_name) {
        if (Plain(c)) {
            encoded.push_back(static_cast<char>(c));
        } else {
            encoded += fmt::format("%{:02X}", c);
        }
    }
    std::string fallback;
    for (unsigned char c : ascii_fallback) fallback.push_back(Plain(c) ? static_cast<char>(c) : '_');
    return fmt::format("{}; filename=\"{}\"; filename*=UTF-8''{}", kind, fallback, encoded);
}

}  // namespace

std::string AttachmentDisposition(std::string_view file_name, std::string_view ascii_fallback) {
    return Disposition("attachment", file_name, ascii_fallback);
}

std::string InlineDisposition(std::string_view file_name, std::string_view ascii_fallback) {
    return Disposition("inline", file_name, ascii_fallback);
}

}  // namespace xieli
