#pragma once

// One road for every record (ARCHITECTURE.md): function permission → data scope → field security
// → validation → write + field history + search index + outbox event, in one transaction.
// Modules add behaviour through RecordHooks, not by copying this.

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/json.h"
#include "records/access.h"
#include "records/actor_mask.h"
#include "records/metadata.h"
#include "records/page_walks.h"
#include "records/query_compiler.h"
#include "store/database.h"

namespace xieli::records {

// What a hook sees of a write. `values` are the stored values about to be written (field name →
// value), `before` the record as it was (empty on create).
struct WriteEvent {
    const ObjectMeta& object;
    const AccessContext& access;
    store::Connection& tx;
    int64_t record_id = 0;  // 0 before insert on create
    std::map<std::string, store::Value>& values;
    const std::map<std::string, store::Value>& before;
    TimePoint now;
};

// What a hook sees of a purge (彻底删除, records/recycle_bin.h): the row leaving the recycle bin
// for good, as it is (`before`), inside the purge's transaction.
struct PurgeEvent {
    const ObjectMeta& object;
    const AccessContext& access;
    store::Connection& tx;
    int64_t record_id = 0;
    const std::map<std::string, store::Value>& before;
    TimePoint now;
    // Set by before_purge: records in the bin that hang on this one and go with it (object, id),
    // such as a contract's payment plans that went to the bin with it. The engine purges them
    // first, each as a purge of its own (its hooks, history, search text, outbox event).
    std::vector<std::pair<std::string, int64_t>> also_purge;
};

// Behaviour of one object beyond the generic rules (duplicate checks, conversions, rollups).
// Each hook runs inside the write transaction; throwing an Error aborts the write.
struct RecordHooks {
    std::function<void(WriteEvent&)> before_create;
    std::function<void(WriteEvent&)> after_create;
    std::function<void(WriteEvent&)> before_update;
    std::function<void(WriteEvent&)> after_update;
    std::function<void(WriteEvent&)> before_delete;
    // Before a transfer gives the record to another owner (single or batch): `before` is the row,
    // `values` holds the new owner_id. Throwing refuses the whole transfer — a module whose state
    // a plain owner change would leave wrong (a customer waiting in a 公海 pool) says where to go.
    std::function<void(WriteEvent&)> before_transfer;
    // After the row went to (or came back from) the recycle bin; `values` is empty and `before`
    // the row as it was (empty on restore). Rollups on other records recompute here.
    std::function<void(WriteEvent&)> after_delete;
    std::function<void(WriteEvent&)> after_restore;
    // Around a purge (PurgeEvent): before the row and the engine's records of it are removed,
    // and after. Throwing refuses the purge; after_purge removes what a module keeps of the record.
    std::function<void(PurgeEvent&)> before_purge;
    std::function<void(PurgeEvent&)> after_purge;
    // Whether this enterprise lets records of the object be deleted at all (a setting, such as the
    // customer-delete switch). When false the object's permissions say delete "none", so the UI
    // offers no delete; before_delete still enforces it.
    std::function<bool(store::Connection&)> delete_allowed;
    // What the caller may not see of who handled each of `ids` (records/actor_mask.h); ids without
    // a rule are left out of the answer. Asked once per page, so one query serves a list.
    std::function<
        std::map<int64_t, ActorMask>(store::Connection&, const AccessContext&, const std::vector<int64_t>& ids)>
        actor_masks;
    // Labels for values the engine cannot name itself — fields that point at a module's own table,
    // such as a customer's pool — added to each record's "_display" after the engine's own.
    std::function<void(store::Connection&, Lang, json::array& records)> display_labels;
    // The same for hooks that serve every object (kEveryObject) and so must know which object's
    // records these are: the names and sizes of the files in file and image fields.
    std::function<void(store::Connection&, const ObjectMeta&, Lang, json::array& records)> object_display;
};

// The object name under which hooks are added that run for every object, standard or custom, after
// the object's own: rules of a field type rather than of an object (files in file and image fields).
inline constexpr std::string_view kEveryObject = "*";

// A caller acting on one enterprise's records.
struct RecordScope {
    store::Database& db;
    std::shared_ptr<const Schema> schema;
    AccessContext access;
    Lang lang = Lang::kZh;
};

class RecordService {
public:
    explicit RecordService(const Clock& clock) : clock_(clock) {}

    // Adds behaviour to an object; several modules may add to the same object and every hook runs,
    // in the order they were added.
    void AddHooks(const std::string& object, RecordHooks hooks) { hooks_[object].push_back(std::move(hooks)); }
    // False when a module's setting forbids deleting records of `object` (RecordHooks::delete_allowed).
    bool DeleteAllowed(store::Database& db, std::string_view object) const;

