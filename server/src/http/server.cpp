#include "http/server.h"

// The only translation unit (with realtime/) that includes Beast and Asio: it is slow to compile,
// so nothing else should need to.

#include <signal.h>
#include <spdlog/spdlog.h>
#include <sys/resource.h>

#include <algorithm>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <climits>
#include <mutex>
#include <optional>
#include <random>
#include <stdexcept>
#include <thread>
#include <unordered_map>
#include <vector>

#include "common/error.h"
#include "common/text.h"
#include "http/websocket.h"

namespace xieli::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

namespace {

using BeastRequest = bhttp::request<bhttp::string_body>;
using BeastResponse = bhttp::response<bhttp::string_body>;

// How much one read of an idle connection asks for; small so thousands of idle connections stay cheap.
constexpr size_t kIdleReadBytes = 4096;
// A buffer that grew for a large request is given back once the connection is idle again.
constexpr size_t kKeepBufferBytes = 64 * 1024;
// Writes get at least this long: a large file to a phone on a bad network is not an attack.
constexpr int kMinWriteTimeoutSeconds = 30;
// After an error answer (413, 431, 400) we read and discard what the client is still sending, until
// it stops or this much time has passed, before closing: closing with unread bytes makes the kernel
// send a reset, and a client still busy uploading would lose our answer with it (nginx's "lingering
// close"). Nothing is kept, so the cost is bounded I/O time, not memory.
constexpr std::chrono::seconds kLingerTime{5};
constexpr size_t kLingerMaxBytes = 256 * 1024 * 1024;
// Out of file descriptors (EMFILE): wait instead of spinning on accept.
constexpr std::chrono::milliseconds kAcceptRetryDelay{50};
constexpr size_t kMaxRequestIdLength = 64;

std::string Lower(std::string_view in) {
    std::string out(in);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

std::string Upper(std::string_view in) {
    std::string out(in);
    for (char& c : out) {
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    }
    return out;
}

// A client-supplied id is kept (so a request can be traced across proxies) only when it is a short
// plain token; anything else could smuggle text into logs.
bool IsSaneRequestId(std::string_view id) {
    if (id.empty() || id.size() > kMaxRequestIdLength) return false;
    return std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    });
}

std::string NewRequestId() {
    thread_local std::mt19937_64 engine{std::random_device{}()};
    static constexpr char kHex[] = "0123456789abcdef";
    uint64_t v = engine();
    std::string id(16, '0');
    for (int i = 15; i >= 0; --i, v >>= 4) id[static_cast<size_t>(i)] = kHex[v & 0xF];
    return id;
}

Request ToRequest(BeastRequest& in, const std::string& remote_ip) {
    Request out;
    out.method = Upper(in.method_string());
    out.target = std::string(in.target());
    std::string_view target = in.target();
    // Absolute-form ("GET http://host/path") must be accepted by servers (RFC 9112 3.2.2).
    if (target.starts_with("http://") || target.starts_with("https://")) {
        size_t slash = target.find('/', target.find("//") + 2);
        target = slash == std::string_view::npos ? std::string_view("/") : target.substr(slash);
    }
    size_t question = target.find('?');
    out.path = PercentDecode(target.substr(0, question), false);
    if (question != std::string_view::npos) out.query_string = std::string(target.substr(question + 1));
    out.headers.reserve(static_cast<size_t>(std::distance(in.begin(), in.end())));
    for (const auto& field : in) out.headers.emplace_back(Lower(field.name_string()), std::string(field.value()));
    out.body = std::move(in.body());
    out.remote_ip = remote_ip;
    std::string_view incoming_id = out.Header("x-request-id");
    out.request_id = IsSaneRequestId(incoming_id) ? std::string(incoming_id) : NewRequestId();
    return out;
}

bool IsTransportHeader(std::string_view name) {
    return beast::iequals(name, "content-length") || beast::iequals(name, "transfer-encoding") ||
           beast::iequals(name, "connection") || beast::iequals(name, "keep-alive");
}

