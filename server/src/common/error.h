#pragma once

#include <exception>
#include <string>
#include <string_view>
#include <vector>

#include "common/text.h"

namespace xieli {

// Every failure a client can see. When adding a code here, add it to ToHttpStatus() and
// ToCodeString() in error.cpp; error_test.cpp checks that each one is mapped.
enum class ErrorCode {
    kBadRequest,            // malformed request: bad JSON, bad query parameter
    kUnauthorized,          // not signed in, or the session ended
    kCsrfFailed,            // a cookie-authenticated write without the CSRF header
    kForbidden,             // signed in but not allowed
    kNotFound,              // no such thing, or outside the caller's data scope
    kMethodNotAllowed,      // the path exists but not with this method
    kConflict,              // version mismatch, duplicate, a choice is needed
    kPayloadTooLarge,       // body over the limit
    kUnsupportedMediaType,  // not application/json where JSON is required
    kValidationFailed,      // well-formed input that breaks a rule
    kRateLimited,           // too many attempts
    kHeaderTooLarge,        // request headers over the limit
    kInternal,              // a bug or a fault of ours, never the client's input
    kUnavailable,           // shutting down or overloaded
    kTotpRequired,          // password right, the second factor is missing
    kTotpInvalid,           // the second factor is wrong
    kReauthRequired,        // the admin console wants the password again (idle too long)
};
inline constexpr int kErrorCodeCount = static_cast<int>(ErrorCode::kReauthRequired) + 1;

int ToHttpStatus(ErrorCode code);
std::string_view ToCodeString(ErrorCode code);

// One field's problem inside a validation failure.
struct FieldError {
    std::string field;
    std::string code;  // "required", "too_long", "invalid", "duplicate" …
    Text message;
};

// The one exception type that ends a request with a client-visible error. `internal` goes to the
// log only; `message` and `details` go to the client in its language.
class Error : public std::exception {
public:
    Error(ErrorCode code, Text message, std::string internal = {})
        : code_(code), message_(std::move(message)), internal_(std::move(internal)) {}
    Error(ErrorCode code, Text message, std::vector<FieldError> details)
        : code_(code), message_(std::move(message)), details_(std::move(details)) {}

    const char* what() const noexcept override { return internal_.empty() ? message_.en.c_str() : internal_.c_str(); }

    ErrorCode code() const { return code_; }
    const Text& message() const { return message_; }
    const std::vector<FieldError>& details() const { return details_; }
    const std::string& internal() const { return internal_; }
    // Extra JSON object members merged into the error body (for example the enterprises to choose from).
    const std::string& extra_json() const { return extra_json_; }
    Error& WithExtraJson(std::string json) {
        extra_json_ = std::move(json);
        return *this;
    }
    // Seconds a client should wait, sent as Retry-After with 429 and 503.
    int retry_after() const { return retry_after_; }
    Error& WithRetryAfter(int seconds) {
        retry_after_ = seconds;
        return *this;
    }

private:
    ErrorCode code_;
    Text message_;
    std::vector<FieldError> details_;
    std::string internal_;
    std::string extra_json_;
    int retry_after_ = 0;
};

// Shorthands for the common cases.
[[noreturn]] void ThrowNotFound();
[[noreturn]] void ThrowForbidden();
[[noreturn]] void ThrowValidation(std::vector<FieldError> details);
// A validation failure of one field (422).
[[noreturn]] void ThrowFieldError(std::string field, std::string code, Text message);
[[noreturn]] void ThrowBadRequest(Text message, std::string internal = {});

}  // namespace xieli
