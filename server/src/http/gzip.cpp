#include "http/gzip.h"

#include <zlib.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <limits>
#include <stdexcept>

namespace xieli::http {

namespace {

// windowBits above 15 asks zlib for a gzip header and trailer instead of the zlib ones.
constexpr int kGzipWindowBits = 15 + 16;
constexpr int kMemLevel = 8;

std::string_view Trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
               return lower(x) == lower(y);
           });
}

// The q value of one Accept-Encoding element's parameters; 1 when absent, 0 when unreadable (a
// client that garbles its preferences gets the safe identity encoding).
double QValue(std::string_view params) {
    while (!params.empty()) {
        size_t semi = params.find(';');
        std::string_view param = Trim(params.substr(0, semi));
        size_t eq = param.find('=');
        if (eq != std::string_view::npos && EqualsIgnoreCase(Trim(param.substr(0, eq)), "q")) {
            std::string_view value = Trim(param.substr(eq + 1));
            double q = 0;
            auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), q);
            if (ec != std::errc() || ptr != value.data() + value.size()) return 0;
            return q;
        }
        if (semi == std::string_view::npos) break;
        params.remove_prefix(semi + 1);
    }
    return 1;
}

}  // namespace

std::string GzipCompress(std::string_view data, int level) {
    z_stream zs{};
    if (deflateInit2(&zs, level, Z_DEFLATED, kGzipWindowBits, kMemLevel, Z_DEFAULT_STRATEGY) != Z_OK) {
        throw std::runtime_error("gzip: deflateInit2 failed");
    }
    std::string out;
    out.resize(
        deflateBound(&zs, static_cast<uLong>(std::min<size_t>(data.size(), std::numeric_limits<uLong>::max()))) + 32
    );
    size_t produced = 0;
    const auto* next_in = reinterpret_cast<const Bytef*>(data.data());
    size_t remaining_in = data.size();
    int rc = Z_OK;
    // avail_in and avail_out are 32-bit, so feed and drain in slices; one pass for any normal file.
    constexpr size_t kSlice = std::numeric_limits<uInt>::max();
    while (rc != Z_STREAM_END) {
        if (zs.avail_in == 0 && remaining_in > 0) {
            size_t n = std::min(remaining_in, kSlice);
            zs.next_in = const_cast<Bytef*>(next_in);
            zs.avail_in = static_cast<uInt>(n);
            next_in += n;
            remaining_in -= n;
        }
        if (produced == out.size()) out.resize(out.size() * 2);
        size_t room = std::min(out.size() - produced, kSlice);
        zs.next_out = reinterpret_cast<Bytef*>(out.data() + produced);
        zs.avail_out = static_cast<uInt>(room);
        rc = deflate(&zs, remaining_in == 0 ? Z_FINISH : Z_NO_FLUSH);
        produced += room - zs.avail_out;
        if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR) {
            deflateEnd(&zs);
            throw std::runtime_error("gzip: deflate failed");
        }
    }
    deflateEnd(&zs);
    out.resize(produced);
    return out;
}

bool AcceptsGzip(std::string_view accept_encoding) {
    bool gzip_named = false;
    bool gzip_ok = false;
    bool star_ok = false;
    std::string_view rest = accept_encoding;
    while (!rest.empty()) {
        size_t comma = rest.find(',');
        std::string_view item = Trim(rest.substr(0, comma));
        size_t semi = item.find(';');
        std::string_view coding = Trim(item.substr(0, semi));
        double q = semi == std::string_view::npos ? 1 : QValue(item.substr(semi + 1));
        if (EqualsIgnoreCase(coding, "gzip") || EqualsIgnoreCase(coding, "x-gzip")) {
            gzip_named = true;
            gzip_ok = q > 0;
        } else if (coding == "*") {
            star_ok = q > 0;
        }
        if (comma == std::string_view::npos) break;
        rest.remove_prefix(comma + 1);
    }
    return gzip_named ? gzip_ok : star_ok;
}

}  // namespace xieli::http