BeastResponse ToBeast(Response response, unsigned version, bool keep_alive) {
    int status = response.status;
    if (status < 200 || status > 599) {
        spdlog::error("http: handler answered with status {}; sending 500", status);
        response = ErrorResponse(Error(ErrorCode::kInternal, {"服务器内部错误", "Internal server error"}), Lang::kZh);
        status = response.status;
    }
    BeastResponse out{static_cast<bhttp::status>(status), version};
    // The transport owns framing and connection management; a handler cannot override them.
    for (auto& [name, value] : response.headers) {
        if (!IsTransportHeader(name)) out.insert(name, value);
    }
    out.keep_alive(keep_alive);
    if (status == 204 || status == 304) {
        // These never carry a body, and Content-Length on them would describe something else.
        return out;
    }
    out.body() = std::move(response.body);
    out.prepare_payload();
    return out;
}

Response TransportError(ErrorCode code, Text message, Lang lang) {
    Response r = ErrorResponse(Error(code, std::move(message)), lang);
    r.SetHeader("X-Request-Id", NewRequestId());
    return r;
}

Response InvokeHandler(const RequestHandler& handler, Request& request) {
    // The dispatcher already maps every failure; this is the last line of defence, so a bug in a
    // handler costs one 500 rather than the connection or the process.
    try {
        return handler(request);
    } catch (const Error& e) {
        return ErrorResponse(e, LangFromAcceptLanguage(request.Header("accept-language")));
    } catch (const std::exception& e) {
        spdlog::error("[{}] unhandled exception in handler: {}", request.request_id, e.what());
    } catch (...) {
        spdlog::error("[{}] unhandled non-standard exception in handler", request.request_id);
    }
    return ErrorResponse(
        Error(ErrorCode::kInternal, {"服务器内部错误", "Internal server error"}),
        LangFromAcceptLanguage(request.Header("accept-language"))
    );
}

// Completion of every detached coroutine: nothing may escape one, but if something does it is logged.
constexpr auto kLogFailure = [](std::exception_ptr failure) {
    if (!failure) return;
    try {
        std::rethrow_exception(failure);
    } catch (const std::exception& e) {
        spdlog::error("http: connection task failed: {}", e.what());
    } catch (...) {
        spdlog::error("http: connection task failed with a non-standard exception");
    }
};

void RaiseFileLimit() {
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur >= limit.rlim_max) return;
    rlim_t wanted = limit.rlim_max;
    limit.rlim_cur = wanted;
    if (setrlimit(RLIMIT_NOFILE, &limit) != 0) {
        spdlog::warn("http: could not raise the open-file limit to {}", static_cast<unsigned long long>(wanted));
    }
}

bool IsParseError(const beast::error_code& ec) {
    return ec.category() == bhttp::make_error_code(bhttp::error::bad_method).category();
}

// One accepted connection. The session coroutine owns it; the shutdown code reaches it through a
// weak pointer to close it if it sits idle.
struct Connection {
    explicit Connection(tcp::socket socket) : stream(std::move(socket)) {}

    beast::tcp_stream stream;
    beast::flat_buffer buffer;
    std::string remote_ip;
    uint64_t id = 0;
    bool idle = false;  // waiting for a new request with nothing buffered; only touched on the connection's strand
};

}  // namespace

struct Server::Impl {
    Impl(ServerOptions opts, RequestHandler h)
        : options(std::move(opts)),
          handler(std::make_shared<const RequestHandler>(std::move(h))),
          ioc(std::max(1, options.io_threads)),
          control(asio::make_strand(ioc)),
          acceptor(control),
          signals(control),
          grace_timer(control),
          workers(static_cast<size_t>(std::max(1, options.worker_threads))) {}

    ~Impl() {
        tearing_down = true;
        // Handlers still running (only after a forced shutdown) finish before the io_context, and
        // the coroutines waiting for them, are destroyed below.
        workers.join();
    }

    // Keeps the live-connection registry and counters right however a session ends, including when
    // its frame is destroyed without resuming.
    struct ConnectionGuard {
        Impl* impl;
        uint64_t id;
        ~ConnectionGuard() { impl->Unregister(id); }
    };

    // Runs on the control strand.
    void BeginShutdown();
    void Register(const std::shared_ptr<Connection>& connection);
    void Unregister(uint64_t id);

    static asio::awaitable<void> AcceptLoop(Impl* impl);
    static asio::awaitable<void> Session(Impl* impl, std::shared_ptr<Connection> connection);
    static asio::awaitable<Response> RunHandler(std::shared_ptr<const RequestHandler> handler, Request request);
    static asio::awaitable<void> AnswerAndClose(Impl* impl, std::shared_ptr<Connection> connection, Response response);

