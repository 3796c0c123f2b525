// The printed quote's page: escaping of hostile record text, the amounts as printed, and the
// capitals (人民币大写) the same as the web app's rmb.ts.

#include "modules/sales/quote_html.h"

#include <gtest/gtest.h>

#include "common/content_disposition.h"
#include "modules/sales/rmb_upper.h"

namespace xieli::sales {
namespace {

const TimePoint kNoon = *ParseIsoTime("2026-11-24T04:05:00Z");

json::object Print(std::string_view customer_name) {
    json::object p = json::parse(R"({
        "header": {"company_name": "示例科技有限公司", "address": "杭州 <b>滨江</b>", "phone": "", "email": "",
                   "website": "", "tax_number": "", "bank_name": "招商银行", "bank_account": ""},
        "quote": {"id": 7, "code": "BJ-0007", "name": "CRM 报价", "quote_date": "2026-11-24",
                  "valid_until": "2026-12-24", "subtotal_amount": "6054.00", "discount_amount": "0.00",
                  "tax_amount": "787.20", "total_amount": "6841.20", "terms": "款到发货\n一年质保",
                  "customer_id": 3, "_display": {"customer_id": "x"}},
        "lines": [{"name": "软件 <i>", "unit": "套", "quantity": "2.00", "unit_price": "3000.00", "tax_rate": "13",
                   "amount": "6000.00", "tax_amount": "780.00", "total": "6780.00"},
                  {"name": "服务", "quantity": "1", "unit_price": "54.00", "tax_rate": "13.33",
                   "amount": "54.00", "tax_amount": "7.20", "total": "61.20"}],
        "customer": {"name": "", "address": "A&B"},
        "contact": null,
        "salesperson": {"id": 4, "name": "刘洋", "phone": "13800000003", "email": null}
    })")
                         .as_object();
    p["customer"].as_object()["name"] = customer_name;
    return p;
}

TEST(QuoteHtml, EscapesHostileRecordText) {
    std::string html = QuotePrintHtml(
        Print("坏人</html><script>alert('x')</script>\"><img src=x onerror=alert(1)>"), Lang::kZh, kNoon
    );
    EXPECT_EQ(html.find("<script"), std::string::npos);
    EXPECT_EQ(html.find("<img"), std::string::npos);
    EXPECT_EQ(html.find("</html>"), html.rfind("</html>")) << "only the page's own </html>";
    EXPECT_NE(
        html.find("坏人&lt;/html&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot;&gt;&lt;img"),
        std::string::npos
    );
    EXPECT_NE(html.find("杭州 &lt;b&gt;滨江&lt;/b&gt;"), std::string::npos);
    EXPECT_NE(html.find("软件 &lt;i&gt;"), std::string::npos);
    EXPECT_NE(html.find("A&amp;B"), std::string::npos);
    // Scripts could not run even if an escape were missed.
    EXPECT_NE(html.find("Content-Security-Policy\" content=\"default-src 'none'"), std::string::npos);
}

TEST(QuoteHtml, ShowsTheQuoteAsPrinted) {
    std::string zh = QuotePrintHtml(Print("翠湖科技"), Lang::kZh, kNoon);
    EXPECT_NE(zh.find("<html lang=\"zh-CN\">"), std::string::npos);
    EXPECT_NE(zh.find("data-test=\"print-company\">示例科技有限公司</h1>"), std::string::npos);
    EXPECT_NE(zh.find("data-test=\"print-customer\">翠湖科技</dd>"), std::string::npos);
    EXPECT_NE(zh.find("data-test=\"print-code\">BJ-0007</dd>"), std::string::npos);
    EXPECT_NE(zh.find("data-test=\"lines-total\">6,841.20</dd>"), std::string::npos);
    EXPECT_NE(zh.find("<b>陆仟捌佰肆拾壹元贰角整</b>"), std::string::npos);
    EXPECT_NE(zh.find("<td class=\"num\">2</td>"), std::string::npos) << "2.00 pieces print as 2";
    EXPECT_NE(zh.find("<td class=\"num\">3,000.00</td>"), std::string::npos);
    EXPECT_NE(zh.find("刘洋\u300013800000003"), std::string::npos);
    EXPECT_NE(zh.find("打印时间 2026-11-24 12:05"), std::string::npos) << "China Standard Time";
    EXPECT_EQ(zh.find("折扣 %"), std::string::npos) << "no discount column without discounts";

    std::string en = QuotePrintHtml(Print("Cuihu Ltd"), Lang::kEn, kNoon);
    EXPECT_NE(en.find("<html lang=\"en\">"), std::string::npos);
    EXPECT_NE(en.find("Quotation"), std::string::npos);
    EXPECT_NE(en.find("<b>CNY 6,841.20</b>"), std::string::npos);
}

TEST(QuoteHtml, WithoutLinesSaysSo) {
    json::object p = Print("x");
    p["lines"] = json::array{};
    std::string html = QuotePrintHtml(p, Lang::kZh, kNoon);
    EXPECT_NE(html.find("本报价单暂无产品明细"), std::string::npos);
    EXPECT_EQ(html.find("data-test=\"print-upper\""), std::string::npos);
}

TEST(QuoteHtml, GroupsMoney) {
    EXPECT_EQ(GroupedMoney("6841.2"), "6,841.20");
    EXPECT_EQ(GroupedMoney("1234567.891"), "1234567.891") << "not money: as it is";
    EXPECT_EQ(GroupedMoney("100"), "100.00");
    EXPECT_EQ(GroupedMoney("-1000000.00"), "-1,000,000.00");
    EXPECT_EQ(GroupedMoney(""), "");
}

TEST(RmbUpper, WritesAmountsInFinancialCapitals) {
    EXPECT_EQ(RmbUpper("15709.20"), "壹万伍仟柒佰零玖元贰角整");
    EXPECT_EQ(RmbUpper("0"), "零元整");
    EXPECT_EQ(RmbUpper("0.05"), "伍分");
    EXPECT_EQ(RmbUpper("12.05"), "壹拾贰元零伍分");
    EXPECT_EQ(RmbUpper("100000"), "壹拾万元整");
    EXPECT_EQ(RmbUpper("10100"), "壹万零壹佰元整");
    EXPECT_EQ(RmbUpper("100000001"), "壹亿零壹元整");
    EXPECT_EQ(RmbUpper("1000000000000"), "壹万亿元整");
    EXPECT_EQ(RmbUpper("1200000000000.5"), "壹万贰仟亿元伍角整");
    EXPECT_EQ(RmbUpper("1,234.56"), "壹仟贰佰叁拾肆元伍角陆分");
    EXPECT_EQ(RmbUpper("abc"), "");
    EXPECT_EQ(RmbUpper("-5"), "");
    EXPECT_EQ(RmbUpper("1.234"), "");
    EXPECT_EQ(RmbUpper(""), "");
}

TEST(AttachmentDisposition, EncodesTheNameAndKeepsTheFallbackPlain) {
    EXPECT_EQ(
        AttachmentDisposition("报价单-BJ-7.pdf", "quote-BJ-7.pdf"),
        "attachment; filename=\"quote-BJ-7.pdf\"; filename*=UTF-8''%E6%8A%A5%E4%BB%B7%E5%8D%95-BJ-7.pdf"
    );
    EXPECT_EQ(
        AttachmentDisposition("a\"b.pdf", "a\"\r\nb.pdf"),
        "attachment; filename=\"a___b.pdf\"; filename*=UTF-8''a%22b.pdf"
    );
}

}  // namespace
}  // namespace xieli::sales
