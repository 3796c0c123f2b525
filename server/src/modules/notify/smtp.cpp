#include "modules/notify/smtp.h"

#include <curl/curl.h>
#include <fmt/format.h>

#include <cstring>
#include <ctime>
#include <mutex>
#include <stdexcept>

#include "common/crypto.h"
#include "common/error.h"

namespace xieli::notify {

namespace {

std::string Base64(std::string_view in) {
    static constexpr char kTable[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((in.size() + 2) / 3 * 4);
    size_t i = 0;
    for (; i + 2 < in.size(); i += 3) {
        uint32_t v = (uint8_t(in[i]) << 16) | (uint8_t(in[i + 1]) << 8) | uint8_t(in[i + 2]);
        for (int s = 18; s >= 0; s -= 6) out += kTable[(v >> s) & 63];
    }
    if (i + 1 == in.size()) {
        uint32_t v = uint8_t(in[i]) << 16;
        out += kTable[(v >> 18) & 63];
        out += kTable[(v >> 12) & 63];
        out += "==";
    } else if (i + 2 == in.size()) {
        uint32_t v = (uint8_t(in[i]) << 16) | (uint8_t(in[i + 1]) << 8);
        out += kTable[(v >> 18) & 63];
        out += kTable[(v >> 12) & 63];
        out += kTable[(v >> 6) & 63];
        out += '=';
    }
    return out;
}

// Header text must stay on its line: line breaks in a subject would let it add headers.
std::string OneLine(std::string_view s) {
    std::string out;
    for (char c : s) out += (c == '\r' || c == '\n') ? ' ' : c;
    return out;
}

// RFC 2047: a UTF-8 subject or name as one encoded word.
std::string EncodedWord(std::string_view s) {
    return "=?UTF-8?B?" + Base64(OneLine(s)) + "?=";
}

std::string Rfc5322Date() {
    std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char buf[64];
    std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S +0000", &tm);
    return buf;
}

std::string BuildMessage(const SmtpSettings& s, const MailMessage& m) {
    std::string from =
        s.from_name.empty() ? "<" + s.from_address + ">" : EncodedWord(s.from_name) + " <" + s.from_address + ">";
    std::string domain = s.from_address.substr(s.from_address.find('@') + 1);
    std::string body64 = Base64(m.body);
    std::string wrapped;
    for (size_t i = 0; i < body64.size(); i += 76) wrapped += body64.substr(i, 76) + "\r\n";
    return fmt::format(
        "Date: {}\r\nFrom: {}\r\nTo: <{}>\r\nSubject: {}\r\nMessage-ID: <{}@{}>\r\nMIME-Version: 1.0\r\n"
        "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n{}",
        Rfc5322Date(),
        from,
        OneLine(m.to),
        EncodedWord(m.subject),
        crypto::RandomHex(12),
        OneLine(domain),
        wrapped
    );
}

struct Payload {
    std::string text;
    size_t sent = 0;
};

size_t ReadPayload(char* buffer, size_t size, size_t count, void* user) {
    auto* p = static_cast<Payload*>(user);
    size_t n = std::min(size * count, p->text.size() - p->sent);
    std::memcpy(buffer, p->text.data() + p->sent, n);
    p->sent += n;
    return n;
}

void InitCurl() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

}  // namespace

bool IsEmailAddress(std::string_view a) {
    size_t at = a.find('@');
    if (a.empty() || a.size() > 254 || at == 0 || at == std::string_view::npos || at + 1 >= a.size()) return false;
    if (a.find('@', at + 1) != std::string_view::npos) return false;
    for (char c : a) {
        if (static_cast<unsigned char>(c) <= ' ' || c == '<' || c == '>' || c == ',' || c == ';' || c == '"')
            return false;
    }
    return true;
}

void SendMail(const SmtpSettings& s, const MailMessage& m, std::chrono::seconds timeout) {
    if (!IsEmailAddress(m.to)) throw std::runtime_error("invalid recipient address");
    InitCurl();
    CURL* curl = curl_easy_init();
    if (!curl) throw std::runtime_error("libcurl could not start");
    std::string url = fmt::format("{}://{}:{}", s.tls == "tls" ? "smtps" : "smtp", s.host, s.port);
    Payload payload{BuildMessage(s, m)};
    std::string from = "<" + s.from_address + ">";
    std::string to = "<" + m.to + ">";
    curl_slist* recipients = curl_slist_append(nullptr, to.c_str());
    char error[CURL_ERROR_SIZE] = {0};
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    curl_easy_setopt(
        curl, CURLOPT_USE_SSL, s.tls == "none" ? static_cast<long>(CURLUSESSL_NONE) : static_cast<long>(CURLUSESSL_ALL)
    );
    if (!s.username.empty()) {
        curl_easy_setopt(curl, CURLOPT_USERNAME, s.username.c_str());
        curl_easy_setopt(curl, CURLOPT_PASSWORD, s.password.c_str());
    }
    curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.c_str());
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients);
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, ReadPayload);
    curl_easy_setopt(curl, CURLOPT_READDATA, &payload);
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, static_cast<long>(timeout.count()));
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 10L);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);  // several threads send; no SIGALRM for timeouts
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
    CURLcode rc = curl_easy_perform(curl);
    curl_slist_free_all(recipients);
    curl_easy_cleanup(curl);
    if (rc != CURLE_OK) {
        throw std::runtime_error(fmt::format("{}{}{}", curl_easy_strerror(rc), error[0] ? ": " : "", error));
    }
}

