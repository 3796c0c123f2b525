#include "records/record_service.h"

#include <fmt/format.h>

#include <array>
#include <set>

#include "common/error.h"
#include "records/aggregate_cache.h"
#include "records/formula.h"
#include "records/search_index.h"
#include "records/value_codec.h"

namespace xieli::records {

namespace {

using Row = std::map<std::string, store::Value>;

bool SameValue(const store::Value& a, const store::Value& b) {
    return a.variant() == b.variant();
}

std::string ValueJson(const FieldMeta& f, const store::Value& v) {
    return json::serialize(EncodeValue(f, v));
}

// Who a write is recorded as. A scheduled job writes as the system — an AccessContext with
// is_admin and user_id 0 — and the system is recorded as no one (NULL) in an update's updated_by
// and field history and in the outbox, as the pool's own moves are.
store::Value ActorValue(int64_t user_id) {
    return user_id ? store::Value(user_id) : store::Value();
}

// 409 when another live record of `o` holds `v` in the unique field `f`.
void RequireUnique(
    store::Connection& conn, const ObjectMeta& o, const FieldMeta& f, const store::Value& v, int64_t record_id
) {
    if (!conn.QueryValue(
            fmt::format("SELECT 1 FROM {} WHERE {} = ? AND deleted_at IS NULL AND id <> ?", o.table, f.column),
            {v, record_id}
        ))
        return;
    throw Error(
        ErrorCode::kConflict,
        {fmt::format("「{}」已存在相同的值", f.label.zh),
         fmt::format("{} must be unique; this value exists", f.label.en)},
        std::vector<FieldError>{{f.name, "duplicate", {"已存在", "already exists"}}}
    );
}

[[noreturn]] void ThrowNotFoundRecord() {
    throw Error(ErrorCode::kNotFound, {"记录不存在或无权查看", "No such record, or you may not see it"});
}

// Changes recorded in field_history that are not fields of the object (collaborators.cpp).
std::string PseudoFieldLabel(const std::string& name, Lang lang) {
    if (name == "collaborators") return lang == Lang::kEn ? "Collaborators" : "联合跟进人";
    return name;
}

// Formula fields read only their own record, so they are brought up to date with every write
// (formula.h). A formula that no longer compiles (a field it read was deleted) becomes empty.
void RecomputeFormulas(store::Connection& conn, const ObjectMeta& o, int64_t id) {
    std::string sets;
    for (const FieldMeta& f : o.fields) {
        if (f.type != FieldType::kFormula) continue;
        std::string expr = "NULL";
        try {
            expr = CompileFormula(o, f.formula).sql;
        } catch (const Error&) {
        }
        sets += fmt::format("{}{} = {}", sets.empty() ? "" : ", ", f.column, expr);
    }
    if (!sets.empty()) conn.Execute(fmt::format("UPDATE {} SET {} WHERE id = ?", o.table, sets), {id});
}

std::string ColumnList(const ObjectMeta& o) {
    std::string cols;
    for (const FieldMeta& f : o.fields) {
        cols += (cols.empty() ? "t." : ", t.") + f.column;
    }
    return cols;
}

Row ReadRow(const ObjectMeta& o, const store::Row& r) {
    Row row;
    size_t i = 0;
    for (const FieldMeta& f : o.fields) {
        row[f.name] = r[i++];
    }
    return row;
}

// "KH-{yyyy}-{0000}" with the date in China time: the period is the rendered date tokens, so
// the counter starts again each year (or month, or day) the format names.
struct AutonumberParts {
    std::string period;
    std::string prefix_rendered;  // everything with the counter token replaced by a marker
    int digits = 4;
};

AutonumberParts RenderAutonumber(const std::string& format, TimePoint now) {
    std::time_t secs = std::chrono::system_clock::to_time_t(now) + 8 * 3600;
    std::tm tm{};
    gmtime_r(&secs, &tm);
    AutonumberParts p;
    std::string out;
    for (size_t i = 0; i < format.size();) {
        if (format[i] == '{') {
            size_t end = format.find('}', i);
            if (end == std::string::npos) break;
            std::string token = format.substr(i + 1, end - i - 1);
            std::string rendered;
            if (token == "yyyy")
                rendered = fmt::format("{:04}", tm.tm_year + 1900);
            else if (token == "yy")
                rendered = fmt::format("{:02}", (tm.tm_year + 1900) % 100);
            else if (token == "MM")
                rendered = fmt::format("{:02}", tm.tm_mon + 1);
            else if (token == "dd")
                rendered = fmt::format("{:02}", tm.tm_mday);
            if (!rendered.empty()) {
                p.period += rendered;
                out += rendered;
            } else if (!token.empty() && token.find_first_not_of('0') == std::string::npos) {
                p.digits = static_cast<int>(token.size());
                out += '\x01';
            } else {
                out += format.substr(i, end - i + 1);
            }
            i = end + 1;
        } else {
            out += format[i++];
        }
    }
    if (out.find('\x01') == std::string::npos) out += '\x01';
    p.prefix_rendered = out;
    return p;
}

}  // namespace

void RecordService::RunHooks(
    std::string_view object, std::function<void(WriteEvent&)> RecordHooks::*member, WriteEvent& event
) const {
    for (std::string_view name : {object, kEveryObject}) {
        auto it = hooks_.find(name);
        if (it == hooks_.end()) continue;
        for (const RecordHooks& hooks : it->second) {
            if (hooks.*member) (hooks.*member)(event);
        }
    }
}

std::optional<Row> RecordService::LoadRow(
    store::Connection& conn, RecordScope& s, const ObjectMeta& o, int64_t id, Action action
) {
    SqlFragment scope = ScopePredicate(s.access, o.name, "t", action);
    std::vector<store::Value> params{id};
    params.insert(params.end(), scope.params.begin(), scope.params.end());
    store::Rows rows = conn.Query(
        fmt::format(
            "SELECT {} FROM {} t WHERE t.id = ? AND t.deleted_at IS NULL AND {}", ColumnList(o), o.table, scope.sql
        ),
        store::Params(params)
    );
    if (rows.empty()) return std::nullopt;
    return ReadRow(o, rows.front());
}

void RecordService::RequireRecord(
    store::Connection& conn, RecordScope& s, std::string_view object, int64_t id, Action action
) {
    const ObjectMeta& o = s.schema->Get(object);
    if (LoadRow(conn, s, o, id, action)) return;
    if (action != Action::kRead && LoadRow(conn, s, o, id, Action::kRead)) ThrowForbidden();
    ThrowNotFoundRecord();
}

json::object RecordService::RowToJson(RecordScope& s, const ObjectMeta& o, const Row& row) {
    json::object out;
    for (const FieldMeta& f : o.fields) {
        if (s.access.FieldAccessFor(o.name, f.name) == org::FieldAccess::kHidden) continue;
        auto it = row.find(f.name);
        out[f.name] = it == row.end() ? json::value(nullptr) : EncodeValue(f, it->second);
    }
    return out;
}

void RecordService::Validate(
    store::Connection& conn, RecordScope& s, const ObjectMeta& o, Row& values, int64_t record_id, bool creating
) {
    std::vector<FieldError> errors;
    auto fail = [&](const FieldMeta& f, const char* code, const Text& what) {
        errors.push_back(
            {f.name, code, {fmt::format("「{}」{}", f.label.zh, what.zh), fmt::format("{}: {}", f.label.en, what.en)}}
        );
    };
    for (const FieldMeta& f : o.fields) {
        if (!f.Writable() && f.name != "owner_id") continue;
        auto it = values.find(f.name);
        bool present = it != values.end() && !it->second.IsNull();
        if (f.required && !present && (creating || it != values.end())) {
            fail(f, "required", {"不能为空", "is required"});
            continue;
        }
        if (!present) continue;
        const store::Value& v = it->second;
        switch (f.type) {
            case FieldType::kSelect:
            case FieldType::kMultiselect: {
                std::vector<std::string> chosen;
                if (f.type == FieldType::kSelect) {
                    chosen.push_back(v.AsText());
                } else {
                    // Named: a range-for over json::parse(...).as_array() would outlive the parsed value.
                    json::value parsed = json::parse(v.AsText());
                    for (const auto& item : parsed.as_array()) chosen.emplace_back(item.as_string());
                }
                for (const std::string& c : chosen) {
                    auto opt = conn.QueryValue(
                        "SELECT disabled FROM picklist_options WHERE picklist = ? AND value = ?", {f.picklist, c}
                    );
                    if (!opt) {
                        fail(
                            f,
                            "invalid_option",
                            {fmt::format("没有选项「{}」", c), fmt::format("has no option '{}'", c)}
                        );
                        break;
                    }
                    if (opt->AsBool())
                        fail(
                            f,
                            "disabled_option",
                            {fmt::format("选项「{}」已停用", c), fmt::format("option '{}' is disabled", c)}
                        );
                }
                break;
            }
            case FieldType::kUser: {
                auto st = conn.QueryValue("SELECT status FROM users WHERE id = ?", {v});
                if (!st || st->AsText() != "active")
                    fail(f, "invalid_user", {"不是有效的员工", "is not an active user"});
                break;
            }
            case FieldType::kDepartment: {
                if (!conn.QueryValue("SELECT 1 FROM departments WHERE id = ?", {v})) {
                    fail(f, "invalid_department", {"不是有效的部门", "is not a department"});
                }
                break;
            }
            case FieldType::kLookup: {
                const ObjectMeta* target = s.schema->Find(f.lookup_object);
                bool ok = false;
                if (target) {
                    SqlFragment scope = ScopePredicate(s.access, target->name, "t", Action::kRead);
                    std::vector<store::Value> params{v};
                    params.insert(params.end(), scope.params.begin(), scope.params.end());
                    ok = !conn.Query(
                                  fmt::format(
                                      "SELECT 1 FROM {} t WHERE t.id = ? AND t.deleted_at IS NULL AND {}",
                                      target->table,
                                      scope.sql
                                  ),
                                  store::Params(params)
                    )
                              .empty();
                }
                // A record the caller cannot see is reported exactly like one that does not exist.
                if (!ok)
                    fail(
                        f,
                        "lookup_not_found",
                        {"关联的记录不存在或无权查看", "points to a record that does not exist or that you cannot see"}
                    );
                break;
            }
            default: break;
        }
        if (f.unique) RequireUnique(conn, o, f, v, record_id);
    }
    if (!errors.empty()) ThrowValidation(std::move(errors));
}

std::string RecordService::NextAutonumber(
    store::Connection& conn, const ObjectMeta& o, const FieldMeta& f, TimePoint now
) {
    AutonumberParts p = RenderAutonumber(f.autonumber_format.empty() ? "{0000}" : f.autonumber_format, now);
    int64_t n = conn.Query(
                        "INSERT INTO autonumber_counters (object, field, period, value) VALUES (?, ?, ?, 1) "
                        "ON CONFLICT (object, field, period) DO UPDATE SET value = value + 1 RETURNING value",
                        {o.name, f.name, p.period}
    )
                    .front()
                    .Int(0);
    std::string number = fmt::format("{:0{}}", n, p.digits);
    std::string out = p.prefix_rendered;
    out.replace(out.find('\x01'), 1, number);
    return out;
}

void RecordService::WriteSearchText(store::Connection& conn, const ObjectMeta& o, int64_t id) {
    std::vector<const FieldMeta*> searchable;
    std::string cols;
    for (const FieldMeta& f : o.fields) {
        if (f.searchable && f.type != FieldType::kFormula) {
            searchable.push_back(&f);
            cols += (cols.empty() ? "" : ", ") + f.column;
        }
    }
    conn.Execute(fmt::format("DELETE FROM {} WHERE rowid = ?", o.FtsTable()), {id});
    store::Rows rows;
    if (!searchable.empty()) rows = conn.Query(fmt::format("SELECT {} FROM {} WHERE id = ?", cols, o.table), {id});
    std::string text;
    for (size_t i = 0; !rows.empty() && i < searchable.size(); ++i) {
        std::string part = SearchTextOf(*searchable[i], rows.front()[i]);
        if (!part.empty()) text += (text.empty() ? "" : " ") + part;
    }
    if (!text.empty())
        conn.Execute(fmt::format("INSERT INTO {} (rowid, search_text) VALUES (?, ?)", o.FtsTable()), {id, text});
    WriteSearchTail(conn, o, id, text);  // short keywords (search_index.h)
}

void RecordService::WriteOutbox(
    store::Connection& conn, const ObjectMeta& o, int64_t id, const char* op, const json::array& changed, int64_t actor
) {
    conn.Execute(
        "INSERT INTO outbox (object, record_id, operation, changed_fields, actor_id, at) VALUES (?, ?, ?, ?, ?, ?)",
        {o.name, id, op, json::serialize(changed), ActorValue(actor), FormatUtc(clock_.Now())}
    );
}

json::object RecordService::Create(RecordScope& s, std::string_view object, const json::object& body) {
    store::Transaction tx = s.db.Write();
    int64_t id = CreateIn(*tx, s, object, body);
    tx.Commit();
    return Get(s, object, id);
}

int64_t RecordService::CreateIn(
    store::Connection& conn, RecordScope& s, std::string_view object, const json::object& body
) {
    const ObjectMeta& o = s.schema->Get(object);
    if (!s.access.Can(o.name, "create")) ThrowForbidden();
    TimePoint now = clock_.Now();
    Row values;
    std::vector<FieldError> errors;
    std::optional<int64_t> owner;
    for (const auto& [key, v] : body) {
        const FieldMeta* f = o.Field(key);
        org::FieldAccess access = f ? s.access.FieldAccessFor(o.name, f->name) : org::FieldAccess::kHidden;
        if (!f || access == org::FieldAccess::kHidden) {
            if (key == "version") continue;
            errors.push_back(
                {std::string(key),
                 "unknown_field",
                 {fmt::format("没有字段「{}」", std::string(key)),
                  fmt::format("There is no field '{}'", std::string(key))}}
            );
            continue;
        }
        if (f->name == "owner_id") {
            std::vector<FieldError> e;
            auto id = DecodeValue(*f, v, e);
            if (id && !id->IsNull()) owner = id->AsInt();
            errors.insert(errors.end(), e.begin(), e.end());
            continue;
        }
        if (!f->Writable() || access == org::FieldAccess::kReadOnly) {
            if (f->is_system) continue;  // id, created_at … echoed back by clients are ignored
            errors.push_back(
                {f->name,
                 "read_only",
                 {fmt::format("「{}」不能修改", f->label.zh), fmt::format("{} cannot be changed", f->label.en)}}
            );
            continue;
        }
        if (auto decoded = DecodeValue(*f, v, errors)) values[f->name] = *decoded;
    }
    for (const FieldMeta& f : o.fields) {
        if (f.default_json && f.Writable() && !values.count(f.name)) {
            boost::system::error_code ec;
            json::value dv = json::parse(*f.default_json, ec);
            if (!ec) {
                if (auto decoded = DecodeValue(f, dv, errors)) values[f.name] = *decoded;
            }
        }
    }
    if (!errors.empty()) ThrowValidation(std::move(errors));
    // Creating for someone else is handing it over: that needs the transfer permission.
    if (owner && *owner != s.access.user_id && !s.access.Can(o.name, "transfer")) ThrowForbidden();
    values["owner_id"] = store::Value(owner.value_or(s.access.user_id));

    Validate(conn, s, o, values, 0, true);
    Row before;
    WriteEvent event{o, s.access, conn, 0, values, before, now};
    RunHooks(o.name, &RecordHooks::before_create, event);
    for (const FieldMeta& f : o.fields) {
        if (f.type == FieldType::kAutonumber) values[f.name] = store::Value(NextAutonumber(conn, o, f, now));
    }
    int64_t owner_id = values["owner_id"].AsInt();
    auto dept = conn.QueryValue("SELECT main_department_id FROM users WHERE id = ?", {owner_id});
    std::string ts = FormatUtc(now);
    std::string cols = "owner_id, department_id, created_by, created_at, updated_by, updated_at, version";
    std::vector<store::Value> params{
        owner_id, dept ? *dept : store::Value(), s.access.user_id, ts, s.access.user_id, ts, 1};
    for (const auto& [name, v] : values) {
        const FieldMeta* f = o.Field(name);
        if (!f || f->is_system) continue;
        cols += ", " + f->column;
        params.push_back(v);
    }
    // After a purge of the table's newest record the id starts above the purged one, never reusing
    // it (migration 0034); once a newer row exists the database's own numbering is enough again.
    if (auto floor = conn.QueryValue("SELECT last_id FROM record_id_floors WHERE table_name = ?", {o.table})) {
        conn.Execute("DELETE FROM record_id_floors WHERE table_name = ?", {o.table});
        auto newest = conn.QueryValue(fmt::format("SELECT max(id) FROM {}", o.table));
        int64_t above = newest && !newest->IsNull() ? std::max(newest->AsInt(), floor->AsInt()) : floor->AsInt();
        cols = "id, " + cols;
        params.insert(params.begin(), store::Value(above + 1));
    }
    int64_t id =
        conn.Query(
                fmt::format("INSERT INTO {} ({}) VALUES ({}) RETURNING id", o.table, cols, Placeholders(params.size())),
                store::Params(params)
        )
            .front()
            .Int(0);
    event.record_id = id;
    RecomputeFormulas(conn, o, id);
    WriteSearchText(conn, o, id);
    json::array changed;
    for (const auto& [name, v] : values) changed.push_back(json::value(name));
    WriteOutbox(conn, o, id, "create", changed, s.access.user_id);
    RunHooks(o.name, &RecordHooks::after_create, event);
    return id;
}

json::object RecordService::Get(RecordScope& s, std::string_view object, int64_t id) {
    const ObjectMeta& o = s.schema->Get(object);
    json::array one;
    {
        store::Reader r = s.db.Read();
        std::optional<Row> row = LoadRow(*r, s, o, id, Action::kRead);
        if (!row) ThrowNotFoundRecord();
        one.push_back(RowToJson(s, o, *row));
        MaskActors(*r, s, o.name, one);
    }
    AddDisplay(s, o, one);
    return std::move(one[0].as_object());
}

json::object RecordService::Update(RecordScope& s, std::string_view object, int64_t id, const json::object& body) {
    store::Transaction tx = s.db.Write();
    UpdateIn(*tx, s, object, id, body);
    tx.Commit();
    return Get(s, object, id);
}

void RecordService::UpdateIn(
    store::Connection& conn, RecordScope& s, std::string_view object, int64_t id, const json::object& body
) {
    const ObjectMeta& o = s.schema->Get(object);
    TimePoint now = clock_.Now();
    Row values;
    std::vector<FieldError> errors;
    std::optional<int64_t> expected_version = GetInt(body, "version");
    for (const auto& [key, v] : body) {
        if (key == "version") continue;
        const FieldMeta* f = o.Field(key);
        org::FieldAccess access = f ? s.access.FieldAccessFor(o.name, f->name) : org::FieldAccess::kHidden;
        if (!f || access == org::FieldAccess::kHidden) {
            errors.push_back(
                {std::string(key),
                 "unknown_field",
                 {fmt::format("没有字段「{}」", std::string(key)),
                  fmt::format("There is no field '{}'", std::string(key))}}
            );
            continue;
        }
        if (f->is_system) {
            if (f->name == "owner_id") {
                errors.push_back(
                    {f->name, "read_only", {"负责人请通过「转移」修改", "Change the owner with a transfer"}}
                );
            }
            continue;
        }
        if (!f->Writable() || access == org::FieldAccess::kReadOnly) {
            errors.push_back(
                {f->name,
                 "read_only",
                 {fmt::format("「{}」不能修改", f->label.zh), fmt::format("{} cannot be changed", f->label.en)}}
            );
            continue;
        }
        if (auto decoded = DecodeValue(*f, v, errors)) values[f->name] = *decoded;
    }
    if (!errors.empty()) ThrowValidation(std::move(errors));

    std::optional<Row> before = LoadRow(conn, s, o, id, Action::kUpdate);
    if (!before) {
        if (LoadRow(conn, s, o, id, Action::kRead)) ThrowForbidden();
        ThrowNotFoundRecord();
    }
    int64_t current_version = (*before)["version"].AsInt();
    if (expected_version && *expected_version != current_version) {
        throw Error(
            ErrorCode::kConflict,
            {"该记录已被他人修改，请刷新后重试", "Someone else changed this record; reload and try again"},
            fmt::format("version {} != {}", *expected_version, current_version)
        )
            .WithExtraJson(json::serialize(json::object{{"current_version", current_version}}));
    }
    // Only what really changes is written, recorded and announced.
    for (auto it = values.begin(); it != values.end();) {
        auto old = before->find(it->first);
        it = (old != before->end() && SameValue(old->second, it->second)) ? values.erase(it) : std::next(it);
    }
    Validate(conn, s, o, values, id, false);
    WriteEvent event{o, s.access, conn, id, values, *before, now};
    RunHooks(o.name, &RecordHooks::before_update, event);
    if (values.empty()) return;
    std::string ts = FormatUtc(now);
    std::string sets = "updated_by = ?, updated_at = ?, version = version + 1";
    std::vector<store::Value> params{ActorValue(s.access.user_id), ts};
    json::array changed;
    for (const auto& [name, v] : values) {
        const FieldMeta* f = o.Field(name);
        if (!f) continue;
        sets += ", " + f->column + " = ?";
        params.push_back(v);
        changed.push_back(json::value(name));
        auto old = before->find(name);
        conn.Execute(
            "INSERT INTO field_history (object, record_id, field, old_value, new_value, actor_id, at) VALUES (?, ?, ?, "
            "?, ?, ?, ?)",
            {o.name,
             id,
             name,
             old == before->end() ? store::Value() : store::Value(ValueJson(*f, old->second)),
             ValueJson(*f, v),
             ActorValue(s.access.user_id),
             ts}
        );
    }
    params.push_back(id);
    params.push_back(current_version);
    if (conn.Execute(
            fmt::format("UPDATE {} SET {} WHERE id = ? AND version = ?", o.table, sets), store::Params(params)
        ) != 1) {
        throw Error(
            ErrorCode::kConflict,
            {"该记录已被他人修改，请刷新后重试", "Someone else changed this record; reload and try again"}
        );
    }
    RecomputeFormulas(conn, o, id);
    WriteSearchText(conn, o, id);
    WriteOutbox(conn, o, id, "update", changed, s.access.user_id);
    RunHooks(o.name, &RecordHooks::after_update, event);
}

void RecordService::Delete(RecordScope& s, std::string_view object, int64_t id) {
    const ObjectMeta& o = s.schema->Get(object);
    store::Transaction tx = s.db.Write();
    std::optional<Row> before = LoadRow(*tx, s, o, id, Action::kDelete);
    if (!before) {
        if (LoadRow(*tx, s, o, id, Action::kRead)) ThrowForbidden();
        ThrowNotFoundRecord();
    }
    Row values;
    TimePoint now = clock_.Now();
    WriteEvent event{o, s.access, *tx, id, values, *before, now};
    RunHooks(o.name, &RecordHooks::before_delete, event);
    tx->Execute(
        fmt::format("UPDATE {} SET deleted_at = ?, updated_by = ?, version = version + 1 WHERE id = ?", o.table),
        {FormatUtc(now), s.access.user_id, id}
    );
    WriteOutbox(*tx, o, id, "delete", {}, s.access.user_id);
    RunHooks(o.name, &RecordHooks::after_delete, event);
    tx.Commit();
}

void RecordService::Restore(RecordScope& s, std::string_view object, int64_t id) {
    store::Transaction tx = s.db.Write();
    RestoreIn(*tx, s, object, id);
    tx.Commit();
}

void RecordService::RestoreIn(store::Connection& tx, RecordScope& s, std::string_view object, int64_t id) {
    const ObjectMeta& o = s.schema->Get(object);
    SqlFragment scope = ScopePredicate(s.access, o.name, "t", Action::kDelete);
    std::vector<store::Value> params{FormatUtc(clock_.Now()), s.access.user_id, id};
    params.insert(params.end(), scope.params.begin(), scope.params.end());
    int64_t n = tx.Execute(
        fmt::format(
            "UPDATE {} AS t SET deleted_at = NULL, updated_at = ?, updated_by = ?, version = version + 1 "
            "WHERE t.id = ? AND t.deleted_at IS NOT NULL AND {}",
            o.table,
            scope.sql
        ),
        store::Params(params)
    );
    if (n != 1) ThrowNotFoundRecord();
    // While it was in the bin another record may have taken one of its unique values.
    for (const FieldMeta& f : o.fields) {
        if (!f.unique) continue;
        std::optional<store::Value> v =
            tx.QueryValue(fmt::format("SELECT {} FROM {} WHERE id = ?", f.column, o.table), {id});
        if (v && !v->IsNull()) RequireUnique(tx, o, f, *v, id);
    }
    WriteOutbox(tx, o, id, "restore", {}, s.access.user_id);
    {
        Row values, before;
        WriteEvent event{o, s.access, tx, id, values, before, clock_.Now()};
        RunHooks(o.name, &RecordHooks::after_restore, event);
    }
}

std::vector<const RecordHooks*> RecordService::HooksOf(std::string_view object) const {
    std::vector<const RecordHooks*> out;
    for (std::string_view name : {object, kEveryObject}) {
        auto it = hooks_.find(name);
        if (it == hooks_.end()) continue;
        for (const RecordHooks& h : it->second) out.push_back(&h);
    }
    return out;
}

bool RecordService::DeleteAllowed(store::Database& db, std::string_view object) const {
    auto it = hooks_.find(object);
    if (it == hooks_.end()) return true;
    for (const RecordHooks& h : it->second) {
        if (!h.delete_allowed) continue;
        store::Reader r = db.Read();
        if (!h.delete_allowed(*r)) return false;
    }
    return true;
}

void RecordService::LabelChanges(
    store::Connection& conn, Lang lang, std::string_view object, std::vector<json::object*> changes
) const {
    auto it = hooks_.find(object);
    if (it == hooks_.end() || changes.empty()) return;
    // Each value as a record of one field, so the hooks label it as they label records.
    static constexpr std::array<std::pair<const char*, const char*>, 2> kSides{
        std::pair{"old_value", "old_label"}, std::pair{"new_value", "new_label"}};
    json::array values;
    for (const json::object* change : changes) {
        std::string field(change->at("field").as_string());
        for (auto [value_key, label_key] : kSides) values.push_back(json::object{{field, change->at(value_key)}});
    }
    for (const RecordHooks& h : it->second) {
        if (h.display_labels) h.display_labels(conn, lang, values);
    }
    size_t k = 0;
    for (json::object* change : changes) {
        std::string field(change->at("field").as_string());
        for (auto [value_key, label_key] : kSides) {
            const json::object& one = values[k++].as_object();
            const json::value* display = one.if_contains("_display");
            const json::value* label =
                display && display->is_object() ? display->as_object().if_contains(field) : nullptr;
            if (label) (*change)[label_key] = *label;
        }
    }
}

ActorMask RecordService::ActorMaskFor(
    store::Connection& conn, const RecordScope& s, std::string_view object, int64_t id
) const {
    ActorMask mask;
    auto it = hooks_.find(object);
    if (it == hooks_.end()) return mask;
    for (const RecordHooks& h : it->second) {
        if (!h.actor_masks) continue;
        std::map<int64_t, ActorMask> masks = h.actor_masks(conn, s.access, {id});
        if (auto m = masks.find(id); m != masks.end()) mask.Merge(m->second);
    }
    return mask;
}

void RecordService::MaskActors(
    store::Connection& conn, const RecordScope& s, std::string_view object, json::array& records
) const {
    auto it = hooks_.find(object);
    if (it == hooks_.end() || records.empty()) return;
    std::vector<int64_t> ids;
    for (const json::value& rec : records) {
        if (const json::value* id = rec.as_object().if_contains("id"); id && id->is_int64())
            ids.push_back(id->as_int64());
    }
    for (const RecordHooks& h : it->second) {
        if (!h.actor_masks) continue;
        std::map<int64_t, ActorMask> masks = h.actor_masks(conn, s.access, ids);
        if (masks.empty()) continue;
        for (json::value& rec : records) {
            const json::value* id = rec.as_object().if_contains("id");
            if (!id || !id->is_int64()) continue;
            if (auto m = masks.find(id->as_int64()); m != masks.end()) m->second.ApplyTo(rec.as_object());
        }
    }
}

namespace {

// A list's total, kept like an aggregate answer (aggregate_cache.h) while nothing it counted has
// been written: paging through a list, or coming back to it, counts once. A keyword's total is
// counted each time (the search tables keep no write counter).
int64_t CountMatches(
    store::Connection& conn, const store::Database& db, const std::string& table, const CompiledQuery& q, bool keyword
) {
    std::optional<CacheTicket> ticket;
    if (!keyword)
        ticket =
            CacheTicketFor(conn, db, table, q.where_sql, {"list total", q.count_sql}, store::Params(q.count_params));
    auto count = [&] {
        AggregateRows rows;
        rows.totals.emplace_back(conn.Query(q.count_sql, store::Params(q.count_params)).front().Int(0));
        return rows;
    };
    return KeptOrRead(std::move(ticket), count)->totals.front().AsInt();
}

}  // namespace

// A page walked in the list's order stops after its limit + 1 rows, but when the newest records
// are not the caller's it passes them all first (an administrator's import of 300k customers: a
// regional manager's page, 160–340 ms); the scope-first plan reads only the caller's matches.
// The walk is asked first, within page_walk_work_; past it, the other plan answers — at once for
// the same page asked again a while after (PageWalks).
store::Rows RecordService::ReadPage(store::Connection& conn, const void* db, const CompiledQuery& q) const {
    if (q.scope_first_sql.empty()) return conn.Query(q.sql, store::Params(q.params));
    size_t key = PageWalks::Key(db, q.sql, store::Params(q.params));
    if (page_walk_work_ > 0 && !page_walks_.GaveUpLately(key, clock_.Now())) {
        if (std::optional<store::Rows> walked = conn.QueryWithin(q.sql, store::Params(q.params), page_walk_work_))
            return std::move(*walked);
        page_walks_.GaveUp(key, clock_.Now());
    }
    return conn.Query(q.scope_first_sql, store::Params(q.scope_first_params));
}

json::object RecordService::Query(RecordScope& s, std::string_view object, const QueryRequest& request) {
    const ObjectMeta& o = s.schema->Get(object);
    json::array records;
    std::string next_cursor;
    int64_t total = -1;
    CompiledQuery q;
    {
        store::Reader r = s.db.Read();
        q = CompileQuery(o, s.access, request, clock_.Now(), &*r);
        store::Rows rows = ReadPage(*r, &s.db, q);
        size_t shown = std::min(rows.size(), static_cast<size_t>(q.limit));
        for (size_t i = 0; i < shown; ++i) {
            json::object rec;
            for (size_t c = 0; c < q.columns.size(); ++c)
                rec[q.columns[c]->name] = EncodeValue(*q.columns[c], rows[i][c]);
            records.push_back(std::move(rec));
        }
        if (rows.size() > static_cast<size_t>(q.limit)) next_cursor = NextCursor(q, rows[shown - 1]);
        MaskActors(*r, s, o.name, records);
        if (request.with_total) total = CountMatches(*r, s.db, o.table, q, !request.q.empty());
    }
    AddDisplay(s, o, records);
    json::object out{
        {"records", std::move(records)},
        {"next_cursor", next_cursor.empty() ? json::value(nullptr) : json::value(next_cursor)}};
    if (total >= 0) {
        bool capped = q.total_cap > 0 && total > q.total_cap;
        out["total"] = capped ? q.total_cap : total;
        out["total_capped"] = capped;
    }
    return out;
}

json::object RecordService::History(RecordScope& s, std::string_view object, int64_t id, int limit) {
    const ObjectMeta& o = s.schema->Get(object);
    store::Reader r = s.db.Read();
    if (!LoadRow(*r, s, o, id, Action::kRead)) ThrowNotFoundRecord();
    ActorMask mask = ActorMaskFor(*r, s, o.name, id);
    json::array entries;
    for (const store::Row& row : r->Query(
             "SELECT h.id, h.field, h.old_value, h.new_value, h.actor_id, u.name, h.at FROM field_history h "
             "LEFT JOIN users u ON u.id = h.actor_id WHERE h.object = ? AND h.record_id = ? ORDER BY h.id DESC LIMIT ?",
             {o.name, id, limit}
         )) {
        const FieldMeta* f = o.Field(row.Text(1));
        // Changes to a field the caller may not see are not shown either.
        if (f && s.access.FieldAccessFor(o.name, f->name) == org::FieldAccess::kHidden) continue;
        auto parse = [](const store::Value& v) -> json::value {
            return v.IsNull() ? json::value(nullptr) : ParseStoredJson(v.AsText());
        };
        // What a module keeps from the caller, e.g. a pooled customer's former owner (actor_mask.h).
        bool blank = mask.HidesValues(row.Text(1));
        bool anonymous =
            mask.HidesActor(row.Text(1), row.IsNull(4) ? std::nullopt : std::optional<int64_t>(row.Int(4)));
        entries.push_back(json::object{
            {"id", row.Int(0)},
            {"field", row.Text(1)},
            {"field_label",
             f ? (s.lang == Lang::kEn ? f->label.en : f->label.zh) : PseudoFieldLabel(row.Text(1), s.lang)},
            {"old_value", blank ? json::value(nullptr) : parse(row[2])},
            {"new_value", blank ? json::value(nullptr) : parse(row[3])},
            {"actor_id", anonymous || row.IsNull(4) ? json::value(nullptr) : json::value(row.Int(4))},
            {"actor_name", anonymous ? json::value(nullptr) : json::value(row.Text(5))},
            {"at", row.Text(6)},
        });
    }
    std::vector<json::object*> changes;
    for (json::value& e : entries) changes.push_back(&e.as_object());
    LabelChanges(*r, s.lang, o.name, changes);
    return json::object{{"records", std::move(entries)}};
}

json::object RecordService::Transfer(
    RecordScope& s, std::string_view object, const std::vector<int64_t>& ids, int64_t to_user_id
) {
    const ObjectMeta& o = s.schema->Get(object);
    if (!s.access.Can(o.name, "transfer")) ThrowForbidden();
    const FieldMeta& owner_field = *o.Field("owner_id");
    TimePoint now = clock_.Now();
    std::string ts = FormatUtc(now);
    store::Transaction tx = s.db.Write();
    auto target = tx->Query("SELECT status, main_department_id FROM users WHERE id = ?", {to_user_id});
    if (target.empty() || target.front().Text(0) != "active") {
        ThrowValidation({{"to_user_id", "invalid_user", {"接收人不是有效的员工", "The receiver is not an active user"}}}
        );
    }
    store::Value dept = target.front()[1];
    int64_t moved = 0;
    for (int64_t id : ids) {
        std::optional<Row> before = LoadRow(*tx, s, o, id, Action::kUpdate);
        if (!before) ThrowNotFoundRecord();
        if ((*before)["owner_id"].AsInt() == to_user_id) continue;
        {
            Row values{{"owner_id", store::Value(to_user_id)}};
            WriteEvent event{o, s.access, *tx, id, values, *before, now};
            RunHooks(o.name, &RecordHooks::before_transfer, event);
        }
        tx->Execute(
            fmt::format(
                "UPDATE {} SET owner_id = ?, department_id = ?, updated_by = ?, updated_at = ?, version = version + 1 "
                "WHERE id = ?",
                o.table
            ),
            {to_user_id, dept, s.access.user_id, ts, id}
        );
        tx->Execute(
            "INSERT INTO field_history (object, record_id, field, old_value, new_value, actor_id, at) VALUES (?, ?, "
            "'owner_id', ?, ?, ?, ?)",
            {o.name,
             id,
             ValueJson(owner_field, (*before)["owner_id"]),
             ValueJson(owner_field, store::Value(to_user_id)),
             s.access.user_id,
             ts}
        );
        WriteOutbox(*tx, o, id, "update", json::array{"owner_id"}, s.access.user_id);
        ++moved;
    }
    tx.Commit();
    return json::object{{"transferred", moved}};
}

void RecordService::AddDisplay(RecordScope& s, const ObjectMeta& o, json::array& records) {
    if (records.empty()) return;
    // Collect the ids each kind of label needs, then fetch each kind once.
    std::map<std::string, std::set<int64_t>> lookup_ids;  // target object → ids
    std::set<int64_t> user_ids, department_ids;
    std::set<std::string> picklists;
    for (const auto& rec : records) {
        for (const FieldMeta& f : o.fields) {
            const json::value* v = rec.as_object().if_contains(f.name);
            if (!v || v->is_null()) continue;
            if (f.type == FieldType::kUser)
                user_ids.insert(v->to_number<int64_t>());
            else if (f.type == FieldType::kDepartment)
                department_ids.insert(v->to_number<int64_t>());
            else if (f.type == FieldType::kLookup)
                lookup_ids[f.lookup_object].insert(v->to_number<int64_t>());
            else if (f.type == FieldType::kSelect || f.type == FieldType::kMultiselect)
                picklists.insert(f.picklist);
        }
    }
    std::map<int64_t, std::string> users, departments;
    std::map<std::string, std::map<int64_t, std::string>> lookups;
    std::map<std::string, std::map<std::string, std::string>> options;
    store::Reader r = s.db.Read();
    auto fetch_names = [&](const std::string& sql_prefix,
                           const std::set<int64_t>& ids,
                           std::vector<store::Value> extra,
                           const std::string& suffix) {
        std::map<int64_t, std::string> out;
        if (ids.empty()) return out;
        std::vector<store::Value> params(ids.begin(), ids.end());
        params.insert(params.end(), extra.begin(), extra.end());
        for (const store::Row& row :
             r->Query(sql_prefix + "(" + Placeholders(ids.size()) + ")" + suffix, store::Params(params))) {
            out[row.Int(0)] = row.Text(1);
        }
        return out;
    };
    users = fetch_names("SELECT id, name FROM users WHERE id IN ", user_ids, {}, "");
    departments = fetch_names("SELECT id, name FROM departments WHERE id IN ", department_ids, {}, "");
    for (const auto& [target_name, ids] : lookup_ids) {
        const ObjectMeta* target = s.schema->Find(target_name);
        const FieldMeta* name_field = target ? target->Field(target->name_field) : nullptr;
        if (!target || !name_field) continue;
        // Only the names of records the caller may see.
        SqlFragment scope = ScopePredicate(s.access, target->name, "t", Action::kRead);
        lookups[target_name] = fetch_names(
            fmt::format(
                "SELECT t.id, t.{} FROM {} t WHERE t.deleted_at IS NULL AND t.id IN ", name_field->column, target->table
            ),
            ids,
            scope.params,
            " AND " + scope.sql
        );
    }
    for (const std::string& p : picklists) {
        for (const store::Row& row :
             r->Query("SELECT value, label_zh, label_en FROM picklist_options WHERE picklist = ?", {p})) {
            options[p][row.Text(0)] = s.lang == Lang::kEn ? row.Text(2) : row.Text(1);
        }
    }
    for (auto& rec : records) {
        json::object display;
        for (const FieldMeta& f : o.fields) {
            const json::value* v = rec.as_object().if_contains(f.name);
            if (!v || v->is_null()) continue;
            auto label_of = [](const std::map<int64_t, std::string>& names, int64_t id) -> json::value {
                auto it = names.find(id);
                return it == names.end() ? json::value(nullptr) : json::value(it->second);
            };
            if (f.type == FieldType::kUser)
                display[f.name] = label_of(users, v->to_number<int64_t>());
            else if (f.type == FieldType::kDepartment)
                display[f.name] = label_of(departments, v->to_number<int64_t>());
            else if (f.type == FieldType::kLookup)
                display[f.name] = label_of(lookups[f.lookup_object], v->to_number<int64_t>());
            else if (f.type == FieldType::kSelect) {
                auto& opts = options[f.picklist];
                auto it = opts.find(std::string(v->as_string()));
                display[f.name] = it == opts.end() ? json::value(v->as_string()) : json::value(it->second);
            } else if (f.type == FieldType::kMultiselect && v->is_array()) {
                json::array labels;
                auto& opts = options[f.picklist];
                for (const auto& item : v->as_array()) {
                    auto it = item.is_string() ? opts.find(std::string(item.as_string())) : opts.end();
                    labels.push_back(it == opts.end() ? item : json::value(it->second));
                }
                display[f.name] = std::move(labels);
            }
        }
        rec.as_object()["_display"] = std::move(display);
    }
    if (auto it = hooks_.find(o.name); it != hooks_.end()) {
        for (const RecordHooks& h : it->second) {
            if (h.display_labels) h.display_labels(*r, s.lang, records);
        }
    }
    if (auto it = hooks_.find(kEveryObject); it != hooks_.end()) {
        for (const RecordHooks& h : it->second) {
            if (h.object_display) h.object_display(*r, o, s.lang, records);
        }
    }
}

}  // namespace xieli::records
