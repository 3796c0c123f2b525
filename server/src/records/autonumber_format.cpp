#include "records/autonumber_format.h"

#include <fmt/format.h>

#include "common/error.h"
#include "common/strings.h"

namespace xieli::records {

namespace {

constexpr const char* kTokensZh = "可用：{yyyy} {yy} {MM} {dd} 和流水号 {0000}";
constexpr const char* kTokensEn = "use {yyyy} {yy} {MM} {dd} and a counter such as {0000}";

[[noreturn]] void Invalid(const char* code, Text message) {
    ThrowValidation({FieldError{"autonumber_format", code, std::move(message)}});
}

bool IsCounter(const std::string& token) {
    return !token.empty() && token.find_first_not_of('0') == std::string::npos;
}

}  // namespace

void RequireValidAutonumberFormat(const std::string& format) {
    long length = Utf8Length(format);
    if (length < 0 || static_cast<size_t>(length) > kMaxAutonumberFormatLength) {
        Invalid(
            "invalid",
            {fmt::format("编号格式应为不超过 {} 个字符的文字", kMaxAutonumberFormatLength),
             fmt::format("The format is text of at most {} characters", kMaxAutonumberFormatLength)}
        );
    }
    int counters = 0;
    for (size_t i = 0; i < format.size();) {
        unsigned char ch = static_cast<unsigned char>(format[i]);
        // Control characters never belong in a number people read (and \x01 marks the counter
        // while rendering).
        if (ch < 0x20 || ch == 0x7f)
            Invalid("invalid", {"编号格式含有控制字符", "The format holds a control character"});
        if (format[i] != '{') {
            ++i;
            continue;
        }
        size_t end = format.find('}', i);
        if (end == std::string::npos) {
            Invalid(
                "invalid",
                {fmt::format("编号格式中的「{}」缺少右括号 }}", format.substr(i)),
                 fmt::format("'{}' in the format has no closing }}", format.substr(i))}
            );
        }
        std::string token = format.substr(i, end - i + 1);
        std::string inner = token.substr(1, token.size() - 2);
        if (IsCounter(inner)) {
            if (inner.size() > kMaxAutonumberDigits) {
                Invalid(
                    "invalid",
                    {fmt::format("流水号「{}」最多 {} 位", token, kMaxAutonumberDigits),
                     fmt::format("The counter '{}' has more than {} digits", token, kMaxAutonumberDigits)}
                );
            }
            if (++counters > 1) {
                Invalid(
                    "invalid",
                    {fmt::format("编号格式只能有一个流水号（多余的「{}」）", token),
                     fmt::format("The format takes one counter (the extra one is '{}')", token)}
                );
            }
        } else if (inner != "yyyy" && inner != "yy" && inner != "MM" && inner != "dd") {
            Invalid(
                "unknown_token",
                {fmt::format("「{}」不是编号格式的标记，{}", token, kTokensZh),
                 fmt::format("'{}' is not an autonumber token: {}", token, kTokensEn)}
            );
        }
        i = end + 1;
    }
    if (counters == 0) {
        Invalid("invalid", {"编号格式需要一个流水号，如 {0000}", "The format needs a counter such as {0000}"});
    }
}

}  // namespace xieli::records
