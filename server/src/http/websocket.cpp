#include "http/websocket.h"

// With server.cpp, the only translation unit that includes Beast's WebSocket code.

#include <spdlog/spdlog.h>

#include <atomic>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/websocket.hpp>
#include <deque>

namespace xieli::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = boost::beast::websocket;

namespace {

// Clients only send pings; anything bigger is not ours.
constexpr size_t kMaxClientMessage = 4096;
constexpr std::chrono::seconds kHandshakeTimeout{10};

const std::shared_ptr<const std::string> kPong = std::make_shared<const std::string>(R"({"type":"pong"})");
const std::shared_ptr<const std::string> kReady = std::make_shared<const std::string>(R"({"type":"ready"})");

// One open socket. Its reads, writes and queue live on the connection's strand; Send() may be
// called from any thread and only counts and posts.
class WsSession final : public WebSocketPeer, public std::enable_shared_from_this<WsSession> {
public:
    WsSession(std::shared_ptr<beast::tcp_stream> tcp, std::shared_ptr<Hub> hub)
        : tcp_(std::move(tcp)), ws_(*tcp_), hub_(std::move(hub)), wake_(tcp_->get_executor()) {}

    bool Send(std::shared_ptr<const std::string> text) override {
        if (closed_) return false;
        size_t messages = queued_messages_.fetch_add(1) + 1;
        size_t bytes = queued_bytes_.fetch_add(text->size()) + text->size();
        if (messages > hub_->options().max_queue_messages || bytes > hub_->options().max_queue_bytes) {
            // A client that cannot keep up is dropped rather than buffered without bound.
            queued_messages_ -= 1;
            queued_bytes_ -= text->size();
            if (!closed_) hub_->CountDropped();
            Close();
            return false;
        }
        asio::post(tcp_->get_executor(), [self = shared_from_this(), text = std::move(text)] {
            self->queue_.push_back(text);
            self->wake_.cancel();
        });
        return true;
    }

    void Close() override {
        if (closed_.exchange(true)) return;
        asio::post(tcp_->get_executor(), [self = shared_from_this()] {
            self->wake_.cancel();
            beast::error_code ignored;
            self->tcp_->socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
            self->tcp_->close();
        });
    }

    std::shared_ptr<beast::tcp_stream> tcp_;
    websocket::stream<beast::tcp_stream&> ws_;
    std::shared_ptr<Hub> hub_;
    asio::steady_timer wake_;
    std::deque<std::shared_ptr<const std::string>> queue_;  // strand only
    std::atomic<size_t> queued_messages_{0};
    std::atomic<size_t> queued_bytes_{0};
    std::atomic<bool> closed_{false};
};

// Sends what the hub queued, one message at a time, until the session closes.
asio::awaitable<void> WriteLoop(std::shared_ptr<WsSession> self) {
    beast::error_code ec;
    auto token = asio::redirect_error(asio::use_awaitable, ec);
    while (true) {
        if (self->queue_.empty()) {
            if (self->closed_) break;
            self->wake_.expires_at(asio::steady_timer::time_point::max());
            co_await self->wake_.async_wait(token);  // cancelled when something is queued or on close
            continue;
        }
        std::shared_ptr<const std::string> text = self->queue_.front();
        self->queue_.pop_front();
        self->ws_.text(true);
        co_await self->ws_.async_write(asio::buffer(*text), token);
        self->queued_messages_ -= 1;
        self->queued_bytes_ -= text->size();
        if (ec) {
            self->Close();
            break;
        }
        self->hub_->CountSent();
    }
}

}  // namespace

bool IsWebSocketUpgrade(const boost::beast::http::request<boost::beast::http::string_body>& request) {
    return websocket::is_upgrade(request);
}

asio::awaitable<void> ServeWebSocket(
    std::shared_ptr<beast::tcp_stream> stream,
    beast::http::request<beast::http::string_body> request,
    std::shared_ptr<Hub> hub,
    Caller caller,
    uint64_t socket_id
) {
    beast::error_code ec;
    auto token = asio::redirect_error(asio::use_awaitable, ec);
    auto session = std::make_shared<WsSession>(stream, hub);
    stream->expires_never();  // the WebSocket's own timeouts (and pings) take over
    websocket::stream_base::timeout timeouts{};
    timeouts.handshake_timeout = kHandshakeTimeout;
    timeouts.idle_timeout = hub->options().ping_every * 2;  // a ping goes out at half of it
    timeouts.keep_alive_pings = true;
    session->ws_.set_option(timeouts);
    session->ws_.read_message_max(kMaxClientMessage);
    co_await session->ws_.async_accept(request, token);
    if (ec) co_return;

    hub->Attach(caller, socket_id, session);
    session->Send(kReady);
    asio::co_spawn(stream->get_executor(), WriteLoop(session), asio::detached);
    beast::flat_buffer buffer;
    while (true) {
        co_await session->ws_.async_read(buffer, token);
        if (ec) break;
        std::string text = beast::buffers_to_string(buffer.data());
        buffer.consume(buffer.size());
        // The only message a client sends: an application-level heartbeat for browsers that cannot ping.
        if (text.find("\"ping\"") != std::string::npos) session->Send(kPong);
    }
    hub->Detach(caller, socket_id);
    session->Close();
}

}  // namespace xieli::http
