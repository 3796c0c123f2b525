#include "store/migrations.h"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <sodium.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <ctime>
#include <map>
#include <string_view>

#include "store/database_error.h"

namespace xieli::store {
namespace {

// Plain types only, so the same statement works on PostgreSQL.
constexpr std::string_view kCreateTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    "version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)";

// BLAKE2b-256 of the exact text: any edit, even whitespace, counts as a change, because a file that differs
// from what ran can no longer rebuild the same schema on a new database.
std::string Checksum(std::string_view sql) {
    // sodium_init is idempotent and thread-safe; generichash needs no state from it but libsodium asks for it
    // before first use.
    static const bool kReady = sodium_init() >= 0;
    if (!kReady) throw DatabaseError("libsodium failed to initialise");
    unsigned char hash[crypto_generichash_BYTES];
    crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(sql.data()), sql.size(), nullptr, 0);
    char hex[sizeof hash * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
    return hex;
}

std::string NowUtc() {
    std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", fmt::gmtime(now));
}

// "0012_add_index" → 12. The name must start with digits followed by '_' and a description.
int ParseVersion(std::string_view set, std::string_view name) {
    size_t digits = 0;
    while (digits < name.size() && name[digits] >= '0' && name[digits] <= '9') ++digits;
    if (digits == 0 || digits > 9 || digits + 1 >= name.size() || name[digits] != '_') {
        throw DatabaseError(fmt::format("migration {}/{}: the name must look like NNNN_description", set, name));
    }
    int version = 0;
    for (size_t i = 0; i < digits; ++i) version = version * 10 + (name[i] - '0');
    if (version == 0) throw DatabaseError(fmt::format("migration {}/{}: versions start at 1", set, name));
    return version;
}

struct Applied {
    std::string name;
    std::string checksum;
};

void CheckUnchanged(const Migration& m, const std::string& checksum, const Applied& applied) {
    if (applied.name != m.name) {
        throw DatabaseError(fmt::format(
            "migration {} was applied as \"{}\"; a version number must never be reused", m.name, applied.name
        ));
    }
    if (applied.checksum != checksum) {
        throw DatabaseError(fmt::format(
            "migration {} was changed after it was applied (checksum {} in the database, {} now); add a new "
            "migration instead of editing an applied one",
            m.name,
            applied.checksum,
            checksum
        ));
    }
}

}  // namespace

std::vector<Migration> MigrationsFor(const std::string& set) {
    std::vector<Migration> out;
    for (const EmbeddedMigration& e : EmbeddedMigrations()) {
        if (set != e.set) continue;
        out.push_back(Migration{ParseVersion(e.set, e.name), e.name, e.sql});
    }
    std::sort(out.begin(), out.end(), [](const Migration& a, const Migration& b) { return a.version < b.version; });
    for (size_t i = 1; i < out.size(); ++i) {
        if (out[i].version == out[i - 1].version) {
            throw DatabaseError(fmt::format(
                "migrations {}/{} and {}/{} share version {}", set, out[i - 1].name, set, out[i].name, out[i].version
            ));
        }
    }
    return out;
}

int ApplyMigrations(Database& db, const std::vector<Migration>& migrations) {
    std::vector<const Migration*> ordered;
    for (const Migration& m : migrations) ordered.push_back(&m);
    std::sort(ordered.begin(), ordered.end(), [](auto* a, auto* b) { return a->version < b->version; });
    for (size_t i = 1; i < ordered.size(); ++i) {
        if (ordered[i]->version == ordered[i - 1]->version) {
            throw DatabaseError(
                fmt::format("migrations {} and {} share a version", ordered[i - 1]->name, ordered[i]->name)
            );
        }
    }

    {
        Transaction tx = db.Write();
        tx->ExecuteScript(kCreateTable);
        tx.Commit();
    }

    // Every applied migration is checked before anything new runs, so a changed file stops the start-up with the
    // database untouched.
    std::map<int64_t, Applied> applied;
    {
        Reader reader = db.Read();
        for (const Row& row : reader->Query("SELECT version, name, checksum FROM schema_migrations")) {
            applied[row.Int(0)] = Applied{row.Text(1), row.Text(2)};
        }
    }
    std::map<int64_t, const Migration*> known;
    for (const Migration* m : ordered) {
        known[m->version] = m;
        if (auto it = applied.find(m->version); it != applied.end()) CheckUnchanged(*m, Checksum(m->sql), it->second);
    }
    for (const auto& [version, a] : applied) {
        // A newer build ran here before; its tables are there, this build just does not know them.
        if (!known.contains(version))
            spdlog::warn("database has migration {} ({}) unknown to this build", version, a.name);
    }

    int count = 0;
    for (const Migration* m : ordered) {
        if (applied.contains(m->version)) continue;
        std::string checksum = Checksum(m->sql);
        // The script and its record commit together: a failing migration leaves neither behind. The script must
        // not contain BEGIN/COMMIT, nor PRAGMAs that are no-ops inside a transaction (foreign_keys).
        Transaction tx = db.Write();
        // Another process sharing the file may have applied it since the check above.
        Rows again = tx->Query("SELECT name, checksum FROM schema_migrations WHERE version = ?", {m->version});
        if (!again.empty()) {
            CheckUnchanged(*m, checksum, Applied{again.front().Text(0), again.front().Text(1)});
            continue;
        }
        try {
            tx->ExecuteScript(m->sql);
        } catch (const DatabaseError& e) {
            throw DatabaseError(fmt::format("migration {} failed: {}", m->name, e.what()), e.code());
        }
        tx->Execute(
            "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)",
            {m->version, m->name, checksum, NowUtc()}
        );
        tx.Commit();
        spdlog::info("applied migration {}", m->name);
        ++count;
    }
    return count;
}

}  // namespace xieli::store