    std::chrono::seconds WriteTimeout() const {
        return std::chrono::seconds(std::max(options.request_timeout_seconds, kMinWriteTimeoutSeconds));
    }

    const ServerOptions options;
    const std::shared_ptr<const RequestHandler> handler;

    // Declared before the io_context: coroutine frames destroyed with it (after a forced shutdown)
    // still update these.
    std::atomic<int64_t> connections_open{0};
    std::atomic<int64_t> connections_total{0};
    std::atomic<int64_t> connections_rejected{0};
    std::atomic<int64_t> requests_in_flight{0};
    std::atomic<int64_t> timeouts{0};
    std::atomic<bool> shutting_down{false};
    std::atomic<bool> tearing_down{false};
    std::mutex connections_mutex;
    std::unordered_map<uint64_t, std::weak_ptr<Connection>> connections;
    uint64_t next_connection_id = 0;  // control strand only
    bool started = false;

    asio::io_context ioc;
    asio::strand<asio::io_context::executor_type> control;  // acceptor, signals, shutdown
    tcp::acceptor acceptor;
    asio::signal_set signals;
    asio::steady_timer grace_timer;
    // Last, so it is destroyed first: its threads may still post completions to the io_context.
    asio::thread_pool workers;
};

namespace {

struct InFlightGuard {
    std::atomic<int64_t>& counter;
    explicit InFlightGuard(std::atomic<int64_t>& c) : counter(c) { ++counter; }
    ~InFlightGuard() { --counter; }
};

}  // namespace

void Server::Impl::Register(const std::shared_ptr<Connection>& connection) {
    connection->id = ++next_connection_id;
    ++connections_open;
    ++connections_total;
    std::lock_guard lock(connections_mutex);
    connections.emplace(connection->id, connection);
}

void Server::Impl::Unregister(uint64_t id) {
    bool last = false;
    {
        std::lock_guard lock(connections_mutex);
        connections.erase(id);
        last = connections.empty();
    }
    --connections_open;
    if (last && shutting_down && !tearing_down) {
        // The last connection is gone: no need to wait out the grace period.
        asio::post(control, [this] { grace_timer.cancel(); });
    }
}

void Server::Impl::BeginShutdown() {
    if (shutting_down.exchange(true)) return;
    spdlog::info("http: shutting down; finishing requests in flight");
    beast::error_code ec;
    acceptor.close(ec);
    // Removing the signals restores their default action, so a second Ctrl-C ends the process.
    signals.clear(ec);
    signals.cancel(ec);
    std::vector<std::shared_ptr<Connection>> live;
    {
        std::lock_guard lock(connections_mutex);
        live.reserve(connections.size());
        for (auto& [id, weak] : connections) {
            if (auto connection = weak.lock()) live.push_back(std::move(connection));
        }
    }
    for (auto& connection : live) {
        // Busy connections finish their request and close themselves (their answer says
        // Connection: close); idle ones are closed now, on their own strand.
        asio::post(connection->stream.get_executor(), [connection] {
            if (connection->idle) connection->stream.close();
        });
    }
    if (live.empty()) return;
    grace_timer.expires_after(std::chrono::seconds(std::max(0, options.shutdown_grace_seconds)));
    grace_timer.async_wait([this](const beast::error_code& wait_error) {
        if (wait_error) return;  // cancelled: every connection finished in time
        spdlog::warn("http: requests still running after {} s; stopping anyway", options.shutdown_grace_seconds);
        ioc.stop();
    });
}

asio::awaitable<Response> Server::Impl::RunHandler(std::shared_ptr<const RequestHandler> handler, Request request) {
    co_return InvokeHandler(*handler, request);
}

asio::awaitable<void> Server::Impl::AnswerAndClose(
    Impl* impl, std::shared_ptr<Connection> connection, Response response
) {
    beast::error_code ec;
    auto token = asio::redirect_error(asio::use_awaitable, ec);
    BeastResponse out = ToBeast(std::move(response), 11, false);
    connection->stream.expires_after(impl->WriteTimeout());
    co_await bhttp::async_write(connection->stream, out, token);
    if (ec) {
        connection->stream.close();
        co_return;
    }
    connection->stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    connection->stream.expires_after(kLingerTime);
    std::vector<char> scratch(16 * 1024);
    size_t drained = 0;
    while (drained < kLingerMaxBytes) {
        size_t n = co_await connection->stream.async_read_some(asio::buffer(scratch), token);
        if (ec) break;
        drained += n;
    }
    connection->stream.close();
}

