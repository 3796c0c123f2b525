#include "http/server.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <future>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>

namespace xieli::http {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

struct Reply {
    int status = 0;
    std::map<std::string, std::string> headers;  // names in lower case
    std::string body;

    std::string Header(const std::string& name) const {
        auto it = headers.find(name);
        return it == headers.end() ? std::string() : it->second;
    }
};

// A plain blocking client socket, so the tests see exactly the bytes the server sends.
class Client {
public:
    explicit Client(uint16_t port) {
        fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(port);
        ::inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
        connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0;
        timeval tv{5, 0};
        ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    }
    ~Client() {
        if (fd_ >= 0) ::close(fd_);
    }
    Client(const Client&) = delete;
    Client& operator=(const Client&) = delete;

    bool connected() const { return connected_; }

    bool Send(std::string_view data) {
        while (!data.empty()) {
            ssize_t n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
            if (n <= 0) return false;
            data.remove_prefix(static_cast<size_t>(n));
        }
        return true;
    }

    // One response: the head, then Content-Length bytes of body (none for a HEAD request).
    std::optional<Reply> Read(bool head_request = false) {
        size_t end;
        while ((end = pending_.find("\r\n\r\n")) == std::string::npos) {
            if (!Fill()) return std::nullopt;
        }
        Reply reply;
        std::string head = pending_.substr(0, end);
        pending_.erase(0, end + 4);
        size_t line_end = head.find("\r\n");
        std::string status_line = head.substr(0, line_end);
        if (status_line.size() < 12 || !status_line.starts_with("HTTP/1.")) return std::nullopt;
        reply.status = std::stoi(status_line.substr(9, 3));
        size_t pos = line_end == std::string::npos ? head.size() : line_end + 2;
        while (pos < head.size()) {
            size_t next = head.find("\r\n", pos);
            if (next == std::string::npos) next = head.size();
            std::string line = head.substr(pos, next - pos);
            size_t colon = line.find(':');
            if (colon != std::string::npos) {
                std::string name = line.substr(0, colon);
                for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
                size_t value_start = line.find_first_not_of(' ', colon + 1);
                reply.headers[name] = value_start == std::string::npos ? "" : line.substr(value_start);
            }
            pos = next + 2;
        }
        size_t length = head_request || reply.Header("content-length").empty()
                            ? 0
                            : static_cast<size_t>(std::stoull(reply.Header("content-length")));
        while (pending_.size() < length) {
            if (!Fill()) return std::nullopt;
        }
        reply.body = pending_.substr(0, length);
        pending_.erase(0, length);
        return reply;
    }

    // True when the server closes (or resets) the connection within the limit. Data that arrives
    // meanwhile is discarded.
    bool ClosedWithin(std::chrono::milliseconds limit) {
        auto deadline = Clock::now() + limit;
        while (true) {
            auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
            if (left <= 0) return false;
            pollfd p{fd_, POLLIN, 0};
            int ready = ::poll(&p, 1, static_cast<int>(left));
            if (ready == 0) return false;
            if (ready < 0) return false;
            char buf[4096];
            ssize_t n = ::recv(fd_, buf, sizeof(buf), 0);
            if (n == 0) return true;
            if (n < 0) return errno == ECONNRESET;
        }
    }

    // Reads whatever has arrived; false when nothing came.
    bool ReadSome() { return Fill(); }

    // Closes with a reset, the way a crashed or impatient client leaves.
    void Abort() {
        linger l{1, 0};
        ::setsockopt(fd_, SOL_SOCKET, SO_LINGER, &l, sizeof(l));
        ::close(fd_);
        fd_ = -1;
    }

private:
    bool Fill() {
        char buf[65536];
        ssize_t n = ::recv(fd_, buf, sizeof(buf), 0);
        if (n <= 0) return false;
        pending_.append(buf, static_cast<size_t>(n));
        return true;
    }

