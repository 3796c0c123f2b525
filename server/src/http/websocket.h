#pragma once

// The WebSocket transport (GET /api/v1/ws), internal to http/: it includes Beast, so only
// server.cpp and websocket.cpp include it. Everything else publishes through http::Hub.
//
// A socket: the upgrade request went through the dispatcher like any request (authentication,
// the route's checks) and came back 101 with a hub ticket; the handshake completes here, the
// socket is attached to the hub, the server sends {"type":"ready"} and from then on every message
// the hub publishes for the user. The client may send {"type":"ping"} (answered {"type":"pong"});
// the server pings every HubOptions::ping_every and closes a client silent for twice that.

#include <boost/asio/awaitable.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <cstdint>
#include <memory>

#include "http/context.h"
#include "http/websocket_hub.h"

namespace xieli::http {

bool IsWebSocketUpgrade(const boost::beast::http::request<boost::beast::http::string_body>& request);

// Completes the handshake on `stream` (kept alive by the pointer) and serves the socket until
// either side closes it or the hub drops it.
boost::asio::awaitable<void> ServeWebSocket(
    std::shared_ptr<boost::beast::tcp_stream> stream,
    boost::beast::http::request<boost::beast::http::string_body> request,
    std::shared_ptr<Hub> hub,
    Caller caller,
    uint64_t socket_id
);

}  // namespace xieli::http
