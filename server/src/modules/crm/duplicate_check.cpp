#include "modules/crm/duplicate_check.h"

#include <fmt/format.h>

#include "common/error.h"
#include "common/strings.h"

namespace xieli::crm {

namespace {

constexpr std::string_view kIdeographicSpace = "\xE3\x80\x80";  // U+3000
constexpr std::string_view kFullWidthOpen = "\xEF\xBC\x88";     // （ U+FF08
constexpr std::string_view kFullWidthClose = "\xEF\xBC\x89";    // ） U+FF09
constexpr std::string_view kKeysReadySetting = "crm.customer_keys_ready";

bool IsAsciiSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::optional<std::string> KeyOrNone(std::string key) {
    if (key.empty()) return std::nullopt;
    return key;
}

std::optional<std::string> TextOf(const store::Value& v) {
    if (v.IsNull()) return std::nullopt;
    return v.AsText();
}

store::Value Bind(const std::optional<std::string>& key) {
    return key ? store::Value(*key) : store::Value();
}

std::string OwnerText(const DuplicateMatch& m, Lang lang) {
    if (!m.owner_name.empty()) return m.owner_name;
    return lang == Lang::kEn ? "none" : "无";
}

}  // namespace

Text DuplicateMessage(const DuplicateMatch& m, std::string_view field) {
    if (!m.pool_name.empty() && m.owner_name.empty()) {
        std::string zh_what =
            field == "short_name" ? fmt::format("简称与公海「{}」中的客户「{}」相同", m.pool_name, m.name)
            : field == "phone" ? fmt::format("电话与公海「{}」中的客户「{}」相同", m.pool_name, m.name)
                               : fmt::format("客户「{}」已在公海「{}」中", m.name, m.pool_name);
        std::string en_what =
            field == "short_name"
                ? fmt::format(
                      "The short name is that of the customer \"{}\" in the public pool \"{}\"", m.name, m.pool_name
                  )
            : field == "phone"
                ? fmt::format(
                      "The phone number is that of the customer \"{}\" in the public pool \"{}\"", m.name, m.pool_name
                  )
                : fmt::format("The customer \"{}\" is in the public pool \"{}\"", m.name, m.pool_name);
        return {zh_what + "，可前往公海领取", en_what + "; claim it from the pool"};
    }
    std::string zh_owner = OwnerText(m, Lang::kZh), en_owner = OwnerText(m, Lang::kEn);
    if (field == "short_name") {
        return {
            fmt::format("简称与已有客户「{}」相同，负责人：{}", m.name, zh_owner),
            fmt::format("The short name is that of the existing customer \"{}\" (owner: {})", m.name, en_owner)};
    }
    if (field == "phone") {
        return {
            fmt::format("电话与已有客户「{}」相同，负责人：{}", m.name, zh_owner),
            fmt::format("The phone number is that of the existing customer \"{}\" (owner: {})", m.name, en_owner)};
    }
    return {
        fmt::format("客户「{}」已存在，负责人：{}", m.name, zh_owner),
        fmt::format("The customer \"{}\" already exists (owner: {})", m.name, en_owner)};
}

std::string NormalizeCustomerName(std::string_view s) {
    for (;;) {
        if (!s.empty() && IsAsciiSpace(s.front()))
            s.remove_prefix(1);
        else if (s.starts_with(kIdeographicSpace))
            s.remove_prefix(kIdeographicSpace.size());
        else
            break;
    }
    for (;;) {
        if (!s.empty() && IsAsciiSpace(s.back()))
            s.remove_suffix(1);
        else if (s.ends_with(kIdeographicSpace))
            s.remove_suffix(kIdeographicSpace.size());
        else
            break;
    }
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size();) {
        std::string_view rest = s.substr(i);
        if (rest.starts_with(kFullWidthOpen)) {
            out.push_back('(');
            i += kFullWidthOpen.size();
        } else if (rest.starts_with(kFullWidthClose)) {
            out.push_back(')');
            i += kFullWidthClose.size();
        } else {
            char c = s[i++];
            // Bytes of multi-byte UTF-8 sequences are >= 0x80 and pass through unchanged.
            out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
        }
    }
    return out;
}

std::string NormalizePhoneKey(std::string_view phone) {
    std::string mobile = NormalizeMobile(phone);
    if (!mobile.empty()) return mobile;
    std::string digits;
    for (char c : phone) {
        if (c == ' ' || c == '-' || c == '(' || c == ')') continue;
        digits.push_back(c);
    }
    bool international = false;
    if (digits.starts_with("+86")) {
        digits.erase(0, 3);
        international = true;
    } else if (digits.starts_with("0086")) {
        digits.erase(0, 4);
        international = true;
    }
    for (char c : digits) {
        if (c < '0' || c > '9') return {};
    }
    // "+86 571 8888 6666" is dialled at home as "0571 8888 6666".
    if (international && !digits.empty() && digits[0] != '0') digits.insert(digits.begin(), '0');
    if (digits.size() < 7) return {};
    return digits;
}