    int fd_ = -1;
    bool connected_ = false;
    std::string pending_;
};

// A Server running on its own thread, stopped and joined when the test ends.
class RunningServer {
public:
    RunningServer(ServerOptions options, RequestHandler handler) : server_(std::move(options), std::move(handler)) {
        port_ = server_.Start();
        thread_ = std::thread([this] {
            server_.Run();
            returned_ = true;
        });
    }
    ~RunningServer() {
        server_.Stop();
        Join();
    }
    void Join() {
        if (thread_.joinable()) thread_.join();
    }
    Server& server() { return server_; }
    uint16_t port() const { return port_; }
    bool returned() const { return returned_; }

    // Waits until a figure reaches a value (the server updates its counters asynchronously).
    bool WaitFor(int64_t TransportStats::*field, int64_t value, std::chrono::milliseconds limit = 2000ms) {
        auto deadline = Clock::now() + limit;
        while (Clock::now() < deadline) {
            if (server_.Stats().*field == value) return true;
            std::this_thread::sleep_for(10ms);
        }
        return false;
    }

private:
    Server server_;
    uint16_t port_ = 0;
    std::atomic<bool> returned_{false};
    std::thread thread_;
};

ServerOptions TestOptions() {
    ServerOptions o;
    o.listen_address = "127.0.0.1";
    o.port = 0;
    o.io_threads = 2;
    o.worker_threads = 2;
    o.shutdown_grace_seconds = 5;
    return o;
}

Response Echo(Request& r) {
    if (r.path == "/boom") throw std::runtime_error("boom");
    if (r.path == "/big") return Response::Text(200, std::string(8 * 1024 * 1024, 'x'));
    return Response::Text(
        200,
        r.method + "|" + r.path + "|" + r.query_string + "|" + std::string(r.Header("x-test")) + "|" + r.remote_ip +
            "|" + r.request_id + "|" + r.body
    );
}

TEST(ServerTest, ServesARequest) {
    RunningServer s(TestOptions(), Echo);
    Client c(s.port());
    ASSERT_TRUE(c.connected());
    ASSERT_TRUE(c.Send(
        "GET /hello%20world/%E5%AE%A2?x=1&y=%20 HTTP/1.1\r\nHost: t\r\nX-TEST: yes\r\nX-Request-Id: trace-42_A\r\n\r\n"
    ));
    auto r = c.Read();
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200);
    EXPECT_EQ(r->body, "GET|/hello world/客|x=1&y=%20|yes|127.0.0.1|trace-42_A|");
    EXPECT_EQ(r->Header("x-request-id"), "trace-42_A");
    EXPECT_EQ(r->Header("content-type"), "text/plain; charset=utf-8");
    EXPECT_EQ(r->Header("content-length"), std::to_string(r->body.size()));
}

TEST(ServerTest, ReplacesUnsafeRequestIds) {
    RunningServer s(TestOptions(), Echo);
    Client c(s.port());
    ASSERT_TRUE(c.Send("GET / HTTP/1.1\r\nHost: t\r\nX-Request-Id: evil id; drop\r\n\r\n"));
    auto r = c.Read();
    ASSERT_TRUE(r);
    std::string id = r->Header("x-request-id");
    EXPECT_EQ(id.size(), 16u);
    EXPECT_EQ(id.find_first_not_of("0123456789abcdef"), std::string::npos) << id;
}

