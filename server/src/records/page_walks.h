#pragma once

// Which list pages gave up walking in list order lately (RecordService::Query, decision 0015):
// asked again, such a page is read scope first at once instead of paying the walk's work limit
// each time. What made the walk long — the newest records are someone else's — changes slowly, so
// after a while the walk is tried again.

#include <cstddef>
#include <mutex>
#include <string_view>
#include <unordered_map>

#include "common/clock.h"
#include "store/database.h"

namespace xieli::records {

class PageWalks {
public:
    // How long a page that gave up is read scope first without trying the walk.
    static constexpr std::chrono::minutes kRemembered{10};
    // Past this many pages the memory starts afresh (a page is a query and its values).
    static constexpr size_t kMaxPages = 4096;

    // A page of `sql` with `params` on the database `db` (one per enterprise).
    static size_t Key(const void* db, std::string_view sql, store::Params params);

    // True when the page gave up its walk less than kRemembered before `now`.
    bool GaveUpLately(size_t key, TimePoint now) const;
    void GaveUp(size_t key, TimePoint now);

private:
    mutable std::mutex mutex_;
    std::unordered_map<size_t, TimePoint> gave_up_;
};

}  // namespace xieli::records
