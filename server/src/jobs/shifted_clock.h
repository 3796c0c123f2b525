#pragma once

// The server's clock: the system clock plus an offset that only the --test-clock flag lets anyone
// move (POST /api/v1/admin/test-clock). API tests move the real binary's time this way instead of
// sleeping; in a normal run the offset stays zero and the endpoint does not exist.

#include <atomic>
#include <chrono>

#include "common/clock.h"

namespace xieli::jobs {

class ShiftedClock final : public Clock {
public:
    TimePoint Now() const override { return std::chrono::system_clock::now() + std::chrono::seconds(offset_.load()); }
    void Advance(std::chrono::seconds by) { offset_ += by.count(); }
    std::chrono::seconds offset() const { return std::chrono::seconds(offset_.load()); }

private:
    std::atomic<int64_t> offset_{0};
};

}  // namespace xieli::jobs
