#include "records/aggregate_cache.h"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <cctype>
#include <set>
#include <type_traits>

#include "records/schema_writer.h"

namespace xieli::records {

namespace {

void AppendPiece(std::string& key, char tag, std::string_view text) {
    key += tag;
    key += std::to_string(text.size());
    key += ':';
    key += text;
}

size_t BytesOf(const store::Value& v) {
    size_t n = sizeof(store::Value);
    if (v.IsText()) n += std::get<std::string>(v.variant()).capacity();
    return n;
}

size_t BytesOf(const std::string& key, const WriteCounts& counts, const AggregateRows& rows) {
    // The entry, its list node and map slot, the key twice over (list and the map's view is free).
    size_t n = 128 + key.capacity() + counts.capacity() * sizeof(int64_t) + sizeof(AggregateRows);
    for (const AggregateGroup& g : rows.groups) {
        n += sizeof(AggregateGroup);
        for (const store::Value& v : g.keys) n += BytesOf(v);
        for (const store::Value& v : g.figures) n += BytesOf(v);
    }
    for (const store::Value& v : rows.totals) n += BytesOf(v);
    return n;
}

bool IdentifierChar(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

// Whether `sql` has the keyword `word` (upper case, as the compiler writes it) at `pos`, as a word.
bool KeywordAt(std::string_view sql, size_t pos, std::string_view word) {
    if (sql.compare(pos, word.size(), word) != 0) return false;
    if (pos > 0 && IdentifierChar(sql[pos - 1])) return false;
    size_t end = pos + word.size();
    return end < sql.size() && !IdentifierChar(sql[end]);
}

std::string_view NameAfter(std::string_view sql, size_t pos) {
    while (pos < sql.size() && sql[pos] == ' ') ++pos;
    size_t end = pos;
    while (end < sql.size() && IdentifierChar(sql[end])) ++end;
    return sql.substr(pos, end - pos);
}

}  // namespace

std::string AggregateCacheKey(const std::vector<std::string_view>& sql, store::Params params) {
    std::string key;
    for (std::string_view piece : sql) AppendPiece(key, 's', piece);
    for (const store::Value& p : params) {
        std::visit(
            [&](const auto& v) {
                using T = std::decay_t<decltype(v)>;
                if constexpr (std::is_same_v<T, std::monostate>) {
                    key += 'n';
                } else if constexpr (std::is_same_v<T, int64_t>) {
                    AppendPiece(key, 'i', std::to_string(v));
                } else if constexpr (std::is_same_v<T, double>) {
                    AppendPiece(key, 'd', fmt::format("{:x}", std::bit_cast<uint64_t>(v)));  // every bit
                } else {
                    AppendPiece(key, 't', v);
                }
            },
            p.variant()
        );
    }
    return key;
}

std::optional<std::vector<std::string>> TablesNamedIn(std::string_view sql) {
    std::set<std::string> named, defined;
    for (size_t i = 0; i < sql.size(); ++i) {
        if (KeywordAt(sql, i, "FROM") || KeywordAt(sql, i, "JOIN")) {
            std::string_view name = NameAfter(sql, i + 4);
            if (name.empty()) return std::nullopt;  // FROM (…), FROM "…": not something this reads
            named.emplace(name);
        } else if (KeywordAt(sql, i, "WITH") || KeywordAt(sql, i, "RECURSIVE")) {
            // WITH RECURSIVE sub(v) AS (…): "sub" is the statement's own, not a table.
            std::string_view name = NameAfter(sql, i + (sql[i] == 'W' ? 4 : 9));
            if (!name.empty() && name != "RECURSIVE") defined.emplace(name);
        }
    }
    std::vector<std::string> out;
    for (const std::string& n : named) {
        if (n == "json_each" || defined.count(n)) continue;
        out.push_back(n);
    }
    return out;
}

AggregateCache::TenantEntries* AggregateCache::TenantFor(Tenant tenant, bool create) {
    auto it = tenants_.find(tenant);
    if (it == tenants_.end()) {
        if (!create) return nullptr;
        if (tenants_.size() >= limits_.tenants && !tenants_.empty()) {
            auto oldest = std::min_element(tenants_.begin(), tenants_.end(), [](const auto& a, const auto& b) {
                return a.second.last_used < b.second.last_used;
            });
            stats_.evictions += static_cast<int64_t>(oldest->second.lru.size());
            tenants_.erase(oldest);
        }
        it = tenants_.try_emplace(tenant).first;
    }
    it->second.last_used = ++tick_;
    return &it->second;
}

void AggregateCache::Erase(TenantEntries& t, std::list<Entry>::iterator it) {
    t.by_key.erase(std::string_view(it->key));
    t.bytes -= it->bytes;
    t.lru.erase(it);
}

std::shared_ptr<const AggregateRows> AggregateCache::Find(
    Tenant tenant, const std::string& key, const WriteCounts& counts
) {
    std::lock_guard lock(mutex_);
    TenantEntries* t = TenantFor(tenant, false);
    if (!t) {
        ++stats_.misses;
        return nullptr;
    }
    auto found = t->by_key.find(std::string_view(key));
    if (found == t->by_key.end()) {
        ++stats_.misses;
        return nullptr;
    }
    auto it = found->second;
    if (it->counts != counts) {
        ++stats_.stale;
        ++stats_.misses;
        Erase(*t, it);
        return nullptr;
    }
    t->lru.splice(t->lru.begin(), t->lru, it);
    ++stats_.hits;
    return it->rows;
}

void AggregateCache::Put(
    Tenant tenant, const std::string& key, WriteCounts counts, std::shared_ptr<const AggregateRows> rows
) {
    if (!rows) return;
    size_t bytes = BytesOf(key, counts, *rows);
    if (bytes > limits_.bytes_per_tenant || limits_.entries_per_tenant == 0 || limits_.tenants == 0) return;
    std::lock_guard lock(mutex_);
    TenantEntries& t = *TenantFor(tenant, true);
    if (auto found = t.by_key.find(std::string_view(key)); found != t.by_key.end()) Erase(t, found->second);
    t.lru.push_front(Entry{key, std::move(counts), std::move(rows), bytes});
    t.by_key.emplace(std::string_view(t.lru.front().key), t.lru.begin());
    t.bytes += bytes;
    while (t.lru.size() > limits_.entries_per_tenant || t.bytes > limits_.bytes_per_tenant) {
        Erase(t, std::prev(t.lru.end()));
        ++stats_.evictions;
    }
}

AggregateCacheStats AggregateCache::Stats() const {
    std::lock_guard lock(mutex_);
    AggregateCacheStats s = stats_;
    s.entries = 0;
    s.bytes = 0;
    for (const auto& [tenant, t] : tenants_) {
        s.entries += t.lru.size();
        s.bytes += t.bytes;
    }
    return s;
}

std::shared_ptr<const AggregateRows> KeptOrRead(
    std::optional<CacheTicket> ticket, const std::function<AggregateRows()>& read
) {
    if (ticket) {
        if (auto kept = SharedAggregateCache().Find(ticket->tenant, ticket->key, ticket->counts)) return kept;
    }
    auto fresh = std::make_shared<const AggregateRows>(read());
    if (ticket) SharedAggregateCache().Put(ticket->tenant, ticket->key, std::move(ticket->counts), fresh);
    return fresh;
}

AggregateCache& SharedAggregateCache() {
    static AggregateCache cache;
    return cache;
}

std::optional<CacheTicket> CacheTicketFor(
    store::Connection& conn,
    const store::Database& db,
    std::string_view table,
    std::string_view where,
    const std::vector<std::string_view>& pieces,
    store::Params params
) {
    std::optional<std::vector<std::string>> tables = TablesNamedIn(where);
    if (!tables) return std::nullopt;
    tables->insert(tables->begin(), std::string(table));
    std::map<std::string, int64_t> counters = WriteCounters(conn, *tables);
    CacheTicket ticket{&db, AggregateCacheKey(pieces, params), {}};
    for (const std::string& t : *tables) {
        auto it = counters.find(t);
        if (it == counters.end()) return std::nullopt;
        ticket.counts.push_back(it->second);
    }
    return ticket;
}

}  // namespace xieli::records
