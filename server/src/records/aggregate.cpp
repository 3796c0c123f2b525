#include "records/aggregate.h"

#include <fmt/format.h>

#include <cmath>

#include "common/error.h"
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

// The SQL of a group key. Dates are grouped on the calendar of China Standard Time (UTC+8, no
// daylight saving), like the relative date filters; weeks start on Monday and are named by it.
std::string KeyExpression(const FieldMeta& f, DateBucket bucket) {
    std::string col = "t." + f.column;
    if (f.type != FieldType::kDate && f.type != FieldType::kDatetime) return col;
    std::string day = f.type == FieldType::kDate ? col : fmt::format("date({}, '+8 hours')", col);
    switch (bucket) {
        case DateBucket::kNone:
        case DateBucket::kDay: return day;
        case DateBucket::kWeek:
            return fmt::format("date({0}, '-' || ((CAST(strftime('%w', {0}) AS INTEGER) + 6) % 7) || ' days')", day);
        case DateBucket::kMonth: return fmt::format("substr({}, 1, 7)", day);
        case DateBucket::kQuarter:
            return fmt::format("substr({0}, 1, 4) || '-Q' || ((CAST(substr({0}, 6, 2) AS INTEGER) + 2) / 3)", day);
        case DateBucket::kYear: return fmt::format("substr({}, 1, 4)", day);
    }
    return day;
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
        key_sql.push_back(KeyExpression(f, dated && g.bucket == DateBucket::kNone ? DateBucket::kDay : g.bucket));
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
    std::string from = fmt::format("FROM {} t WHERE {}", o.table, rows.where_sql);

    json::array groups;
    json::object totals;
    bool truncated = false;
    {
        store::Reader r = s.db.Read();
        if (!key_sql.empty()) {
            std::string keys, order;
            for (size_t i = 0; i < key_sql.size(); ++i) {
                keys += fmt::format("{}{} AS k{}", i ? ", " : "", key_sql[i], i);
                order += fmt::format("{}k{} IS NULL, k{}", i ? ", " : "", i, i);
            }
            std::string sql = fmt::format(
                "SELECT {}, {} {} GROUP BY {} ORDER BY {} LIMIT {}",
                keys,
                figures,
                from,
                [&] {
                    std::string g;
                    for (size_t i = 0; i < key_sql.size(); ++i) g += fmt::format("{}k{}", i ? ", " : "", i);
                    return g;
                }(),
                order,
                request.limit + 1
            );
            store::Rows result = r->Query(sql, store::Params(rows.where_params));
            truncated = result.size() > static_cast<size_t>(request.limit);
            size_t shown = std::min(result.size(), static_cast<size_t>(request.limit));
            for (size_t i = 0; i < shown; ++i) {
                json::object key;
                for (size_t k = 0; k < key_fields.size(); ++k) {
                    const store::Value& v = result[i][k];
                    bool bucketed =
                        key_fields[k]->type == FieldType::kDate || key_fields[k]->type == FieldType::kDatetime;
                    key[key_fields[k]->name] =
                        v.IsNull() ? json::value(nullptr)
                                   : (bucketed ? json::value(v.AsText()) : EncodeValue(*key_fields[k], v));
                }
                json::object g{{"key", std::move(key)}};
                for (size_t m = 0; m < measures.size(); ++m)
                    g[measures[m].key] = EncodeMeasure(measures[m], result[i][key_sql.size() + m]);
                groups.push_back(std::move(g));
            }
        }
        store::Rows all = r->Query(fmt::format("SELECT {} {}", figures, from), store::Params(rows.where_params));
        for (size_t m = 0; m < measures.size(); ++m) totals[measures[m].key] = EncodeMeasure(measures[m], all[0][m]);
    }

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
