#include "modules/pool/pool_notices.h"

#include "modules/notify/notify.h"

namespace xieli::pool {

namespace {

constexpr const char* kAssigned = "pool.assigned";
constexpr const char* kReturnComing = "pool.return_coming";
constexpr const char* kAutoReturned = "pool.auto_returned";

std::string Quote(const std::string& s) {
    return "「" + s + "」";
}

}  // namespace

void RegisterNotificationKinds() {
    notify::RegisterKind(kAssigned, {"公海客户分配给我", "Pool customer assigned to me"}, false);
    notify::RegisterKind(kReturnComing, {"客户即将收回公海", "Customer about to return to the pool"}, false);
    notify::RegisterKind(kAutoReturned, {"客户被自动收回公海", "Customer returned to the pool"}, false);
    notify::RegisterKind("reminder", {"提醒规则", "Reminder rules"}, false);
}

void NotifyAssigned(
    store::Connection& tx,
    int64_t user_id,
    int64_t customer_id,
    const std::string& customer,
    const std::string& pool,
    TimePoint now
) {
    notify::Notify(
        tx,
        user_id,
        kAssigned,
        {"公海客户已分配给你", "A pool customer was assigned to you"},
        {"客户" + Quote(customer) + "从公海" + Quote(pool) + "分配给你",
         "Customer \"" + customer + "\" from pool \"" + pool + "\" is now yours"},
        {"customer", customer_id},
        now
    );
}

void NotifyReturnComing(
    store::Connection& tx,
    int64_t user_id,
    int64_t customer_id,
    const std::string& customer,
    const std::string& pool,
    const std::string& due_date,
    const Text& why,
    TimePoint now
) {
    notify::Notify(
        tx,
        user_id,
        kReturnComing,
        {"客户即将收回公海", "A customer is about to return to the pool"},
        {"客户" + Quote(customer) + why.zh + "，将于 " + due_date + " 收回公海" + Quote(pool),
         "Customer \"" + customer + "\" " + why.en + "; it returns to pool \"" + pool + "\" on " + due_date},
        {"customer", customer_id},
        now
    );
}

void NotifyAutoReturned(
    store::Connection& tx,
    int64_t user_id,
    int64_t customer_id,
    const std::string& customer,
    const std::string& pool,
    const Text& why,
    TimePoint now
) {
    notify::Notify(
        tx,
        user_id,
        kAutoReturned,
        {"客户已收回公海", "A customer returned to the pool"},
        {"客户" + Quote(customer) + why.zh + "，已收回公海" + Quote(pool),
         "Customer \"" + customer + "\" " + why.en + "; it went back to pool \"" + pool + "\""},
        {"customer", customer_id},
        now
    );
}

void NotifyReminder(
    store::Connection& tx,
    int64_t user_id,
    const Text& title,
    const Text& body,
    const std::string& object,
    int64_t record_id,
    TimePoint now
) {
    // One notification kind for every rule: users turn reminders on or off as a whole.
    notify::Notify(tx, user_id, "reminder", title, body, {object, record_id}, now);
}

}  // namespace xieli::pool
