#include "modules/auth/login_throttle.h"

namespace xieli::auth {

namespace {
// Beyond this many tracked addresses, stale ones are swept so memory stays bounded under a
// spray of spoofed-looking sources.
constexpr size_t kSweepThreshold = 10000;
}  // namespace

void LoginThrottle::Prune(std::deque<TimePoint>& times, TimePoint now) const {
    while (!times.empty() && times.front() + window_ <= now) times.pop_front();
}

int LoginThrottle::RetryAfterSeconds(const std::string& ip) {
    std::lock_guard lock(mutex_);
    auto it = failures_.find(ip);
    if (it == failures_.end()) return 0;
    TimePoint now = clock_.Now();
    Prune(it->second, now);
    if (static_cast<int>(it->second.size()) < max_failures_) return 0;
    auto wait = std::chrono::duration_cast<std::chrono::seconds>(it->second.front() + window_ - now).count();
    return static_cast<int>(wait > 0 ? wait : 1);
}

void LoginThrottle::RecordFailure(const std::string& ip) {
    std::lock_guard lock(mutex_);
    TimePoint now = clock_.Now();
    if (failures_.size() > kSweepThreshold) {
        for (auto it = failures_.begin(); it != failures_.end();) {
            Prune(it->second, now);
            it = it->second.empty() ? failures_.erase(it) : std::next(it);
        }
    }
    auto& times = failures_[ip];
    Prune(times, now);
    times.push_back(now);
    // Keep at most what the decision needs.
    while (static_cast<int>(times.size()) > max_failures_) times.pop_front();
}

}  // namespace xieli::auth
