#pragma once

// Time as the product sees it. Services take a Clock so tests move time instead of sleeping.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace xieli {

using TimePoint = std::chrono::system_clock::time_point;

class Clock {
public:
    virtual ~Clock() = default;
    virtual TimePoint Now() const = 0;
};

class SystemClock final : public Clock {
public:
    TimePoint Now() const override { return std::chrono::system_clock::now(); }
};

// A clock that only moves when told; for tests.
class ManualClock final : public Clock {
public:
    explicit ManualClock(TimePoint start) : now_(start.time_since_epoch().count()) {}
    TimePoint Now() const override { return TimePoint(TimePoint::duration(now_.load())); }
    void Advance(std::chrono::seconds by) { now_ += std::chrono::duration_cast<TimePoint::duration>(by).count(); }

private:
    std::atomic<TimePoint::duration::rep> now_;
};

// "2026-11-23T09:30:00Z": how times are stored (UTC, sortable as text).
std::string FormatUtc(TimePoint t);
// Parses what FormatUtc writes, and ISO-8601 with an offset ("2026-11-23T17:30:00+08:00").
std::optional<TimePoint> ParseIsoTime(std::string_view text);

}  // namespace xieli
