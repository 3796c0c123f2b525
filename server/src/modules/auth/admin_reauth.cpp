#include "modules/auth/admin_reauth.h"

#include <atomic>
#include <stdexcept>

#include "modules/auth/auth_service.h"

namespace xieli::auth {

namespace {
// One service per process; an atomic so installing it never races a request reading it.
std::atomic<AuthService*> installed{nullptr};
}  // namespace

void InstallAdminReauth(AuthService* auth) {
    installed.store(auth);
}

void RequireFreshAdminSession(const http::Context& ctx) {
    const http::Caller& caller = ctx.RequireCaller();
    AuthService* auth = installed.load();
    if (!auth) throw std::logic_error("RequireFreshAdminSession before InstallAdminReauth");
    auth->RequireFreshAdmin(caller.session_id);
}

}  // namespace xieli::auth
