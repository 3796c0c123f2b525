#pragma once

// The admin console's re-authentication (docs/api/org.md): a session that has not used the console
// nor proved its password for 15 minutes must send the password again (POST /auth/reauth) before
// the next admin action. Signing in counts as proving the password.

#include "http/context.h"

namespace xieli::auth {

class AuthService;

// Throws Error(kReauthRequired) (403 reauth_required) when the caller's session is stale for admin
// work, 401 when there is no caller; otherwise slides the session's window to now. org::RequireAdmin
// calls it after the role check, so every admin endpoint is covered.
void RequireFreshAdminSession(const http::Context& ctx);

// The service RequireFreshAdminSession asks (RegisterAuthRoutes installs it; tests may too). The
// pointer must outlive every request; nullptr uninstalls.
void InstallAdminReauth(AuthService* auth);

}  // namespace xieli::auth
