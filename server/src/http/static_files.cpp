#include "http/static_files.h"

#include <sodium.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>

#include <array>
#include <climits>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string_view>

#include "common/error.h"
#include "http/gzip.h"

namespace xieli::http {

namespace {

// Smaller files gain nothing from gzip once headers and the gzip frame are counted.
constexpr size_t kGzipMinBytes = 1024;
constexpr std::string_view kImmutable = "public, max-age=31536000, immutable";
constexpr std::string_view kRevalidate = "no-cache";

struct TypeInfo {
    std::string_view extension;
    std::string_view content_type;
    bool compressible;
};

constexpr std::array<TypeInfo, 18> kTypes = {{
    {"html", "text/html; charset=utf-8", true},
    {"js", "text/javascript; charset=utf-8", true},
    {"mjs", "text/javascript; charset=utf-8", true},
    {"css", "text/css; charset=utf-8", true},
    {"json", "application/json; charset=utf-8", true},
    {"svg", "image/svg+xml", true},
    {"png", "image/png", false},
    {"jpg", "image/jpeg", false},
    {"jpeg", "image/jpeg", false},
    {"gif", "image/gif", false},
    {"webp", "image/webp", false},
    {"ico", "image/x-icon", false},
    {"woff", "font/woff", false},
    {"woff2", "font/woff2", false},
    {"ttf", "font/ttf", false},
    {"txt", "text/plain; charset=utf-8", true},
    {"map", "application/json; charset=utf-8", true},
    {"wasm", "application/wasm", false},
}};

char Lower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// The extension of the last path segment, without the dot; empty when there is none. A leading
// dot (".well-known") names a hidden file, not an extension.
std::string_view Extension(std::string_view path) {
    size_t slash = path.rfind('/');
    std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
    size_t dot = name.rfind('.');
    if (dot == std::string_view::npos || dot == 0) return {};
    return name.substr(dot + 1);
}

const TypeInfo* FindType(std::string_view file_name) {
    std::string_view ext = Extension(file_name);
    for (const TypeInfo& t : kTypes) {
        if (t.extension.size() != ext.size()) continue;
        bool same = true;
        for (size_t i = 0; i < ext.size() && same; ++i) same = Lower(ext[i]) == t.extension[i];
        if (same) return &t;
    }
    return nullptr;
}

// The canonical absolute path with every symlink resolved, or empty when it does not exist.
std::string RealPath(const std::string& path) {
    char buffer[PATH_MAX];
    if (::realpath(path.c_str(), buffer) == nullptr) return {};
    return buffer;
}

bool IsRegularFile(const std::string& path, struct stat* out = nullptr) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return false;
    if (out != nullptr) *out = st;
    return true;
}

bool IsWithin(std::string_view path, std::string_view root) {
    if (root == "/") return true;
    return path.size() > root.size() && path.starts_with(root) && path[root.size()] == '/';
}

// Joins the request path's segments into a relative path; false for anything that could step out
// of the root or that no real file name contains. Empty and "." segments are dropped.
bool RelativePath(std::string_view path, std::string& out) {
    if (path.empty() || path.front() != '/') return false;
    if (path.find('\0') != std::string_view::npos || path.find('\\') != std::string_view::npos) return false;
    out.clear();
    std::string_view rest = path.substr(1);
    while (true) {
        size_t slash = rest.find('/');
        std::string_view segment = rest.substr(0, slash);
        if (segment == "..") return false;
        if (!segment.empty() && segment != ".") {
            if (!out.empty()) out += '/';
            out += segment;
        }
        if (slash == std::string_view::npos) break;
        rest.remove_prefix(slash + 1);
    }
    if (out.empty() || path.back() == '/') out += out.empty() ? "index.html" : "/index.html";
    return true;
}

std::string ContentHash(std::string_view data) {
    std::array<unsigned char, 16> digest{};
    crypto_generichash(
        digest.data(), digest.size(), reinterpret_cast<const unsigned char*>(data.data()), data.size(), nullptr, 0
    );
    std::array<char, 33> hex{};
    sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
    return std::string(hex.data());
}

// If-None-Match uses the weak comparison (RFC 9110 13.1.2): W/ prefixes are ignored.
bool IfNoneMatchHits(std::string_view header, std::string_view etag_a, std::string_view etag_b) {
    // etag_b may be empty (no gzip form); an empty tag in the header must not match it.
    while (!header.empty()) {
        size_t comma = header.find(',');
        std::string_view tag = header.substr(0, comma);
        while (!tag.empty() && (tag.front() == ' ' || tag.front() == '\t')) tag.remove_prefix(1);
        while (!tag.empty() && (tag.back() == ' ' || tag.back() == '\t')) tag.remove_suffix(1);
        if (tag.starts_with("W/")) tag.remove_prefix(2);
        if (!tag.empty() && (tag == "*" || tag == etag_a || tag == etag_b)) return true;
        if (comma == std::string_view::npos) break;
        header.remove_prefix(comma + 1);
    }
    return false;
}

Response NotBuiltPage() {
    Response r = Response::Text(
        503,
        R"(<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>协力 Xieli</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#303133}
code{background:#f4f4f5;padding:.1rem .3rem;border-radius:3px}</style></head>
<body>
<h1>网页端尚未构建</h1>
<p>服务器已经在运行，接口可以使用，但网页端还没有构建。请在项目目录中运行 <code>./xieli build</code>，然后刷新本页。</p>
<hr>
<h2 lang="en">The web app is not built yet</h2>
<p lang="en">The server is running and the API works, but the web app has not been built. Run
<code>./xieli build</code> in the project directory, then reload this page.</p>
</body>
</html>
)",
        "text/html; charset=utf-8"
    );
    r.SetHeader("Cache-Control", "no-store");
    return r;
}

}  // namespace

