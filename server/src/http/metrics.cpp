#include "http/metrics.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <sstream>

namespace xieli::http {

namespace {

std::string_view NormalizeMethod(std::string_view method) {
    static constexpr std::string_view kKnown[] = {
        "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "CONNECT", "TRACE"};
    for (std::string_view known : kKnown) {
        if (method == known) return known;
    }
    return "OTHER";
}

// Prometheus spells the special values its own way; everything else in the shortest exact form.
std::string FormatValue(double v) {
    if (std::isnan(v)) return "NaN";
    if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
    return fmt::format("{}", v);
}

std::string EscapeHelp(std::string_view help) {
    std::string out;
    out.reserve(help.size());
    for (char c : help) {
        if (c == '\\') {
            out += "\\\\";
        } else if (c == '\n') {
            out += "\\n";
        } else {
            out += c;
        }
    }
    return out;
}

std::string SanitizeName(std::string_view name) {
    std::string out(name);
    for (size_t i = 0; i < out.size(); ++i) {
        char c = out[i];
        bool ok =
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':' || (i > 0 && c >= '0' && c <= '9');
        if (!ok) out[i] = '_';
    }
    if (out.empty()) out.push_back('_');  // not out = "_": GCC 12 -Wrestrict false positive at -O2+
    return out;
}

void AppendHeader(std::string& out, std::string_view name, std::string_view help, std::string_view type) {
    fmt::format_to(std::back_inserter(out), "# HELP {} {}\n# TYPE {} {}\n", name, EscapeHelp(help), name, type);
}

double ResidentMemoryBytes() {
    std::ifstream statm("/proc/self/statm");
    uint64_t size_pages = 0;
    uint64_t resident_pages = 0;
    if (!(statm >> size_pages >> resident_pages)) return 0;
    return static_cast<double>(resident_pages) * static_cast<double>(sysconf(_SC_PAGESIZE));
}

// The process start in Unix seconds: boot time (/proc/stat btime) plus the process's start tick
// (/proc/self/stat field 22). Falls back to "now" where /proc is not available.
double ProcessStartTimeSeconds() {
    double now = std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
    std::ifstream stat_file("/proc/self/stat");
    std::string stat((std::istreambuf_iterator<char>(stat_file)), std::istreambuf_iterator<char>());
    // The command name (field 2) may contain spaces; fields after it are counted from the last ')'.
    size_t paren = stat.rfind(')');
    if (paren == std::string::npos) return now;
    std::istringstream fields(stat.substr(paren + 1));
    std::string field;
    unsigned long long start_ticks = 0;
    for (int index = 3; fields >> field; ++index) {
        if (index == 22) {
            start_ticks = std::strtoull(field.c_str(), nullptr, 10);
            break;
        }
    }
    std::ifstream proc_stat("/proc/stat");
    std::string key;
    unsigned long long boot_time = 0;
    while (proc_stat >> key) {
        if (key == "btime") {
            proc_stat >> boot_time;
            break;
        }
    }
    long ticks_per_second = sysconf(_SC_CLK_TCK);
    if (boot_time == 0 || start_ticks == 0 || ticks_per_second <= 0) return now;
    return static_cast<double>(boot_time) + static_cast<double>(start_ticks) / static_cast<double>(ticks_per_second);
}

}  // namespace

std::string EscapeLabelValue(std::string_view value) {
    std::string out;
    out.reserve(value.size());
    for (char c : value) {
        if (c == '\\') {
            out += "\\\\";
        } else if (c == '"') {
            out += "\\\"";
        } else if (c == '\n') {
            out += "\\n";
        } else {
            out += c;
        }
    }
    return out;
}

Metrics::Metrics() : start_time_seconds_(ProcessStartTimeSeconds()) {}

void Metrics::RecordRequest(std::string_view route, std::string_view method, int status, double seconds) {
    std::string_view normalized = NormalizeMethod(method);
    size_t bucket = static_cast<size_t>(std::lower_bound(kBuckets.begin(), kBuckets.end(), seconds) - kBuckets.begin());
    std::lock_guard lock(mutex_);
    // Lookups use views so the hot path allocates only the first time a series appears.
    auto counter = counters_.find(KeyLess::View{route, normalized, status});
    if (counter == counters_.end()) {
        counter = counters_.emplace(CounterKey{std::string(route), std::string(normalized), status}, 0).first;
    }
    ++counter->second;
    auto histogram = durations_.find(route);
    if (histogram == durations_.end()) histogram = durations_.emplace(std::string(route), Histogram{}).first;
    ++histogram->second.counts[bucket];
    histogram->second.sum += seconds;
    ++histogram->second.count;
}

std::string Metrics::Render(const std::vector<Gauge>& extra) const {
    std::string out;
    auto sink = std::back_inserter(out);
    {
        std::lock_guard lock(mutex_);
        out.reserve(256 + counters_.size() * 96 + durations_.size() * 1600);
        AppendHeader(
            out, "xieli_http_requests_total", "HTTP requests answered, by route, method and status.", "counter"
        );
        for (const auto& [key, count] : counters_) {
            fmt::format_to(
                sink,
                "xieli_http_requests_total{{route=\"{}\",method=\"{}\",status=\"{}\"}} {}\n",
                EscapeLabelValue(key.route),
                EscapeLabelValue(key.method),
                key.status,
                count
            );
        }
        AppendHeader(
            out, "xieli_http_request_duration_seconds", "Time to answer HTTP requests, by route.", "histogram"
        );
        for (const auto& [route, histogram] : durations_) {
            std::string label = EscapeLabelValue(route);
            uint64_t cumulative = 0;
            for (size_t i = 0; i < kBuckets.size(); ++i) {
                cumulative += histogram.counts[i];
                fmt::format_to(
                    sink,
                    "xieli_http_request_duration_seconds_bucket{{route=\"{}\",le=\"{}\"}} {}\n",
                    label,
                    FormatValue(kBuckets[i]),
                    cumulative
                );
            }
            cumulative += histogram.counts[kBuckets.size()];
            fmt::format_to(
                sink, "xieli_http_request_duration_seconds_bucket{{route=\"{}\",le=\"+Inf\"}} {}\n", label, cumulative
            );
            fmt::format_to(
                sink, "xieli_http_request_duration_seconds_sum{{route=\"{}\"}} {}\n", label, FormatValue(histogram.sum)
            );
            fmt::format_to(
                sink, "xieli_http_request_duration_seconds_count{{route=\"{}\"}} {}\n", label, histogram.count
            );
        }
    }
    AppendHeader(out, "xieli_process_resident_memory_bytes", "Resident memory size in bytes.", "gauge");
    fmt::format_to(sink, "xieli_process_resident_memory_bytes {}\n", FormatValue(ResidentMemoryBytes()));
    AppendHeader(
        out, "xieli_process_start_time_seconds", "Start time of the process since the Unix epoch, in seconds.", "gauge"
    );
    fmt::format_to(sink, "xieli_process_start_time_seconds {}\n", FormatValue(start_time_seconds_));
    for (const Gauge& gauge : extra) {
        std::string name = SanitizeName(gauge.name);
        AppendHeader(out, name, gauge.help, "gauge");
        fmt::format_to(sink, "{} {}\n", name, FormatValue(gauge.value));
    }
    return out;
}

}  // namespace xieli::http
