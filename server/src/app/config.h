#pragma once

// Server configuration: command-line flags over XIELI_* environment variables over defaults.
// docs/configuration.md lists every option; keep the two in step.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace xieli::app {

struct Config {
    std::string listen_address = "127.0.0.1";
    uint16_t port = 8080;
    std::string data_dir = "./data";
    std::string web_dir = "web/dist";
    bool demo = true;
    bool sample_data = true;  // the demo enterprise gets sample customers, deals …
    int io_threads = 1;
    int worker_threads = 0;  // 0: twice the cores, at least 4
    int request_timeout_seconds = 15;
    int idle_timeout_seconds = 60;
    int max_body_mb = 10;
    int import_max_mb = 50;  // spreadsheets uploaded for an import (their route only)
    int file_max_mb = 20;    // one file uploaded to the file store (POST /api/v1/files only)
    int max_connections = 10000;
    int db_readers = 4;
    std::string log_level = "info";
    bool access_log = true;
    bool secure_cookies = false;
    std::string metrics_token;  // empty: /metrics answers loopback callers only
    // Lets a full administrator move the server's clock (POST /api/v1/admin/test-clock), for API tests.
    // A command-line flag only (no environment variable), so no deployment can switch it on by accident.
    bool test_clock = false;
};

struct ParseResult {
    std::optional<Config> config;  // nullopt: exit with `exit_code` after printing `message`
    int exit_code = 0;
    std::string message;
};

ParseResult ParseConfig(const std::vector<std::string>& args, const std::vector<std::string>& environ_entries);
std::string UsageText();

}  // namespace xieli::app
