#include "modules/crm/timeline.h"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "common/error.h"
#include "modules/crm/crm_common.h"
#include "modules/org/org_rules.h"
#include "records/value_codec.h"

namespace xieli::crm {

namespace {

constexpr size_t kMaxLimit = 200;
constexpr size_t kMaxTies = 500;  // items of one instant per source, a bound against pathological data
constexpr size_t kTitleChars = 80;

int Rank(std::string_view type) {
    if (type == "deleted" || type == "restored") return 0;
    if (type == "change" || type == "transfer") return 1;
    if (type == "followup") return 2;
    if (type == "related") return 3;
    if (type == "created") return 4;
    return 5;
}

// Which items a source returns: before the cursor (newest first, at most `limit`), or exactly
// one instant.
struct Window {
    std::optional<std::string> before;
    std::optional<std::string> at;
    size_t limit = 0;
};

using Source = std::function<std::vector<TimelineItem>(const Window&)>;

// " AND <expr> < ? ORDER BY <expr> DESC, <id> DESC LIMIT ?" and its values.
std::string WindowSql(
    const Window& w, const std::string& expr, const std::string& id, std::vector<store::Value>& params
) {
    std::string sql;
    if (w.at) {
        sql += fmt::format(" AND {} = ?", expr);
        params.emplace_back(*w.at);
    } else if (w.before) {
        sql += fmt::format(" AND {} < ?", expr);
        params.emplace_back(*w.before);
    }
    sql += fmt::format(" ORDER BY {} DESC, {} DESC LIMIT ?", expr, id);
    params.emplace_back(static_cast<int64_t>(w.limit));
    return sql;
}

bool InWindow(const Window& w, const std::string& at) {
    if (w.at) return at == *w.at;
    return !w.before || at < *w.before;
}

std::optional<int64_t> OptionalId(const store::Value& v) {
    if (v.IsNull()) return std::nullopt;
    return v.AsInt();
}

const std::string& Label(const Text& t, Lang lang) {
    return t.In(lang);
}

bool Hidden(const records::AccessContext& access, const records::ObjectMeta& o, std::string_view field) {
    return access.FieldAccessFor(o.name, field) == org::FieldAccess::kHidden;
}

}  // namespace

void SortTimeline(std::vector<TimelineItem>& items) {
    std::stable_sort(items.begin(), items.end(), [](const TimelineItem& a, const TimelineItem& b) {
        if (a.at != b.at) return a.at > b.at;
        int ra = Rank(a.type), rb = Rank(b.type);
        if (ra != rb) return ra < rb;
        if (a.object != b.object) return a.object < b.object;
        return a.seq > b.seq;
    });
}

TimelineMerge MergeTimeline(const std::vector<std::vector<TimelineItem>>& sources, size_t limit) {
    std::vector<TimelineItem> all;
    bool truncated = false;  // some source has more than it returned
    for (const auto& source : sources) {
        all.insert(all.end(), source.begin(), source.end());
        truncated = truncated || source.size() > limit;
    }
    SortTimeline(all);
    TimelineMerge m;
    if (all.size() <= limit) {
        m.items = std::move(all);
        return m;
    }
    // The page ends inside the instant of its limit-th item. Each source returned all it has
    // newer than that instant (else limit items would be newer), so those are certain; the
    // instant itself is fetched whole in round two.
    const std::string tie = all[limit - 1].at;
    bool older = truncated;
    for (TimelineItem& item : all) {
        if (item.at > tie)
            m.items.push_back(std::move(item));
        else if (item.at < tie)
            older = true;
    }
    m.tie_at = tie;
    if (older) m.next_before = tie;
    return m;
}

json::object TimelineItemToJson(const TimelineItem& item) {
    json::value actor = nullptr;
    if (item.actor_id) actor = json::object{{"id", *item.actor_id}, {"name", item.actor_name}};
    return json::object{
        {"type", item.type},
        {"at", item.at},
        {"actor", std::move(actor)},
        {"object", item.object},
        {"record_id", item.record_id},
        {"title", item.title.empty() ? json::value(nullptr) : json::value(item.title)},
        {"data", item.data},
    };
}

TimelineRequest ParseTimelineRequest(
    const std::optional<std::string>& limit, const std::optional<std::string>& before
) {
    TimelineRequest r;
    if (limit) {
        size_t used = 0;
        long long n = 0;
        try {
            n = std::stoll(*limit, &used);
        } catch (const std::exception&) {
            used = 0;
        }
        if (used == 0 || used != limit->size() || n < 1 || n > static_cast<long long>(kMaxLimit)) {
            ThrowValidation({{"limit", "invalid", {"每页条数应为 1–200", "limit must be 1–200"}}});
        }
        r.limit = static_cast<size_t>(n);
    }
    if (before && !before->empty()) {
        std::optional<TimePoint> t = ParseIsoTime(*before);
        if (!t) {
            ThrowValidation({{"before", "invalid", {"应为时间（ISO-8601）", "must be a time (ISO-8601)"}}});
        }
        r.before = FormatUtc(*t);
    }
    return r;
}

namespace {

// The sources of one record's timeline, each answering a Window, newest first.
class TimelineSources {
public:
    TimelineSources(
        records::RecordScope& s,
        const records::ObjectMeta& o,
        int64_t id,
        store::Connection& conn,
        const records::ActorMask& mask
    )
        : s_(s), o_(o), id_(id), conn_(conn), mask_(mask) {}

