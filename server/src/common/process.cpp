#include "common/process.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <thread>

extern char** environ;

namespace xieli {

namespace {

// Frees what posix_spawn needs on every path out.
struct SpawnSetup {
    posix_spawn_file_actions_t actions{};
    posix_spawnattr_t attr{};
    SpawnSetup() {
        posix_spawn_file_actions_init(&actions);
        posix_spawnattr_init(&attr);
    }
    ~SpawnSetup() {
        posix_spawn_file_actions_destroy(&actions);
        posix_spawnattr_destroy(&attr);
    }
    SpawnSetup(const SpawnSetup&) = delete;
    SpawnSetup& operator=(const SpawnSetup&) = delete;
};

// Kills the program and whatever is left of its group (helpers it started).
void KillGroup(pid_t pid) {
    kill(-pid, SIGKILL);
}

}  // namespace

ProcessResult RunProcess(const std::vector<std::string>& argv, const ProcessOptions& options) {
    ProcessResult result;
    if (argv.empty() || argv[0].empty()) {
        result.outcome = ProcessResult::Outcome::kNotFound;
        result.error = "no program given";
        return result;
    }
    std::vector<char*> args;
    args.reserve(argv.size() + 1);
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);

    SpawnSetup setup;
    const char* out = options.output_path.empty() ? "/dev/null" : options.output_path.c_str();
    posix_spawn_file_actions_addopen(&setup.actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&setup.actions, STDOUT_FILENO, out, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_adddup2(&setup.actions, STDOUT_FILENO, STDERR_FILENO);
    // Nothing else of the server's (sockets, database files) reaches the program.
    posix_spawn_file_actions_addclosefrom_np(&setup.actions, STDERR_FILENO + 1);
    // A group of its own (so the timeout reaches its children), default signal dispositions
    // (the server ignores SIGPIPE) and nothing blocked.
    sigset_t none;
    sigset_t defaults;
    sigemptyset(&none);
    sigemptyset(&defaults);
    for (int sig : {SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGCHLD}) sigaddset(&defaults, sig);
    posix_spawnattr_setflags(&setup.attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    posix_spawnattr_setpgroup(&setup.attr, 0);
    posix_spawnattr_setsigmask(&setup.attr, &none);
    posix_spawnattr_setsigdefault(&setup.attr, &defaults);

    pid_t pid = 0;
    bool on_path = argv[0].find('/') == std::string::npos;
    int rc = on_path ? posix_spawnp(&pid, args[0], &setup.actions, &setup.attr, args.data(), environ)
                     : posix_spawn(&pid, args[0], &setup.actions, &setup.attr, args.data(), environ);
    if (rc != 0) {
        result.outcome = (rc == ENOENT || rc == EACCES || rc == ENOTDIR) ? ProcessResult::Outcome::kNotFound
                                                                         : ProcessResult::Outcome::kFailed;
        result.error = std::string("cannot start ") + argv[0] + ": " + std::strerror(rc);
        return result;
    }

    // Polling keeps this free of SIGCHLD handlers, which belong to the whole process. WNOWAIT
    // leaves the exited leader a zombie, so its pid (the group's id) cannot be reused before the
    // group is killed.
    const auto deadline = std::chrono::steady_clock::now() + options.timeout;
    bool timed_out = false;
    for (;;) {
        siginfo_t info{};
        int w = waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT);
        if (w == 0 && info.si_pid == pid) break;
        if (w < 0 && errno != EINTR) break;  // cannot happen for our own child; reap below
        if (std::chrono::steady_clock::now() >= deadline) {
            timed_out = true;
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    KillGroup(pid);  // on a timeout, and helpers the program left behind
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (timed_out) {
        result.outcome = ProcessResult::Outcome::kTimedOut;
        result.error = argv[0] + " timed out";
        return result;
    }
    if (WIFEXITED(status)) {
        result.outcome = ProcessResult::Outcome::kExited;
        result.exit_code = WEXITSTATUS(status);
    } else {
        result.error = argv[0] + " died of signal " + std::to_string(WTERMSIG(status));
    }
    return result;
}

}  // namespace xieli
