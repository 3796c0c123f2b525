#include "modules/pool/pooled_transfer.h"

#include <fmt/format.h>

#include "common/error.h"

namespace xieli::pool {

void RefusePooledTransfer(records::WriteEvent& e) {
    auto pool = e.before.find("pool_id");
    if (pool == e.before.end() || pool->second.IsNull()) return;
    std::optional<store::Value> name = e.tx.QueryValue("SELECT name FROM pools WHERE id = ?", {pool->second});
    std::string pool_name = name && !name->IsNull() ? name->AsText() : "";
    throw Error(
        ErrorCode::kConflict,
        {fmt::format("客户在公海「{}」中，请在公海中分配", pool_name),
         fmt::format("The customer is in the public pool \"{}\"; assign it from the pool", pool_name)},
        std::vector<FieldError>{{"ids", "in_pool", {"客户在公海中", "the customer is in a public pool"}}}
    );
}

}  // namespace xieli::pool