    // 404 unless the caller may read the record.
    void LoadRecord() {
        const records::FieldMeta* name_field = o_.Field(o_.name_field);
        bool name_visible =
            name_field && name_field->type != records::FieldType::kFormula && !Hidden(s_.access, o_, o_.name_field);
        std::vector<std::string> fields{"created_at", "created_by"};
        if (name_visible) fields.push_back(o_.name_field);
        std::optional<Row> row = ReadScoped(conn_, s_.access, o_, id_, records::Action::kRead, fields);
        if (!row) ThrowRecordNotFound();
        created_at_ = (*row)["created_at"].AsText();
        created_by_ = OptionalId((*row)["created_by"]);
        if (name_visible && !(*row)[o_.name_field].IsNull()) title_ = (*row)[o_.name_field].AsText();
        for (const records::FieldMeta& f : o_.fields) {
            if (f.type != records::FieldType::kFormula && !Hidden(s_.access, o_, f.name))
                visible_fields_.emplace_back(f.name);
        }
    }

    std::vector<Source> All() {
        std::vector<Source> out{
            [this](const Window& w) { return Created(w); },
            [this](const Window& w) { return History(w); },
            [this](const Window& w) { return RecycleBin(w); },
        };
        const records::ObjectMeta* followup = s_.schema->Find("followup");
        for (const auto& [name, other] : s_.schema->objects()) {
            for (const records::FieldMeta& link : other.fields) {
                if (link.type != records::FieldType::kLookup || link.lookup_object != o_.name) continue;
                // Listing by a field the caller may not see would reveal it.
                if (Hidden(s_.access, other, link.name)) continue;
                const records::ObjectMeta* linked = &other;
                const records::FieldMeta* by = &link;
                if (linked == followup)
                    out.push_back([this, linked, by](const Window& w) { return Followups(*linked, *by, w); });
                else
                    out.push_back([this, linked, by](const Window& w) { return Related(*linked, *by, w); });
            }
        }
        return out;
    }

private:
    std::vector<TimelineItem> Created(const Window& w) {
        std::vector<TimelineItem> out;
        if (!InWindow(w, created_at_)) return out;
        TimelineItem item{"created", created_at_, created_by_, "", o_.name, id_, title_, {}, id_};
        if (item.actor_id) {
            auto name = conn_.QueryValue("SELECT name FROM users WHERE id = ?", {*item.actor_id});
            if (name && !name->IsNull()) item.actor_name = name->AsText();
        }
        out.push_back(std::move(item));
        return out;
    }

    // Field history; fields hidden from the caller are left out in SQL, so limits stay exact.
    std::vector<TimelineItem> History(const Window& w) {
        std::vector<store::Value> params{o_.name, id_};
        params.insert(params.end(), visible_fields_.begin(), visible_fields_.end());
        std::string sql = fmt::format(
            "SELECT h.id, h.field, h.old_value, h.new_value, h.actor_id, u.name, h.at FROM field_history h "
            "LEFT JOIN users u ON u.id = h.actor_id WHERE h.object = ? AND h.record_id = ? AND h.field IN ({})",
            records::Placeholders(visible_fields_.size())
        );
        sql += WindowSql(w, "h.at", "h.id", params);
        std::vector<TimelineItem> out;
        for (const store::Row& r : conn_.Query(sql, store::Params(params))) {
            const records::FieldMeta* f = o_.Field(r.Text(1));
            std::string label = f ? Label(f->label, s_.lang) : r.Text(1);
            // What a module keeps from the caller, e.g. a pooled customer's former owner.
            bool blank = mask_.HidesValues(r.Text(1));
            bool anonymous = mask_.HidesActor(r.Text(1), OptionalId(r[4]));
            out.push_back(TimelineItem{
                r.Text(1) == "owner_id" ? "transfer" : "change",
                r.Text(6),
                anonymous ? std::nullopt : OptionalId(r[4]),
                anonymous || r.IsNull(5) ? "" : r.Text(5),
                o_.name,
                id_,
                label,
                json::object{
                    {"field", r.Text(1)},
                    {"field_label", label},
                    // A NULL value reads as "", which is null too.
                    {"old_value", blank ? json::value(nullptr) : ParseStoredJson(r.Text(2))},
                    {"new_value", blank ? json::value(nullptr) : ParseStoredJson(r.Text(3))}},
                r.Int(0)});
        }
        return out;
    }

