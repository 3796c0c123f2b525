#include "modules/sales/quote_html.h"

#include <fmt/format.h>

#include <ctime>
#include <utility>
#include <vector>

#include "modules/sales/rmb_upper.h"
#include "records/value_codec.h"

namespace xieli::sales {

namespace {

// The words of the page in one language (the web app's cash.print / cash.lines say the same).
struct Words {
    const char* html_lang;
    const char* doc_title;
    const char* quote_no;
    const char* quote_date;
    const char* valid_until;
    const char* to;
    const char* contact;
    const char* salesperson;
    const char* phone;
    const char* email;
    const char* address;
    const char* website;
    const char* tax_number;
    const char* bank;
    const char* bank_account;
    const char* terms;
    const char* remark;
    const char* total_upper;
    const char* no_lines;
    const char* customer_sign;
    const char* seller_sign;
    const char* date;
    const char* printed_at;
    const char* colon;
    // the lines table
    const char* index;
    const char* name;
    const char* unit;
    const char* quantity;
    const char* unit_price;
    const char* discount;
    const char* amount;
    const char* tax_rate;
    const char* tax_amount;
    const char* total;
    const char* subtotal;
    const char* discount_total;
    const char* tax_total;
    const char* grand_total;
};

constexpr Words kZh = {
    "zh-CN",
    "报价单",
    "报价单号",
    "报价日期",
    "有效期至",
    "客户",
    "联系人",
    "销售代表",
    "电话",
    "邮箱",
    "地址",
    "网址",
    "税号",
    "开户行",
    "账号",
    "报价条款",
    "备注",
    "合计（大写）",
    "本报价单暂无产品明细",
    "客户确认（签字 / 盖章）",
    "报价方（签字 / 盖章）",
    "日期",
    "打印时间",
    "：",
    "#",
    "名称",
    "单位",
    "数量",
    "单价",
    "折扣 %",
    "金额",
    "税率 %",
    "税额",
    "价税合计",
    "产品小计",
    "折扣金额",
    "税额",
    "合计",
};

constexpr Words kEn = {
    "en",
    "Quotation",
    "Quote No.",
    "Date",
    "Valid until",
    "Customer",
    "Contact",
    "Sales representative",
    "Phone",
    "E-mail",
    "Address",
    "Website",
    "Tax ID",
    "Bank",
    "Account",
    "Terms",
    "Remark",
    "Total (in words)",
    "This quote has no product lines",
    "Accepted by the customer (signature / seal)",
    "Issued by (signature / seal)",
    "Date",
    "Printed",
    ": ",
    "#",
    "Name",
    "Unit",
    "Qty",
    "Unit price",
    "Discount %",
    "Amount",
    "Tax %",
    "Tax",
    "Total incl. tax",
    "Subtotal",
    "Discount",
    "Tax",
    "Total",
};

// A JSON value as the page shows it: text as is, numbers in plain decimal, nothing for the rest.
std::string Str(const json::value* v) {
    if (v == nullptr) return "";
    if (v->is_string()) return std::string(v->get_string());
    if (v->is_int64()) return std::to_string(v->get_int64());
    if (v->is_uint64()) return std::to_string(v->get_uint64());
    if (v->is_double()) return fmt::format("{}", v->get_double());
    return "";
}

std::string Member(const json::object* o, std::string_view key) {
    return o == nullptr ? "" : Str(o->if_contains(key));
}

const json::object* ObjectAt(const json::object& o, std::string_view key) {
    const json::value* v = o.if_contains(key);
    return v != nullptr && v->is_object() ? &v->get_object() : nullptr;
}

std::string Cents(const json::value* v) {
    return v == nullptr ? "" : Str(v);
}

// A percentage or quantity as typed; "2.00" → "2".
std::string Quantity(const json::value* v) {
    std::string s = Str(v);
    if (s.size() > 3 && s.ends_with(".00")) s.resize(s.size() - 3);
    return s;
}

std::string Percent(const json::value* v) {
    std::string s = Str(v);
    return s.empty() ? "0" : s;
}

int64_t CentsOf(const json::value* v) {
    if (v == nullptr) return 0;
    return records::ParseMoney(*v).value_or(0);
}

std::string ChinaTime(TimePoint t) {
    std::time_t seconds = std::chrono::system_clock::to_time_t(t + std::chrono::hours(8));
    std::tm tm{};
    gmtime_r(&seconds, &tm);
    return fmt::format(
        "{:04}-{:02}-{:02} {:02}:{:02}", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min
    );
}

constexpr const char* kStyle = R"CSS(
@page { size: A4; margin: 14mm 12mm; }
* { box-sizing: border-box; }
html, body { margin: 0; }
body {
  padding: 16px 12px 40px;
  background: #e9ebef;
  color: #000;
  font-family: "Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", "Source Han Sans SC", sans-serif;
}
.paper {
  width: 100%; max-width: 210mm; min-height: 297mm; margin: 0 auto; padding: 16mm 14mm;
  background: #fff; box-shadow: 0 2px 10px rgb(0 0 0 / 10%); font-size: 13px; line-height: 1.6;
}
.letterhead { padding-bottom: 8px; border-bottom: 2px solid #000; text-align: center; }
.company { margin: 0; font-size: 22px; letter-spacing: 1px; }
.contact-line, .bank { display: flex; flex-wrap: wrap; justify-content: center; gap: 0 16px; margin: 4px 0 0; font-size: 12px; }
.bank { justify-content: flex-start; margin-top: 12px; }
.doc-title { margin: 14px 0 10px; font-size: 20px; letter-spacing: 8px; text-align: center; }
:lang(en) .doc-title { letter-spacing: 1px; }
.meta { display: grid; grid-template-columns: 1.3fr 1fr; gap: 0 24px; margin-bottom: 8px; }
.meta dl { margin: 0; }
.meta dl div { display: flex; gap: 8px; }
.meta dt { flex: none; min-width: 64px; color: #555; }
.meta dd { margin: 0; overflow-wrap: anywhere; }
.subject { margin: 6px 0 8px; font-weight: 600; overflow-wrap: anywhere; }
.scroll { overflow-x: auto; }
table { width: 100%; border-collapse: collapse; font-size: 12px; }
th, td { padding: 6px 8px; border: 1px solid #999; text-align: left; vertical-align: top; white-space: nowrap; }
th { background: #f2f2f2; font-weight: 500; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.n { width: 28px; text-align: center; }
td.name { min-width: 140px; white-space: normal; overflow-wrap: anywhere; }
.sub { display: block; color: #555; font-size: 11px; }
.sums { display: flex; flex-wrap: wrap; justify-content: flex-end; gap: 4px 20px; margin: 8px 0 0; }
.sums div { display: flex; gap: 6px; }
.sums dt { color: #555; }
.sums dd { margin: 0; font-variant-numeric: tabular-nums; }
.sums .grand dd { font-size: 15px; font-weight: 600; }
.no-lines { padding: 16px; border: 1px dashed #999; color: #666; text-align: center; }
.upper { margin: 8px 0 0; text-align: right; }
.text-block h3 { margin: 14px 0 4px; font-size: 13px; }
.text-block p { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; }
.signatures { display: grid; grid-template-columns: 1fr 1fr; gap: 24px; margin-top: 28px; break-inside: avoid; }
.sign p { margin: 0 0 6px; }
.sign-name { min-height: 40px; font-weight: 600; overflow-wrap: anywhere; }
.printed { margin-top: 24px; color: #777; font-size: 11px; text-align: right; }
tr { break-inside: avoid; }
@media (max-width: 640px) {
  body { padding: 8px 0 24px; }
  .paper { min-height: 0; padding: 16px 12px; }
  .meta { grid-template-columns: 1fr; }
}
@media print {
  body { padding: 0; background: #fff; }
  .paper { max-width: none; min-height: 0; margin: 0; padding: 0; box-shadow: none; }
  .scroll { overflow: visible; }
}
)CSS";

// Builds the page; every Text() call escapes.
class Page {
public:
    void Raw(std::string_view html) { out_ += html; }
    void Text(std::string_view text) { out_ += HtmlEscape(text); }
    // <dt>label</dt><dd>value</dd> in a <div>; `test` names the dd for browser tests.
    void Pair(std::string_view label, std::string_view value, std::string_view test = {}) {
        Raw("<div><dt>");
        Text(label);
        Raw(test.empty() ? "</dt><dd>" : fmt::format("</dt><dd data-test=\"{}\">", test));
        Text(value);
        Raw("</dd></div>");
    }
    std::string Take() { return std::move(out_); }

private:
    std::string out_;
};

using Labelled = std::vector<std::pair<const char*, std::string>>;

void InlineList(Page& p, const Words& w, const char* css_class, const Labelled& items) {
    bool any = false;
    for (const auto& [label, value] : items) any = any || !value.empty();
    if (!any) return;
    p.Raw(fmt::format("<p class=\"{}\">", css_class));
    for (const auto& [label, value] : items) {
        if (value.empty()) continue;
        p.Raw("<span>");
        p.Text(label);
        p.Text(w.colon);
        p.Text(value);
        p.Raw("</span>");
    }
    p.Raw("</p>");
}

void LinesTable(Page& p, const Words& w, const json::array& lines, const json::object& quote) {
    bool has_discount = false;
    int64_t sum_amount = 0;
    int64_t sum_discount = 0;
    int64_t sum_tax = 0;
    int64_t sum_total = 0;
    for (const json::value& v : lines) {
        if (!v.is_object()) continue;
        const json::object& l = v.get_object();
        has_discount = has_discount || CentsOf(l.if_contains("discount")) > 0;
        sum_amount += CentsOf(l.if_contains("amount"));
        sum_discount += CentsOf(l.if_contains("discount_amount"));
        sum_tax += CentsOf(l.if_contains("tax_amount"));
        sum_total += CentsOf(l.if_contains("total"));
    }
    // The quote's own totals (the server computed them on save); the lines' sums otherwise.
    auto total_of = [&quote](std::string_view key, int64_t fallback) {
        std::string own = Str(quote.if_contains(key));
        return own.empty() ? records::FormatMoney(fallback) : own;
    };
    const std::string subtotal = total_of("subtotal_amount", sum_amount + sum_discount);
    const std::string discount = total_of("discount_amount", sum_discount);
    const std::string tax = total_of("tax_amount", sum_tax);
    const std::string total = total_of("total_amount", sum_total);

    p.Raw("<div class=\"lines-table\" data-test=\"lines-table\"><div class=\"scroll\"><table><thead><tr>");
    auto th = [&p](const char* label, const char* css) {
        p.Raw(*css ? fmt::format("<th class=\"{}\">", css) : std::string("<th>"));
        p.Text(label);
        p.Raw("</th>");
    };
    th(w.index, "n");
    th(w.name, "name");
    th(w.unit, "");
    th(w.quantity, "num");
    th(w.unit_price, "num");
    if (has_discount) th(w.discount, "num");
    th(w.amount, "num");
    th(w.tax_rate, "num");
    th(w.tax_amount, "num");
    th(w.total, "num");
    p.Raw("</tr></thead><tbody>");
    int index = 0;
    for (const json::value& v : lines) {
        if (!v.is_object()) continue;
        const json::object& l = v.get_object();
        auto td = [&p](const std::string& text, const char* css) {
            p.Raw(*css ? fmt::format("<td class=\"{}\">", css) : std::string("<td>"));
            p.Text(text);
            p.Raw("</td>");
        };
        p.Raw("<tr data-test=\"lines-table-row\">");
        td(std::to_string(++index), "n");
        p.Raw("<td class=\"name\"><span>");
        p.Text(Member(&l, "name"));
        p.Raw("</span>");
        for (std::string_view key : {"spec", "remark"}) {
            if (std::string extra = Member(&l, key); !extra.empty()) {
                p.Raw("<small class=\"sub\">");
                p.Text(extra);
                p.Raw("</small>");
            }
        }
        p.Raw("</td>");
        td(Member(&l, "unit"), "");
        td(Quantity(l.if_contains("quantity")), "num");
        td(GroupedMoney(Cents(l.if_contains("unit_price"))), "num");
        if (has_discount) td(Percent(l.if_contains("discount")), "num");
        td(GroupedMoney(Cents(l.if_contains("amount"))), "num");
        td(Percent(l.if_contains("tax_rate")), "num");
        td(GroupedMoney(Cents(l.if_contains("tax_amount"))), "num");
        td(GroupedMoney(Cents(l.if_contains("total"))), "num");
        p.Raw("</tr>");
    }
    p.Raw("</tbody></table></div><dl class=\"sums\" data-test=\"lines-totals\">");
    p.Pair(w.subtotal, GroupedMoney(subtotal));
    if (has_discount || CentsOf(quote.if_contains("discount_amount")) > 0)
        p.Pair(w.discount_total, "-" + GroupedMoney(discount));
    p.Pair(w.tax_total, GroupedMoney(tax));
    p.Raw("<div class=\"grand\"><dt>");
    p.Text(w.grand_total);
    p.Raw("</dt><dd data-test=\"lines-total\">");
    p.Text(GroupedMoney(total));
    p.Raw("</dd></div></dl></div>");
}

void TextBlock(Page& p, const char* title, const std::string& text, std::string_view test) {
    if (text.empty()) return;
    p.Raw(
        test.empty() ? "<section class=\"text-block\"><h3>"
                     : fmt::format("<section class=\"text-block\" data-test=\"{}\"><h3>", test)
    );
    p.Text(title);
    p.Raw("</h3><p>");
    p.Text(text);
    p.Raw("</p></section>");
}

}  // namespace

std::string HtmlEscape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out.push_back(c);
        }
    }
    return out;
}

std::string GroupedMoney(std::string_view amount) {
    std::optional<int64_t> cents = records::ParseMoney(json::value(amount));
    if (!cents) return std::string(amount);
    std::string plain = records::FormatMoney(*cents);
    const bool negative = plain.front() == '-';
    std::string whole = plain.substr(negative ? 1 : 0, plain.find('.') - (negative ? 1 : 0));
    std::string grouped;
    for (size_t i = 0; i < whole.size(); ++i) {
        if (i > 0 && (whole.size() - i) % 3 == 0) grouped.push_back(',');
        grouped.push_back(whole[i]);
    }
    return (negative ? "-" : "") + grouped + plain.substr(plain.find('.'));
}

std::string QuotePrintHtml(const json::object& print, Lang lang, TimePoint printed_at) {
    const Words& w = lang == Lang::kEn ? kEn : kZh;
    static const json::object kEmpty;
    const json::object* quote_ptr = ObjectAt(print, "quote");
    const json::object& quote = quote_ptr != nullptr ? *quote_ptr : kEmpty;
    const json::object* header = ObjectAt(print, "header");
    const json::object* customer = ObjectAt(print, "customer");
    const json::object* contact = ObjectAt(print, "contact");
    const json::object* salesperson = ObjectAt(print, "salesperson");
    const json::object* display = ObjectAt(quote, "_display");
    // A lookup as the caller may see it: the display text the records engine gave, else the raw value.
    auto shown = [&](std::string_view field) {
        std::string d = Member(display, field);
        return d.empty() ? Member(&quote, field) : d;
    };
    static const json::array kNoLines;
    const json::value* lines_value = print.if_contains("lines");
    const json::array& lines = lines_value != nullptr && lines_value->is_array() ? lines_value->get_array() : kNoLines;

    const std::string company = Member(header, "company_name");
    const std::string code = Member(&quote, "code");
    std::string customer_name = Member(customer, "name");
    if (customer_name.empty()) customer_name = shown("customer_id");
    std::string contact_name = Member(contact, "name");
    if (contact_name.empty()) contact_name = shown("contact_id");
    std::string contact_phone = Member(contact, "mobile");
    if (contact_phone.empty()) contact_phone = Member(contact, "phone");
    const std::string total = Member(&quote, "total_amount");

    Page p;
    p.Raw(fmt::format("<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\">", w.html_lang));
    p.Raw(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>"
    );
    p.Text(std::string(w.doc_title) + " " + (code.empty() ? Member(&quote, "name") : code));
    if (!company.empty()) p.Text(" - " + company);
    p.Raw("</title><style>");
    p.Raw(kStyle);
    p.Raw("</style></head><body><article class=\"paper\" data-test=\"print-paper\">");

    p.Raw("<header class=\"letterhead\" data-test=\"print-header\"><h1 class=\"company\" data-test=\"print-company\">");
    p.Text(company);
    p.Raw("</h1>");
    InlineList(
        p,
        w,
        "contact-line",
        {{w.address, Member(header, "address")},
         {w.phone, Member(header, "phone")},
         {w.email, Member(header, "email")},
         {w.website, Member(header, "website")}}
    );
    p.Raw("</header><h2 class=\"doc-title\">");
    p.Text(w.doc_title);
    p.Raw("</h2>");

    p.Raw("<section class=\"meta\"><dl>");
    p.Pair(w.to, customer_name.empty() ? "—" : customer_name, "print-customer");
    if (std::string address = Member(customer, "address"); !address.empty()) p.Pair(w.address, address);
    if (!contact_name.empty()) {
        p.Pair(w.contact, contact_phone.empty() ? contact_name : contact_name + "\u3000" + contact_phone);
    } else if (std::string phone = Member(customer, "phone"); !phone.empty()) {
        p.Pair(w.phone, phone);
    }
    if (std::string email = Member(contact, "email"); !email.empty()) p.Pair(w.email, email);
    p.Raw("</dl><dl>");
    p.Pair(w.quote_no, code.empty() ? "#" + Member(&quote, "id") : code, "print-code");
    std::string quote_date = Member(&quote, "quote_date");
    std::string valid_until = Member(&quote, "valid_until");
    p.Pair(w.quote_date, quote_date.empty() ? "—" : quote_date);
    p.Pair(w.valid_until, valid_until.empty() ? "—" : valid_until, "print-valid-until");
    if (salesperson != nullptr) {
        std::string name = Member(salesperson, "name");
        std::string phone = Member(salesperson, "phone");
        p.Pair(w.salesperson, phone.empty() ? name : name + "\u3000" + phone);
        if (std::string email = Member(salesperson, "email"); !email.empty()) p.Pair(w.email, email);
    }
    p.Raw("</dl></section><p class=\"subject\">");
    p.Text(Member(&quote, "name"));
    p.Raw("</p>");

    if (lines.empty()) {
        p.Raw("<p class=\"no-lines\">");
        p.Text(w.no_lines);
        p.Raw("</p>");
    } else {
        LinesTable(p, w, lines, quote);
        p.Raw("<p class=\"upper\" data-test=\"print-upper\"><span>");
        p.Text(std::string(w.total_upper) + w.colon);
        p.Raw("</span><b>");
        p.Text(lang == Lang::kEn ? "CNY " + GroupedMoney(total) : RmbUpper(total));
        p.Raw("</b></p>");
    }

    TextBlock(p, w.terms, Member(&quote, "terms"), "print-terms");
    TextBlock(p, w.remark, Member(&quote, "remark"), "");
    InlineList(
        p,
        w,
        "bank",
        {{w.tax_number, Member(header, "tax_number")},
         {w.bank, Member(header, "bank_name")},
         {w.bank_account, Member(header, "bank_account")}}
    );

    p.Raw("<section class=\"signatures\">");
    for (const auto& [title, name] : {std::pair{w.seller_sign, company}, std::pair{w.customer_sign, customer_name}}) {
        p.Raw("<div class=\"sign\"><p>");
        p.Text(title);
        p.Raw("</p><p class=\"sign-name\">");
        p.Text(name);
        p.Raw("</p><p class=\"sign-date\">");
        p.Text(std::string(w.date) + w.colon);
        p.Raw("</p></div>");
    }
    p.Raw("</section><footer class=\"printed\">");
    p.Text(std::string(w.printed_at) + " " + ChinaTime(printed_at));
    p.Raw("</footer></article></body></html>\n");
    return p.Take();
}

}  // namespace xieli::sales
