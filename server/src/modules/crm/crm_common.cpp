#include "modules/crm/crm_common.h"

#include <fmt/format.h>

#include <stdexcept>

#include "common/error.h"

namespace xieli::crm {

std::optional<Row> ReadScoped(
    store::Connection& conn,
    const records::AccessContext& access,
    const records::ObjectMeta& object,
    int64_t id,
    records::Action action,
    const std::vector<std::string>& fields
) {
    std::string cols;
    for (const std::string& name : fields) {
        const records::FieldMeta* f = object.Field(name);
        if (!f) throw std::logic_error(fmt::format("{} has no field {}", object.name, name));
        cols += (cols.empty() ? "t." : ", t.") + f->column;
    }
    records::SqlFragment scope = records::ScopePredicate(access, object.name, "t", action);
    std::vector<store::Value> params{id};
    params.insert(params.end(), scope.params.begin(), scope.params.end());
    store::Rows rows = conn.Query(
        fmt::format(
            "SELECT {} FROM {} t WHERE t.id = ? AND t.deleted_at IS NULL AND {}",
            cols.empty() ? "t.id" : cols,
            object.table,
            scope.sql
        ),
        store::Params(params)
    );
    if (rows.empty()) return std::nullopt;
    Row row;
    for (size_t i = 0; i < fields.size(); ++i) row[fields[i]] = rows.front()[i];
    return row;
}

std::string TableOf(store::Connection& conn, std::string_view object) {
    auto table = conn.QueryValue(
        "SELECT table_name FROM meta_objects WHERE name = ? AND deleted_at IS NULL", {std::string(object)}
    );
    if (!table) throw std::logic_error(fmt::format("object {} has no table", object));
    return table->AsText();
}

void ThrowRecordNotFound() {
    throw Error(ErrorCode::kNotFound, {"记录不存在或无权查看", "No such record, or you may not see it"});
}

}  // namespace xieli::crm