    // Into and out of the recycle bin, from the outbox.
    std::vector<TimelineItem> RecycleBin(const Window& w) {
        std::vector<store::Value> params{o_.name, id_};
        std::string sql =
            "SELECT e.id, e.operation, e.actor_id, u.name, e.at FROM outbox e LEFT JOIN users u ON u.id = e.actor_id "
            "WHERE e.object = ? AND e.record_id = ? AND e.operation IN ('delete', 'restore')";
        sql += WindowSql(w, "e.at", "e.id", params);
        std::vector<TimelineItem> out;
        for (const store::Row& r : conn_.Query(sql, store::Params(params))) {
            bool deleted = r.Text(1) == "delete";
            Text what = deleted ? Text{"移入回收站", "Moved to the recycle bin"}
                                : Text{"从回收站恢复", "Restored from the recycle bin"};
            out.push_back(TimelineItem{
                deleted ? "deleted" : "restored",
                r.Text(4),
                OptionalId(r[2]),
                r.IsNull(3) ? "" : r.Text(3),
                o_.name,
                id_,
                what.In(s_.lang),
                {},
                r.Int(0)});
        }
        return out;
    }

    // Follow-ups whose `by` names the record, with the fields the caller may see.
    std::vector<TimelineItem> Followups(const records::ObjectMeta& f_o, const records::FieldMeta& by, const Window& w) {
        std::vector<const records::FieldMeta*> cols;
        for (const records::FieldMeta& f : f_o.fields) {
            if (!f.is_system && f.type != records::FieldType::kFormula && !Hidden(s_.access, f_o, f.name))
                cols.push_back(&f);
        }
        const records::FieldMeta* when = f_o.Field("followup_at");
        std::string at = when && !Hidden(s_.access, f_o, when->name)
                             ? fmt::format("COALESCE(t.{}, t.created_at)", when->column)
                             : std::string("t.created_at");
        std::string select = fmt::format("SELECT t.id, {}, t.created_by, u.name", at);
        for (const records::FieldMeta* f : cols) select += ", t." + f->column;
        records::SqlFragment scope = records::ScopePredicate(s_.access, f_o.name, "t", records::Action::kRead);
        std::vector<store::Value> params{id_};
        params.insert(params.end(), scope.params.begin(), scope.params.end());
        std::string sql = fmt::format(
            "{} FROM {} t LEFT JOIN users u ON u.id = t.created_by WHERE t.{} = ? AND t.deleted_at IS NULL AND {}",
            select,
            f_o.table,
            by.column,
            scope.sql
        );
        sql += WindowSql(w, at, "t.id", params);
        std::vector<TimelineItem> out;
        for (const store::Row& r : conn_.Query(sql, store::Params(params))) {
            TimelineItem item{
                "followup",
                r.Text(1),
                OptionalId(r[2]),
                r.IsNull(3) ? "" : r.Text(3),
                f_o.name,
                r.Int(0),
                "",
                {},
                r.Int(0)};
            for (size_t i = 0; i < cols.size(); ++i) {
                item.data[cols[i]->name] = records::EncodeValue(*cols[i], r[4 + i]);
                if (cols[i]->name == "content" && !r.IsNull(4 + i)) item.title = org::Clip(r.Text(4 + i), kTitleChars);
            }
            out.push_back(std::move(item));
        }
        return out;
    }