CustomerKeys KeysOf(const store::Value& name, const store::Value& short_name, const store::Value& phone) {
    CustomerKeys k;
    if (auto t = TextOf(name)) k.name = KeyOrNone(NormalizeCustomerName(*t));
    if (auto t = TextOf(short_name)) k.short_name = KeyOrNone(NormalizeCustomerName(*t));
    if (auto t = TextOf(phone)) k.phone = KeyOrNone(NormalizePhoneKey(*t));
    return k;
}

bool CustomerKeysReady(store::Connection& conn) {
    return conn.QueryValue("SELECT 1 FROM settings WHERE key = ?", {kKeysReadySetting}).has_value();
}

void SaveCustomerKeys(store::Connection& tx, int64_t customer_id, const CustomerKeys& keys) {
    tx.Execute(
        "INSERT INTO crm_customer_keys (customer_id, name_key, short_name_key, phone_key) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (customer_id) DO UPDATE SET name_key = excluded.name_key, "
        "short_name_key = excluded.short_name_key, phone_key = excluded.phone_key",
        {customer_id, Bind(keys.name), Bind(keys.short_name), Bind(keys.phone)}
    );
}

void EnsureCustomerKeys(store::Connection& tx, const records::ObjectMeta& customer) {
    if (CustomerKeysReady(tx)) return;
    store::Rows rows = tx.Query(fmt::format(
        "SELECT id, {}, {}, {} FROM {} WHERE id NOT IN (SELECT customer_id FROM crm_customer_keys)",
        customer.Field("name")->column,
        customer.Field("short_name")->column,
        customer.Field("phone")->column,
        customer.table
    ));
    for (const store::Row& r : rows) SaveCustomerKeys(tx, r.Int(0), KeysOf(r[1], r[2], r[3]));
    tx.Execute(
        "INSERT INTO settings (key, value) VALUES (?, 'true') ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        {kKeysReadySetting}
    );
}

std::vector<DuplicateMatch> FindDuplicates(
    store::Connection& conn,
    const records::AccessContext& access,
    const records::ObjectMeta& customer,
    const CustomerKeys& keys,
    int64_t exclude_id,
    int limit
) {
    std::vector<DuplicateMatch> out;
    if (keys.Empty()) return out;
    // Visibility is the one scope predicate, evaluated per match, so out-of-scope matches can be
    // reported with less.
    records::SqlFragment scope = records::ScopePredicate(access, customer.name, "c", records::Action::kRead);
    std::vector<store::Value> params{Bind(keys.name), Bind(keys.short_name), Bind(keys.phone)};
    params.insert(params.end(), scope.params.begin(), scope.params.end());
    for (const auto& key : {keys.name, keys.short_name, keys.phone}) params.push_back(Bind(key));
    params.push_back(exclude_id);
    params.push_back(limit);
    const records::FieldMeta* pool = customer.Field("pool_id");
    store::Rows rows = conn.Query(
        fmt::format(
            "SELECT c.id, c.{name}, c.{short_name}, c.{phone}, c.owner_id, u.name, {pool}, "
            "COALESCE(k.name_key = ?, 0), COALESCE(k.short_name_key = ?, 0), COALESCE(k.phone_key = ?, 0), "
            "CASE WHEN {scope} THEN 1 ELSE 0 END "
            "FROM crm_customer_keys k JOIN {table} c ON c.id = k.customer_id LEFT JOIN users u ON u.id = c.owner_id "
            "WHERE (k.name_key = ? OR k.short_name_key = ? OR k.phone_key = ?) AND c.deleted_at IS NULL AND c.id <> ? "
            "ORDER BY 8 DESC, 9 DESC, c.id LIMIT ?",
            fmt::arg("name", customer.Field("name")->column),
            fmt::arg("short_name", customer.Field("short_name")->column),
            fmt::arg("phone", customer.Field("phone")->column),
            fmt::arg("scope", scope.sql),
            fmt::arg("table", customer.table),
            // Where the pool module is in use; a customer with an owner is in no pool.
            fmt::arg("pool", pool ? fmt::format("CASE WHEN c.owner_id IS NULL THEN c.{} END", pool->column) : "NULL")
        ),
        store::Params(params)
    );
    for (const store::Row& r : rows) {
        DuplicateMatch m;
        m.id = r.Int(0);
        m.name = r.Text(1);
        m.short_name = r[2];
        m.phone = r[3];
        m.owner_id = r[4];
        m.owner_name = r.IsNull(5) ? "" : r.Text(5);
        m.pool_id = r[6];
        m.match = r.Int(7) ? "name" : r.Int(8) ? "short_name" : "phone";
        m.visible = r.Int(10) != 0;
        out.push_back(std::move(m));
    }
    return out;
}

