#pragma once

// Aggregate answers kept while nothing they were read from has changed (the dashboards ask the
// same nine questions on every visit; on the bench enterprise a cold answer counts up to 1.3M index
// entries). docs/decisions/0013-aggregate-cache.md.
//
// An answer is keyed by its tenant and by the exact SQL and bound parameters it ran — the caller's
// data scope and the dates of "this month" are parameters, so two people share an answer only when
// they would run the same statements with the same values. It is valid while the write counters of
// every table it read are what they were before it was read: triggers on each record table bump
// the table's counter in the writing transaction itself (schema_writer.h, KeepWriteCounter), so
// no write — through the records engine or a module's own SQL — can leave an answer standing.
//
// What is kept are the database's values (group keys, figures, totals), not JSON: encoding and the
// keys' labels (owner names, stage labels) are done again for each answer, so a renamed person or
// option and a changed field definition never show through a kept answer.

#include <cstdint>
#include <functional>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "store/database.h"

namespace xieli::records {

// One group of an aggregate as the database gave it: key values (a date bucket's label for a dated
// key) and figures, in the order of the request's keys and measures.
struct AggregateGroup {
    std::vector<store::Value> keys;
    std::vector<store::Value> figures;
};

// What an aggregate read: its groups, one more than the limit when there are more, and its totals.
struct AggregateRows {
    std::vector<AggregateGroup> groups;
    std::vector<store::Value> totals;
};

// The write counters of the tables an answer read, in a fixed order (the key decides which tables).
using WriteCounts = std::vector<int64_t>;

struct AggregateCacheLimits {
    size_t entries_per_tenant = 512;
    size_t bytes_per_tenant = size_t{4} << 20;
    size_t tenants = 64;  // the least recently used enterprise's answers go first
};

struct AggregateCacheStats {
    int64_t hits = 0;
    int64_t misses = 0;
    int64_t stale = 0;      // found, but a table had been written since: dropped
    int64_t evictions = 0;  // dropped for room
    size_t entries = 0;
    size_t bytes = 0;
};

// The key of an answer: the statements' text pieces and their bound parameters, each length-prefixed
// (no two different lists give the same key) and typed (the integer 1 is not the text "1").
std::string AggregateCacheKey(const std::vector<std::string_view>& sql, store::Params params);

// The tables a WHERE fragment reads besides its own (subqueries: FROM x, JOIN y), without table
// functions (json_each) and its own WITH names. An answer is kept only when each of them has a
// write counter too; a fragment this cannot read (a FROM not followed by a name) gives none.
std::optional<std::vector<std::string>> TablesNamedIn(std::string_view sql);

// Thread safe: one lock around look-ups and insertions, never held while a query runs (two threads
// that miss the same answer both compute it; the second insertion wins).
class AggregateCache {
public:
    using Tenant = const store::Database*;  // one per enterprise for the process's life (store.h)

    explicit AggregateCache(AggregateCacheLimits limits = {}) : limits_(limits) {}

    // The answer kept for `key` if it was read under exactly `counts`; a kept answer under other
    // counts is dropped.
    std::shared_ptr<const AggregateRows> Find(Tenant tenant, const std::string& key, const WriteCounts& counts);
    // Keeps an answer read under `counts` (read before the answer, so it can only be older than the
    // answer: a write in between makes the next look-up miss, never see an old figure).
    void Put(Tenant tenant, const std::string& key, WriteCounts counts, std::shared_ptr<const AggregateRows> rows);

    AggregateCacheStats Stats() const;

private:
    struct Entry {
        std::string key;
        WriteCounts counts;
        std::shared_ptr<const AggregateRows> rows;
        size_t bytes = 0;
    };
    struct TenantEntries {
        std::list<Entry> lru;                                                     // most recently used first
        std::unordered_map<std::string_view, std::list<Entry>::iterator> by_key;  // views into lru's keys
        size_t bytes = 0;
        uint64_t last_used = 0;
    };

    TenantEntries* TenantFor(Tenant tenant, bool create);
    void Erase(TenantEntries& t, std::list<Entry>::iterator it);

    AggregateCacheLimits limits_;
    mutable std::mutex mutex_;
    std::map<Tenant, TenantEntries> tenants_;
    uint64_t tick_ = 0;
    AggregateCacheStats stats_;
};

// The process's cache, used by the aggregate route and for lists' totals.
AggregateCache& SharedAggregateCache();

// Where an answer is kept: its tenant, its key and the write counters of every table it reads.
struct CacheTicket {
    AggregateCache::Tenant tenant;
    std::string key;
    WriteCounts counts;
};

// The ticket of statements over `table` filtered by `where`, keyed by `pieces` (everything the
// statements are made of) and `params`. None when the answer must not be kept: `where` reads a
// table without a write counter (a keyword's search tables; any table on PostgreSQL, which keeps
// no counters). Read the ticket before the answer, on the same connection.
std::optional<CacheTicket> CacheTicketFor(
    store::Connection& conn,
    const store::Database& db,
    std::string_view table,
    std::string_view where,
    const std::vector<std::string_view>& pieces,
    store::Params params
);

// The answer kept under `ticket`, or `read()`'s, kept for next time. Without a ticket (an answer
// that must not be kept) it just reads. Read the ticket first, on the connection `read` uses.
std::shared_ptr<const AggregateRows> KeptOrRead(
    std::optional<CacheTicket> ticket, const std::function<AggregateRows()>& read
);

}  // namespace xieli::records
