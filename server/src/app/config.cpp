#include "app/config.h"

#include <fmt/format.h>

#include <charconv>
#include <functional>
#include <map>

namespace xieli::app {

namespace {

struct Option {
    const char* flag;
    const char* env;
    const char* help;
    bool takes_value;
    std::function<bool(Config&, const std::string&)> apply;  // false: bad value
};

bool ParseInt(const std::string& s, int lo, int hi, int& out) {
    int v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size() || v < lo || v > hi) return false;
    out = v;
    return true;
}

bool ParseBool(const std::string& s, bool& out) {
    if (s == "1" || s == "true" || s == "yes" || s == "on" || s.empty()) return out = true, true;
    if (s == "0" || s == "false" || s == "no" || s == "off") return out = false, true;
    return false;
}

const std::vector<Option>& Options() {
    static const std::vector<Option> kOptions = {
        {"--port",
         "XIELI_PORT",
         "TCP port to listen on (0: any free port)",
         true,
         [](Config& c, const std::string& v) {
             int p;
             if (!ParseInt(v, 0, 65535, p)) return false;
             c.port = static_cast<uint16_t>(p);
             return true;
         }},
        {"--listen",
         "XIELI_LISTEN",
         "address to listen on (0.0.0.0 for all interfaces)",
         true,
         [](Config& c, const std::string& v) { return !v.empty() && (c.listen_address = v, true); }},
        {"--data-dir",
         "XIELI_DATA_DIR",
         "directory for system.db, tenants/, files/",
         true,
         [](Config& c, const std::string& v) { return !v.empty() && (c.data_dir = v, true); }},
        {"--web-dir",
         "XIELI_WEB_DIR",
         "the built web app to serve (web/dist)",
         true,
         [](Config& c, const std::string& v) { return c.web_dir = v, true; }},
        {"--no-demo",
         "XIELI_NO_DEMO",
         "do not create the demo enterprise on first start",
         false,
         [](Config& c, const std::string& v) {
             bool b;
             if (!ParseBool(v, b)) return false;
             c.demo = !b;
             return true;
         }},
        {"--no-sample-data",
         "XIELI_NO_SAMPLE_DATA",
         "create the demo enterprise without sample customers, contacts, follow-ups and deals",
         false,
         [](Config& c, const std::string& v) {
             bool b;
             if (!ParseBool(v, b)) return false;
             c.sample_data = !b;
             return true;
         }},
        {"--io-threads",
         "XIELI_IO_THREADS",
         "threads doing socket I/O",
         true,
         [](Config& c, const std::string& v) { return ParseInt(v, 1, 64, c.io_threads); }},
        {"--workers",
         "XIELI_WORKERS",
         "threads running request handlers (0: automatic)",
         true,
         [](Config& c, const std::string& v) { return ParseInt(v, 0, 256, c.worker_threads); }},
        {"--request-timeout",
         "XIELI_REQUEST_TIMEOUT",
         "seconds a client has to send a whole request",
         true,
         [](Config& c, const std::string& v) { return ParseInt(v, 1, 3600, c.request_timeout_seconds); }},
        {"--idle-timeout",
         "XIELI_IDLE_TIMEOUT",
         "seconds an idle keep-alive connection stays open",
         true,
         [](Config& c, const std::string& v) { return ParseInt(v, 1, 3600, c.idle_timeout_seconds); }},
        {"--max-body-mb",
         "XIELI_MAX_BODY_MB",
         "largest request body in MiB",
         true,
         [](Config& c, const std::string& v) { return ParseInt(v, 1, 4096, c.max_body_mb); }},
        {"--import-max-mb",
         "XIELI_IMPORT_MAX_MB",
         "largest spreadsheet uploaded for an import, in MiB",
         true,
         [](Config& c, const std::string& v) { return ParseInt(v, 1, 4096, c.import_max_mb); }},
        {"--file-max-mb",
         "XIELI_FILE_MAX_MB",
         "largest file uploaded to a file or image field, in MiB",
         true,
         [](Config& c, const std::string& v) { return ParseInt(v, 1, 4096, c.file_max_mb); }},
        {"--max-connections",
         "XIELI_MAX_CONNECTIONS",
         "open connections before new ones are refused",
         true,
         [](Config& c, const std::string& v) { return ParseInt(v, 1, 1000000, c.max_connections); }},
        {"--db-readers",
         "XIELI_DB_READERS",
         "read connections per database",
         true,
         [](Config& c, const std::string& v) { return ParseInt(v, 1, 64, c.db_readers); }},
        {"--log-level",
         "XIELI_LOG_LEVEL",
         "trace, debug, info, warn, error",
         true,
         [](Config& c, const std::string& v) {
             static const char* kLevels[] = {"trace", "debug", "info", "warn", "error", "off"};
             for (const char* l : kLevels) {
                 if (v == l) return c.log_level = v, true;
             }
             return false;
         }},
        {"--no-access-log",
         "XIELI_NO_ACCESS_LOG",
         "do not log every request",
         false,
         [](Config& c, const std::string& v) {
             bool b;
             if (!ParseBool(v, b)) return false;
             c.access_log = !b;
             return true;
         }},
        {"--secure-cookies",
         "XIELI_SECURE_COOKIES",
         "mark session cookies Secure (serve behind HTTPS)",
         false,
         [](Config& c, const std::string& v) { return ParseBool(v, c.secure_cookies); }},
        {"--metrics-token",
         "XIELI_METRICS_TOKEN",
         "bearer token for /metrics from other hosts",
         true,
         [](Config& c, const std::string& v) { return c.metrics_token = v, true; }},
        {"--test-clock",
         nullptr,
         "tests only: let a full administrator move the server's clock",
         false,
         [](Config& c, const std::string& v) { return ParseBool(v, c.test_clock); }},
    };
    return kOptions;
}

}  // namespace

