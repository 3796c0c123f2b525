#pragma once

// The printed quote (报价单) as one self-contained HTML page: the one layout of a printed quote.
// The PDF endpoint prints this page with chromium, and the web app's print view shows the same
// page in a frame, so the paper and the screen cannot drift apart (docs/decisions/0011-quote-pdf.md).
//
// Every text that comes from records or settings is escaped: customer names are typed by users
// and may be hostile. The page has no scripts and a Content-Security-Policy that allows none and
// loads nothing (styles are inline), so even a missed escape could not run or fetch anything.

#include <string>
#include <string_view>

#include "common/clock.h"
#include "common/json.h"
#include "common/text.h"

namespace xieli::sales {

// `print` is what QuotePrint() returns; `printed_at` is shown in China Standard Time.
std::string QuotePrintHtml(const json::object& print, Lang lang, TimePoint printed_at);

// Text as HTML text or attribute value: & < > " ' escaped.
std::string HtmlEscape(std::string_view text);

// "6841.2" → "6,841.20"; other text as it is.
std::string GroupedMoney(std::string_view amount);

}  // namespace xieli::sales
