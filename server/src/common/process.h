#pragma once

// Runs an external program to completion: no shell (arguments are a vector, never a command
// line), stdin from /dev/null, stdout and stderr to a file or /dev/null, its own process group so
// a timeout kills it with every child it started. Blocks the calling thread, so call it only
// where a handler may block (the worker pool), never on an I/O thread.

#include <chrono>
#include <string>
#include <vector>

namespace xieli {

struct ProcessOptions {
    std::chrono::milliseconds timeout{30000};
    // Where stdout and stderr go; /dev/null when empty.
    std::string output_path;
};

struct ProcessResult {
    enum class Outcome {
        kExited,    // ran and exited; see exit_code
        kNotFound,  // the program does not exist or may not be run
        kTimedOut,  // killed (with its process group) after the timeout
        kFailed,    // could not be started for another reason (see error), or died of a signal
    };
    Outcome outcome = Outcome::kFailed;
    int exit_code = -1;
    std::string error;  // for the log
};

// argv[0] is looked up on PATH when it has no '/'.
ProcessResult RunProcess(const std::vector<std::string>& argv, const ProcessOptions& options);

}  // namespace xieli
