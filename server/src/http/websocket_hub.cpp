#include "http/websocket_hub.h"

#include "common/crypto.h"

namespace xieli::http {

namespace {
constexpr std::chrono::seconds kTicketLife{30};
}

std::string Hub::IssueTicket(const Caller& caller) {
    std::string ticket = crypto::RandomHex(16);
    auto now = std::chrono::steady_clock::now();
    std::lock_guard lock(mutex_);
    // Unredeemed tickets (a client that vanished mid-upgrade) are dropped as they expire.
    for (auto it = tickets_.begin(); it != tickets_.end();) {
        it = it->second.expires < now ? tickets_.erase(it) : std::next(it);
    }
    tickets_[ticket] = Ticket{caller, now + kTicketLife};
    return ticket;
}

std::optional<Caller> Hub::RedeemTicket(const std::string& ticket) {
    std::lock_guard lock(mutex_);
    auto it = tickets_.find(ticket);
    if (it == tickets_.end()) return std::nullopt;
    Ticket t = it->second;
    tickets_.erase(it);
    if (t.expires < std::chrono::steady_clock::now()) return std::nullopt;
    return t.caller;
}

void Hub::Attach(const Caller& caller, uint64_t id, std::shared_ptr<WebSocketPeer> peer) {
    std::lock_guard lock(mutex_);
    peers_[caller.tenant_id][caller.user_id][id] = std::move(peer);
    ++open_;
    ++total_;
}

void Hub::Detach(const Caller& caller, uint64_t id) {
    std::lock_guard lock(mutex_);
    auto tenant = peers_.find(caller.tenant_id);
    if (tenant == peers_.end()) return;
    auto user = tenant->second.find(caller.user_id);
    if (user == tenant->second.end()) return;
    if (user->second.erase(id)) --open_;
    if (user->second.empty()) tenant->second.erase(user);
    if (tenant->second.empty()) peers_.erase(tenant);
}

int Hub::Publish(int64_t tenant_id, int64_t user_id, const std::string& text) {
    return Publish(tenant_id, user_id, std::make_shared<const std::string>(text));
}

int Hub::Publish(int64_t tenant_id, int64_t user_id, std::shared_ptr<const std::string> text) {
    std::vector<std::shared_ptr<WebSocketPeer>> targets;
    {
        std::lock_guard lock(mutex_);
        auto tenant = peers_.find(tenant_id);
        if (tenant == peers_.end()) return 0;
        auto user = tenant->second.find(user_id);
        if (user == tenant->second.end()) return 0;
        for (auto& [id, peer] : user->second) targets.push_back(peer);
    }
    // Outside the lock: Send only queues, but a dropped peer detaches itself.
    int sent = 0;
    for (auto& peer : targets) {
        if (peer->Send(text)) ++sent;
    }
    return sent;
}

std::vector<int64_t> Hub::ConnectedUsers(int64_t tenant_id) const {
    std::vector<int64_t> out;
    std::lock_guard lock(mutex_);
    auto tenant = peers_.find(tenant_id);
    if (tenant == peers_.end()) return out;
    for (auto& [user, sockets] : tenant->second) out.push_back(user);
    return out;
}

void Hub::CloseAll() {
    std::vector<std::shared_ptr<WebSocketPeer>> all;
    {
        std::lock_guard lock(mutex_);
        for (auto& [t, users] : peers_) {
            for (auto& [u, sockets] : users) {
                for (auto& [id, peer] : sockets) all.push_back(peer);
            }
        }
    }
    for (auto& peer : all) peer->Close();
}

HubStats Hub::Stats() const {
    HubStats s;
    std::lock_guard lock(mutex_);
    s.sockets_open = open_;
    s.sockets_total = total_;
    s.messages_sent = messages_sent_.load();
    s.slow_clients_dropped = dropped_.load();
    return s;
}

}  // namespace xieli::http