TEST(ServerTest, KeepsTheConnectionAliveAndPipelines) {
    RunningServer s(TestOptions(), Echo);
    Client c(s.port());
    ASSERT_TRUE(c.Send("GET /one HTTP/1.1\r\nHost: t\r\n\r\n"));
    auto first = c.Read();
    ASSERT_TRUE(first);
    EXPECT_EQ(first->status, 200);
    EXPECT_NE(first->Header("connection"), "close");
    // Two more requests in one write: answered in order on the same connection.
    ASSERT_TRUE(
        c.Send("POST /two HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\n\r\nabc"
               "GET /three HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
    );
    auto second = c.Read();
    auto third = c.Read();
    ASSERT_TRUE(second && third);
    EXPECT_TRUE(second->body.starts_with("POST|/two|")) << second->body;
    EXPECT_TRUE(second->body.ends_with("|abc")) << second->body;
    EXPECT_TRUE(third->body.starts_with("GET|/three|")) << third->body;
    EXPECT_EQ(third->Header("connection"), "close");
    EXPECT_TRUE(c.ClosedWithin(2000ms));
    EXPECT_EQ(s.server().Stats().connections_total, 1);
}

TEST(ServerTest, HeadSendsHeadersOnly) {
    RunningServer s(TestOptions(), Echo);
    Client c(s.port());
    ASSERT_TRUE(c.Send("HEAD /page HTTP/1.1\r\nHost: t\r\nX-Request-Id: fixed\r\n\r\n"));
    auto head = c.Read(true);
    ASSERT_TRUE(head);
    EXPECT_EQ(head->status, 200);
    EXPECT_EQ(head->Header("content-length"), std::to_string(std::string("HEAD|/page|||127.0.0.1|fixed|").size()));
    // Had a body been sent, it would now be read as the next response.
    ASSERT_TRUE(c.Send("GET /next HTTP/1.1\r\nHost: t\r\n\r\n"));
    auto next = c.Read();
    ASSERT_TRUE(next);
    EXPECT_EQ(next->status, 200);
    EXPECT_TRUE(next->body.starts_with("GET|/next|")) << next->body;
}

TEST(ServerTest, RefusesABodyOverTheLimitWithoutReadingIt) {
    ServerOptions options = TestOptions();
    options.max_body_bytes = 1024;
    std::atomic<int> calls{0};
    RunningServer s(options, [&calls](Request& r) {
        ++calls;
        return Echo(r);
    });
    {
        Client c(s.port());
        ASSERT_TRUE(c.Send("POST /upload HTTP/1.1\r\nHost: t\r\nContent-Length: 1000000000\r\n\r\n"));
        auto r = c.Read();
        ASSERT_TRUE(r);
        EXPECT_EQ(r->status, 413);
        EXPECT_NE(r->body.find("\"payload_too_large\""), std::string::npos) << r->body;
        EXPECT_EQ(r->Header("connection"), "close");
        EXPECT_TRUE(c.ClosedWithin(3000ms));
    }
    {
        // A chunked body has no length up front; it is cut off when it passes the limit.
        Client c(s.port());
        ASSERT_TRUE(c.Send(
            "POST /upload HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n800\r\n" + std::string(2048, 'x') +
            "\r\n0\r\n\r\n"
        ));
        auto r = c.Read();
        ASSERT_TRUE(r);
        EXPECT_EQ(r->status, 413);
    }
    {
        Client c(s.port());
        ASSERT_TRUE(c.Send("POST /fits HTTP/1.1\r\nHost: t\r\nContent-Length: 1024\r\n\r\n" + std::string(1024, 'y')));
        auto r = c.Read();
        ASSERT_TRUE(r);
        EXPECT_EQ(r->status, 200);
    }
    EXPECT_EQ(calls.load(), 1);
}

TEST(ServerTest, RefusesHugeHeaders) {
    ServerOptions options = TestOptions();
    options.max_header_bytes = 4096;
    RunningServer s(options, Echo);
    Client c(s.port());
    ASSERT_TRUE(c.Send("GET / HTTP/1.1\r\nHost: t\r\nX-Big: " + std::string(64 * 1024, 'a') + "\r\n\r\n"));
    auto r = c.Read();
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 431);
    EXPECT_NE(r->body.find("\"header_too_large\""), std::string::npos) << r->body;
    EXPECT_TRUE(c.ClosedWithin(3000ms));

    Client ok(s.port());
    ASSERT_TRUE(ok.Send("GET / HTTP/1.1\r\nHost: t\r\nX-Fine: " + std::string(2000, 'a') + "\r\n\r\n"));
    auto fine = ok.Read();
    ASSERT_TRUE(fine);
    EXPECT_EQ(fine->status, 200);
}

