#include "modules/sales/quote_expiry.h"

#include "modules/sales/quote_rules.h"
#include "modules/sales/write_event_helpers.h"

namespace xieli::sales {

namespace {

// The system as a records-engine caller: every record in scope, recorded as no one (user 0).
records::AccessContext SystemAccess() {
    records::AccessContext system;
    system.is_admin = true;
    return system;
}

bool ExpiredStatusUsable(store::Database& db) {
    store::Reader r = db.Read();
    std::optional<store::Value> disabled = r->QueryValue(
        "SELECT disabled FROM picklist_options WHERE picklist = 'quote_status' AND value = ?", {kQuoteExpired}
    );
    return disabled && !disabled->AsBool();
}

}  // namespace

int ExpireQuotes(
    records::RecordService& service,
    store::Database& db,
    std::shared_ptr<const records::Schema> schema,
    TimePoint now,
    int batch_size
) {
    if (!ExpiredStatusUsable(db)) return 0;
    records::RecordScope system{db, std::move(schema), SystemAccess(), Lang::kZh};
    // valid_until is the last day the quote holds: it expires the day after.
    std::string today = ChinaDate(now);
    const json::object to_expired{{"status", kQuoteExpired}};
    int moved = 0;
    int64_t after_id = 0;  // walk by id, so a quote is looked at once per run whatever happens to it
    for (;;) {
        store::Transaction tx = db.Write();
        store::Rows due = tx->Query(
            "SELECT id FROM obj_quote WHERE deleted_at IS NULL AND valid_until < ? AND id > ? "
            "AND (status IS NULL OR status NOT IN (?, ?, ?)) ORDER BY id LIMIT ?",
            {today, after_id, kQuoteAccepted, kQuoteRejected, kQuoteExpired, batch_size}
        );
        for (const store::Row& quote : due) {
            after_id = quote.Int(0);
            service.UpdateIn(*tx, system, "quote", after_id, to_expired);
            ++moved;
        }
        tx.Commit();
        if (due.size() < static_cast<size_t>(batch_size)) break;
    }
    return moved;
}

}  // namespace xieli::sales