    // Records of `linked` whose `by` names the record, at their creation.
    std::vector<TimelineItem> Related(
        const records::ObjectMeta& linked, const records::FieldMeta& by, const Window& w
    ) {
        const records::FieldMeta* name = linked.Field(linked.name_field);
        bool show_name = name && name->type != records::FieldType::kFormula && !Hidden(s_.access, linked, name->name);
        records::SqlFragment scope = records::ScopePredicate(s_.access, linked.name, "t", records::Action::kRead);
        std::vector<store::Value> params{id_};
        params.insert(params.end(), scope.params.begin(), scope.params.end());
        std::string sql = fmt::format(
            "SELECT t.id, t.created_at, t.created_by, u.name, {} FROM {} t LEFT JOIN users u ON u.id = t.created_by "
            "WHERE t.{} = ? AND t.deleted_at IS NULL AND {}",
            show_name ? "t." + name->column : std::string("NULL"),
            linked.table,
            by.column,
            scope.sql
        );
        sql += WindowSql(w, "t.created_at", "t.id", params);
        std::vector<TimelineItem> out;
        for (const store::Row& r : conn_.Query(sql, store::Params(params))) {
            out.push_back(TimelineItem{
                "related",
                r.Text(1),
                OptionalId(r[2]),
                r.IsNull(3) ? "" : r.Text(3),
                linked.name,
                r.Int(0),
                r.IsNull(4) ? "" : r.Text(4),
                json::object{
                    {"object_label", Label(linked.label, s_.lang)},
                    {"field", by.name},
                    {"field_label", Label(by.label, s_.lang)}},
                r.Int(0)});
        }
        return out;
    }

    records::RecordScope& s_;
    const records::ObjectMeta& o_;
    int64_t id_;
    store::Connection& conn_;
    const records::ActorMask& mask_;
    std::string created_at_;
    std::optional<int64_t> created_by_;
    std::string title_;
    std::vector<store::Value> visible_fields_;
};

// Transfers name the people on both sides, fetched once for the page.
void AddOwnerNames(store::Connection& conn, std::vector<TimelineItem>& page) {
    std::set<int64_t> owners;
    for (const TimelineItem& item : page) {
        if (item.type != "transfer") continue;
        for (const char* key : {"old_value", "new_value"}) {
            const json::value& v = item.data.at(key);
            if (v.is_int64()) owners.insert(v.get_int64());
        }
    }
    std::map<int64_t, std::string> names;
    if (!owners.empty()) {
        std::vector<store::Value> params(owners.begin(), owners.end());
        for (const store::Row& r : conn.Query(
                 fmt::format("SELECT id, name FROM users WHERE id IN ({})", records::Placeholders(params.size())),
                 store::Params(params)
             )) {
            names[r.Int(0)] = r.Text(1);
        }
    }
    for (TimelineItem& item : page) {
        if (item.type != "transfer") continue;
        for (auto [key, name_key] :
             {std::pair{"old_value", "old_owner_name"}, std::pair{"new_value", "new_owner_name"}}) {
            const json::value& v = item.data.at(key);
            auto it = v.is_int64() ? names.find(v.get_int64()) : names.end();
            item.data[name_key] = it == names.end() ? json::value(nullptr) : json::value(it->second);
        }
    }
}

}  // namespace

json::object BuildTimeline(
    const records::RecordService& service,
    records::RecordScope& s,
    std::string_view object,
    int64_t id,
    const TimelineRequest& request
) {
    const records::ObjectMeta& o = s.schema->Get(object);
    store::Reader reader = s.db.Read();
    records::ActorMask mask = service.ActorMaskFor(*reader, s, o.name, id);
    TimelineSources record(s, o, id, *reader, mask);
    record.LoadRecord();
    std::vector<Source> sources = record.All();

    std::vector<std::vector<TimelineItem>> first;
    for (const Source& source : sources)
        first.push_back(source(Window{request.before, std::nullopt, request.limit + 1}));
    TimelineMerge merged = MergeTimeline(first, request.limit);
    std::vector<TimelineItem> page = std::move(merged.items);
    if (merged.tie_at) {
        for (const Source& source : sources) {
            std::vector<TimelineItem> tied = source(Window{std::nullopt, merged.tie_at, kMaxTies});
            page.insert(page.end(), std::make_move_iterator(tied.begin()), std::make_move_iterator(tied.end()));
        }
        SortTimeline(page);
    }
    AddOwnerNames(*reader, page);
    // Values a module names (a pool's name for pool_id), as in the record's history.
    std::vector<json::object*> changes;
    for (TimelineItem& item : page) {
        if (item.type == "change" && item.object == o.name) changes.push_back(&item.data);
    }
    service.LabelChanges(*reader, s.lang, o.name, changes);
    // What a module hides (a pooled customer's former owner): the entries stay, without the name.
    for (TimelineItem& item : page) {
        if (!mask.HidesActor("", item.actor_id)) continue;
        item.actor_id.reset();
        item.actor_name.clear();
    }

    json::array records;
    for (const TimelineItem& item : page) records.push_back(TimelineItemToJson(item));
    return json::object{
        {"records", std::move(records)},
        {"next_before", merged.next_before ? json::value(*merged.next_before) : json::value(nullptr)},
    };
}

}  // namespace xieli::crm
