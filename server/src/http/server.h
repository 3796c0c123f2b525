#pragma once

// The HTTP transport. server.cpp is the only file that includes Boost.Beast/Asio (with realtime/);
// it turns bytes into Request, hands each to the handler on a worker pool (never on an I/O
// thread), and writes the Response back.

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "http/request.h"
#include "http/response.h"
#include "http/websocket_hub.h"

namespace xieli::http {

struct ServerOptions {
    std::string listen_address = "127.0.0.1";
    uint16_t port = 8080;  // 0: any free port (Start() returns the one taken)
    int io_threads = 1;
    int worker_threads = 4;
    size_t max_header_bytes = 16 * 1024;       // over it: 431, connection closed
    size_t max_body_bytes = 10 * 1024 * 1024;  // over it: 413, connection closed
    int request_timeout_seconds = 15;          // a whole request must arrive within this
    int idle_timeout_seconds = 60;             // keep-alive connection with no request
    int max_connections = 10000;               // further ones are accepted and closed at once
    int shutdown_grace_seconds = 10;           // in-flight requests get this long on SIGTERM
    // File uploads: routes for which is_upload(method, path) is true may send up to max_upload_bytes
    // (when larger than max_body_bytes) and get upload_timeout_seconds to arrive once their headers are in.
    std::function<bool(std::string_view method, std::string_view path)> is_upload;
    size_t max_upload_bytes = 0;
    int upload_timeout_seconds = 300;
    // When set, GET upgrades answered 101 by their route become WebSockets attached to this hub.
    std::shared_ptr<Hub> websocket_hub;
};

// Live transport figures for /metrics.
struct TransportStats {
    int64_t connections_open = 0;
    int64_t connections_total = 0;
    int64_t connections_rejected = 0;
    int64_t requests_in_flight = 0;
    int64_t timeouts = 0;
};

using RequestHandler = std::function<Response(Request&)>;

class Server {
public:
    Server(ServerOptions options, RequestHandler handler);
    ~Server();

    // Binds and listens; returns the port. Throws std::runtime_error when the address is taken.
    uint16_t Start();
    // Serves until Stop() or SIGINT/SIGTERM, then drains in-flight requests and returns.
    void Run();
    // Asks Run() to finish (thread-safe).
    void Stop();
    TransportStats Stats() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace xieli::http