    json::object Create(RecordScope& s, std::string_view object, const json::object& body);
    json::object Get(RecordScope& s, std::string_view object, int64_t id);
    json::object Update(RecordScope& s, std::string_view object, int64_t id, const json::object& body);
    // The same writes inside a transaction the caller holds (lead conversion, imports): every rule
    // and hook runs; nothing is committed. Create returns the new id.
    int64_t CreateIn(store::Connection& tx, RecordScope& s, std::string_view object, const json::object& body);
    void UpdateIn(store::Connection& tx, RecordScope& s, std::string_view object, int64_t id, const json::object& body);
    void Delete(RecordScope& s, std::string_view object, int64_t id);
    void Restore(RecordScope& s, std::string_view object, int64_t id);
    // The same inside a transaction the caller holds (a batch restore: recycle_bin.h).
    void RestoreIn(store::Connection& tx, RecordScope& s, std::string_view object, int64_t id);
    json::object Query(RecordScope& s, std::string_view object, const QueryRequest& request);
    // How much work a list page may spend walking in list order before it is read scope first
    // (CompiledQuery::scope_first_sql; units: store::Connection::QueryWithin). 0: every page of a
    // caller who sees a part of the records is read scope first, as tests compare the two plans.
    void LimitPageWalk(int64_t work) { page_walk_work_ = work; }
    json::object History(RecordScope& s, std::string_view object, int64_t id, int limit);
    json::object Transfer(RecordScope& s, std::string_view object, const std::vector<int64_t>& ids, int64_t to_user_id);

    // Throws 404 when the record is missing, deleted or outside the caller's read scope, and 403
    // when the caller may read it but not perform `action` on it (the rule of Update and Delete).
    void RequireRecord(store::Connection& conn, RecordScope& s, std::string_view object, int64_t id, Action action);

    // Every hook set added for `object`, in the order added, then those for every object
    // (kEveryObject): the order RunHooks calls them in.
    std::vector<const RecordHooks*> HooksOf(std::string_view object) const;

    // Display labels for users, departments, lookups and picklist values in `records`, added as
    // each record's "_display" object, in the caller's language.
    void AddDisplay(RecordScope& s, const ObjectMeta& object, json::array& records);

    // What the caller may not see of who handled record `id` of `object`: every module's rule merged.
    ActorMask ActorMaskFor(store::Connection& conn, const RecordScope& s, std::string_view object, int64_t id) const;

    // The labels modules give to the values of field changes (RecordHooks::display_labels, e.g. a
    // pool's name for pool_id): each change {field, old_value, new_value} of `object` gets
    // old_label / new_label where a module names the value. The engine's own labels (options,
    // people, lookups) are the client's to resolve, as for a record's fields.
    void LabelChanges(store::Connection& conn, Lang lang, std::string_view object, std::vector<json::object*> changes)
        const;

private:
    // The row as field name → stored value; nullopt when it is not there or not in scope.
    std::optional<std::map<std::string, store::Value>> LoadRow(
        store::Connection& conn, RecordScope& s, const ObjectMeta& object, int64_t id, Action action
    );
    json::object RowToJson(RecordScope& s, const ObjectMeta& object, const std::map<std::string, store::Value>& row);
    void Validate(
        store::Connection& conn,
        RecordScope& s,
        const ObjectMeta& object,
        std::map<std::string, store::Value>& values,
        int64_t record_id,
        bool creating
    );
    void WriteSearchText(store::Connection& conn, const ObjectMeta& object, int64_t id);
    void WriteOutbox(
        store::Connection& conn,
        const ObjectMeta& o,
        int64_t id,
        const char* op,
        const json::array& changed,
        int64_t actor
    );
    std::string NextAutonumber(store::Connection& conn, const ObjectMeta& o, const FieldMeta& f, TimePoint now);
    // Applies the modules' actor masks to a page of records (as the API shows them).
    void MaskActors(store::Connection& conn, const RecordScope& s, std::string_view object, json::array& records) const;
    // Runs hook `member` of every hook set added for `object`.
    void RunHooks(std::string_view object, std::function<void(WriteEvent&)> RecordHooks::*member, WriteEvent& event)
        const;

    store::Rows ReadPage(store::Connection& conn, const void* db, const CompiledQuery& q) const;

    const Clock& clock_;
    std::map<std::string, std::vector<RecordHooks>, std::less<>> hooks_;
    mutable PageWalks page_walks_;
    // The page walked in the list's order gives up past about what reading the scope first costs a
    // regional manager's filtered list (docs/performance.md: ~20 ms); a walk that finds its rows
    // among the newest — an administrator's, a salesperson's on an enterprise without a skew —
    // takes a few thousand steps.
    int64_t page_walk_work_ = 100'000;
};

}  // namespace xieli::records
