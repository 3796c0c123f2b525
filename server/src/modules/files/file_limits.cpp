#include "modules/files/file_limits.h"

#include <fmt/format.h>

#include <algorithm>

#include "common/error.h"

namespace xieli::files {

namespace {

struct KindInfo {
    std::string_view name;
    Text label;
};

const std::vector<KindInfo>& Kinds() {
    static const std::vector<KindInfo> kinds{
        {"image", {"图片", "images"}},
        {"pdf", {"PDF", "PDF"}},
        {"office", {"Office 文档", "Office documents"}},
        {"text", {"文本", "text"}},
        {"archive", {"压缩包", "archives"}},
        {"media", {"音视频", "audio and video"}},
    };
    return kinds;
}

[[noreturn]] void Invalid(std::string field, const char* code, Text message) {
    ThrowValidation({FieldError{std::move(field), code, std::move(message)}});
}

std::vector<std::string> ParseAccept(const json::value& v) {
    std::vector<std::string> wanted;
    if (v.is_null()) return wanted;
    const json::array* list = v.if_array();
    if (!list) Invalid("accept", "invalid", {"文件类型应为列表", "accept must be a list of kinds"});
    for (const json::value& item : *list) {
        std::string_view kind = item.is_string() ? std::string_view(item.get_string()) : std::string_view();
        auto known = std::find_if(Kinds().begin(), Kinds().end(), [&](const KindInfo& k) { return k.name == kind; });
        if (known == Kinds().end()) {
            Invalid(
                "accept",
                "invalid",
                {fmt::format(
                     "文件类型「{}」不正确，可选：image、pdf、office、text、archive、media",
                     item.is_string() ? kind : std::string_view(json::serialize(item))
                 ),
                 fmt::format(
                     "Unknown kind '{}'; the kinds are image, pdf, office, text, archive, media",
                     item.is_string() ? kind : std::string_view(json::serialize(item))
                 )}
            );
        }
        wanted.emplace_back(kind);
    }
    // In the fixed order, once each.
    std::vector<std::string> out;
    for (const KindInfo& k : Kinds()) {
        if (std::find(wanted.begin(), wanted.end(), k.name) != wanted.end()) out.emplace_back(k.name);
    }
    return out;
}

}  // namespace

const std::vector<std::string_view>& FileKinds() {
    static const std::vector<std::string_view> names = [] {
        std::vector<std::string_view> out;
        for (const KindInfo& k : Kinds()) out.push_back(k.name);
        return out;
    }();
    return names;
}

std::string_view KindOf(std::string_view content_type) {
    if (content_type.starts_with("image/")) return "image";
    if (content_type == "application/pdf") return "pdf";
    if (content_type.starts_with("application/vnd.openxmlformats-officedocument.") ||
        content_type == "application/msword" || content_type == "application/vnd.ms-excel" ||
        content_type == "application/vnd.ms-powerpoint")
        return "office";
    if (content_type.starts_with("text/")) return "text";
    if (content_type == "application/zip" || content_type == "application/gzip" ||
        content_type == "application/vnd.rar" || content_type == "application/x-7z-compressed")
        return "archive";
    if (content_type.starts_with("video/") || content_type.starts_with("audio/")) return "media";
    return {};
}

Text KindsText(const std::vector<std::string>& kinds) {
    Text out;
    for (const std::string& name : kinds) {
        for (const KindInfo& k : Kinds()) {
            if (k.name != name) continue;
            out.zh += (out.zh.empty() ? "" : "、") + k.label.zh;
            out.en += (out.en.empty() ? "" : ", ") + k.label.en;
        }
    }
    return out;
}

FileLimits ParseFileLimits(const json::object& body, const records::FieldMeta& field, int64_t server_max_mb) {
    if (field.type != records::FieldType::kFile && field.type != records::FieldType::kImage)
        Invalid(
            "field",
            "not_file_field",
            {"只有附件和图片字段可以设置文件限制", "Only file and image fields have file limits"}
        );
    FileLimits limits;
    for (const auto& [key, v] : body) {
        if (key == "max_size_mb") {
            if (v.is_null()) continue;
            if (!v.is_int64() || v.get_int64() < 1 || v.get_int64() > server_max_mb) {
                Invalid(
                    "max_size_mb",
                    "out_of_range",
                    {fmt::format("单个文件上限应为 1–{} MB 的整数", server_max_mb),
                     fmt::format("max_size_mb must be a whole number from 1 to {}", server_max_mb)}
                );
            }
            limits.max_size_mb = v.get_int64();
        } else if (key == "accept") {
            limits.accept = ParseAccept(v);
            if (!limits.accept.empty() && field.type == records::FieldType::kImage) {
                Invalid(
                    "accept",
                    "invalid",
                    {"图片字段只接受图片，不能另设文件类型", "Image fields take images only; accept does not apply"}
                );
            }
        } else {
            Invalid(
                std::string(key),
                "unknown_field",
                {fmt::format("不能设置「{}」", std::string_view(key)),
                 fmt::format("'{}' cannot be set", std::string_view(key))}
            );
        }
    }
    return limits;
}

std::map<std::string, FileLimits> LoadFileLimits(store::Connection& conn, std::string_view object) {
    std::map<std::string, FileLimits> out;
    for (const store::Row& r :
         conn.Query("SELECT field, max_size_mb, accept FROM file_field_limits WHERE object = ?", {object})) {
        FileLimits l;
        if (!r.IsNull(1)) l.max_size_mb = r.Int(1);
        if (!r.IsNull(2)) {
            boost::system::error_code ec;
            json::value v = json::parse(r.Text(2), ec);
            if (!ec && v.is_array()) {
                for (const json::value& k : v.get_array()) {
                    if (k.is_string()) l.accept.emplace_back(k.get_string());
                }
            }
        }
        out.emplace(r.Text(0), std::move(l));
    }
    return out;
}

void SaveFileLimits(
    store::Connection& tx, std::string_view object, std::string_view field, const FileLimits& limits, TimePoint now
) {
    if (limits.empty()) {
        tx.Execute("DELETE FROM file_field_limits WHERE object = ? AND field = ?", {object, field});
        return;
    }
    json::array accept;
    for (const std::string& k : limits.accept) accept.emplace_back(k);
    tx.Execute(
        "INSERT INTO file_field_limits (object, field, max_size_mb, accept, updated_at) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (object, field) DO UPDATE SET max_size_mb = excluded.max_size_mb, accept = excluded.accept, "
        "updated_at = excluded.updated_at",
        {object,
         field,
         limits.max_size_mb ? store::Value(*limits.max_size_mb) : store::Value(),
         accept.empty() ? store::Value() : store::Value(json::serialize(accept)),
         FormatUtc(now)}
    );
}

json::object FileLimitsToJson(std::string_view field, const FileLimits& limits) {
    json::array accept;
    for (const std::string& k : limits.accept) accept.emplace_back(k);
    return json::object{
        {"field", field},
        {"max_size_mb", limits.max_size_mb ? json::value(*limits.max_size_mb) : json::value(nullptr)},
        {"accept", std::move(accept)},
    };
}

std::optional<FieldError> LimitViolation(
    const records::FieldMeta& field,
    const FileLimits& limits,
    std::string_view name,
    int64_t size,
    std::string_view content_type
) {
    if (limits.max_size_mb && size > *limits.max_size_mb * 1024 * 1024) {
        return FieldError{
            field.name,
            "too_large",
            {fmt::format("「{}」中的文件「{}」超过该字段允许的 {} MB", field.label.zh, name, *limits.max_size_mb),
             fmt::format(
                 "{}: '{}' is larger than the {} MB this field allows", field.label.en, name, *limits.max_size_mb
             )}};
    }
    if (!limits.accept.empty() &&
        std::find(limits.accept.begin(), limits.accept.end(), KindOf(content_type)) == limits.accept.end()) {
        Text kinds = KindsText(limits.accept);
        return FieldError{
            field.name,
            "type_not_allowed",
            {fmt::format("「{}」仅限{}，「{}」的类型不允许", field.label.zh, kinds.zh, name),
             fmt::format("{} takes only {}; '{}' is not one of them", field.label.en, kinds.en, name)}};
    }
    return std::nullopt;
}

}  // namespace xieli::files
