#pragma once

// Failed sign-ins per client address, in memory. Per-account lockout lives in the logins table
// (it must survive a restart and hold across servers); this guards against one address trying
// many accounts.

#include <chrono>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

#include "common/clock.h"

namespace xieli::auth {

class LoginThrottle {
public:
    LoginThrottle(const Clock& clock, int max_failures, std::chrono::seconds window)
        : clock_(clock), max_failures_(max_failures), window_(window) {}

    // Seconds the address must wait, or 0 when it may try.
    int RetryAfterSeconds(const std::string& ip);
    void RecordFailure(const std::string& ip);

private:
    void Prune(std::deque<TimePoint>& times, TimePoint now) const;

    const Clock& clock_;
    int max_failures_;
    std::chrono::seconds window_;
    std::mutex mutex_;
    std::unordered_map<std::string, std::deque<TimePoint>> failures_;
};

}  // namespace xieli::auth
