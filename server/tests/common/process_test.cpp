// Running external programs (common/process.h) and the PDF renderer's failures (html_to_pdf.h).

#include "common/process.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>

#include "common/error.h"
#include "common/html_to_pdf.h"

namespace xieli {
namespace {

using std::chrono::milliseconds;
using Outcome = ProcessResult::Outcome;

TEST(RunProcess, ReportsTheExitCode) {
    ProcessResult ok = RunProcess({"true"}, {});
    EXPECT_EQ(ok.outcome, Outcome::kExited);
    EXPECT_EQ(ok.exit_code, 0);
    // Arguments are passed as they are, with no shell to interpret them.
    ProcessResult three = RunProcess({"/bin/sh", "-c", "exit 3"}, {});
    EXPECT_EQ(three.outcome, Outcome::kExited);
    EXPECT_EQ(three.exit_code, 3);
    ProcessResult literal = RunProcess({"test", "a;b", "=", "a;b"}, {});
    EXPECT_EQ(literal.exit_code, 0);
}

TEST(RunProcess, TheProgramGetsNoneOfOurFiles) {
    int fd = open("/dev/null", O_RDONLY);  // no O_CLOEXEC: inherited unless closed for the child
    ASSERT_GE(fd, 3);
    std::string check = "test ! -e /proc/self/fd/" + std::to_string(fd);
    ProcessResult r = RunProcess({"/bin/sh", "-c", check}, {});
    close(fd);
    EXPECT_EQ(r.outcome, Outcome::kExited);
    EXPECT_EQ(r.exit_code, 0);
}

TEST(RunProcess, AMissingProgramIsNotFound) {
    EXPECT_EQ(RunProcess({"/nonexistent/xieli-chromium"}, {}).outcome, Outcome::kNotFound);
    EXPECT_EQ(RunProcess({"xieli-no-such-program-on-path"}, {}).outcome, Outcome::kNotFound);
    EXPECT_EQ(RunProcess({}, {}).outcome, Outcome::kNotFound);
}

TEST(RunProcess, KillsTheWholeGroupAfterTheTimeout) {
    auto start = std::chrono::steady_clock::now();
    // The shell's child sleeps too: the group kill must end both, or this would wait 30 s.
    ProcessResult r = RunProcess({"/bin/sh", "-c", "sleep 30 & sleep 30; wait"}, {.timeout = milliseconds(300)});
    EXPECT_EQ(r.outcome, Outcome::kTimedOut);
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

TEST(HtmlToPdf, AMissingChromiumIs503) {
    HtmlToPdf pdf({.chromium = "/nonexistent/chromium"});
    try {
        pdf.Render("<p>x</p>");
        FAIL() << "rendered without chromium";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::kUnavailable);
        EXPECT_NE(e.message().zh.find("chromium"), std::string::npos);
        EXPECT_NE(e.message().en.find("chromium is not installed"), std::string::npos);
    }
}

TEST(HtmlToPdf, NoFreeSlotIs503WithRetryAfter) {
    HtmlToPdf pdf({.chromium = "true", .max_concurrent = 0});
    try {
        pdf.Render("<p>x</p>");
        FAIL() << "rendered beyond the limit";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::kUnavailable);
        EXPECT_GT(e.retry_after(), 0);
    }
}

TEST(HtmlToPdf, AProgramThatMakesNoPdfIs503) {
    HtmlToPdf pdf({.chromium = "true"});
    try {
        pdf.Render("<p>x</p>");
        FAIL() << "no PDF, yet no error";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::kUnavailable);
    }
}

}  // namespace
}  // namespace xieli
