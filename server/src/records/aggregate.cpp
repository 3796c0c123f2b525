#include "records/aggregate.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>

#include "common/error.h"
#include "records/aggregate_cache.h"
#include "records/query_compiler.h"
#include "records/value_codec.h"

namespace xieli::records {

namespace {

constexpr int kMaxGroups = 1000;
constexpr size_t kMaxGroupKeys = 2;
constexpr size_t kMaxMeasures = 8;

std::optional<DateBucket> ParseBucket(std::string_view s) {
    if (s == "day") return DateBucket::kDay;
    if (s == "week") return DateBucket::kWeek;
    if (s == "month") return DateBucket::kMonth;
    if (s == "quarter") return DateBucket::kQuarter;
    if (s == "year") return DateBucket::kYear;
    return std::nullopt;
}

std::optional<MeasureOp> ParseOp(std::string_view s) {
    if (s == "count") return MeasureOp::kCount;
    if (s == "sum") return MeasureOp::kSum;
    if (s == "avg") return MeasureOp::kAvg;
    if (s == "min") return MeasureOp::kMin;
    if (s == "max") return MeasureOp::kMax;
    if (s == "weighted_sum") return MeasureOp::kWeightedSum;
    return std::nullopt;
}

std::string_view OpName(MeasureOp op) {
    switch (op) {
        case MeasureOp::kCount: return "count";
        case MeasureOp::kSum: return "sum";
        case MeasureOp::kAvg: return "avg";
        case MeasureOp::kMin: return "min";
        case MeasureOp::kMax: return "max";
        case MeasureOp::kWeightedSum: return "weighted_sum";
    }
    return "count";
}

const json::array& ArrayMember(const json::object& body, std::string_view key) {
    static const json::array kEmpty;
    const json::value* v = body.if_contains(key);
    if (!v || v->is_null()) return kEmpty;
    if (!v->is_array()) {
        ThrowFieldError(
            std::string(key), "invalid", {fmt::format("{} 应为列表", key), fmt::format("{} must be a list", key)}
        );
    }
    return v->as_array();
}

// A field the caller may read, or 422.
const FieldMeta& ReadableField(
    const ObjectMeta& o, const AccessContext& access, std::string_view name, std::string_view where
) {
    const FieldMeta* f = o.Field(name);
    if (!f || access.FieldAccessFor(o.name, f->name) == org::FieldAccess::kHidden) {
        ThrowFieldError(
            std::string(where),
            "unknown_field",
            {fmt::format("没有字段「{}」", name), fmt::format("There is no field '{}'", name)}
        );
    }
    return *f;
}

bool Groupable(FieldType t) {
    switch (t) {
        case FieldType::kSelect:
        case FieldType::kBoolean:
        case FieldType::kUser:
        case FieldType::kDepartment:
        case FieldType::kLookup:
        case FieldType::kRegion:
        case FieldType::kDate:
        case FieldType::kDatetime: return true;
        default: return false;
    }
}

bool Numeric(const FieldMeta& f) {
    if (f.is_system) return false;
    return f.type == FieldType::kNumber || f.type == FieldType::kCurrency || f.type == FieldType::kPercent ||
           f.type == FieldType::kFormula;
}

bool Dated(const FieldMeta& f) {
    return f.type == FieldType::kDate || f.type == FieldType::kDatetime;
}

// The SQL of a group key. Dates are grouped on the calendar of China Standard Time (UTC+8, no
// daylight saving), like the relative date filters (date_buckets.h).
std::string KeyExpression(const FieldMeta& f, DateBucket bucket) {
    std::string col = "t." + f.column;
    if (!Dated(f)) return col;
    return BucketExpression(f.type, bucket, col);
}

struct CompiledMeasure {
    std::string key;
    std::string sql;
    const FieldMeta* field = nullptr;  // null for count
    MeasureOp op = MeasureOp::kCount;
};

json::value EncodeMeasure(const CompiledMeasure& m, const store::Value& v) {
    if (m.op == MeasureOp::kCount) return json::value(v.AsInt());
    if (v.IsNull()) {
        if (m.op == MeasureOp::kSum || m.op == MeasureOp::kWeightedSum) return EncodeValue(*m.field, store::Value(0));
        return nullptr;
    }
    // Money stays in whole cents whatever the arithmetic made of it.
    if (m.field->type == FieldType::kCurrency) {
        return EncodeValue(*m.field, store::Value(static_cast<int64_t>(std::llround(v.AsDouble()))));
    }
    return EncodeValue(*m.field, store::Value(v.AsDouble()));
}

using GroupRow = AggregateGroup;  // aggregate_cache.h

// The rows an aggregate groups and the figures it computes of them, as SQL.
struct GroupingSql {
    std::string table;
    std::string where;  // the list's WHERE (query_compiler.h)
    const std::vector<store::Value>* params = nullptr;
    std::vector<const FieldMeta*> key_fields;
    std::vector<DateBucket> buckets;  // per key; kDay for a date grouped without a bucket
    std::vector<std::string> key_sql;
    std::string figures;  // the measures, comma-separated
    int limit = 100;
};

// SQL's order of the groups: each key ascending, empty keys last.
bool KeysBefore(const std::vector<store::Value>& a, const std::vector<store::Value>& b) {
    for (size_t i = 0; i < a.size(); ++i) {
        if (a[i].IsNull() != b[i].IsNull()) return b[i].IsNull();
        if (a[i].IsNull()) continue;
        if (a[i].IsText() || b[i].IsText()) {
            int c = a[i].AsText().compare(b[i].AsText());
            if (c != 0) return c < 0;
        } else if (a[i].AsDouble() != b[i].AsDouble()) {
            return a[i].AsDouble() < b[i].AsDouble();
        }
    }
    return false;
}

// Every group in one statement: each row's key computed in SQL, then sorted into groups.
std::vector<GroupRow> GroupsByExpression(store::Connection& conn, const GroupingSql& g) {
    std::string keys, names, order;
    for (size_t i = 0; i < g.key_sql.size(); ++i) {
        keys += fmt::format("{}{} AS k{}", i ? ", " : "", g.key_sql[i], i);
        names += fmt::format("{}k{}", i ? ", " : "", i);
        order += fmt::format("{}k{} IS NULL, k{}", i ? ", " : "", i, i);
    }
    store::Rows result = conn.Query(
        fmt::format(
            "SELECT {}, {} FROM {} t WHERE {} GROUP BY {} ORDER BY {} LIMIT {}",
            keys,
            g.figures,
            g.table,
            g.where,
            names,
            order,
            g.limit + 1
        ),
        store::Params(*g.params)
    );
    std::vector<GroupRow> out;
    size_t n = g.key_sql.size();
    for (const store::Row& row : result) {
        GroupRow r;
        for (size_t i = 0; i < row.size(); ++i) (i < n ? r.keys : r.figures).push_back(row[i]);
        out.push_back(std::move(r));
    }
    return out;
}

// At most this many date buckets are counted range by range; more go by expression.
constexpr size_t kMaxRangedBuckets = 64;

// The groups of a dated key bucket by bucket: each bucket a range of the stored values, which an
// index on the field (or a covering aggregate index, schema_writer.h) reads in place — no date
// arithmetic and no sort of every row. The first and last value found bound the buckets; none
// when there would be too many of them.
std::optional<std::vector<GroupRow>> GroupsByRange(store::Connection& conn, const GroupingSql& g, size_t dated) {
    const FieldMeta& f = *g.key_fields[dated];
    std::string col = "t." + f.column;
    auto bound = [&](const char* fn) {
        store::Rows r = conn.Query(
            fmt::format("SELECT {}({}) FROM {} t WHERE {}", fn, col, g.table, g.where), store::Params(*g.params)
        );
        return r[0][0];
    };
    store::Value first = bound("MIN");
    std::vector<BucketRange> ranges;
    if (!first.IsNull()) {
        store::Value last = bound("MAX");
        std::optional<std::vector<BucketRange>> found =
            BucketRanges(f.type, g.buckets[dated], first.AsText(), last.AsText(), kMaxRangedBuckets);
        if (!found) return std::nullopt;
        ranges = std::move(*found);
    }

    // The other key, if any, is grouped within each bucket; COUNT(*) last tells empty buckets.
    std::optional<size_t> other;
    for (size_t i = 0; i < g.key_sql.size(); ++i) {
        if (i != dated) other = i;
    }
    std::string select = other ? fmt::format("{} AS k, {}, COUNT(*)", g.key_sql[*other], g.figures)
                               : fmt::format("{}, COUNT(*)", g.figures);
    std::string grouped = other ? fmt::format(" GROUP BY k ORDER BY k IS NULL, k LIMIT {}", g.limit + 1) : "";

    std::vector<GroupRow> out;
    auto collect = [&](const std::string& condition, std::vector<store::Value> params, const store::Value& label) {
        store::Rows result = conn.Query(
            fmt::format("SELECT {} FROM {} t WHERE {} AND {}{}", select, g.table, g.where, condition, grouped),
            store::Params(params)
        );
        for (const store::Row& row : result) {
            size_t skip = other ? 1 : 0;
            if (row[row.size() - 1].AsInt() == 0) continue;  // an empty bucket (no GROUP BY: one row of NULLs)
            GroupRow r;
            r.keys.resize(g.key_sql.size());
            r.keys[dated] = label;
            if (other) r.keys[*other] = row[0];
            for (size_t i = skip; i + 1 < row.size(); ++i) r.figures.push_back(row[i]);
            out.push_back(std::move(r));
        }
    };
    for (const BucketRange& range : ranges) {
        std::vector<store::Value> params = *g.params;
        params.emplace_back(range.from);
        params.emplace_back(range.to);
        // The filter often bounds the same field (a year, for twelve months): without knowing the
        // bound values, SQLite may walk the index over the filter's range for each bucket. Marked
        // as rare, the bucket's own bounds are the ones it seeks to (SQLite's likelihood()).
        collect(
            fmt::format("likelihood({0} >= ?, 0.001) AND likelihood({0} < ?, 0.001)", col),
            std::move(params),
            store::Value(range.label)
        );
    }
    collect(fmt::format("{} IS NULL", col), *g.params, store::Value());
    std::stable_sort(out.begin(), out.end(), [](const GroupRow& a, const GroupRow& b) {
        return KeysBefore(a.keys, b.keys);
    });
    if (out.size() > static_cast<size_t>(g.limit) + 1) out.resize(static_cast<size_t>(g.limit) + 1);
    return out;
}

// The totals added up from the groups, when every group is there and each figure adds up exactly:
// counts, sums of whole numbers (money is whole cents), least and greatest. Otherwise (a limit cut
// groups off, an average, a fraction) none, and the rows are read once more.
std::optional<std::vector<store::Value>> TotalsOfGroups(
    const std::vector<GroupRow>& groups, const std::vector<CompiledMeasure>& measures
) {
    std::vector<store::Value> totals;
    for (size_t m = 0; m < measures.size(); ++m) {
        MeasureOp op = measures[m].op;
        if (op == MeasureOp::kAvg || op == MeasureOp::kWeightedSum) return std::nullopt;
        store::Value total = op == MeasureOp::kCount ? store::Value(0) : store::Value();
        for (const GroupRow& g : groups) {
            const store::Value& v = g.figures[m];
            if (v.IsNull()) continue;
            if (op == MeasureOp::kCount || op == MeasureOp::kSum) {
                int64_t sum = 0;
                if (!v.IsInt() || __builtin_add_overflow(total.IsNull() ? 0 : total.AsInt(), v.AsInt(), &sum))
                    return std::nullopt;
                total = store::Value(sum);
            } else if (total.IsNull() || (op == MeasureOp::kMin ? v.AsDouble() < total.AsDouble() : v.AsDouble() > total.AsDouble())) {
                total = v;
            }
        }
        totals.push_back(std::move(total));
    }
    return totals;
}

// The groups (one more than the limit when there are more) and the totals, from the database.
AggregateRows ReadRows(store::Connection& conn, const GroupingSql& g, const std::vector<CompiledMeasure>& measures) {
    AggregateRows out;
    std::optional<std::vector<store::Value>> added_up;
    if (!g.key_sql.empty()) {
        std::optional<std::vector<GroupRow>> found;
        for (size_t k = 0; k < g.key_fields.size() && !found; ++k) {
            if (Dated(*g.key_fields[k])) found = GroupsByRange(conn, g, k);
        }
        out.groups = found ? std::move(*found) : GroupsByExpression(conn, g);
        if (out.groups.size() <= static_cast<size_t>(g.limit)) added_up = TotalsOfGroups(out.groups, measures);
    }
    if (added_up) {
        out.totals = std::move(*added_up);
    } else {
        store::Rows all = conn.Query(
            fmt::format("SELECT {} FROM {} t WHERE {}", g.figures, g.table, g.where), store::Params(*g.params)
        );
        for (size_t m = 0; m < measures.size(); ++m) out.totals.push_back(all[0][m]);
    }
    return out;
}

// None when the answer must not be kept: a keyword search (it reads the search tables, which are
// not counted) or a table read without a write counter.
std::optional<CacheTicket> TicketFor(
    store::Connection& conn, const store::Database& db, const GroupingSql& g, const AggregateRequest& request
) {
    if (!request.q.empty()) return std::nullopt;
    // Everything the statements are made of: the same pieces give the same statements.
    std::string limit = std::to_string(g.limit);
    std::vector<std::string_view> pieces{g.table, g.where, g.figures, limit};
    for (const std::string& k : g.key_sql) pieces.push_back(k);
    std::string buckets;
    for (size_t i = 0; i < g.key_fields.size(); ++i)
        buckets += fmt::format(
            "{}:{}:{};",
            g.key_fields[i]->column,
            static_cast<int>(g.key_fields[i]->type),
            static_cast<int>(g.buckets[i])
        );
    pieces.push_back(buckets);
    return CacheTicketFor(conn, db, g.table, g.where, pieces, store::Params(*g.params));
}

}  // namespace

AggregateRequest ParseAggregateRequest(const json::object& body) {
    AggregateRequest r;
    if (const json::value* f = body.if_contains("filter")) r.filter = *f;
    if (const json::value* q = body.if_contains("q"); q && !q->is_null()) {
        if (!q->is_string()) ThrowFieldError("q", "invalid", {"关键字应为文本", "q must be text"});
        r.q = std::string(q->get_string());
    }
    const json::array& groups = ArrayMember(body, "group_by");
    if (groups.size() > kMaxGroupKeys) {
        ThrowFieldError("group_by", "too_many", {"最多按 2 个字段分组", "Group by at most 2 fields"});
    }
    for (const json::value& g : groups) {
        GroupKey key;
        if (g.is_string()) {
            key.field = std::string(g.get_string());
        } else if (g.is_object()) {
            std::optional<std::string> field = GetString(g.as_object(), "field");
            if (!field) ThrowFieldError("group_by", "invalid", {"分组应指明字段", "A group needs a field"});
            key.field = *field;
            if (std::optional<std::string> b = GetString(g.as_object(), "bucket")) {
                std::optional<DateBucket> bucket = ParseBucket(*b);
                if (!bucket) {
                    ThrowFieldError(
                        "group_by",
                        "invalid",
                        {"日期分组应为 day、week、month、quarter 或 year",
                         "bucket must be day, week, month, quarter or year"}
                    );
                }
                key.bucket = *bucket;
            }
        } else {
            ThrowFieldError("group_by", "invalid", {"分组格式不正确", "group_by is malformed"});
        }
        r.group_by.push_back(std::move(key));
    }
    const json::array& measures = ArrayMember(body, "measures");
    if (measures.size() > kMaxMeasures) {
        ThrowFieldError("measures", "too_many", {"最多 8 个统计项", "At most 8 measures"});
    }
    for (const json::value& mv : measures) {
        if (!mv.is_object()) ThrowFieldError("measures", "invalid", {"统计项格式不正确", "measures is malformed"});
        const json::object& mo = mv.as_object();
        std::optional<MeasureOp> op = ParseOp(GetString(mo, "op").value_or(""));
        if (!op) {
            ThrowFieldError(
                "measures",
                "invalid",
                {"统计方式应为 count、sum、avg、min、max 或 weighted_sum",
                 "op must be count, sum, avg, min, max or weighted_sum"}
            );
        }
        Measure m{*op, GetString(mo, "field").value_or(""), GetString(mo, "weight").value_or("")};
        if (m.op != MeasureOp::kCount && m.field.empty()) {
            ThrowFieldError("measures", "invalid", {"统计项应指明字段", "A measure needs a field"});
        }
        if (m.op == MeasureOp::kWeightedSum && m.weight.empty()) {
            ThrowFieldError("measures", "invalid", {"加权合计应指明权重字段", "weighted_sum needs a weight field"});
        }
        r.measures.push_back(std::move(m));
    }
    if (r.measures.empty()) r.measures.push_back(Measure{});
    if (std::optional<int64_t> limit = GetInt(body, "limit")) {
        if (*limit < 1 || *limit > kMaxGroups) {
            ThrowFieldError("limit", "out_of_range", {"分组数应为 1–1000", "limit must be 1–1000"});
        }
        r.limit = static_cast<int>(*limit);
    }
    return r;
}

std::string MeasureKey(const Measure& m) {
    if (m.op == MeasureOp::kCount) return "count";
    return fmt::format("{}_{}", OpName(m.op), m.field);
}

json::object Aggregate(
    RecordService& service, RecordScope& s, std::string_view object, const AggregateRequest& request, TimePoint now
) {
    const ObjectMeta& o = s.schema->Get(object);

    // The rows: exactly those the list with this filter and keyword would show the caller.
    QueryRequest rows_request;
    rows_request.filter = request.filter;
    rows_request.q = request.q;
    rows_request.limit = 1;
    rows_request.with_total = false;
    CompiledQuery rows = CompileQuery(o, s.access, rows_request, now);

    std::vector<const FieldMeta*> key_fields;
    std::vector<DateBucket> buckets;
    std::vector<std::string> key_sql;
    for (const GroupKey& g : request.group_by) {
        const FieldMeta& f = ReadableField(o, s.access, g.field, "group_by");
        bool dated = f.type == FieldType::kDate || f.type == FieldType::kDatetime;
        if (!Groupable(f.type) || (g.bucket != DateBucket::kNone && !dated)) {
            ThrowFieldError(
                "group_by",
                "not_groupable",
                {fmt::format("不能按「{}」分组", g.field), fmt::format("Cannot group by '{}'", g.field)}
            );
        }
        key_fields.push_back(&f);
        buckets.push_back(dated && g.bucket == DateBucket::kNone ? DateBucket::kDay : g.bucket);
        key_sql.push_back(KeyExpression(f, buckets.back()));
    }
    std::vector<CompiledMeasure> measures;
    for (const Measure& m : request.measures) {
        CompiledMeasure cm{MeasureKey(m), "COUNT(*)", nullptr, m.op};
        if (m.op != MeasureOp::kCount) {
            const FieldMeta& f = ReadableField(o, s.access, m.field, "measures");
            if (!Numeric(f)) {
                ThrowFieldError(
                    "measures",
                    "not_numeric",
                    {fmt::format("「{}」不是数值字段", m.field), fmt::format("'{}' is not a numeric field", m.field)}
                );
            }
            cm.field = &f;
            std::string col = "t." + f.column;
            switch (m.op) {
                case MeasureOp::kSum: cm.sql = fmt::format("SUM({})", col); break;
                case MeasureOp::kAvg: cm.sql = fmt::format("AVG({})", col); break;
                case MeasureOp::kMin: cm.sql = fmt::format("MIN({})", col); break;
                case MeasureOp::kMax: cm.sql = fmt::format("MAX({})", col); break;
                case MeasureOp::kWeightedSum: {
                    const FieldMeta& w = ReadableField(o, s.access, m.weight, "measures");
                    if (w.type != FieldType::kPercent) {
                        ThrowFieldError(
                            "measures",
                            "not_percent",
                            {fmt::format("权重「{}」应为百分比字段", m.weight),
                             fmt::format("The weight '{}' must be a percent field", m.weight)}
                        );
                    }
                    cm.sql = fmt::format("SUM({} * COALESCE(t.{}, 0) / 100.0)", col, w.column);
                    break;
                }
                case MeasureOp::kCount: break;
            }
        }
        if (std::none_of(measures.begin(), measures.end(), [&](const auto& x) { return x.key == cm.key; }))
            measures.push_back(std::move(cm));
    }

    std::string figures;
    for (const CompiledMeasure& m : measures) figures += (figures.empty() ? "" : ", ") + m.sql;
    GroupingSql grouping{
        o.table, rows.where_sql, &rows.where_params, key_fields, buckets, key_sql, figures, request.limit};

    std::shared_ptr<const AggregateRows> kept;
    {
        store::Reader r = s.db.Read();
        // The counters first: an answer read after them can only be newer than they say (a write
        // in between changes them, so the next look-up misses rather than finds an old figure).
        kept = KeptOrRead(TicketFor(*r, s.db, grouping, request), [&] { return ReadRows(*r, grouping, measures); });
    }
    const AggregateRows& read = *kept;

    json::array groups;
    json::object totals;
    bool truncated = read.groups.size() > static_cast<size_t>(request.limit);
    size_t shown = std::min(read.groups.size(), static_cast<size_t>(request.limit));
    for (size_t i = 0; i < shown; ++i) {
        json::object key;
        for (size_t k = 0; k < key_fields.size(); ++k) {
            const store::Value& v = read.groups[i].keys[k];
            key[key_fields[k]->name] =
                v.IsNull() ? json::value(nullptr)
                           : (Dated(*key_fields[k]) ? json::value(v.AsText()) : EncodeValue(*key_fields[k], v));
        }
        json::object g{{"key", std::move(key)}};
        for (size_t m = 0; m < measures.size(); ++m)
            g[measures[m].key] = EncodeMeasure(measures[m], read.groups[i].figures[m]);
        groups.push_back(std::move(g));
    }
    for (size_t m = 0; m < measures.size(); ++m) totals[measures[m].key] = EncodeMeasure(measures[m], read.totals[m]);

    // Labels of the keys (owner names, stage labels …) the way a list shows them.
    json::array keys;
    for (const json::value& g : groups) keys.push_back(g.as_object().at("key"));
    service.AddDisplay(s, o, keys);
    for (size_t i = 0; i < groups.size(); ++i) {
        if (const json::value* d = keys[i].as_object().if_contains("_display")) groups[i].as_object()["_display"] = *d;
    }
    return json::object{{"groups", std::move(groups)}, {"totals", std::move(totals)}, {"truncated", truncated}};
}

}  // namespace xieli::records
