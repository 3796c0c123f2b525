#include "modules/sales/quote_print.h"

#include <array>

#include "common/error.h"
#include "common/strings.h"

namespace xieli::sales {

namespace {

constexpr const char* kHeaderKey = "sales.print_header";
constexpr std::array<std::string_view, 8> kHeaderMembers = {
    "company_name", "address", "phone", "email", "website", "tax_number", "bank_name", "bank_account"};
constexpr long kMaxHeaderText = 200;

// The record, or null when it is missing or outside the caller's read scope.
json::value Readable(
    records::RecordService& service, records::RecordScope& s, std::string_view object, const json::value& id
) {
    if (!id.is_int64()) return nullptr;
    try {
        return service.Get(s, object, id.get_int64());
    } catch (const Error& e) {
        if (e.code() == ErrorCode::kNotFound || e.code() == ErrorCode::kForbidden) return nullptr;
        throw;
    }
}

}  // namespace

json::object PrintHeader(store::Connection& conn) {
    json::object header;
    for (std::string_view m : kHeaderMembers) header[m] = "";
    if (auto stored = conn.QueryValue("SELECT value FROM settings WHERE key = ?", {kHeaderKey})) {
        boost::system::error_code ec;
        json::value v = json::parse(stored->AsText(), ec);
        if (!ec && v.is_object()) {
            for (std::string_view m : kHeaderMembers) {
                if (const json::value* text = v.get_object().if_contains(m); text && text->is_string())
                    header[m] = text->get_string();
            }
        }
    }
    if (header["company_name"].get_string().empty()) {
        if (auto root = conn.QueryValue("SELECT name FROM departments WHERE parent_id IS NULL ORDER BY id LIMIT 1"))
            header["company_name"] = root->AsText();
    }
    return header;
}

json::object PutPrintHeader(store::Connection& tx, const json::object& body) {
    json::object stored;
    std::vector<FieldError> errors;
    for (const auto& [key, v] : body) {
        bool known = false;
        for (std::string_view m : kHeaderMembers) known = known || m == key;
        std::string field(key.data(), std::min<size_t>(key.size(), 64));
        if (!known) {
            errors.push_back({field, "unknown_field", {"未知的抬头项", "Unknown header member"}});
        } else if (!v.is_string() && !v.is_null()) {
            errors.push_back({field, "invalid_type", {"应为文本", "must be text"}});
        } else if (v.is_string() && (Utf8Length(v.get_string()) < 0 || Utf8Length(v.get_string()) > kMaxHeaderText)) {
            errors.push_back({field, "too_long", {"不能超过 200 个字符", "must be at most 200 characters"}});
        } else if (v.is_string()) {
            stored[key] = TrimCopy(v.get_string());
        }
    }
    if (!errors.empty()) ThrowValidation(std::move(errors));
    tx.Execute(
        "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        {kHeaderKey, json::serialize(stored)}
    );
    return PrintHeader(tx);
}

json::object QuotePrint(records::RecordService& service, records::RecordScope& s, int64_t id) {
    json::object quote = service.Get(s, "quote", id);
    json::array lines;
    if (const json::value* text = quote.if_contains("lines"); text && text->is_string()) {
        boost::system::error_code ec;
        json::value parsed = json::parse(text->get_string(), ec);
        if (!ec && parsed.is_array()) lines = parsed.get_array();
    }
    json::object out;
    {
        store::Reader r = s.db.Read();
        out["header"] = PrintHeader(*r);
        json::value salesperson = nullptr;
        if (const json::value* owner = quote.if_contains("owner_id"); owner && owner->is_int64()) {
            store::Rows u = r->Query("SELECT id, name, phone, email FROM users WHERE id = ?", {owner->get_int64()});
            if (!u.empty()) {
                const store::Row& row = u.front();
                salesperson = json::object{
                    {"id", row.Int(0)},
                    {"name", row.Text(1)},
                    {"phone", row.IsNull(2) ? json::value(nullptr) : json::value(row.Text(2))},
                    {"email", row.IsNull(3) ? json::value(nullptr) : json::value(row.Text(3))},
                };
            }
        }
        out["salesperson"] = salesperson;
    }
    json::value customer_id = quote.contains("customer_id") ? quote.at("customer_id") : json::value(nullptr);
    json::value contact_id = quote.contains("contact_id") ? quote.at("contact_id") : json::value(nullptr);
    out["customer"] = Readable(service, s, "customer", customer_id);
    out["contact"] = Readable(service, s, "contact", contact_id);
    out["lines"] = std::move(lines);
    out["quote"] = std::move(quote);
    return out;
}

}  // namespace xieli::sales
