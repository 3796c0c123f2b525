#pragma once

// The query language of API.md compiled to parameterized SQL:
//   filter  {"and": [...]} | {"or": [...]} | {"field", "op", "value"}
//   sort    [{"field", "dir": "asc"|"desc"}]
//   q       keyword, Chinese substrings included (FTS5 trigram; shorter words: search_index.h)
//   fields  the fields to return
//   limit, cursor (keyset on one sort field, opaque), or offset
// Identifiers come only from metadata; every value is bound. The caller's data scope and field
// security are part of every query: a hidden field can be neither read nor filtered on.

#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/json.h"
#include "records/access.h"
#include "records/metadata.h"
#include "store/database.h"

namespace xieli::records {

struct SortKey {
    std::string field;
    bool desc = false;
};

inline constexpr int64_t kTotalCap = 1000;

struct QueryRequest {
    json::value filter;  // null: no filter
    std::vector<SortKey> sort;
    std::string q;
    std::vector<std::string> fields;  // empty: every readable field
    int limit = 20;
    std::string cursor;
    std::optional<int64_t> offset;
    bool with_total = true;
    // The total counts at most this many matches (0: all). Past it the answer says the total is
    // capped (API lists: "total": 1000, "total_capped": true): an exact count walks every match,
    // which at a million records costs more than the page. Exports, which must know, ask for 0.
    int64_t total_cap = kTotalCap;
    // The recycle bin (records/recycle_bin.h) instead of the live records: rows with deleted_at
    // set, in the caller's delete scope (who may restore is who may delete), each with its
    // deleted_at column, which it may be sorted on; most recently deleted first by default.
    bool recycle_bin = false;
};

// The column a recycle-bin query adds: when the record was deleted. Not a field of any object.
const FieldMeta& DeletedAtField();

// The `filter` query parameter of GET …/records (JSON text). Not JSON, or nested past the parser's
// limit → 400 with a message naming the parameter (not "the request body").
json::value ParseFilterParam(std::string_view text);

// Reads the body of POST /objects/{object}/query; malformed parts are 400/422.
QueryRequest ParseQueryRequest(const json::object& body);
// "-updated_at,name" → [{updated_at desc}, {name asc}].
std::vector<SortKey> ParseSortParam(std::string_view text);

struct CompiledQuery {
    std::string sql;  // rows, limit + 1 of them (the extra one says whether there is a next page)
    std::vector<store::Value> params;
    // The same page read scope first, for a caller who sees a part of the records (empty for all
    // and none): each part of the scope (ScopeCountBranches) lists its matches' ids and sort values
    // on its own index, without order; then the first rows of them all are read. Its cost follows
    // the matches in the caller's scope, where `sql` walks the list's order through everyone's
    // records and stops after limit + 1 of the caller's — cheap, unless the newest records are not
    // the caller's: after an administrator imported 300k customers, a regional manager's page passed
    // all of them (160–340 ms, docs/performance.md). RecordService::Query asks `sql` within a work
    // limit and this when it gives up.
    std::string scope_first_sql;
    std::vector<store::Value> scope_first_params;
    std::string count_sql;  // one number: the matches, or total_cap + 1 when there are more
    std::vector<store::Value> count_params;
    int64_t total_cap = 0;
    // The rows the query selects, before paging: `FROM <table> t WHERE <where_sql>` (aggregates
    // group these, so they cannot disagree with the list they drill down to).
    std::string where_sql;
    std::vector<store::Value> where_params;
    std::vector<const FieldMeta*> columns;  // what each selected column is
    std::vector<const FieldMeta*> sort_fields;
    std::vector<SortKey> sort;
    int limit = 20;
    int64_t offset = 0;
    bool keyset = true;  // false: the cursor carries an offset
};

// `conn`, when given, lets the compiler look at the data to choose between equivalent plans (how
// common a short keyword is: search_index.h); without it the SQL is the same in meaning.
CompiledQuery CompileQuery(
    const ObjectMeta& object,
    const AccessContext& access,
    const QueryRequest& request,
    TimePoint now,
    store::Connection* conn = nullptr
);

// The cursor that continues after `last` (a row of CompiledQuery::sql).
std::string NextCursor(const CompiledQuery& q, const store::Row& last);

// The local day boundaries behind relative date operators, in China Standard Time (UTC+8, no
// daylight saving). Exposed for tests: [start, end) as YYYY-MM-DD.
std::optional<std::pair<std::string, std::string>> RelativeDateRange(
    std::string_view op, std::optional<int64_t> n, TimePoint now
);

}  // namespace xieli::records
