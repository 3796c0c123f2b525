#include "http/metrics.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace xieli::http {
namespace {

std::vector<std::string> Lines(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

bool HasLine(const std::string& text, const std::string& line) {
    for (const auto& l : Lines(text)) {
        if (l == line) return true;
    }
    return false;
}

// The value of a series ("name{labels}"), or nullopt when the exposition has no such line.
std::optional<std::string> ValueOf(const std::string& text, const std::string& series) {
    for (const auto& l : Lines(text)) {
        if (l.size() > series.size() && l.starts_with(series) && l[series.size()] == ' ') {
            return l.substr(series.size() + 1);
        }
    }
    return std::nullopt;
}

bool IsNameChar(char c, bool first) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':' || (!first && c >= '0' && c <= '9');
}

// Reads a metric or label name at pos; false when there is none.
bool ReadName(std::string_view line, size_t& pos) {
    size_t start = pos;
    while (pos < line.size() && IsNameChar(line[pos], pos == start)) ++pos;
    return pos > start;
}

bool IsNumber(std::string_view s) {
    if (s == "+Inf" || s == "-Inf" || s == "NaN") return true;
    if (s.empty()) return false;
    std::string copy(s);
    char* end = nullptr;
    std::strtod(copy.c_str(), &end);
    return end == copy.c_str() + copy.size();
}

// A sample line of the text format 0.0.4: name, optional {label="value",…} with escaped values, a
// space, a number. (No std::regex: GCC 12 warns inside it at -O1 and above, which -Werror turns
// into a build failure.)
bool IsValidSample(std::string_view line) {
    size_t pos = 0;
    if (!ReadName(line, pos)) return false;
    if (pos < line.size() && line[pos] == '{') {
        ++pos;
        while (pos < line.size() && line[pos] != '}') {
            if (!ReadName(line, pos)) return false;
            if (line.substr(pos, 2) != "=\"") return false;
            pos += 2;
            while (pos < line.size() && line[pos] != '"') {
                if (line[pos] == '\n') return false;
                if (line[pos] == '\\') {
                    if (pos + 1 >= line.size()) return false;
                    char escaped = line[pos + 1];
                    if (escaped != '\\' && escaped != '"' && escaped != 'n') return false;
                    ++pos;
                }
                ++pos;
            }
            if (pos >= line.size()) return false;
            ++pos;  // closing quote
            if (pos < line.size() && line[pos] == ',') ++pos;
        }
        if (pos >= line.size()) return false;
        ++pos;  // closing brace
    }
    if (pos >= line.size() || line[pos] != ' ') return false;
    return IsNumber(line.substr(pos + 1));
}

bool IsValidComment(std::string_view line) {
    if (!line.starts_with("# HELP ") && !line.starts_with("# TYPE ")) return false;
    size_t pos = 7;
    return ReadName(line, pos) && pos < line.size() && line[pos] == ' ';
}

TEST(MetricsTest, CountsRequestsByRouteMethodAndStatus) {
    Metrics metrics;
    metrics.RecordRequest("/api/v1/me", "GET", 200, 0.002);
    metrics.RecordRequest("/api/v1/me", "GET", 200, 0.004);
    metrics.RecordRequest("/api/v1/me", "GET", 401, 0.001);
    metrics.RecordRequest("/api/v1/objects/{object}/records", "POST", 201, 0.03);
    std::string out = metrics.Render({});
    EXPECT_TRUE(HasLine(out, "# TYPE xieli_http_requests_total counter")) << out;
    EXPECT_TRUE(HasLine(out, R"(xieli_http_requests_total{route="/api/v1/me",method="GET",status="200"} 2)")) << out;
    EXPECT_TRUE(HasLine(out, R"(xieli_http_requests_total{route="/api/v1/me",method="GET",status="401"} 1)")) << out;
    EXPECT_TRUE(HasLine(
        out, R"(xieli_http_requests_total{route="/api/v1/objects/{object}/records",method="POST",status="201"} 1)"
    )) << out;
}

TEST(MetricsTest, EveryLineIsValidExpositionFormat) {
    Metrics metrics;
    metrics.RecordRequest("/a", "GET", 200, 0.5);
    metrics.RecordRequest("weird \"route\"\\\nx", "PATCH", 500, 1.5);
    std::string out = metrics.Render({{"xieli_db_pool_in_use", "Connections in use.", 3}});
    ASSERT_FALSE(out.empty());
    EXPECT_EQ(out.back(), '\n');
    for (const auto& line : Lines(out)) {
        EXPECT_TRUE(IsValidSample(line) || IsValidComment(line)) << "bad line: " << line;
    }
    EXPECT_TRUE(IsValidSample(R"(a_b{route="x\"y\\z\n",le="+Inf"} 3)"));
    EXPECT_FALSE(IsValidSample(R"(a{route="x"y"} 3)"));
    EXPECT_FALSE(IsValidSample("a 3 4"));
    EXPECT_TRUE(HasLine(out, "# TYPE xieli_process_resident_memory_bytes gauge"));
    EXPECT_TRUE(HasLine(out, "# TYPE xieli_process_start_time_seconds gauge"));
    EXPECT_TRUE(HasLine(out, "# HELP xieli_db_pool_in_use Connections in use."));
    EXPECT_TRUE(HasLine(out, "xieli_db_pool_in_use 3"));
}

TEST(MetricsTest, EscapesLabelValues) {
    EXPECT_EQ(EscapeLabelValue(R"(a"b\c)"), R"(a\"b\\c)");
    EXPECT_EQ(EscapeLabelValue("line\nbreak"), "line\\nbreak");
    Metrics metrics;
    metrics.RecordRequest("say \"hi\"\n\\", "GET", 200, 0.001);
    std::string out = metrics.Render({});
    EXPECT_NE(out.find(R"(route="say \"hi\"\n\\",method="GET")"), std::string::npos) << out;
}

TEST(MetricsTest, HistogramBucketsAreCumulative) {
    Metrics metrics;
    for (double s : {0.0005, 0.001, 0.003, 0.2, 0.2, 20.0}) metrics.RecordRequest("/r", "GET", 200, s);
    std::string out = metrics.Render({});
    auto bucket = [](const std::string& le, int n) {
        return "xieli_http_request_duration_seconds_bucket{route=\"/r\",le=\"" + le + "\"} " + std::to_string(n);
    };
    EXPECT_TRUE(HasLine(out, "# TYPE xieli_http_request_duration_seconds histogram"));
    EXPECT_TRUE(HasLine(out, bucket("0.001", 2))) << out;  // le is inclusive
    EXPECT_TRUE(HasLine(out, bucket("0.0025", 2))) << out;
    EXPECT_TRUE(HasLine(out, bucket("0.005", 3))) << out;
    EXPECT_TRUE(HasLine(out, bucket("0.1", 3))) << out;
    EXPECT_TRUE(HasLine(out, bucket("0.25", 5))) << out;
    EXPECT_TRUE(HasLine(out, bucket("10", 5))) << out;
    EXPECT_TRUE(HasLine(out, bucket("+Inf", 6))) << out;
    EXPECT_TRUE(HasLine(out, "xieli_http_request_duration_seconds_count{route=\"/r\"} 6")) << out;
    // Bucket counts never decrease along the le order.
    const std::string prefix = "xieli_http_request_duration_seconds_bucket{route=\"/r\",le=\"";
    long previous = -1;
    int buckets = 0;
    for (const auto& line : Lines(out)) {
        if (!line.starts_with(prefix)) continue;
        long value = std::stol(line.substr(line.rfind(' ') + 1));
        EXPECT_GE(value, previous) << line;
        previous = value;
        ++buckets;
    }
    EXPECT_EQ(buckets, 14);
    auto sum = ValueOf(out, "xieli_http_request_duration_seconds_sum{route=\"/r\"}");
    ASSERT_TRUE(sum);
    EXPECT_NEAR(std::stod(*sum), 20.4045, 1e-9);
}

TEST(MetricsTest, UnknownMethodsShareOneSeries) {
    Metrics metrics;
    metrics.RecordRequest("(not found)", "BREW", 404, 0.001);
    metrics.RecordRequest("(not found)", "X-ANYTHING", 404, 0.001);
    std::string out = metrics.Render({});
    EXPECT_TRUE(HasLine(out, R"x(xieli_http_requests_total{route="(not found)",method="OTHER",status="404"} 2)x"))
        << out;
    EXPECT_EQ(out.find("BREW"), std::string::npos);
}

TEST(MetricsTest, ProcessGaugesAndExtraGauges) {
    Metrics metrics;
    std::string out = metrics.Render({{"bad name-1", "help with\nnewline", 1.5}});
    auto resident = ValueOf(out, "xieli_process_resident_memory_bytes");
    ASSERT_TRUE(resident);
    EXPECT_GT(std::stod(*resident), 1024.0 * 1024.0);
    auto start_time = ValueOf(out, "xieli_process_start_time_seconds");
    ASSERT_TRUE(start_time);
    double start = std::stod(*start_time);
    EXPECT_GT(start, 1.6e9);  // after 2020
    EXPECT_LT(start, static_cast<double>(time(nullptr)) + 5);
    EXPECT_TRUE(HasLine(out, "# HELP bad_name_1 help with\\nnewline")) << out;
    EXPECT_TRUE(HasLine(out, "bad_name_1 1.5")) << out;
}

}  // namespace
}  // namespace xieli::http
