#pragma once

#include <string>

#include "modules/auth/auth_service.h"
#include "store/store.h"

namespace xieli::app {

// The demo enterprise 「示例科技有限公司」 (code "demo"): created on a first start unless --no-demo,
// with an administrator and colleagues in a small department tree. Returns the sign-in hint to
// print, or empty when the data directory already has it.
std::string EnsureDemoEnterprise(store::Store& store, auth::AuthService& auth, const Clock& clock);

}  // namespace xieli::app
