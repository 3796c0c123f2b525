#include "modules/auth/password_policy.h"

#include <cctype>
#include <string>

#include "common/strings.h"

namespace xieli::auth {

std::vector<FieldError> CheckPasswordPolicy(
    std::string_view password, std::string_view phone, std::string_view email, std::string_view field
) {
    std::vector<FieldError> errors;
    auto fail = [&](const char* code, Text message) {
        errors.push_back(FieldError{std::string(field), code, std::move(message)});
    };
    long length = Utf8Length(password);
    if (length < 0) {
        fail("invalid", {"密码包含无效字符", "The password contains invalid characters"});
        return errors;
    }
    if (length < 8) {
        fail("too_short", {"密码至少需要 8 个字符", "The password must be at least 8 characters"});
        return errors;
    }
    if (length > 128) {
        fail("too_long", {"密码不能超过 128 个字符", "The password must be at most 128 characters"});
        return errors;
    }
    bool has_letter = false, has_digit = false;
    for (char c : password) {
        if (std::isalpha(static_cast<unsigned char>(c))) has_letter = true;
        if (std::isdigit(static_cast<unsigned char>(c))) has_digit = true;
    }
    if (!has_letter || !has_digit) {
        fail("too_weak", {"密码需同时包含字母和数字", "The password must contain both letters and digits"});
        return errors;
    }
    std::string lower = ToLowerAscii(password);
    std::string local = ToLowerAscii(email.substr(0, email.find('@')));
    if ((!phone.empty() && lower.find(phone) != std::string::npos) ||
        (local.size() >= 4 && lower.find(local) != std::string::npos)) {
        fail(
            "too_weak", {"密码不能包含手机号或邮箱名", "The password must not contain your phone number or e-mail name"}
        );
    }
    return errors;
}

}  // namespace xieli::auth
