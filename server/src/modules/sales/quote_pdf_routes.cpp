#include "modules/sales/quote_pdf_routes.h"

#include <memory>

#include "common/content_disposition.h"
#include "common/html_to_pdf.h"
#include "modules/sales/quote_html.h"
#include "modules/sales/quote_print.h"

namespace xieli::sales {

namespace {

// The page needs nothing from anywhere: no scripts, no fetches, only its inline styles.
constexpr const char* kPageCsp = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'";

// At most 64 bytes of `text`, not cutting a UTF-8 character.
std::string FileNamePart(std::string_view text) {
    size_t n = std::min<size_t>(text.size(), 64);
    while (n > 0 && n < text.size() && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
    return std::string(text.substr(0, n));
}

class QuotePdfHandlers {
public:
    explicit QuotePdfHandlers(records::RecordsModule& m) : m_(m), pdf_(HtmlToPdf::OptionsFromEnvironment()) {}

    http::Response Page(http::Context& c) {
        http::Response r = http::Response::Text(200, RenderPage(c), "text/html; charset=utf-8");
        r.SetHeader("Content-Security-Policy", kPageCsp);
        r.SetHeader("Cache-Control", "no-store");
        return r;
    }

    http::Response Pdf(http::Context& c) {
        std::string code;
        std::string html = RenderPage(c, &code);
        // Blocks this worker thread for the render (the handler runs on the worker pool, and
        // HtmlToPdf caps how many do at once).
        http::Response r = http::Response::Text(200, pdf_.Render(html), "application/pdf");
        std::string stem = c.lang == Lang::kEn ? "Quotation-" : "报价单-";
        r.SetHeader("Content-Disposition", AttachmentDisposition(stem + code + ".pdf", "quote-" + code + ".pdf"));
        r.SetHeader("Cache-Control", "no-store");
        return r;
    }

private:
    // The page in the caller's language; `code` gets the quote's code (its id when it has none).
    std::string RenderPage(http::Context& c, std::string* code = nullptr) {
        int64_t id = c.PathId("id");
        records::RecordScope s = m_.ScopeFor(c);
        json::object print = QuotePrint(m_.service(), s, id);
        if (code != nullptr) {
            const json::value* v = print.at("quote").as_object().if_contains("code");
            *code = v != nullptr && v->is_string() && !v->get_string().empty() ? FileNamePart(v->get_string())
                                                                               : std::to_string(id);
        }
        return QuotePrintHtml(print, c.lang, m_.clock().Now());
    }

    records::RecordsModule& m_;
    HtmlToPdf pdf_;
};

}  // namespace

void RegisterQuotePdfRoutes(http::Router& router, records::RecordsModule& records) {
    auto h = std::make_shared<QuotePdfHandlers>(records);
    router.Add(
        {"GET",
         "/api/v1/sales/quotes/{id}/print.html",
         [h](http::Context& c) { return h->Page(c); },
         http::Access::kAuthenticated,
         "A quote as the printed page (HTML, the layout the PDF is printed from)",
         "sales"}
    );
    router.Add(
        {"GET",
         "/api/v1/sales/quotes/{id}/pdf",
         [h](http::Context& c) { return h->Pdf(c); },
         http::Access::kAuthenticated,
         "A quote as an A4 PDF (headless chromium); 503 when the server cannot make PDFs",
         "sales"}
    );
}

}  // namespace xieli::sales
