#pragma once

// Serves the web app's build (web/dist) on the API's port: content types, SPA fallback to
// index.html, strong ETags, long caching for Vite's hashed /assets/, and gzip for text. File
// contents and their gzipped form are kept in memory and re-read when a file changes on disk.

#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "http/request.h"
#include "http/response.h"

namespace xieli::http {

class StaticFiles {
public:
    explicit StaticFiles(std::filesystem::path root);
    ~StaticFiles();
    StaticFiles(const StaticFiles&) = delete;
    StaticFiles& operator=(const StaticFiles&) = delete;

    // Answers a GET or HEAD for request.path (already percent-decoded). Thread-safe.
    Response Serve(const Request& request) const;

private:
    struct Entry;
    std::shared_ptr<const Entry> Load(const std::string& real_path) const;

    std::filesystem::path root_;
    mutable std::mutex mutex_;
    mutable std::unordered_map<std::string, std::shared_ptr<const Entry>> cache_;  // by real path
};

// The Content-Type for a file name, by extension; application/octet-stream when unknown.
std::string_view ContentTypeFor(std::string_view file_name);

}  // namespace xieli::http
