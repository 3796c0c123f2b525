#include "common/error.h"

namespace xieli {

int ToHttpStatus(ErrorCode code) {
    switch (code) {
        case ErrorCode::kBadRequest: return 400;
        case ErrorCode::kUnauthorized: return 401;
        case ErrorCode::kCsrfFailed: return 403;
        case ErrorCode::kForbidden: return 403;
        case ErrorCode::kNotFound: return 404;
        case ErrorCode::kMethodNotAllowed: return 405;
        case ErrorCode::kConflict: return 409;
        case ErrorCode::kPayloadTooLarge: return 413;
        case ErrorCode::kUnsupportedMediaType: return 415;
        case ErrorCode::kValidationFailed: return 422;
        case ErrorCode::kRateLimited: return 429;
        case ErrorCode::kHeaderTooLarge: return 431;
        case ErrorCode::kInternal: return 500;
        case ErrorCode::kUnavailable: return 503;
        case ErrorCode::kTotpRequired: return 401;
        case ErrorCode::kTotpInvalid: return 401;
        case ErrorCode::kReauthRequired: return 403;
    }
    return 500;
}

std::string_view ToCodeString(ErrorCode code) {
    switch (code) {
        case ErrorCode::kBadRequest: return "bad_request";
        case ErrorCode::kUnauthorized: return "unauthorized";
        case ErrorCode::kCsrfFailed: return "csrf_failed";
        case ErrorCode::kForbidden: return "forbidden";
        case ErrorCode::kNotFound: return "not_found";
        case ErrorCode::kMethodNotAllowed: return "method_not_allowed";
        case ErrorCode::kConflict: return "conflict";
        case ErrorCode::kPayloadTooLarge: return "payload_too_large";
        case ErrorCode::kUnsupportedMediaType: return "unsupported_media_type";
        case ErrorCode::kValidationFailed: return "validation_failed";
        case ErrorCode::kRateLimited: return "rate_limited";
        case ErrorCode::kHeaderTooLarge: return "header_too_large";
        case ErrorCode::kInternal: return "internal_error";
        case ErrorCode::kUnavailable: return "unavailable";
        case ErrorCode::kTotpRequired: return "totp_required";
        case ErrorCode::kTotpInvalid: return "totp_invalid";
        case ErrorCode::kReauthRequired: return "reauth_required";
    }
    return "internal_error";
}

void ThrowNotFound() {
    throw Error(ErrorCode::kNotFound, {"未找到", "Not found"});
}

void ThrowForbidden() {
    throw Error(ErrorCode::kForbidden, {"没有权限执行此操作", "You are not allowed to do this"});
}

void ThrowValidation(std::vector<FieldError> details) {
    Text message{"提交的数据有误", "Some fields are not valid"};
    if (details.size() == 1) message = details.front().message;
    throw Error(ErrorCode::kValidationFailed, std::move(message), std::move(details));
}

void ThrowFieldError(std::string field, std::string code, Text message) {
    ThrowValidation({{std::move(field), std::move(code), std::move(message)}});
}

void ThrowBadRequest(Text message, std::string internal) {
    throw Error(ErrorCode::kBadRequest, std::move(message), std::move(internal));
}

}  // namespace xieli
