#pragma once

#include <string>
#include <vector>

#include "store/database.h"

namespace xieli::store {

// One versioned SQL file, embedded at build time from server/migrations/<set>/NNNN_name.sql.
struct EmbeddedMigration {
    const char* set;   // "system" or "tenant"
    const char* name;  // "0001_init"
    const char* sql;
};

const std::vector<EmbeddedMigration>& EmbeddedMigrations();

struct Migration {
    int version = 0;
    std::string name;
    std::string sql;
};

// The migrations of one set, ordered by version. Throws if two files share a version.
std::vector<Migration> MigrationsFor(const std::string& set);

// Applies, in order and each in its own transaction, every migration not yet recorded in
// schema_migrations; records each with its checksum. Refuses to start if an applied migration's
// text changed since (its checksum differs). Returns how many were applied.
int ApplyMigrations(Database& db, const std::vector<Migration>& migrations);

}  // namespace xieli::store
