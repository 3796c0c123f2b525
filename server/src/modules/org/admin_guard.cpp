#include "modules/org/admin_guard.h"

#include <algorithm>

#include "common/error.h"
#include "modules/auth/admin_reauth.h"

namespace xieli::org {

const std::vector<std::string_view>& AdminAreas() {
    static const std::vector<std::string_view> kAreas = {
        kAreaSystem, kAreaCrm, kAreaApprovals, kAreaLogs, kAreaAnnouncements};
    return kAreas;
}

bool IsAdminArea(std::string_view area) {
    const auto& areas = AdminAreas();
    return std::find(areas.begin(), areas.end(), area) != areas.end();
}

bool IsFullAdmin(store::Connection& conn, int64_t user_id) {
    return conn.QueryValue("SELECT 1 FROM users WHERE id = ? AND is_admin = 1 AND status <> 'disabled'", {user_id})
        .has_value();
}

bool IsAdminOf(store::Connection& conn, int64_t user_id, std::string_view area) {
    if (IsFullAdmin(conn, user_id)) return true;
    if (area.empty()) return false;
    return conn
        .QueryValue(
            "SELECT 1 FROM user_admin_areas a JOIN users u ON u.id = a.user_id "
            "WHERE a.user_id = ? AND a.area = ? AND u.status <> 'disabled'",
            {user_id, area}
        )
        .has_value();
}

void RequireAdmin(const http::Context& ctx, std::string_view area) {
    const http::Caller& caller = ctx.RequireCaller();
    store::Reader r = ctx.TenantDb().Read();
    if (!IsAdminOf(*r, caller.user_id, area)) {
        throw Error(
            ErrorCode::kForbidden,
            area.empty() ? Text{"只有企业管理员可以执行此操作", "Only an enterprise administrator can do this"}
                         : Text{"需要管理员权限", "This needs administrator rights"}
        );
    }
    // After the role check, so a non-admin hears 403 forbidden, never "enter your password".
    auth::RequireFreshAdminSession(ctx);
}

}  // namespace xieli::org
