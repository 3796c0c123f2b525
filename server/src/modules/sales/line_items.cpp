#include "modules/sales/line_items.h"

#include <fmt/format.h>

#include <array>
#include <vector>

#include "common/error.h"
#include "common/json.h"
#include "common/strings.h"
#include "modules/org/org_rules.h"
#include "records/value_codec.h"

namespace xieli::sales {

namespace {

__extension__ typedef __int128 Wide;  // line arithmetic: 10^11 × 10^15 does not fit in 64 bits

constexpr int64_t kMaxQuantity = 100'000'000'000;     // 10^9 units, in hundredths
constexpr int64_t kMaxMoney = 1'000'000'000'000'000;  // 10^13 yuan, in cents (the currency fields' range)
constexpr int64_t kHundredPercent = 10'000;           // percentages in hundredths of a percent
constexpr size_t kMaxTextLength = 200;

// Members a client may send; the computed ones are accepted and recomputed.
constexpr std::array<std::string_view, 9> kInputMembers = {
    "product_id", "name", "unit", "spec", "quantity", "unit_price", "discount", "tax_rate", "remark"};
constexpr std::array<std::string_view, 4> kComputedMembers = {"discount_amount", "amount", "tax_amount", "total"};

bool IsOneOf(const auto& list, std::string_view key) {
    for (std::string_view k : list) {
        if (k == key) return true;
    }
    return false;
}

[[noreturn]] void Bad(const std::string& at, const char* code, Text message) {
    ThrowFieldError("lines" + at, code, std::move(message));
}

// A non-negative decimal with at most two places, in hundredths; nullopt when absent or null.
std::optional<int64_t> Hundredths(const json::object& line, std::string_view key, const std::string& at, int64_t max) {
    const json::value* v = line.if_contains(key);
    if (!v || v->is_null()) return std::nullopt;
    std::optional<int64_t> n = records::ParseMoney(*v);
    if (!n || *n < 0 || *n > max) {
        Bad(fmt::format("{}.{}", at, key),
            "invalid",
            {fmt::format("应为不超过 {} 的非负数，最多两位小数", records::FormatMoney(max)),
             fmt::format("must be a number from 0 to {} with at most two decimals", records::FormatMoney(max))});
    }
    return n;
}

std::optional<std::string> ShortText(const json::object& line, std::string_view key, const std::string& at) {
    const json::value* v = line.if_contains(key);
    if (!v || v->is_null()) return std::nullopt;
    if (!v->is_string() || Utf8Length(v->get_string()) < 0 || Utf8Length(v->get_string()) > long(kMaxTextLength)) {
        Bad(fmt::format("{}.{}", at, key),
            "invalid",
            {fmt::format("应为不超过 {} 个字符的文本", kMaxTextLength),
             fmt::format("must be text of at most {} characters", kMaxTextLength)});
    }
    std::string s = TrimCopy(v->get_string());
    if (s.empty()) return std::nullopt;
    return s;
}

// A percentage as the decimal string clients send ("13", "7.5").
std::string Percent(int64_t hundredths) {
    if (hundredths % 100 == 0) return std::to_string(hundredths / 100);
    std::string s = records::FormatMoney(hundredths);
    if (s.back() == '0') s.pop_back();
    return s;
}

}  // namespace

int64_t MulDivRound(int64_t value, int64_t numerator, int64_t denominator) {
    Wide product = Wide(value) * Wide(numerator);
    return static_cast<int64_t>((product + Wide(denominator / 2)) / Wide(denominator));
}