asio::awaitable<void> Server::Impl::Session(Impl* impl, std::shared_ptr<Connection> connection) {
    ConnectionGuard guard{impl, connection->id};
    const ServerOptions& options = impl->options;
    beast::tcp_stream& stream = connection->stream;
    beast::flat_buffer& buffer = connection->buffer;
    beast::error_code ec;
    auto token = asio::redirect_error(asio::use_awaitable, ec);

    while (true) {
        if (buffer.size() == 0) {
            // Between requests. Checked and set on this connection's strand, so BeginShutdown's
            // close-if-idle either sees idle or we see shutting_down here.
            if (impl->shutting_down) break;
            if (buffer.capacity() > kKeepBufferBytes) buffer.shrink_to_fit();
            connection->idle = true;
            stream.expires_after(std::chrono::seconds(options.idle_timeout_seconds));
            size_t n = co_await stream.async_read_some(buffer.prepare(kIdleReadBytes), token);
            connection->idle = false;
            if (ec) break;  // the client left, the idle timeout struck, or shutdown closed us
            buffer.commit(n);
        }

        // The whole request, headers and body, must arrive within one deadline: a client that
        // trickles a byte a second is cut off however it spreads its bytes.
        stream.expires_after(std::chrono::seconds(options.request_timeout_seconds));
        bhttp::request_parser<bhttp::string_body> parser;
        parser.header_limit(static_cast<uint32_t>(std::min<size_t>(options.max_header_bytes, UINT32_MAX)));
        // Checked against Content-Length as soon as the headers are in, so a huge upload is refused
        // before any of it is read; chunked bodies are cut off when they pass it.
        // Until the path is known the widest limit applies; the route's own is set below.
        parser.body_limit(std::max(options.max_body_bytes, options.is_upload ? options.max_upload_bytes : 0));
        co_await bhttp::async_read_header(stream, buffer, parser, token);
        // Only HTTP/1.0 and 1.1 are spoken here; anything else (an HTTP/2 preface, "HTTP/9.9") would
        // otherwise be served with guessed keep-alive rules.
        bool bad_version = !ec && parser.get().version() != 10 && parser.get().version() != 11;
        if (!ec && !bad_version) {
            // Upload routes may send more, and more slowly; every other route keeps max_body_bytes.
            std::string_view target = parser.get().target();
            std::string_view path = target.substr(0, target.find('?'));
            bool upload = options.is_upload && options.is_upload(parser.get().method_string(), path);
            size_t limit = upload ? std::max(options.max_body_bytes, options.max_upload_bytes) : options.max_body_bytes;
            if (parser.content_length() && *parser.content_length() > limit) {
                ec = bhttp::error::body_limit;
            } else {
                parser.body_limit(limit);
            }
            if (upload) {
                stream.expires_after(
                    std::chrono::seconds(std::max(options.request_timeout_seconds, options.upload_timeout_seconds))
                );
            }
        }
        if (!ec && !bad_version && !parser.is_done()) {
            if (beast::iequals(parser.get()[bhttp::field::expect], "100-continue")) {
                bhttp::response<bhttp::empty_body> go_on{bhttp::status::continue_, parser.get().version()};
                co_await bhttp::async_write(stream, go_on, token);
            }
            if (!ec) co_await bhttp::async_read(stream, buffer, parser, token);
        }
        if (ec || bad_version) {
            Lang lang = LangFromAcceptLanguage(parser.get()[bhttp::field::accept_language]);
            // GCC 12 destroys non-trivial temporaries of a full-expression containing co_await twice
            // (a double free), so every co_await in this file awaits a named object or a plain call.
            std::optional<Response> refusal;
            if (bad_version) {
                refusal =
                    TransportError(ErrorCode::kBadRequest, {"不支持的 HTTP 版本", "Unsupported HTTP version"}, lang);
            } else if (ec == beast::error::timeout) {
                ++impl->timeouts;  // the stream has closed the socket already
            } else if (ec == bhttp::error::header_limit) {
                refusal =
                    TransportError(ErrorCode::kHeaderTooLarge, {"请求头过大", "Request headers are too large"}, lang);
            } else if (ec == bhttp::error::body_limit) {
                refusal =
                    TransportError(ErrorCode::kPayloadTooLarge, {"请求内容过大", "Request body is too large"}, lang);
            } else if (IsParseError(ec) && ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message) {
                refusal = TransportError(ErrorCode::kBadRequest, {"请求格式错误", "Malformed HTTP request"}, lang);
            }
            if (refusal) {
                asio::awaitable<void> answer = AnswerAndClose(impl, connection, std::move(*refusal));
                co_await std::move(answer);
            }
            break;
        }

        BeastRequest beast_request = parser.release();
        // A WebSocket upgrade goes through the handler like any request (authentication, the route's
        // checks); the route answers 101 with a hub ticket, and the socket is served below.
        bool websocket_upgrade = options.websocket_hub && IsWebSocketUpgrade(beast_request);
        unsigned version = beast_request.version();
        bool head = beast_request.method() == bhttp::verb::head;
        bool keep_alive = beast_request.keep_alive();
        Request request = ToRequest(beast_request, connection->remote_ip);
        std::string request_id = request.request_id;

        Response response;
        {
            InFlightGuard in_flight(impl->requests_in_flight);
            stream.expires_never();  // the handler's time is not the client's
            try {
                asio::awaitable<Response> task = RunHandler(impl->handler, std::move(request));
                auto pool = impl->workers.get_executor();
                asio::awaitable<Response> spawned = asio::co_spawn(pool, std::move(task), asio::use_awaitable);
                response = co_await std::move(spawned);
            } catch (const std::exception& e) {
                spdlog::error("[{}] handler task failed: {}", request_id, e.what());
                response =
                    ErrorResponse(Error(ErrorCode::kInternal, {"服务器内部错误", "Internal server error"}), Lang::kZh);
            }
        }
        if (response.Header("X-Request-Id").empty()) response.SetHeader("X-Request-Id", request_id);
        if (websocket_upgrade && response.status == 101) {
            std::optional<Caller> caller =
                options.websocket_hub->RedeemTicket(std::string(response.Header(kWebSocketTicketHeader)));
            if (caller && !impl->shutting_down) {
                connection->idle = true;  // shutdown closes it as it closes idle connections
                std::shared_ptr<beast::tcp_stream> tcp(connection, &connection->stream);
                asio::awaitable<void> socket_task =
                    ServeWebSocket(tcp, std::move(beast_request), options.websocket_hub, *caller, connection->id);
                co_await std::move(socket_task);
                break;
            }
        }

        // Once shutdown has begun every answer closes its connection.
        keep_alive = keep_alive && !impl->shutting_down;
        std::optional<BeastResponse> out;
        try {
            out.emplace(ToBeast(std::move(response), version, keep_alive));
        } catch (const std::exception& e) {
            spdlog::error("[{}] response could not be serialized: {}", request_id, e.what());
            keep_alive = false;
            out.emplace(ToBeast(
                ErrorResponse(Error(ErrorCode::kInternal, {"服务器内部错误", "Internal server error"}), Lang::kZh),
                version,
                false
            ));
        }
        stream.expires_after(impl->WriteTimeout());
        if (head) {
            // HEAD answers carry the GET's headers (Content-Length included) but no body.
            bhttp::response_serializer<bhttp::string_body> serializer{*out};
            co_await bhttp::async_write_header(stream, serializer, token);
        } else {
            co_await bhttp::async_write(stream, *out, token);
        }
        if (ec) {
            // A client that leaves mid-answer is normal; only a stalled one counts as a timeout.
            if (ec == beast::error::timeout) ++impl->timeouts;
            break;
        }
        if (!keep_alive) break;
    }

    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream.close();
}