TEST(ServerTest, AnswersGarbageWith400AndKeepsServing) {
    RunningServer s(TestOptions(), Echo);
    {
        Client c(s.port());
        ASSERT_TRUE(c.Send(std::string("\x16\x03\x01\x02\x00\x01\x00 garbage\r\n\r\n", 19)));
        auto r = c.Read();
        ASSERT_TRUE(r);
        EXPECT_EQ(r->status, 400);
        EXPECT_NE(r->body.find("\"bad_request\""), std::string::npos) << r->body;
        EXPECT_TRUE(c.ClosedWithin(3000ms));
    }
    {
        // Only HTTP/1.0 and 1.1: an HTTP/2 preface is not served with guessed rules.
        Client c(s.port());
        ASSERT_TRUE(c.Send("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"));
        auto r = c.Read();
        ASSERT_TRUE(r);
        EXPECT_EQ(r->status, 400);
        EXPECT_TRUE(c.ClosedWithin(3000ms));
    }
    Client c(s.port());
    ASSERT_TRUE(c.Send("GET / HTTP/1.1\r\nHost: t\r\n\r\n"));
    auto r = c.Read();
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200);
}

TEST(ServerTest, TurnsAHandlerExceptionInto500) {
    RunningServer s(TestOptions(), Echo);
    Client c(s.port());
    ASSERT_TRUE(c.Send("GET /boom HTTP/1.1\r\nHost: t\r\nAccept-Language: en\r\n\r\n"));
    auto r = c.Read();
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 500);
    EXPECT_NE(r->body.find("\"internal_error\""), std::string::npos) << r->body;
    EXPECT_NE(r->body.find("Internal server error"), std::string::npos) << r->body;
    ASSERT_TRUE(c.Send("GET /after HTTP/1.1\r\nHost: t\r\n\r\n"));
    auto after = c.Read();
    ASSERT_TRUE(after);
    EXPECT_EQ(after->status, 200);
}

TEST(ServerTest, DropsAClientThatSendsTooSlowly) {
    ServerOptions options = TestOptions();
    options.request_timeout_seconds = 1;
    RunningServer s(options, Echo);
    Client c(s.port());
    auto started = Clock::now();
    ASSERT_TRUE(c.Send("GET / HTTP/1.1\r\nHost: t\r\nX-Slow: "));
    bool closed = false;
    // Ten bytes a second: the connection is never silent, yet the request never completes in time.
    while (!closed && Clock::now() - started < 4s) {
        closed = !c.Send("a") || c.ClosedWithin(100ms);
    }
    auto elapsed = Clock::now() - started;
    EXPECT_TRUE(closed);
    EXPECT_GE(elapsed, 900ms);
    EXPECT_LT(elapsed, 3s);
    EXPECT_TRUE(s.WaitFor(&TransportStats::timeouts, 1));
}

TEST(ServerTest, ClosesIdleConnections) {
    ServerOptions options = TestOptions();
    options.idle_timeout_seconds = 1;
    RunningServer s(options, Echo);
    Client c(s.port());
    ASSERT_TRUE(c.Send("GET / HTTP/1.1\r\nHost: t\r\n\r\n"));
    ASSERT_TRUE(c.Read());
    auto started = Clock::now();
    EXPECT_TRUE(c.ClosedWithin(3000ms));
    EXPECT_GE(Clock::now() - started, 900ms);
    EXPECT_TRUE(s.WaitFor(&TransportStats::connections_open, 0));
}