void NamePools(store::Connection& conn, const records::RecordService& service, std::vector<DuplicateMatch>& matches) {
    json::array changes;
    std::vector<DuplicateMatch*> pooled;
    for (DuplicateMatch& m : matches) {
        if (m.pool_id.IsNull()) continue;  // a number field: read leniently (AsInt)
        changes.push_back(json::object{{"field", "pool_id"}, {"old_value", nullptr}, {"new_value", m.pool_id.AsInt()}});
        pooled.push_back(&m);
    }
    if (pooled.empty()) return;
    std::vector<json::object*> refs;
    for (json::value& c : changes) refs.push_back(&c.as_object());
    // A pool's name is one string, whatever the language.
    service.LabelChanges(conn, Lang::kZh, "customer", refs);
    for (size_t i = 0; i < pooled.size(); ++i) {
        const json::value* label = refs[i]->if_contains("new_label");
        if (label && label->is_string()) pooled[i]->pool_name = std::string(label->get_string());
    }
}

json::object DuplicateToJson(const DuplicateMatch& m, const records::AccessContext& access) {
    if (!m.visible) {
        json::object out{{"name", m.name}, {"match", m.match}, {"owner_name", m.owner_name}};
        if (!m.pool_name.empty()) out["pool_name"] = m.pool_name;
        return out;
    }
    auto value = [](const store::Value& v) -> json::value {
        if (v.IsNull()) return nullptr;
        if (v.IsInt()) return v.AsInt();
        return json::value(v.AsText());
    };
    json::object out{{"id", m.id}, {"name", m.name}};
    for (auto [field, v] : {std::pair{"short_name", &m.short_name}, std::pair{"phone", &m.phone}}) {
        if (access.FieldAccessFor("customer", field) != org::FieldAccess::kHidden) out[field] = value(*v);
    }
    out["owner_id"] = value(m.owner_id);
    out["owner_name"] = m.owner_name;
    if (!m.pool_name.empty()) out["pool_name"] = m.pool_name;
    out["match"] = m.match;
    return out;
}

void ThrowDuplicate(const std::vector<DuplicateMatch>& matches, const records::AccessContext& access) {
    std::vector<FieldError> details;
    json::array listed;
    for (const DuplicateMatch& m : matches) {
        bool seen = false;
        for (const FieldError& d : details) seen = seen || d.field == m.match;
        if (!seen) details.push_back({m.match, "duplicate", DuplicateMessage(m, m.match)});
        listed.push_back(DuplicateToJson(m, access));
    }
    const DuplicateMatch& first = matches.front();
    throw Error(ErrorCode::kConflict, DuplicateMessage(first, first.match), std::move(details))
        .WithExtraJson(json::serialize(json::object{{"duplicates", std::move(listed)}}));
}

namespace {

store::Value Current(const records::WriteEvent& e, const std::string& field) {
    if (auto it = e.values.find(field); it != e.values.end()) return it->second;
    if (auto it = e.before.find(field); it != e.before.end()) return it->second;
    return {};
}

CustomerKeys CurrentKeys(const records::WriteEvent& e) {
    return KeysOf(Current(e, "name"), Current(e, "short_name"), Current(e, "phone"));
}

}  // namespace

void CheckCustomerDuplicates(const records::RecordService& service, records::WriteEvent& e) {
    EnsureCustomerKeys(e.tx, e.object);
    CustomerKeys keys = CurrentKeys(e);
    if (e.record_id != 0) {
        // An edit is checked on what it changes: a customer that was a duplicate before these
        // rules existed can still be edited in its other fields.
        if (!e.values.count("name")) keys.name.reset();
        if (!e.values.count("short_name")) keys.short_name.reset();
        if (!e.values.count("phone")) keys.phone.reset();
    }
    std::vector<DuplicateMatch> matches = FindDuplicates(e.tx, e.access, e.object, keys, e.record_id, 10);
    if (matches.empty()) return;
    NamePools(e.tx, service, matches);
    ThrowDuplicate(matches, e.access);
}

void ForgetCustomerKeys(records::PurgeEvent& e) {
    e.tx.Execute("DELETE FROM crm_customer_keys WHERE customer_id = ?", {e.record_id});
}

void KeepCustomerKeys(records::WriteEvent& e) {
    bool creating = e.before.empty();
    if (!creating && !e.values.count("name") && !e.values.count("short_name") && !e.values.count("phone")) return;
    SaveCustomerKeys(e.tx, e.record_id, CurrentKeys(e));
}

void CheckRestoredCustomer(const records::RecordService& service, records::WriteEvent& e) {
    EnsureCustomerKeys(e.tx, e.object);
    store::Rows rows = e.tx.Query(
        "SELECT name_key, short_name_key, phone_key FROM crm_customer_keys WHERE customer_id = ?", {e.record_id}
    );
    if (rows.empty()) return;
    CustomerKeys keys{TextOf(rows.front()[0]), TextOf(rows.front()[1]), TextOf(rows.front()[2])};
    std::vector<DuplicateMatch> matches = FindDuplicates(e.tx, e.access, e.object, keys, e.record_id, 10);
    if (matches.empty()) return;
    NamePools(e.tx, service, matches);
    ThrowDuplicate(matches, e.access);
}

}  // namespace xieli::crm
