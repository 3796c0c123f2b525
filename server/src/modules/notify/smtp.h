#pragma once

// Sending one e-mail through an SMTP server with libcurl, and the enterprise's SMTP settings.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "common/clock.h"
#include "common/json.h"
#include "store/database.h"

namespace xieli::notify {

struct SmtpSettings {
    std::string host;
    int port = 25;
    std::string tls = "starttls";  // none | starttls (required) | tls (implicit, usually port 465)
    std::string username;
    std::string password;
    std::string from_address;
    std::string from_name;
};

struct MailMessage {
    std::string to;
    std::string subject;
    std::string body;  // plain text, UTF-8
};

// Throws std::runtime_error with the server's or libcurl's reason when the mail was not accepted.
void SendMail(const SmtpSettings& settings, const MailMessage& message, std::chrono::seconds timeout);

// A plausible single address (no spaces, no line breaks, one @ with text on both sides).
bool IsEmailAddress(std::string_view address);

std::optional<SmtpSettings> LoadSmtpSettings(store::Connection& conn);
// {"configured", "host", "port", "tls", "username", "has_password", "from_address", "from_name"}: never the password.
json::object SmtpSettingsJson(const std::optional<SmtpSettings>& settings);
// Validates the body (422 with field details) and stores it; an absent password keeps the stored one.
void SaveSmtpSettings(store::Connection& tx, const json::object& body, int64_t user_id, TimePoint now);

// The send log.
void LogEmail(
    store::Connection& tx,
    const MailMessage& message,
    std::string_view kind,
    std::optional<int64_t> notification_id,
    const std::string& error,
    int attempt,
    TimePoint now
);
// Newest first: {"records": [...], "next_cursor"}.
json::object EmailLogJson(store::Connection& conn, int limit, std::optional<int64_t> before_id);

}  // namespace xieli::notify