TEST(ServerTest, SurvivesAClientThatLeavesMidResponse) {
    RunningServer s(TestOptions(), Echo);
    for (int i = 0; i < 3; ++i) {
        Client c(s.port());
        ASSERT_TRUE(c.Send("GET /big HTTP/1.1\r\nHost: t\r\n\r\n"));
        ASSERT_TRUE(c.ReadSome());  // the answer has started: leave in the middle of it
        c.Abort();
    }
    Client c(s.port());
    ASSERT_TRUE(c.Send("GET /still-here HTTP/1.1\r\nHost: t\r\n\r\n"));
    auto r = c.Read();
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200);
    ASSERT_TRUE(c.Send("GET / HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"));
    ASSERT_TRUE(c.Read());
    EXPECT_TRUE(s.WaitFor(&TransportStats::connections_open, 0, 3000ms));
}

TEST(ServerTest, RejectsConnectionsBeyondTheLimit) {
    ServerOptions options = TestOptions();
    options.max_connections = 2;
    RunningServer s(options, Echo);
    Client a(s.port());
    Client b(s.port());
    for (Client* c : {&a, &b}) {
        ASSERT_TRUE(c->Send("GET / HTTP/1.1\r\nHost: t\r\n\r\n"));
        ASSERT_TRUE(c->Read());
    }
    Client extra(s.port());
    EXPECT_TRUE(extra.ClosedWithin(2000ms));
    EXPECT_EQ(s.server().Stats().connections_rejected, 1);
    ASSERT_TRUE(a.Send("GET / HTTP/1.1\r\nHost: t\r\n\r\n"));
    auto r = a.Read();
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200);
}

TEST(ServerTest, StartFailsReadablyWhenThePortIsTaken) {
    RunningServer first(TestOptions(), Echo);
    ServerOptions options = TestOptions();
    options.port = first.port();
    Server second(options, Echo);
    try {
        second.Start();
        FAIL() << "Start() should have thrown";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("already in use"), std::string::npos) << e.what();
    }
}

TEST(ServerTest, StopFinishesRequestsInFlightBeforeRunReturns) {
    std::atomic<bool> handler_started{false};
    std::atomic<bool> handler_finished{false};
    RunningServer s(TestOptions(), [&](Request& r) {
        if (r.path == "/slow") {
            handler_started = true;
            std::this_thread::sleep_for(800ms);
            handler_finished = true;
            return Response::Text(200, "done");
        }
        return Echo(r);
    });
    Client idle(s.port());
    ASSERT_TRUE(idle.Send("GET / HTTP/1.1\r\nHost: t\r\n\r\n"));
    ASSERT_TRUE(idle.Read());
    Client busy(s.port());
    ASSERT_TRUE(busy.Send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n"));
    auto deadline = Clock::now() + 2s;
    while (!handler_started && Clock::now() < deadline) std::this_thread::sleep_for(5ms);
    ASSERT_TRUE(handler_started);

    s.server().Stop();
    EXPECT_TRUE(idle.ClosedWithin(500ms));  // idle connections are closed at once
    EXPECT_FALSE(s.returned());             // while the slow request is still running
    EXPECT_EQ(s.server().Stats().requests_in_flight, 1);

    auto r = busy.Read();
    ASSERT_TRUE(r);
    EXPECT_TRUE(handler_finished);
    EXPECT_EQ(r->status, 200);
    EXPECT_EQ(r->body, "done");
    EXPECT_EQ(r->Header("connection"), "close");
    auto stop_started = Clock::now();
    s.Join();
    EXPECT_TRUE(s.returned());
    EXPECT_LT(Clock::now() - stop_started, 2s);
    // New connections are refused once shutdown has begun.
    Client late(s.port());
    EXPECT_FALSE(late.connected());
}

TEST(ServerTest, StopBeforeRunMakesRunReturn) {
    Server server(TestOptions(), Echo);
    server.Start();
    server.Stop();
    auto done = std::async(std::launch::async, [&server] { server.Run(); });
    EXPECT_EQ(done.wait_for(3s), std::future_status::ready);
}

}  // namespace
}  // namespace xieli::http
