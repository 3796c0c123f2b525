#pragma once

// The CRM records of the bench enterprise: customers, their contacts, opportunities and
// follow-ups, linked to each other and owned by the sales people of the customer's region.

#include <cstdint>
#include <string>
#include <vector>

#include "organization.h"
#include "records/metadata.h"
#include "store/database.h"

namespace xieli::bench {

struct GenerateOptions {
    int64_t customers = 10'000;
    int64_t contacts = 20'000;
    int64_t opportunities = 5'000;
    int64_t followups = 50'000;
    uint64_t seed = 1;
    int64_t until = 0;  // seconds since the epoch: every record is created before this
    int years = 3;      // … and after this many years before it
    int64_t batch_rows = 50'000;
};

// What the load scripts need to know about the data.
struct Samples {
    // Substrings of customer names as people type them: 2, 3 and 4 characters.
    std::vector<std::string> keywords2, keywords3, keywords4;
};

void GenerateRecords(
    store::Database& db,
    const records::Schema& schema,
    const Organization& org,
    const GenerateOptions& options,
    Samples& samples
);

}  // namespace xieli::bench