NormalizedLines NormalizeLines(std::string_view text, const ProductLookup& product) {
    NormalizedLines out;
    std::string trimmed = TrimCopy(text);
    if (trimmed.empty()) {
        out.json = "[]";
        return out;
    }
    boost::system::error_code ec;
    json::value parsed = json::parse(trimmed, ec);
    if (ec || !parsed.is_array()) {
        ThrowFieldError("lines", "invalid", {"产品明细应为 JSON 数组", "Product lines must be a JSON array"});
    }
    const json::array& lines = parsed.get_array();
    if (lines.size() > kMaxLines) {
        ThrowFieldError(
            "lines",
            "too_many",
            {fmt::format("产品明细最多 {} 行", kMaxLines), fmt::format("At most {} product lines", kMaxLines)}
        );
    }
    json::array stored;
    Wide subtotal = 0, discount = 0, tax = 0;
    for (size_t i = 0; i < lines.size(); ++i) {
        std::string at = fmt::format("[{}]", i);
        const json::object* line = lines[i].if_object();
        if (!line) Bad(at, "invalid", {"每一行应为对象", "Each line must be an object"});
        for (const auto& [key, v] : *line) {
            if (!IsOneOf(kInputMembers, key) && !IsOneOf(kComputedMembers, key)) {
                Bad(fmt::format("{}.{}", at, org::Clip(key, 64)),
                    "unknown_field",
                    {fmt::format("没有明细项「{}」", org::Clip(key, 64)),
                     fmt::format("No line member '{}'", org::Clip(key, 64))});
            }
        }
        json::object o;
        std::optional<ProductInfo> info;
        if (const json::value* id = line->if_contains("product_id"); id && !id->is_null()) {
            if (!id->is_int64() || id->get_int64() <= 0) {
                Bad(at + ".product_id", "invalid", {"产品编号应为正整数", "product_id must be a positive integer"});
            }
            info = product(id->get_int64());
            if (!info) {
                Bad(at + ".product_id",
                    "lookup_not_found",
                    {"产品不存在或无权查看", "The product does not exist or you cannot see it"});
            }
            o["product_id"] = id->get_int64();
        }
        std::optional<std::string> name = ShortText(*line, "name", at);
        if (!name && info) name = info->name;
        if (!name) Bad(at + ".name", "required", {"请填写产品名称或选择产品", "Name the product or choose one"});
        o["name"] = *name;
        std::optional<std::string> unit = ShortText(*line, "unit", at);
        if (!unit && info && !info->unit.empty()) unit = info->unit;
        if (unit) o["unit"] = *unit;
        if (auto spec = ShortText(*line, "spec", at)) o["spec"] = *spec;

        std::optional<int64_t> quantity = Hundredths(*line, "quantity", at, kMaxQuantity);
        if (!quantity || *quantity == 0)
            Bad(at + ".quantity", "required", {"数量应大于 0", "Quantity must be above 0"});
        std::optional<int64_t> price = Hundredths(*line, "unit_price", at, kMaxMoney);
        if (!price && info) price = info->price_cents;
        if (!price) Bad(at + ".unit_price", "required", {"请填写单价", "Give the unit price"});
        int64_t discount_rate = Hundredths(*line, "discount", at, kHundredPercent).value_or(0);
        int64_t tax_rate = Hundredths(*line, "tax_rate", at, kHundredPercent).value_or(0);

        // Rounded once per step, to the cent, the way an invoice prints them.
        Wide exact_gross = (Wide(*quantity) * Wide(*price) + 50) / 100;
        if (exact_gross > kMaxMoney) Bad(at, "too_large", {"金额超出范围", "The amount is out of range"});
        int64_t gross = static_cast<int64_t>(exact_gross);
        int64_t off = MulDivRound(gross, discount_rate, kHundredPercent);
        int64_t net = gross - off;
        int64_t line_tax = MulDivRound(net, tax_rate, kHundredPercent);
        if (net + line_tax > kMaxMoney) {
            Bad(at, "too_large", {"金额超出范围", "The amount is out of range"});
        }
        o["quantity"] = records::FormatMoney(*quantity);
        o["unit_price"] = records::FormatMoney(*price);
        o["discount"] = Percent(discount_rate);
        o["tax_rate"] = Percent(tax_rate);
        o["discount_amount"] = records::FormatMoney(off);
        o["amount"] = records::FormatMoney(net);
        o["tax_amount"] = records::FormatMoney(line_tax);
        o["total"] = records::FormatMoney(net + line_tax);
        if (auto remark = ShortText(*line, "remark", at)) o["remark"] = *remark;
        subtotal += gross;
        discount += off;
        tax += line_tax;
        stored.push_back(std::move(o));
    }
    if (subtotal - discount + tax > kMaxMoney) {
        ThrowFieldError("lines", "too_large", {"合计金额超出范围", "The total is out of range"});
    }
    out.totals = {
        static_cast<int64_t>(subtotal),
        static_cast<int64_t>(discount),
        static_cast<int64_t>(tax),
        static_cast<int64_t>(subtotal - discount + tax),
    };
    out.count = stored.size();
    out.json = json::serialize(stored);
    return out;
}

}  // namespace xieli::sales
