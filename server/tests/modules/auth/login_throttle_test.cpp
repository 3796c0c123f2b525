#include "modules/auth/login_throttle.h"

#include <gtest/gtest.h>

namespace xieli::auth {
namespace {

TEST(LoginThrottle, BlocksAnAddressAfterTooManyFailuresUntilTheWindowPasses) {
    ManualClock clock(*ParseIsoTime("2026-01-01T00:00:00Z"));
    LoginThrottle throttle(clock, 3, std::chrono::minutes(10));
    for (int i = 0; i < 3; ++i) {
        EXPECT_EQ(throttle.RetryAfterSeconds("10.0.0.1"), 0);
        throttle.RecordFailure("10.0.0.1");
        clock.Advance(std::chrono::seconds(60));
    }
    // First failure was at 0 s, now is 180 s: 420 s left in the window.
    EXPECT_EQ(throttle.RetryAfterSeconds("10.0.0.1"), 420);
    EXPECT_EQ(throttle.RetryAfterSeconds("10.0.0.2"), 0) << "other addresses are unaffected";
    clock.Advance(std::chrono::seconds(420));
    EXPECT_EQ(throttle.RetryAfterSeconds("10.0.0.1"), 0);
}

}  // namespace
}  // namespace xieli::auth
