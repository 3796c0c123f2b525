// xieli-bench-gen: a data directory with one large enterprise for the load tests (bench/README.md).
//
//   xieli-bench-gen --data-dir /tmp/xieli-bench --customers 1000000 --contacts 2000000
//                   --opportunities 500000 --followups 5000000 --seed 1
//
// The enterprise, its organization and its record tables are made by the server's own code
// (AuthService::CreateEnterprise, org::InsertUser, RecordsModule::SchemaOf); the records are then
// written in bulk (record_writer.h). Besides the data directory it writes <data-dir>/bench/:
// bench.json (sign-ins, sizes) and keywords-{2,3,4}.txt for the search script.
//
// The money side (contracts, payment plans, payments, invoices, sales targets; cash_generator.h)
// comes with the CRM records, or with --cash-only for a data directory made before it existed.

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <stdexcept>
#include <string>

#include "cash_generator.h"
#include "common/clock.h"
#include "common/json.h"
#include "import_file.h"
#include "modules/auth/auth_service.h"
#include "organization.h"
#include "records/records_module.h"
#include "records_generator.h"
#include "store/store.h"

namespace {

namespace fs = std::filesystem;
using xieli::bench::GenerateOptions;

constexpr const char* kPassword = "Bench@2026";

struct Options {
    fs::path data_dir = "/tmp/xieli-bench";
    GenerateOptions gen;
    int users = 200;
    bool force = false;
    // A server that has written customers runs ANALYZE on their table when it stops (PRAGMA optimize
    // in SqliteDatabase's destructor), so a used enterprise has planner statistics; the generator
    // gives them to every table at once, so that each run starts from the same query plans.
    bool analyze = true;
    int64_t import_rows = 0;
    fs::path import_file;  // default <data-dir>/bench/import-<rows>.xlsx
    bool import_only = false;
    bool cash = true;        // --no-cash: only the CRM records
    bool cash_only = false;  // only add the cash records to the enterprise already in DIR
    bool until_given = false;
};

constexpr const char* kUsage =
    "usage: xieli-bench-gen [options]\n"
    "  --data-dir DIR         where to create the data directory (default /tmp/xieli-bench)\n"
    "  --force                replace DIR when it already holds a data directory\n"
    "  --customers N          (default 10000; the bench: 1000000)\n"
    "  --contacts N           (default 20000; the bench: 2000000)\n"
    "  --opportunities N      (default 5000; the bench: 500000)\n"
    "  --followups N          (default 50000; the bench: 5000000)\n"
    "  --users N              people in the enterprise (default 200)\n"
    "  --seed N               the same seed and --until give the same data (default 1)\n"
    "  --until YYYY-MM-DD     records are created during the --years before this day (default: today)\n"
    "  --years N              (default 3)\n"
    "  --batch N              rows per transaction (default 50000)\n"
    "  --no-analyze           no ANALYZE at the end (planner statistics; see docs/performance.md)\n"
    "  --import-rows N        also write an .xlsx of N new customers for the import benchmark\n"
    "  --import-file FILE     where (default DIR/bench/import-N.xlsx)\n"
    "  --import-only          only write that file, for the enterprise already in DIR\n"
    "  --no-cash              no contracts, payment plans, payments, invoices or sales targets\n"
    "  --cash-only            only add those to the enterprise already in DIR (dated up to its bench.json\n"
    "                         'until' unless --until is given)\n";

[[noreturn]] void Fail(const std::string& message) {
    std::fprintf(stderr, "xieli-bench-gen: %s\n%s", message.c_str(), kUsage);
    std::exit(2);
}

int64_t ParseCount(const std::string& flag, const std::string& v, int64_t max) {
    try {
        size_t used = 0;
        long long n = std::stoll(v, &used);
        if (used == v.size() && n >= 0 && n <= max) return n;
    } catch (const std::exception&) {
    }
    Fail(fmt::format("{} needs a number from 0 to {}", flag, max));
}

// Midnight UTC of a YYYY-MM-DD day, in seconds since the epoch.
int64_t ParseDay(const std::string& v) {
    std::optional<xieli::TimePoint> t = xieli::ParseIsoTime(v + "T00:00:00Z");
    if (!t || v.size() != 10) Fail("--until needs a day as YYYY-MM-DD");
    return std::chrono::duration_cast<std::chrono::seconds>(t->time_since_epoch()).count();
}

Options ParseOptions(int argc, char** argv) {
    Options o;
    int64_t now =
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    o.gen.until = now / 86400 * 86400;
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i], value;
        if (arg == "--help" || arg == "-h") {
            std::fputs(kUsage, stdout);
            std::exit(0);
        }
        if (arg == "--force") {
            o.force = true;
            continue;
        }
        if (arg == "--no-analyze") {
            o.analyze = false;
            continue;
        }
        if (arg == "--import-only") {
            o.import_only = true;
            continue;
        }
        if (arg == "--no-cash") {
            o.cash = false;
            continue;
        }
        if (arg == "--cash-only") {
            o.cash_only = true;
            continue;
        }
        if (size_t eq = arg.find('='); eq != std::string::npos) {
            value = arg.substr(eq + 1);
            arg = arg.substr(0, eq);
        } else if (i + 1 < argc) {
            value = argv[++i];
        } else {
            Fail(arg + " needs a value");
        }
        constexpr int64_t kMaxRows = 100'000'000;
        if (arg == "--data-dir")
            o.data_dir = value;
        else if (arg == "--customers")
            o.gen.customers = ParseCount(arg, value, kMaxRows);
        else if (arg == "--contacts")
            o.gen.contacts = ParseCount(arg, value, kMaxRows);
        else if (arg == "--opportunities")
            o.gen.opportunities = ParseCount(arg, value, kMaxRows);
        else if (arg == "--followups")
            o.gen.followups = ParseCount(arg, value, kMaxRows);
        else if (arg == "--users")
            o.users = static_cast<int>(ParseCount(arg, value, 10'000));
        else if (arg == "--seed")
            o.gen.seed = static_cast<uint64_t>(ParseCount(arg, value, INT64_MAX));
        else if (arg == "--until")
            o.gen.until = ParseDay(value), o.until_given = true;
        else if (arg == "--years")
            o.gen.years = static_cast<int>(ParseCount(arg, value, 30));
        else if (arg == "--import-rows")
            o.import_rows = ParseCount(arg, value, 10'000'000);
        else if (arg == "--import-file")
            o.import_file = value;
        else if (arg == "--batch")
            o.gen.batch_rows = std::max<int64_t>(1, ParseCount(arg, value, 10'000'000));
        else
            Fail("unknown option " + arg);
    }
    if (o.gen.years < 1) Fail("--years must be at least 1");
    if (o.gen.customers == 0 && (o.gen.contacts || o.gen.opportunities || o.gen.followups))
        Fail("contacts, opportunities and follow-ups need customers");
    if (o.gen.until > now) Fail("--until must not be in the future: the server would see records from tomorrow");
    if (o.import_only && o.import_rows == 0) Fail("--import-only needs --import-rows");
    if (o.cash_only && (o.import_only || !o.cash)) Fail("--cash-only goes with neither --import-only nor --no-cash");
    if (o.import_file.empty()) o.import_file = o.data_dir / "bench" / fmt::format("import-{}.xlsx", o.import_rows);
    return o;
}

void PrepareDirectory(const Options& o) {
    if (fs::exists(o.data_dir) && !fs::is_empty(o.data_dir)) {
        // Only ever delete what is recognisably a data directory.
        if (!o.force || !fs::exists(o.data_dir / "system.db"))
            Fail(fmt::format("{} is not empty (use --force to replace a data directory)", o.data_dir.string()));
        fs::remove_all(o.data_dir);
    }
    fs::create_directories(o.data_dir);
}

uint64_t DirectorySize(const fs::path& dir) {
    uint64_t total = 0;
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
        if (entry.is_regular_file()) total += entry.file_size();
    }
    return total;
}

