#pragma once

#include <functional>
#include <string>

#include "http/metrics.h"
#include "http/router.h"
#include "http/server.h"
#include "store/store.h"

namespace xieli::app {

// GET /healthz (liveness and the system database) and GET /metrics (Prometheus text; loopback
// callers, or anyone with the metrics token).
void RegisterSystemRoutes(
    http::Router& router,
    store::Store& store,
    const http::Metrics& metrics,
    std::function<http::TransportStats()> transport_stats,
    std::string metrics_token
);

}  // namespace xieli::app
