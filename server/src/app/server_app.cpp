#include "app/server_app.h"

#include <spdlog/spdlog.h>

#include <cstdio>
#include <filesystem>
#include <thread>

#include "app/demo_enterprise.h"
#include "app/demo_records.h"
#include "app/openapi.h"
#include "app/system_routes.h"
#include "common/crypto.h"
#include "http/dispatcher.h"
#include "http/metrics.h"
#include "http/server.h"
#include "http/static_files.h"
#include "http/websocket_hub.h"
#include "jobs/jobs_routes.h"
#include "jobs/scheduler.h"
#include "jobs/shifted_clock.h"
#include "modules/auth/auth_module.h"
#include "modules/crm/crm_module.h"
#include "modules/data_io/data_io_module.h"
#include "modules/files/file_cleanup.h"
#include "modules/files/files_module.h"
#include "modules/notify/notify_module.h"
#include "modules/org/org_routes.h"
#include "modules/pool/demo_pool.h"
#include "modules/pool/pool_module.h"
#include "modules/sales/sales_module.h"
#include "records/openapi_objects.h"
#include "records/records_jobs.h"
#include "records/records_module.h"
#include "store/client_errors.h"
#include "store/store.h"

namespace xieli::app {

namespace {

int WorkerCount(const Config& config) {
    if (config.worker_threads > 0) return config.worker_threads;
    int cores = static_cast<int>(std::thread::hardware_concurrency());
    return std::max(4, cores * 2);  // handlers block on SQLite; more threads than cores keep I/O moving
}

}  // namespace

int RunServer(const Config& config) {
    spdlog::set_level(spdlog::level::from_str(config.log_level));
    crypto::Init();

    // The system clock; only --test-clock lets anything move it (jobs/shifted_clock.h).
    jobs::ShiftedClock clock;
    store::Store store({config.data_dir, config.db_readers, 5000});
    store.Open();
    auth::AuthService auth(store, clock, {});

    std::string demo_hint;
    if (config.demo) demo_hint = EnsureDemoEnterprise(store, auth, clock);

    http::Router router;
    http::Metrics metrics;
    http::ServerOptions server_options;
    server_options.listen_address = config.listen_address;
    server_options.port = config.port;
    server_options.io_threads = config.io_threads;
    server_options.worker_threads = WorkerCount(config);
    server_options.request_timeout_seconds = config.request_timeout_seconds;
    server_options.idle_timeout_seconds = config.idle_timeout_seconds;
    server_options.max_body_bytes = static_cast<size_t>(config.max_body_mb) * 1024 * 1024;
    server_options.max_connections = config.max_connections;
    server_options.is_upload = [](std::string_view method, std::string_view path) {
        return data_io::IsUploadRoute(method, path) || files::IsUploadRoute(method, path);
    };
    size_t import_max_bytes = static_cast<size_t>(config.import_max_mb) * 1024 * 1024;
    size_t file_max_bytes = static_cast<size_t>(config.file_max_mb) * 1024 * 1024;
    // The transport's limit for both upload routes; each route checks its own (413).
    server_options.max_upload_bytes = std::max(import_max_bytes, file_max_bytes);

    http::Dispatcher dispatcher(router);
    http::Server* server_ptr = nullptr;
    RegisterSystemRoutes(
        router,
        store,
        metrics,
        [&server_ptr] { return server_ptr ? server_ptr->Stats() : http::TransportStats{}; },
        config.metrics_token
    );
    auth::RegisterAuthRoutes(router, auth, {config.secure_cookies});
    org::RegisterOrgRoutes(router, auth, store);
    records::RecordsModule records_module(clock);
    records::RegisterRecordRoutes(router, records_module);
    records::RegisterMetaRoutes(router, records_module);
    sales::RegisterSalesModule(router, records_module);
    data_io::DataIoModule data_io_module(store, records_module, clock, {config.data_dir, import_max_bytes, 2});
    data_io::RegisterDataIoRoutes(router, data_io_module);
    files::RegisterFilesModule(router, records_module, {config.data_dir, file_max_bytes});
    crm::RegisterCrmModule(router, records_module);
    pool::RegisterPoolModule(router, records_module);
    jobs::Scheduler scheduler(store, clock);
    records::RegisterRecordsJobs(scheduler, records_module);
    pool::RegisterPoolJobs(scheduler, records_module);
    sales::RegisterSalesJobs(scheduler, records_module);
    files::RegisterFilesJobs(scheduler, config.data_dir);
    jobs::RegisterJobsRoutes(router, scheduler);
    if (config.test_clock) {
        spdlog::warn("--test-clock: administrators may move this server's clock; never use it in production");
        jobs::RegisterTestClockRoute(router, clock, scheduler);
    }
    auto hub = std::make_shared<http::Hub>();
    server_options.websocket_hub = hub;
    notify::NotifyModule notify_module(store, records_module, scheduler, hub, clock);
    notify::RegisterNotifyModule(router, notify_module, scheduler);
    // After the modules: the sample records go through their rules like anything typed in.
    if (config.demo && config.sample_data) {
        SeedDemoRecords(store, records_module, clock);
        pool::SeedDemoPool(store, records_module, clock);
    }
    RegisterOpenApiRoutes(router, [&records_module](const http::Context& c, json::object& doc) {
        records::AddObjectsToOpenApi(records_module, c, doc);
    });

    dispatcher.SetExceptionMapper(store::ToClientError);
    dispatcher.Use(auth::MakeAuthMiddleware(auth, store));
    dispatcher.Observe([&metrics](const http::Context& ctx, const http::Response& res, double seconds) {
        metrics.RecordRequest(ctx.route, ctx.request.method, res.status, seconds);
    });
    if (config.access_log) {
        dispatcher.Observe([](const http::Context& ctx, const http::Response& res, double seconds) {
            spdlog::info(
                "{} {} {} {} {:.1f}ms {}",
                ctx.request.request_id,
                ctx.request.method,
                ctx.request.path,
                res.status,
                seconds * 1000,
                ctx.request.remote_ip
            );
        });
    }
    auto static_files = std::make_shared<http::StaticFiles>(std::filesystem::path(config.web_dir));
    dispatcher.SetFallback([static_files](http::Context& ctx) { return static_files->Serve(ctx.request); });

    http::Server server(server_options, [&dispatcher](http::Request& req) { return dispatcher.Handle(req); });
    server_ptr = &server;
    uint16_t port;
    try {
        port = server.Start();
    } catch (const std::exception& e) {
        spdlog::critical("cannot listen on {}:{}: {}", config.listen_address, config.port, e.what());
        return 1;
    }
    std::string shown_host = config.listen_address == "0.0.0.0" ? "127.0.0.1" : config.listen_address;
    // Tests wait for this exact line; keep its shape.
    std::printf("Xieli listening on http://%s:%u\n", shown_host.c_str(), port);
    if (!demo_hint.empty()) {
        std::printf(
            "\n%s\n在浏览器打开 / Open http://%s:%u 并用以上账号登录 / and sign in with one of the accounts above.\n\n",
            demo_hint.c_str(),
            shown_host.c_str(),
            port
        );
    } else if (config.demo) {
        std::printf("示例企业账号 / Demo sign-in: 13800000000 / Demo@2026 (unless changed)\n");
    }
    std::fflush(stdout);
    spdlog::info(
        "serving {} with {} workers; data in {}", config.web_dir, server_options.worker_threads, config.data_dir
    );
    data_io_module.Start();
    scheduler.Start();
    notify_module.Start();
    server.Run();
    notify_module.Stop();
    scheduler.Stop();
    data_io_module.Stop();
    spdlog::info("stopped");
    return 0;
}

}  // namespace xieli::app
