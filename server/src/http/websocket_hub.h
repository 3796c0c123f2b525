#pragma once

// The realtime hub: who has a WebSocket open (per enterprise, per user, one entry per tab), and
// fan-out of messages to them. Modules publish here; only http/websocket.cpp knows sockets, so
// nothing else includes Beast.
//
// Back-pressure: each socket has a bounded send queue (HubOptions). A client that does not read
// fast enough to keep under it is dropped (its socket closed); it reconnects and refetches. Memory
// stays bounded however slow a client is.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "http/context.h"

namespace xieli::http {

// One open socket, as the hub sees it. Implemented in websocket.cpp.
class WebSocketPeer {
public:
    virtual ~WebSocketPeer() = default;
    // Queues a text message; never blocks. Returns false when the peer was dropped (over its queue).
    virtual bool Send(std::shared_ptr<const std::string> text) = 0;
    virtual void Close() = 0;
};

struct HubOptions {
    size_t max_queue_messages = 1024;
    size_t max_queue_bytes = 1024 * 1024;
    std::chrono::seconds ping_every{20};  // heartbeats; a client silent for 2× this is closed
};

struct HubStats {
    int64_t sockets_open = 0;
    int64_t sockets_total = 0;
    int64_t messages_sent = 0;
    int64_t slow_clients_dropped = 0;
};

class Hub {
public:
    explicit Hub(HubOptions options = {}) : options_(options) {}

    // GET /api/v1/ws, once authenticated, hands the transport a one-use ticket naming the caller;
    // the transport redeems it when it completes the upgrade (tickets live 30 s).
    std::string IssueTicket(const Caller& caller);
    std::optional<Caller> RedeemTicket(const std::string& ticket);

    // A socket opened or closed; `id` is unique per socket.
    void Attach(const Caller& caller, uint64_t id, std::shared_ptr<WebSocketPeer> peer);
    void Detach(const Caller& caller, uint64_t id);

    // To every open socket of the user; returns how many got it.
    int Publish(int64_t tenant_id, int64_t user_id, const std::string& text);
    int Publish(int64_t tenant_id, int64_t user_id, std::shared_ptr<const std::string> text);
    // Users of the enterprise with at least one socket open.
    std::vector<int64_t> ConnectedUsers(int64_t tenant_id) const;
    // Closes every socket (shutdown).
    void CloseAll();

    HubStats Stats() const;
    const HubOptions& options() const { return options_; }
    void CountSent() { ++messages_sent_; }
    void CountDropped() { ++dropped_; }

private:
    HubOptions options_;
    mutable std::mutex mutex_;
    // tenant → user → socket id → peer
    std::map<int64_t, std::map<int64_t, std::map<uint64_t, std::shared_ptr<WebSocketPeer>>>> peers_;
    struct Ticket {
        Caller caller;
        std::chrono::steady_clock::time_point expires;
    };
    std::map<std::string, Ticket> tickets_;
    int64_t open_ = 0;
    int64_t total_ = 0;
    std::atomic<int64_t> messages_sent_{0};
    std::atomic<int64_t> dropped_{0};
};

// The internal header the ws route answers 101 with; the transport removes it. Never sent out.
inline constexpr const char* kWebSocketTicketHeader = "X-Xieli-Ws-Ticket";

}  // namespace xieli::http
