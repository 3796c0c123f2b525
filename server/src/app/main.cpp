// xieli-server: the whole product in one process. See docs/architecture.md.

#include <spdlog/spdlog.h>

#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include "app/config.h"
#include "app/server_app.h"

extern char** environ;

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    std::vector<std::string> env;
    for (char** e = environ; *e; ++e) env.emplace_back(*e);
    xieli::app::ParseResult parsed = xieli::app::ParseConfig(args, env);
    if (!parsed.config) {
        std::fputs(parsed.message.c_str(), parsed.exit_code == 0 ? stdout : stderr);
        return parsed.exit_code;
    }
    try {
        return xieli::app::RunServer(*parsed.config);
    } catch (const std::exception& e) {
        spdlog::critical("xieli-server failed: {}", e.what());
        return 1;
    }
}