asio::awaitable<void> Server::Impl::AcceptLoop(Impl* impl) {
    beast::error_code ec;
    auto token = asio::redirect_error(asio::use_awaitable, ec);
    while (true) {
        auto strand = asio::make_strand(impl->ioc);
        tcp::socket socket = co_await impl->acceptor.async_accept(strand, token);
        if (impl->shutting_down || !impl->acceptor.is_open() || ec == asio::error::operation_aborted) co_return;
        if (ec) {
            // Usually EMFILE: every descriptor is taken. Pause so the loop does not spin at 100 % CPU.
            spdlog::warn("http: accept failed: {}", ec.message());
            asio::steady_timer pause(impl->control, kAcceptRetryDelay);
            co_await pause.async_wait(token);
            continue;
        }
        if (impl->connections_open.load() >= impl->options.max_connections) {
            ++impl->connections_rejected;
            socket.close(ec);
            continue;
        }
        auto connection = std::make_shared<Connection>(std::move(socket));
        beast::error_code option_error;
        tcp::socket& raw = connection->stream.socket();
        raw.set_option(tcp::no_delay(true), option_error);
        auto remote = raw.remote_endpoint(option_error);
        if (!option_error) {
            asio::ip::address address = remote.address();
            // A dual-stack listener sees IPv4 clients as ::ffff:a.b.c.d; logs and limits want a.b.c.d.
            if (address.is_v6() && address.to_v6().is_v4_mapped()) {
                address = asio::ip::make_address_v4(asio::ip::v4_mapped, address.to_v6());
            }
            connection->remote_ip = address.to_string();
        }
        impl->Register(connection);
        asio::co_spawn(connection->stream.get_executor(), Session(impl, connection), kLogFailure);
    }
}

