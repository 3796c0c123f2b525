#include "modules/pool/former_owner.h"

namespace xieli::pool {

namespace {

bool NamesFormerOwner(std::string_view field) {
    return field == "owner_id" || field == "previous_owner_id";
}

}  // namespace

bool FormerOwnerMask::HidesValues(std::string_view field) const {
    return active && NamesFormerOwner(field);
}

bool FormerOwnerMask::HidesActor(std::string_view field, std::optional<int64_t> actor) const {
    return HidesValues(field) || (active && actor && actor == former_owner);
}

FormerOwnerMask FormerOwnerMaskFor(store::Connection& conn, bool caller_is_admin, std::string_view object, int64_t id) {
    FormerOwnerMask mask;
    if (caller_is_admin || object != "customer") return mask;
    store::Rows rows = conn.Query(
        "SELECT previous_owner_id FROM obj_customer WHERE id = ? AND owner_id IS NULL AND pool_id IS NOT NULL", {id}
    );
    if (rows.empty()) return mask;
    mask.active = true;
    if (!rows[0].IsNull(0)) mask.former_owner = rows[0].Int(0);
    return mask;
}

}  // namespace xieli::pool