std::string UsageText() {
    std::string out =
        "xieli-server — 协力 CRM server\n\nUsage: xieli-server [options]\n\nOptions (environment variable in "
        "brackets):\n";
    for (const Option& o : Options()) {
        std::string env = o.env ? fmt::format(" [{}]", o.env) : "";
        out += fmt::format("  {:<22} {}{}\n", std::string(o.flag) + (o.takes_value ? " V" : ""), o.help, env);
    }
    out += "  --help                 this text\n  --version              the version\n";
    return out;
}

ParseResult ParseConfig(const std::vector<std::string>& args, const std::vector<std::string>& environ_entries) {
    Config config;
    std::map<std::string, std::string> env;
    for (const std::string& e : environ_entries) {
        if (size_t eq = e.find('='); eq != std::string::npos) env[e.substr(0, eq)] = e.substr(eq + 1);
    }
    for (const Option& o : Options()) {
        if (!o.env) continue;  // a flag without an environment variable
        if (auto it = env.find(o.env); it != env.end() && !o.apply(config, it->second)) {
            return {std::nullopt, 2, fmt::format("invalid value '{}' for {}\n", it->second, o.env)};
        }
    }
    for (size_t i = 0; i < args.size(); ++i) {
        std::string arg = args[i];
        if (arg == "--help" || arg == "-h") return {std::nullopt, 0, UsageText()};
        if (arg == "--version") return {std::nullopt, 0, "xieli-server 0.1.0\n"};
        std::string value;
        bool has_inline = false;
        if (size_t eq = arg.find('='); arg.starts_with("--") && eq != std::string::npos) {
            value = arg.substr(eq + 1);
            arg = arg.substr(0, eq);
            has_inline = true;
        }
        const Option* opt = nullptr;
        for (const Option& o : Options()) {
            if (arg == o.flag) opt = &o;
        }
        if (!opt) return {std::nullopt, 2, fmt::format("unknown option '{}'\n\n{}", arg, UsageText())};
        if (opt->takes_value && !has_inline) {
            if (i + 1 >= args.size()) return {std::nullopt, 2, fmt::format("{} needs a value\n", arg)};
            value = args[++i];
        }
        if (!opt->apply(config, value))
            return {std::nullopt, 2, fmt::format("invalid value '{}' for {}\n", value, arg)};
    }
    return {config, 0, {}};
}

}  // namespace xieli::app
