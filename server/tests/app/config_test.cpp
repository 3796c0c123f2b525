#include "app/config.h"

#include <gtest/gtest.h>

namespace xieli::app {
namespace {

TEST(Config, DefaultsServeTheLocalMachine) {
    ParseResult r = ParseConfig({}, {});
    ASSERT_TRUE(r.config);
    EXPECT_EQ(r.config->listen_address, "127.0.0.1");
    EXPECT_EQ(r.config->port, 8080);
    EXPECT_TRUE(r.config->demo);
}

TEST(Config, FlagsOverrideEnvironment) {
    ParseResult r = ParseConfig(
        {"--port", "9000", "--data-dir=/tmp/x", "--no-demo", "--listen", "0.0.0.0"},
        {"XIELI_PORT=7000", "XIELI_DATA_DIR=/env", "XIELI_WORKERS=3"}
    );
    ASSERT_TRUE(r.config) << r.message;
    EXPECT_EQ(r.config->port, 9000);
    EXPECT_EQ(r.config->data_dir, "/tmp/x");
    EXPECT_EQ(r.config->listen_address, "0.0.0.0");
    EXPECT_EQ(r.config->worker_threads, 3);
    EXPECT_FALSE(r.config->demo);
}

TEST(Config, TheLastFlagWins) {
    ParseResult r = ParseConfig({"--port", "1", "--port", "2"}, {});
    ASSERT_TRUE(r.config);
    EXPECT_EQ(r.config->port, 2);
}

TEST(Config, BadInputExitsWithUsage) {
    EXPECT_EQ(ParseConfig({"--bogus"}, {}).exit_code, 2);
    EXPECT_EQ(ParseConfig({"--port", "99999"}, {}).exit_code, 2);
    EXPECT_EQ(ParseConfig({"--port"}, {}).exit_code, 2);
    EXPECT_EQ(ParseConfig({}, {"XIELI_PORT=abc"}).exit_code, 2);
    ParseResult help = ParseConfig({"--help"}, {});
    EXPECT_FALSE(help.config);
    EXPECT_EQ(help.exit_code, 0);
    EXPECT_NE(help.message.find("--data-dir"), std::string::npos);
}

}  // namespace
}  // namespace xieli::app
