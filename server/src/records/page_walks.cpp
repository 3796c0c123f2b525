#include "records/page_walks.h"

#include <functional>
#include <string>
#include <type_traits>
#include <variant>

namespace xieli::records {

namespace {

void Mix(size_t& seed, size_t value) {
    seed ^= value + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2);
}

}  // namespace

size_t PageWalks::Key(const void* db, std::string_view sql, store::Params params) {
    size_t key = std::hash<const void*>{}(db);
    Mix(key, std::hash<std::string_view>{}(sql));
    for (const store::Value& v : params) {
        Mix(key, v.variant().index());
        Mix(key,
            std::visit(
                [](const auto& x) -> size_t {
                    using T = std::decay_t<decltype(x)>;
                    if constexpr (std::is_same_v<T, std::monostate>)
                        return 0;
                    else
                        return std::hash<T>{}(x);
                },
                v.variant()
            ));
    }
    return key;
}

bool PageWalks::GaveUpLately(size_t key, TimePoint now) const {
    std::lock_guard lock(mutex_);
    auto it = gave_up_.find(key);
    return it != gave_up_.end() && now - it->second < kRemembered;
}

void PageWalks::GaveUp(size_t key, TimePoint now) {
    std::lock_guard lock(mutex_);
    if (gave_up_.size() >= kMaxPages) gave_up_.clear();
    gave_up_[key] = now;
}

}  // namespace xieli::records
