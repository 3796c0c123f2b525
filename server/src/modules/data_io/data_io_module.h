#pragma once

// Import and export of every object's records, standard or custom (docs/api/import-export.md),
// and the background jobs that run them. The module owns its JobRunner: Start() after the routes
// are registered, Stop() (or destruction) before the records module goes away.

#include <cstddef>
#include <filesystem>
#include <string_view>

#include "common/clock.h"
#include "http/router.h"
#include "modules/data_io/jobs.h"
#include "modules/data_io/upload.h"
#include "records/records_module.h"
#include "store/store.h"

namespace xieli::data_io {

struct DataIoOptions {
    std::filesystem::path data_dir;
    size_t max_upload_bytes = 50u * 1024 * 1024;
    int job_threads = 2;
};

class DataIoModule {
public:
    DataIoModule(store::Store& store, records::RecordsModule& records, const Clock& clock, DataIoOptions options);
    ~DataIoModule();

    void Start() { runner_.Start(); }
    void Stop() { runner_.Stop(); }

    JobRunner& runner() { return runner_; }
    records::RecordsModule& records() { return records_; }
    const DataIoOptions& options() const { return options_; }
    UploadLimits upload_limits() const;

private:
    records::RecordsModule& records_;
    DataIoOptions options_;
    JobRunner runner_;
};

void RegisterDataIoRoutes(http::Router& router, DataIoModule& module);

// True for the one route whose body is a spreadsheet (POST /api/v1/objects/{object}/import/upload):
// the transport lets it be up to max_upload_bytes and take longer to arrive.
bool IsUploadRoute(std::string_view method, std::string_view path);

}  // namespace xieli::data_io
