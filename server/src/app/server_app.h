#pragma once

#include "app/config.h"

namespace xieli::app {

// Opens the data directory, wires the modules into the router, serves until SIGINT/SIGTERM.
// Returns the process exit code.
int RunServer(const Config& config);

}  // namespace xieli::app
