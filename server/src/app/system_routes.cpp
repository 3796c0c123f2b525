#include "app/system_routes.h"

#include "common/crypto.h"
#include "common/error.h"
#include "records/aggregate_cache.h"

namespace xieli::app {

namespace {

bool IsLoopback(const std::string& ip) {
    return ip.starts_with("127.") || ip == "::1" || ip.starts_with("::ffff:127.");
}

}  // namespace

void RegisterSystemRoutes(
    http::Router& router,
    store::Store& store,
    const http::Metrics& metrics,
    std::function<http::TransportStats()> transport_stats,
    std::string metrics_token
) {
    router.Add(
        {"GET",
         "/healthz",
         [&store](http::Context&) {
             store::Reader r = store.System().Read();
             r->QueryValue("SELECT 1");
             return http::Response::Json(200, json::object{{"status", "ok"}});
         },
         http::Access::kPublic,
         "Liveness: the server answers and its system database is readable",
         "system"}
    );
    router.Add(
        {"GET",
         "/metrics",
         [&store, &metrics, transport_stats, metrics_token](http::Context& ctx) {
             std::string_view auth = ctx.request.Header("authorization");
             bool token_ok = !metrics_token.empty() && auth.starts_with("Bearer ") &&
                             crypto::ConstantTimeEquals(auth.substr(7), metrics_token);
             if (!token_ok && !IsLoopback(ctx.request.remote_ip)) ThrowForbidden();
             int open_databases = 0;
             store::PoolStats db = store.TotalStats(&open_databases);
             http::TransportStats t = transport_stats();
             records::AggregateCacheStats cache = records::SharedAggregateCache().Stats();
             std::vector<http::Gauge> gauges = {
                 {"xieli_db_open_databases", "Databases open (system and enterprises)", double(open_databases)},
                 {"xieli_db_readers_total", "Read connections in all pools", double(db.readers_total)},
                 {"xieli_db_readers_in_use", "Read connections in use", double(db.readers_in_use)},
                 {"xieli_db_reader_waits_total",
                  "Times a request waited for a read connection",
                  double(db.reader_waits)},
                 {"xieli_db_writer_waits_total", "Times a request waited for the writer", double(db.write_waits)},
                 {"xieli_db_transactions_total", "Write transactions begun", double(db.transactions)},
                 {"xieli_db_rollbacks_total", "Write transactions rolled back", double(db.rollbacks)},
                 {"xieli_http_connections_open", "Open client connections", double(t.connections_open)},
                 {"xieli_http_connections_total", "Connections accepted", double(t.connections_total)},
                 {"xieli_http_connections_rejected_total",
                  "Connections refused over the limit",
                  double(t.connections_rejected)},
                 {"xieli_http_requests_in_flight", "Requests being handled", double(t.requests_in_flight)},
                 {"xieli_http_timeouts_total", "Connections dropped for slowness", double(t.timeouts)},
                 {"xieli_aggregate_cache_hits_total",
                  "Aggregates and list totals answered from the cache",
                  double(cache.hits)},
                 {"xieli_aggregate_cache_misses_total", "Look-ups that found no kept answer", double(cache.misses)},
                 {"xieli_aggregate_cache_stale_total",
                  "Kept answers dropped because a table they read was written",
                  double(cache.stale)},
                 {"xieli_aggregate_cache_evictions_total", "Kept answers dropped for room", double(cache.evictions)},
                 {"xieli_aggregate_cache_entries", "Answers kept", double(cache.entries)},
                 {"xieli_aggregate_cache_bytes", "Memory of the kept answers", double(cache.bytes)},
             };
             return http::Response::Text(200, metrics.Render(gauges), "text/plain; version=0.0.4; charset=utf-8");
         },
         http::Access::kPublic,
         "Prometheus metrics",
         "system"}
    );
}

}  // namespace xieli::app
