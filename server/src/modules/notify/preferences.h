#pragma once

// Per-user choices per notification kind: shown in the app, mailed. A user without a row for a
// kind gets the kind's defaults (in the app: on; e-mail: as registered).

#include <cstdint>
#include <vector>

#include "common/json.h"
#include "common/text.h"
#include "modules/notify/notify.h"
#include "store/database.h"

namespace xieli::notify {

// The scheduler's one-shot job kind that mails a notification (modules/notify/email_job.cpp).
inline constexpr const char* kEmailJobKind = "notify.email";

struct Preference {
    bool in_app = true;
    bool email = false;
};

Preference PreferenceOf(store::Connection& conn, int64_t user_id, const KindInfo& kind);
// {"kinds": [{"kind", "label", "in_app", "email"}]} for every registered kind.
json::object PreferencesJson(store::Connection& conn, int64_t user_id, Lang lang);
// Applies {"preferences": [{"kind", "in_app"?, "email"?}]}; 422 naming the entry for an unknown kind
// or a value that is not a boolean.
void SavePreferences(store::Connection& tx, int64_t user_id, const json::object& body);

}  // namespace xieli::notify
