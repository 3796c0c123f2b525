#include "common/html_to_pdf.h"

#include <spdlog/spdlog.h>
#include <stdlib.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/error.h"
#include "common/process.h"

namespace xieli {

namespace fs = std::filesystem;

namespace {

// Holds one of the render slots for as long as it lives.
class Slot {
public:
    Slot(std::atomic<int>& running, int limit) : running_(running) {
        acquired_ = running_.fetch_add(1) < limit;
        if (!acquired_) running_.fetch_sub(1);
    }
    ~Slot() {
        if (acquired_) running_.fetch_sub(1);
    }
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;
    bool acquired() const { return acquired_; }

private:
    std::atomic<int>& running_;
    bool acquired_ = false;
};

// A fresh private directory, removed with everything in it when this goes.
class TempDir {
public:
    TempDir() {
        std::error_code ec;
        fs::path base = fs::temp_directory_path(ec);
        std::string pattern = ((ec ? fs::path("/tmp") : base) / "xieli-pdf-XXXXXX").string();
        if (mkdtemp(pattern.data()) != nullptr) path_ = pattern;
    }
    ~TempDir() {
        std::error_code ec;
        if (!path_.empty()) fs::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const fs::path& path() const { return path_; }

private:
    fs::path path_;
};

std::string ReadFile(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

// The last lines of chromium's output, for the log.
std::string Tail(const fs::path& path) {
    std::string text = ReadFile(path);
    return text.size() > 1200 ? text.substr(text.size() - 1200) : text;
}

[[noreturn]] void ThrowCannotRender(std::string internal) {
    throw Error(
        ErrorCode::kUnavailable,
        {"暂时无法生成 PDF，请稍后重试，或点击「打印」后在打印对话框中选择“另存为 PDF”",
         "The PDF cannot be made right now; try again later, or click Print and choose \"Save as PDF\" in the print "
         "dialog"},
        std::move(internal)
    );
}

}  // namespace

HtmlToPdfOptions HtmlToPdf::OptionsFromEnvironment() {
    HtmlToPdfOptions options;
    if (const char* chromium = std::getenv("XIELI_CHROMIUM"); chromium && *chromium) options.chromium = chromium;
    return options;
}

std::string HtmlToPdf::Render(std::string_view html) const {
    Slot slot(running_, options_.max_concurrent);
    if (!slot.acquired()) {
        throw Error(
            ErrorCode::kUnavailable,
            {"正在生成的 PDF 较多，请几秒后重试", "Many PDFs are being made; try again in a few seconds"},
            "pdf: all render slots busy"
        )
            .WithRetryAfter(5);
    }
    TempDir dir;
    if (dir.path().empty()) ThrowCannotRender("pdf: cannot create a temporary directory");
    const fs::path page = dir.path() / "page.html";
    const fs::path pdf = dir.path() / "page.pdf";
    const fs::path log = dir.path() / "chromium.log";
    {
        std::ofstream out(page, std::ios::binary);
        out.write(html.data(), static_cast<std::streamsize>(html.size()));
        if (!out) ThrowCannotRender("pdf: cannot write " + page.string());
    }
    // --no-sandbox: the server may run as root in a container, where chromium's sandbox cannot
    // start; the page is our own escaped HTML whose CSP runs no script and loads nothing.
    // (--blink-settings=scriptEnabled=false would be belt and braces, but headless chromium then
    // silently writes no PDF.)
    std::vector<std::string> argv = {
        options_.chromium,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-pdf-header-footer",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-extensions",
        "--disable-background-networking",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--user-data-dir=" + (dir.path() / "profile").string(),
        "--print-to-pdf=" + pdf.string(),
        "file://" + page.string(),
    };
    ProcessResult run = RunProcess(argv, {.timeout = options_.timeout, .output_path = log.string()});
    switch (run.outcome) {
        case ProcessResult::Outcome::kNotFound:
            throw Error(
                ErrorCode::kUnavailable,
                {"服务器未安装 PDF 组件（chromium），无法生成 PDF。"
                 "请联系管理员安装，或点击「打印」后在打印对话框中选择“另存为 PDF”",
                 "The server cannot make PDFs: chromium is not installed. Ask your administrator, or click Print and "
                 "choose \"Save as PDF\" in the print dialog"},
                "pdf: " + run.error
            );
        case ProcessResult::Outcome::kTimedOut:
            spdlog::warn("pdf: chromium timed out after {} ms: {}", options_.timeout.count(), Tail(log));
            ThrowCannotRender("pdf: " + run.error);
        case ProcessResult::Outcome::kFailed:
            spdlog::warn("pdf: {}: {}", run.error, Tail(log));
            ThrowCannotRender("pdf: " + run.error);
        case ProcessResult::Outcome::kExited: break;
    }
    std::string bytes = ReadFile(pdf);
    if (run.exit_code != 0 || bytes.rfind("%PDF-", 0) != 0) {
        spdlog::warn("pdf: chromium exited {} without a PDF: {}", run.exit_code, Tail(log));
        ThrowCannotRender("pdf: chromium exited " + std::to_string(run.exit_code) + " without a PDF");
    }
    return bytes;
}

}  // namespace xieli