struct StaticFiles::Entry {
    std::string content;
    std::string gzipped;  // empty when the type is not compressible, the file is small, or gzip does not help
    std::string etag;
    std::string etag_gzip;
    const TypeInfo* type = nullptr;
    struct timespec mtime {};
    off_t size = 0;
};

std::string_view ContentTypeFor(std::string_view file_name) {
    const TypeInfo* type = FindType(file_name);
    return type != nullptr ? type->content_type : "application/octet-stream";
}

StaticFiles::StaticFiles(std::filesystem::path root) : root_(std::move(root)) {
    // Idempotent and thread-safe; BLAKE2b needs it before first use.
    if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialized");
}

StaticFiles::~StaticFiles() = default;

std::shared_ptr<const StaticFiles::Entry> StaticFiles::Load(const std::string& real_path) const {
    struct stat st {};
    if (!IsRegularFile(real_path, &st)) return nullptr;
    {
        std::lock_guard lock(mutex_);
        auto it = cache_.find(real_path);
        if (it != cache_.end() && it->second->size == st.st_size && it->second->mtime.tv_sec == st.st_mtim.tv_sec &&
            it->second->mtime.tv_nsec == st.st_mtim.tv_nsec) {
            return it->second;
        }
    }
    // Read outside the lock: two threads may load the same file once, which is harmless.
    std::ifstream in(real_path, std::ios::binary);
    if (!in) return nullptr;
    auto entry = std::make_shared<Entry>();
    entry->content.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    if (in.bad()) return nullptr;
    entry->type = FindType(real_path);
    entry->mtime = st.st_mtim;
    entry->size = st.st_size;
    std::string hash = ContentHash(entry->content);
    entry->etag = "\"" + hash + "\"";
    if (entry->type != nullptr && entry->type->compressible && entry->content.size() > kGzipMinBytes) {
        // Compressed once per version of the file, so the best level costs nothing per request.
        std::string gz = GzipCompress(entry->content, 9);
        if (gz.size() < entry->content.size()) {
            entry->gzipped = std::move(gz);
            entry->etag_gzip = "\"" + hash + "-gz\"";
        }
    }
    std::lock_guard lock(mutex_);
    cache_[real_path] = entry;
    return entry;
}

Response StaticFiles::Serve(const Request& request) const {
    Lang lang = LangFromAcceptLanguage(request.Header("accept-language"));
    std::string root = RealPath(root_.string());
    if (root.empty() || !IsRegularFile(root + "/index.html")) return NotBuiltPage();

    std::string relative;
    if (!RelativePath(request.path, relative)) {
        return ErrorResponse(Error(ErrorCode::kBadRequest, {"路径无效", "Invalid path"}), lang);
    }
    auto not_found = [lang] {
        return ErrorResponse(Error(ErrorCode::kNotFound, {"文件不存在", "No such file"}), lang);
    };

    bool spa_fallback = false;
    std::string real = RealPath(root + "/" + relative);
    if (real.empty() || !IsRegularFile(real)) {
        // A missing file of a type the build ships (.js, .css, .png …) is a genuine 404, so a
        // broken asset link fails loudly instead of receiving HTML. Anything else is one of the
        // app's own routes, dots included (/join/<code>.<token>, /users/john.doe): the app
        // resolves it in the browser.
        if (FindType(relative) != nullptr) return not_found();
        real = RealPath(root + "/index.html");
        spa_fallback = true;
    }
    // Symlinks inside the build may not lead outside it.
    if (real.empty() || !IsWithin(real, root)) return not_found();

    std::shared_ptr<const Entry> entry;
    try {
        entry = Load(real);
    } catch (const std::exception& e) {
        spdlog::error("static file {}: {}", real, e.what());
    }
    if (!entry) return not_found();

    // Vite puts a content hash in every name under /assets/, so those never change; anything else
    // (index.html above all) must be revalidated so a new build is picked up at once.
    bool immutable = !spa_fallback && relative.starts_with("assets/");
    bool gzip_eligible = !entry->gzipped.empty();
    bool use_gzip = gzip_eligible && AcceptsGzip(request.Header("accept-encoding"));

    Response r;
    r.headers.emplace_back("ETag", use_gzip ? entry->etag_gzip : entry->etag);
    r.headers.emplace_back("Cache-Control", immutable ? kImmutable : kRevalidate);
    if (gzip_eligible) r.headers.emplace_back("Vary", "Accept-Encoding");
    std::string_view if_none_match = request.Header("if-none-match");
    if (!if_none_match.empty() && IfNoneMatchHits(if_none_match, entry->etag, entry->etag_gzip)) {
        r.status = 304;
        return r;
    }
    r.status = 200;
    r.headers.emplace_back(
        "Content-Type", entry->type != nullptr ? std::string(entry->type->content_type) : "application/octet-stream"
    );
    r.headers.emplace_back("X-Content-Type-Options", "nosniff");
    if (use_gzip) r.headers.emplace_back("Content-Encoding", "gzip");
    r.body = use_gzip ? entry->gzipped : entry->content;
    return r;
}

}  // namespace xieli::http
