#pragma once

// HTML → PDF with Debian's headless chromium: the page is written to a fresh temporary directory
// (with chromium's profile beside it), printed with --print-to-pdf, read back, and the directory
// removed. At most `max_concurrent` renders run at once, so a burst of requests cannot start a
// crowd of browsers; beyond that, and when chromium is missing, fails or hangs, the caller gets
// 503 with a message in both languages. Blocks for the render (seconds): worker-pool threads only.

#include <atomic>
#include <chrono>
#include <string>
#include <string_view>

namespace xieli {

struct HtmlToPdfOptions {
    std::string chromium = "chromium";  // a path, or a name looked up on PATH
    int max_concurrent = 2;
    // A page prints in 1–3 s on an idle machine; a loaded one (or an ASan build) takes far longer.
    std::chrono::milliseconds timeout{60000};
};

class HtmlToPdf {
public:
    explicit HtmlToPdf(HtmlToPdfOptions options) : options_(std::move(options)) {}

    // The defaults, with the chromium of the environment variable XIELI_CHROMIUM when it is set.
    static HtmlToPdfOptions OptionsFromEnvironment();

    // The PDF's bytes ("%PDF-…"). The page must be self-contained: it is opened from a file and
    // should load nothing. Throws Error(kUnavailable) when no PDF can be made now.
    std::string Render(std::string_view html) const;

private:
    HtmlToPdfOptions options_;
    mutable std::atomic<int> running_{0};
};

}  // namespace xieli
