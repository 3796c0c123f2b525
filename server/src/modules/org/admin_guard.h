#pragma once

// The one gate in front of every admin endpoint (docs/api/org.md): a full administrator
// (users.is_admin) passes everywhere; a sub-administrator passes for the areas given to them;
// everyone else gets 403. Later checks for the admin console (the 15-minute re-authentication)
// belong inside RequireAdmin too, so no endpoint can skip them.

#include <cstdint>
#include <string_view>
#include <vector>

#include "http/context.h"
#include "store/database.h"

namespace xieli::org {

// Sub-administrator areas ([004]): organization and settings, CRM, approvals, logs, announcements.
inline constexpr std::string_view kAreaSystem = "system";
inline constexpr std::string_view kAreaCrm = "crm";
inline constexpr std::string_view kAreaApprovals = "approvals";
inline constexpr std::string_view kAreaLogs = "logs";
inline constexpr std::string_view kAreaAnnouncements = "announcements";
// Pass as the area for what only a full administrator may do (granting admin areas).
inline constexpr std::string_view kFullAdminOnly = "";

const std::vector<std::string_view>& AdminAreas();
bool IsAdminArea(std::string_view area);

// 401 without a caller; 403 unless the caller administers `area`.
void RequireAdmin(const http::Context& ctx, std::string_view area);

// The rule without HTTP: is this user (active or pending, not disabled) an administrator of `area`?
bool IsAdminOf(store::Connection& tenant_conn, int64_t user_id, std::string_view area);
// Is this user a full administrator?
bool IsFullAdmin(store::Connection& tenant_conn, int64_t user_id);

}  // namespace xieli::org
