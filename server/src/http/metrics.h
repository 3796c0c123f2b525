#pragma once

// Request counters and latency histograms in the Prometheus text format (0.0.4), for GET /metrics.
// Transport-free: the dispatcher's observer feeds it, the app renders it with its own gauges.

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace xieli::http {

// A point-in-time figure the app adds to the exposition (database pool, transport counters …).
struct Gauge {
    std::string name;  // a Prometheus metric name; invalid characters become '_'
    std::string help;
    double value = 0;
};

class Metrics {
public:
    // Upper bounds of the latency buckets, in seconds; +Inf is implicit.
    static constexpr std::array<double, 13> kBuckets = {
        0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    Metrics();

    // Called once per answered request, from any thread. `route` is the matched pattern (never the
    // raw path, which would give one series per record id); unknown methods are counted as OTHER
    // so a client cannot create series at will.
    void RecordRequest(std::string_view route, std::string_view method, int status, double seconds);

    std::string Render(const std::vector<Gauge>& extra) const;

private:
    struct CounterKey {
        std::string route;
        std::string method;
        int status = 0;
    };
    struct KeyLess {
        using is_transparent = void;
        using View = std::tuple<std::string_view, std::string_view, int>;
        static View AsView(const CounterKey& k) { return {k.route, k.method, k.status}; }
        static View AsView(const View& v) { return v; }
        template <class A, class B>
        bool operator()(const A& a, const B& b) const {
            return AsView(a) < AsView(b);
        }
    };
    struct Histogram {
        std::array<uint64_t, kBuckets.size() + 1> counts{};  // per bucket, not cumulative; last is +Inf
        double sum = 0;
        uint64_t count = 0;
    };

    mutable std::mutex mutex_;
    std::map<CounterKey, uint64_t, KeyLess> counters_;
    std::map<std::string, Histogram, std::less<>> durations_;
    double start_time_seconds_;
};

// Escapes a label value for the exposition format: backslash, double quote and newline.
std::string EscapeLabelValue(std::string_view value);

}  // namespace xieli::http
