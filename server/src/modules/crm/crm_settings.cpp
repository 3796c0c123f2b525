#include "modules/crm/crm_settings.h"

#include "common/error.h"
#include "modules/org/org_rules.h"

namespace xieli::crm {

namespace {

constexpr std::string_view kAllowCustomerDelete = "crm.allow_customer_delete";

}  // namespace

CrmSettings LoadCrmSettings(store::Connection& conn) {
    CrmSettings s;
    auto allow = conn.QueryValue("SELECT value FROM settings WHERE key = ?", {kAllowCustomerDelete});
    s.allow_customer_delete = allow && allow->AsText() == "true";
    return s;
}

void SaveCrmSettings(store::Connection& tx, const CrmSettings& settings) {
    tx.Execute(
        "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        {kAllowCustomerDelete, settings.allow_customer_delete ? "true" : "false"}
    );
}

json::object CrmSettingsToJson(const CrmSettings& settings) {
    return json::object{{"allow_customer_delete", settings.allow_customer_delete}};
}

CrmSettings ApplyCrmSettingsPatch(CrmSettings current, const json::object& body) {
    std::vector<FieldError> errors;
    for (const auto& [key, v] : body) {
        if (key == "allow_customer_delete") {
            if (v.is_bool())
                current.allow_customer_delete = v.get_bool();
            else
                errors.push_back({std::string(key), "invalid_type", {"应为是或否", "must be true or false"}});
        } else {
            errors.push_back(org::UnknownSettingError(key));
        }
    }
    if (!errors.empty()) ThrowValidation(std::move(errors));
    return current;
}

void CheckCustomerDeleteAllowed(records::WriteEvent& e) {
    if (LoadCrmSettings(e.tx).allow_customer_delete) return;
    throw Error(
        ErrorCode::kForbidden,
        {"本企业不允许删除客户，如需删除请联系管理员在「客户设置」中开启",
         "Your enterprise does not allow deleting customers; an administrator can allow it in the CRM settings"}
    );
}

}  // namespace xieli::crm