Server::Server(ServerOptions options, RequestHandler handler)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(handler))) {}

Server::~Server() = default;

uint16_t Server::Start() {
    Impl& impl = *impl_;
    if (impl.started) throw std::logic_error("Server::Start() called twice");
    RaiseFileLimit();
    // Writing to a socket the peer has closed must be an error code, not a signal that ends the process.
    ::signal(SIGPIPE, SIG_IGN);

    beast::error_code ec;
    asio::ip::address address = asio::ip::make_address(impl.options.listen_address, ec);
    if (ec) {
        // A name such as "localhost": listen on the first address it resolves to.
        tcp::resolver resolver(impl.ioc);
        auto results = resolver.resolve(impl.options.listen_address, "", ec);
        if (ec || results.empty()) {
            throw std::runtime_error("invalid listen address '" + impl.options.listen_address + "'");
        }
        address = results.begin()->endpoint().address();
    }
    tcp::endpoint endpoint{address, impl.options.port};
    std::string where = impl.options.listen_address + ":" + std::to_string(impl.options.port);
    impl.acceptor.open(endpoint.protocol(), ec);
    if (ec) throw std::runtime_error("cannot open a socket for " + where + ": " + ec.message());
    impl.acceptor.set_option(tcp::acceptor::reuse_address(true), ec);
    impl.acceptor.bind(endpoint, ec);
    if (ec) {
        std::string reason = ec == asio::error::address_in_use ? "the address is already in use" : ec.message();
        beast::error_code ignored;
        impl.acceptor.close(ignored);
        throw std::runtime_error("cannot listen on " + where + ": " + reason);
    }
    impl.acceptor.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) throw std::runtime_error("cannot listen on " + where + ": " + ec.message());
    uint16_t port = impl.acceptor.local_endpoint().port();

    impl.signals.add(SIGINT, ec);
    impl.signals.add(SIGTERM, ec);
    Impl* self = impl_.get();
    impl.signals.async_wait([self](const beast::error_code& wait_error, int signal_number) {
        if (wait_error) return;
        spdlog::info("http: received signal {}", signal_number);
        self->BeginShutdown();
    });
    asio::co_spawn(impl.control, Impl::AcceptLoop(self), kLogFailure);
    impl.started = true;
    return port;
}

void Server::Run() {
    Impl& impl = *impl_;
    if (!impl.started) throw std::logic_error("Server::Run() called before Start()");
    auto run = [&impl] {
        while (true) {
            try {
                impl.ioc.run();
                return;
            } catch (const std::exception& e) {
                spdlog::error("http: I/O thread caught: {}", e.what());
            }
        }
    };
    std::vector<std::thread> threads;
    for (int i = 1; i < impl.options.io_threads; ++i) threads.emplace_back(run);
    run();
    for (auto& t : threads) t.join();
}

void Server::Stop() {
    Impl* self = impl_.get();
    asio::post(self->control, [self] { self->BeginShutdown(); });
}

TransportStats Server::Stats() const {
    TransportStats s;
    s.connections_open = impl_->connections_open.load();
    s.connections_total = impl_->connections_total.load();
    s.connections_rejected = impl_->connections_rejected.load();
    s.requests_in_flight = impl_->requests_in_flight.load();
    s.timeouts = impl_->timeouts.load();
    return s;
}

}  // namespace xieli::http
