#pragma once

// Wiring of notifications and realtime: the outbox dispatcher thread, the e-mail job, the first
// producer (a record assigned to someone else → a notification for the new owner), and the routes
// (docs/api/notifications.md).

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

#include "common/clock.h"
#include "http/router.h"
#include "http/websocket_hub.h"
#include "jobs/scheduler.h"
#include "records/records_module.h"
#include "store/store.h"

namespace xieli::notify {

struct NotifyOptions {
    // How often the dispatcher looks for committed outbox rows (real time).
    std::chrono::milliseconds dispatch_poll{100};
    std::chrono::seconds smtp_timeout{30};
};

class NotifyModule {
public:
    NotifyModule(
        store::Store& store,
        records::RecordsModule& records,
        jobs::Scheduler& scheduler,
        std::shared_ptr<http::Hub> hub,
        const Clock& clock,
        NotifyOptions options = {}
    );
    ~NotifyModule();

    void Start();
    void Stop();
    // One pass of the dispatcher over one enterprise's new outbox rows; returns how many it handled.
    int DispatchFor(int64_t tenant_id, store::Database& db);

    store::Store& store() { return store_; }
    records::RecordsModule& records() { return records_; }
    http::Hub& hub() { return *hub_; }
    const std::shared_ptr<http::Hub>& hub_ptr() const { return hub_; }
    const Clock& clock() const { return clock_; }
    const NotifyOptions& options() const { return options_; }

private:
    void Loop();

    store::Store& store_;
    records::RecordsModule& records_;
    std::shared_ptr<http::Hub> hub_;
    const Clock& clock_;
    NotifyOptions options_;
    std::atomic<bool> stopping_{false};
    std::mutex mutex_;
    std::condition_variable wake_;
    std::thread thread_;
};

void RegisterNotifyModule(http::Router& router, NotifyModule& module, jobs::Scheduler& scheduler);

}  // namespace xieli::notify
