#pragma once

// Test support: a store in a fresh directory with one enterprise registered the way sign-up does
// it (AuthService::CreateEnterprise: default roles, root department, administrator, sign-in), for
// tests of services that work on a real tenant database. Everything goes when it is destroyed.

#include <memory>

#include "common/clock.h"
#include "modules/auth/auth_service.h"
#include "store/store.h"
#include "support/temp_dir.h"

namespace xieli::test_support {

class EnterpriseStore {
public:
    EnterpriseStore(const Clock& clock, const auth::EnterpriseOwner& owner, const auth::AuthOptions& options = {})
        : dir_("xieli-enterprise") {
        store_ = std::make_unique<store::Store>(store::StoreOptions{dir_.path(), 2, 2000});
        store_->Open();
        auth_ = std::make_unique<auth::AuthService>(*store_, clock, options);
        created_ = auth_->CreateEnterprise(owner);
    }
    ~EnterpriseStore() {
        auth_.reset();  // before the store it uses
        store_.reset();
    }
    EnterpriseStore(const EnterpriseStore&) = delete;
    EnterpriseStore& operator=(const EnterpriseStore&) = delete;

    store::Store& store() { return *store_; }
    auth::AuthService& auth() { return *auth_; }
    const auth::CreatedEnterprise& created() const { return created_; }
    // The enterprise's own database.
    store::Database& db() { return store_->Tenant(created_.tenant_id); }

private:
    TempDir dir_;  // first in, last out: removed after the store has closed its files
    std::unique_ptr<store::Store> store_;
    std::unique_ptr<auth::AuthService> auth_;
    auth::CreatedEnterprise created_;
};

}  // namespace xieli::test_support