std::optional<SmtpSettings> LoadSmtpSettings(store::Connection& conn) {
    store::Rows rows =
        conn.Query("SELECT host, port, tls, username, password, from_address, from_name FROM smtp_settings WHERE id = 1"
        );
    if (rows.empty()) return std::nullopt;
    const store::Row& r = rows.front();
    return SmtpSettings{
        r.Text(0),
        static_cast<int>(r.Int(1)),
        r.Text(2),
        r.IsNull(3) ? "" : r.Text(3),
        r.IsNull(4) ? "" : r.Text(4),
        r.Text(5),
        r.IsNull(6) ? "" : r.Text(6)};
}

json::object SmtpSettingsJson(const std::optional<SmtpSettings>& s) {
    if (!s) return json::object{{"configured", false}};
    return json::object{
        {"configured", true},
        {"host", s->host},
        {"port", s->port},
        {"tls", s->tls},
        {"username", s->username},
        {"has_password", !s->password.empty()},
        {"from_address", s->from_address},
        {"from_name", s->from_name},
    };
}

void SaveSmtpSettings(store::Connection& tx, const json::object& body, int64_t user_id, TimePoint now) {
    std::optional<SmtpSettings> current = LoadSmtpSettings(tx);
    SmtpSettings s = current.value_or(SmtpSettings{});
    std::vector<FieldError> errors;
    auto text = [&](const char* field, std::string& out, bool required, size_t max) {
        std::optional<std::string> v;
        try {
            v = GetString(body, field);
        } catch (const Error&) {
            errors.push_back({field, "invalid", {"应为文本", "must be text"}});
            return;
        }
        if (v) out = *v;
        if (required && out.empty()) {
            errors.push_back({field, "required", {"不能为空", "is required"}});
        } else if (out.size() > max || out.find_first_of("\r\n") != std::string::npos) {
            errors.push_back({field, "invalid", {"格式不正确", "is not valid"}});
        }
    };
    text("host", s.host, true, 253);
    if (s.host.find_first_of(" /:@") != std::string::npos) {
        errors.push_back({"host", "invalid", {"服务器地址不正确", "host is not a valid host name"}});
    }
    try {
        if (auto port = GetInt(body, "port")) {
            if (*port < 1 || *port > 65535) {
                errors.push_back({"port", "invalid", {"端口应为 1–65535", "port must be 1–65535"}});
            } else {
                s.port = static_cast<int>(*port);
            }
        } else if (!current) {
            errors.push_back({"port", "required", {"不能为空", "is required"}});
        }
    } catch (const Error&) {
        errors.push_back({"port", "invalid", {"端口应为 1–65535", "port must be 1–65535"}});
    }
    text("tls", s.tls, true, 16);
    if (s.tls != "none" && s.tls != "starttls" && s.tls != "tls") {
        errors.push_back({"tls", "invalid", {"加密方式应为 none、starttls 或 tls", "tls must be none, starttls or tls"}}
        );
    }
    text("username", s.username, false, 254);
    text("password", s.password, false, 1024);
    text("from_address", s.from_address, true, 254);
    if (!s.from_address.empty() && !IsEmailAddress(s.from_address)) {
        errors.push_back({"from_address", "invalid", {"发件地址不正确", "from_address is not an e-mail address"}});
    }
    text("from_name", s.from_name, false, 100);
    if (!errors.empty()) ThrowValidation(std::move(errors));
    tx.Execute(
        "INSERT INTO smtp_settings (id, host, port, tls, username, password, from_address, from_name, updated_by, "
        "updated_at) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET host = excluded.host, "
        "port = excluded.port, tls = excluded.tls, username = excluded.username, password = excluded.password, "
        "from_address = excluded.from_address, from_name = excluded.from_name, updated_by = excluded.updated_by, "
        "updated_at = excluded.updated_at",
        {s.host, s.port, s.tls, s.username, s.password, s.from_address, s.from_name, user_id, FormatUtc(now)}
    );
}

void LogEmail(
    store::Connection& tx,
    const MailMessage& message,
    std::string_view kind,
    std::optional<int64_t> notification_id,
    const std::string& error,
    int attempt,
    TimePoint now
) {
    tx.Execute(
        "INSERT INTO email_log (to_address, subject, kind, notification_id, status, error, attempt, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        {message.to,
         message.subject,
         kind,
         notification_id,
         error.empty() ? "sent" : "failed",
         error.empty() ? store::Value() : store::Value(error),
         attempt,
         FormatUtc(now)}
    );
}

json::object EmailLogJson(store::Connection& conn, int limit, std::optional<int64_t> before_id) {
    json::array records;
    int64_t last = 0;
    store::Rows rows = conn.Query(
        "SELECT id, to_address, subject, kind, notification_id, status, error, attempt, created_at FROM email_log "
        "WHERE id < ? ORDER BY id DESC LIMIT ?",
        {before_id.value_or(INT64_MAX), limit + 1}
    );
    for (size_t i = 0; i < rows.size() && static_cast<int>(i) < limit; ++i) {
        const store::Row& r = rows[i];
        last = r.Int(0);
        records.push_back(json::object{
            {"id", r.Int(0)},
            {"to", r.Text(1)},
            {"subject", r.Text(2)},
            {"kind", r.Text(3)},
            {"notification_id", r.IsNull(4) ? json::value(nullptr) : json::value(r.Int(4))},
            {"status", r.Text(5)},
            {"error", r.IsNull(6) ? json::value(nullptr) : json::value(r.Text(6))},
            {"attempt", r.Int(7)},
            {"created_at", r.Text(8)},
        });
    }
    json::value next = static_cast<int>(rows.size()) > limit ? json::value(std::to_string(last)) : json::value(nullptr);
    return json::object{{"records", std::move(records)}, {"next_cursor", next}};
}

}  // namespace xieli::notify
