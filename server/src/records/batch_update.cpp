#include "records/batch_update.h"

#include <fmt/format.h>

#include <set>
#include <utility>

#include "common/error.h"
#include "common/id_list.h"
#include "store/client_errors.h"

namespace xieli::records {

namespace {

const Text kChooseRecords{"请选择 1–500 条记录", "Choose 1–500 records"};

json::object ParseValues(
    const json::object& body, const ObjectMeta& o, const AccessContext& access, std::vector<FieldError>& errors
) {
    const json::value* values = body.if_contains("values");
    if (!values || !values->is_object() || values->get_object().empty()) {
        errors.push_back({"values", "required", {"请选择要修改的字段并填写新值", "Choose a field and its new value"}});
        return {};
    }
    for (const auto& [key, v] : values->get_object()) {
        std::string name(key);
        const FieldMeta* f = o.Field(name);
        org::FieldAccess field_access = f ? access.FieldAccessFor(o.name, f->name) : org::FieldAccess::kHidden;
        // "version" (each record's own, for optimistic locking) and other system fields are refused too.
        if (!f || field_access == org::FieldAccess::kHidden) {
            errors.push_back(
                {name,
                 "unknown_field",
                 {fmt::format("没有字段「{}」", name), fmt::format("There is no field '{}'", name)}}
            );
        } else if (f->name == "owner_id") {
            errors.push_back({f->name, "read_only", {"负责人请通过「转移」修改", "Change the owner with a transfer"}});
        } else if (!f->Writable() || field_access == org::FieldAccess::kReadOnly) {
            errors.push_back(
                {f->name,
                 "read_only",
                 {fmt::format("「{}」不能修改", f->label.zh), fmt::format("{} cannot be changed", f->label.en)}}
            );
        } else if (f->type == FieldType::kFile || f->type == FieldType::kImage) {
            // A stored file belongs to one record (modules/files), so it cannot go on many.
            errors.push_back(
                {f->name,
                 "file_field",
                 {fmt::format("「{}」是附件或图片字段：一个文件只属于一条记录，不能批量设置", f->label.zh),
                  fmt::format(
                      "{} holds files: a file belongs to one record, so it cannot be set on many", f->label.en
                  )}}
            );
        } else if (f->unique) {
            errors.push_back(
                {f->name,
                 "unique",
                 {fmt::format("「{}」的值不能重复，不能批量设置", f->label.zh),
                  fmt::format("{} must be unique, so it cannot be set on many records", f->label.en)}}
            );
        }
    }
    return values->get_object();
}

// One refused record as the 422 lists it.
json::object RefusedRecord(int64_t id, const Error& e, Lang lang) {
    json::array details;
    for (const FieldError& d : e.details()) {
        details.push_back(json::object{{"field", d.field}, {"code", d.code}, {"message", d.message.In(lang)}});
    }
    return json::object{
        {"id", id},
        {"code", ToCodeString(e.code())},
        {"message", e.message().In(lang)},
        {"details", std::move(details)}};
}

}  // namespace

BatchUpdateRequest ParseBatchUpdate(const json::object& body, const ObjectMeta& object, const AccessContext& access) {
    std::vector<FieldError> errors;
    BatchUpdateRequest request;
    request.ids = ParseIdList(body, "ids", kBatchUpdateMaxIds, kChooseRecords, errors);
    request.values = ParseValues(body, object, access, errors);
    if (!errors.empty()) ThrowValidation(std::move(errors));
    return request;
}

json::object BatchUpdate(RecordService& service, RecordScope& s, std::string_view object, const json::object& body) {
    const ObjectMeta& o = s.schema->Get(object);
    BatchUpdateRequest request = ParseBatchUpdate(body, o, s.access);

    store::Transaction tx = s.db.Write();
    json::array refused;
    std::vector<FieldError> problems;  // each field's problem once, for clients that show only details
    std::set<std::pair<std::string, std::string>> seen_problems;
    for (int64_t id : request.ids) {
        // Each record in a savepoint, so a refused one leaves nothing behind that could confuse the
        // checks of the next; the rest are still tried so the answer names every refused record.
        tx->Execute("SAVEPOINT batch_update_record");
        std::optional<Error> refusal;
        try {
            service.UpdateIn(*tx, s, o.name, id, request.values);
        } catch (const Error& e) {
            if (e.code() != ErrorCode::kValidationFailed && e.code() != ErrorCode::kConflict) {
                // Outside the caller's update scope: the single update's answer, naming the record.
                throw Error(e.code(), e.message(), e.internal())
                    .WithExtraJson(json::serialize(json::object{{"record_id", id}}));
            }
            refusal = e;
        } catch (const std::exception& e) {
            // A database rule the engine does not check itself refuses the record; a fault ends the batch.
            std::optional<Error> mapped = store::ToClientError(e);
            if (!mapped || mapped->code() == ErrorCode::kInternal || mapped->code() == ErrorCode::kUnavailable) throw;
            refusal = std::move(mapped);
        }
        if (refusal) tx->Execute("ROLLBACK TO batch_update_record");
        tx->Execute("RELEASE batch_update_record");
        if (!refusal) continue;
        refused.push_back(RefusedRecord(id, *refusal, s.lang));
        for (const FieldError& d : refusal->details()) {
            if (seen_problems.emplace(d.field, d.code).second) problems.push_back(d);
        }
    }
    if (!refused.empty()) {
        // The transaction is dropped uncommitted: no record changes.
        Text message{
            fmt::format("{} 条记录未能修改，所有记录均未修改", refused.size()),
            fmt::format("{} records could not be changed; nothing was changed", refused.size())};
        throw Error(ErrorCode::kValidationFailed, std::move(message), std::move(problems))
            .WithExtraJson(json::serialize(json::object{{"records", std::move(refused)}}));
    }
    tx.Commit();
    return json::object{{"updated", static_cast<int64_t>(request.ids.size())}};
}

}  // namespace xieli::records