void WriteLines(const fs::path& file, const std::vector<std::string>& lines) {
    std::ofstream out(file);
    for (const std::string& l : lines) out << l << '\n';
}

xieli::json::object CashJson(const xieli::bench::CashCounts& c) {
    return {
        {"contracts", c.contracts},
        {"payment_plans", c.plans},
        {"payments", c.payments},
        {"invoices", c.invoices},
        {"sales_targets", c.targets},
    };
}

double Since(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

}  // namespace

int main(int argc, char** argv) {
    Options o = ParseOptions(argc, argv);
    spdlog::set_level(spdlog::level::warn);
    auto started = std::chrono::steady_clock::now();
    const bool existing = o.import_only || o.cash_only;  // works on the enterprise already in DIR
    fs::path info_file = o.data_dir / "bench" / "bench.json";
    xieli::json::object info;
    if (existing) {
        if (!fs::exists(o.data_dir / "system.db")) Fail(o.data_dir.string() + " holds no data directory");
        if (o.cash_only) {
            std::ifstream in(info_file);
            std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
            boost::system::error_code ec;
            xieli::json::value v = xieli::json::parse(text, ec);
            if (ec || !v.is_object()) Fail(info_file.string() + " is missing or not JSON");
            info = v.get_object();
            // The cash records follow the deals: dated up to the day the CRM records were.
            const xieli::json::value* until = info.if_contains("until");
            if (!o.until_given && until && until->is_string()) {
                std::optional<xieli::TimePoint> t = xieli::ParseIsoTime(std::string(until->get_string()));
                if (!t) Fail(info_file.string() + ": until is not a time");
                o.gen.until = std::chrono::duration_cast<std::chrono::seconds>(t->time_since_epoch()).count();
            }
        }
    } else {
        PrepareDirectory(o);
        std::printf(
            "xieli-bench-gen: %s, seed %llu, %lld customers, %lld contacts, %lld opportunities, %lld follow-ups\n",
            o.data_dir.string().c_str(),
            static_cast<unsigned long long>(o.gen.seed),
            static_cast<long long>(o.gen.customers),
            static_cast<long long>(o.gen.contacts),
            static_cast<long long>(o.gen.opportunities),
            static_cast<long long>(o.gen.followups)
        );
        std::fflush(stdout);
    }

    xieli::bench::Organization org;
    xieli::bench::CashCounts cash;
    xieli::bench::Samples samples;
    fs::path tenant_file;
    {
        xieli::SystemClock clock;
        xieli::store::Store store({o.data_dir, 4, 5000});
        store.Open();
        xieli::auth::AuthService auth(store, clock, {});
        auto phase = std::chrono::steady_clock::now();
        if (existing) {
            std::optional<xieli::store::Value> id =
                store.System().Read()->QueryValue("SELECT id FROM tenants WHERE code = ?", {"bench"});
            if (!id) Fail(o.data_dir.string() + " has no bench enterprise");
            org.tenant_id = id->AsInt();
        } else {
            xieli::bench::Rng org_rng(o.gen.seed, "organization");
            org = xieli::bench::CreateOrganization(store, auth, clock, org_rng, {o.users, kPassword, "bench"});
            std::printf("organization: %zu people in %.1f s\n", org.users.size(), Since(phase));
        }

        xieli::store::Database& db = store.Tenant(org.tenant_id);
        // The server's own schema sync: standard objects, picklists, obj_* tables and their indexes.
        xieli::records::RecordsModule records(clock);
        std::shared_ptr<const xieli::records::Schema> schema = records.SchemaOf(db);
        if (!existing) xieli::bench::GenerateRecords(db, *schema, org, o.gen, samples);
        if (o.cash && !o.import_only) {
            try {
                cash = xieli::bench::GenerateCash(db, *schema, {o.gen.seed, o.gen.until, o.gen.batch_rows});
            } catch (const std::runtime_error& e) {
                Fail(e.what());
            }
            info["cash"] = CashJson(cash);
        }
        if (o.analyze && !o.import_only) {
            phase = std::chrono::steady_clock::now();
            xieli::store::Transaction tx = db.Write();
            if (o.cash_only) {
                for (const char* name : {"contract", "payment_plan", "payment", "invoice"})
                    tx->ExecuteScript("ANALYZE " + schema->Get(name).table + ";");
                tx->ExecuteScript("ANALYZE sales_targets;");
            } else {
                tx->ExecuteScript("ANALYZE;");
            }
            tx.Commit();
            std::printf("ANALYZE in %.1f s\n", Since(phase));
        }
        if (o.import_rows > 0) {
            phase = std::chrono::steady_clock::now();
            fs::create_directories(o.import_file.parent_path());
            uint64_t bytes = xieli::bench::WriteImportFile(db, *schema, o.gen.seed, o.import_rows, o.import_file);
            std::printf(
                "import file: %s, %lld customers, %.1f MB, in %.1f s\n",
                o.import_file.string().c_str(),
                static_cast<long long>(o.import_rows),
                static_cast<double>(bytes) / 1e6,
                Since(phase)
            );
        }
        tenant_file = o.data_dir / "tenants" / fmt::format("{}.db", org.tenant_id);
        std::printf("closing (checkpoint) …\n");
        std::fflush(stdout);
    }
    if (o.import_only) return 0;
    if (o.cash_only) {
        std::ofstream(info_file) << xieli::json::serialize(info) << '\n';
        std::printf("done in %.1f s; %s now names the cash records\n", Since(started), info_file.string().c_str());
        return 0;
    }

    fs::path bench_dir = o.data_dir / "bench";
    fs::create_directories(bench_dir);
    auto user_json = [&](size_t i) {
        const auto& u = org.users[i];
        return xieli::json::object{{"login", u.phone}, {"name", u.name}, {"user_id", u.id}, {"role", u.role}};
    };
    info = xieli::json::object{
        {"tenant", xieli::json::object{{"id", org.tenant_id}, {"code", org.tenant_code}, {"name", org.company}}},
        {"password", kPassword},
        {"users",
         xieli::json::object{
             {"admin", user_json(0)},
             {"sales", user_json(org.sales_example)},
             {"manager", user_json(org.manager_example)}}},
        {"counts",
         xieli::json::object{
             {"customers", o.gen.customers},
             {"contacts", o.gen.contacts},
             {"opportunities", o.gen.opportunities},
             {"followups", o.gen.followups},
             {"users", org.users.size()}}},
        {"seed", o.gen.seed},
        {"until", xieli::FormatUtc(xieli::TimePoint(std::chrono::seconds(o.gen.until)))},
        {"seconds", static_cast<int64_t>(Since(started))},
        {"bytes", DirectorySize(o.data_dir)},
    };
    if (o.import_rows > 0) info["import_file"] = o.import_file.string();
    if (o.cash) info["cash"] = CashJson(cash);
    std::ofstream(bench_dir / "bench.json") << xieli::json::serialize(info) << '\n';
    WriteLines(bench_dir / "keywords-2.txt", samples.keywords2);
    WriteLines(bench_dir / "keywords-3.txt", samples.keywords3);
    WriteLines(bench_dir / "keywords-4.txt", samples.keywords4);

    std::printf(
        "done in %.1f s: %s is %.2f GiB (enterprise database %.2f GiB)\n"
        "sign in: administrator %s, sales %s, manager %s, password %s (enterprise code %s)\n",
        Since(started),
        o.data_dir.string().c_str(),
        static_cast<double>(DirectorySize(o.data_dir)) / (1 << 30),
        fs::exists(tenant_file) ? static_cast<double>(fs::file_size(tenant_file)) / (1 << 30) : 0.0,
        org.users[0].phone.c_str(),
        org.users[org.sales_example].phone.c_str(),
        org.users[org.manager_example].phone.c_str(),
        kPassword,
        org.tenant_code.c_str()
    );
    return 0;
}
