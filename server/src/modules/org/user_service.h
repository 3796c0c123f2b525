#pragma once

// Users (docs/api/org.md "Users"): the directory, accounts and their sign-in identities.
//
// A user is two rows in two databases: the profile in the enterprise's `users` table and the
// sign-in identity in system.db `logins`. Every change writes the enterprise first and system.db
// second; if the second write fails the first is undone, so neither side is ever left half-done.
// Uniqueness (phone, e-mail) is checked against both before either is written.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/clock.h"
#include "common/json.h"
#include "common/text.h"
#include "modules/auth/auth_service.h"
#include "modules/org/actor.h"
#include "modules/org/org_repository.h"
#include "store/store.h"

namespace xieli::org {

// GET /users query parameters, as sent (validated by List).
struct UserQuery {
    std::optional<std::string> q;
    std::optional<std::string> department_id;
    std::optional<std::string> include_sub;
    std::optional<std::string> status;
    std::optional<std::string> limit;
    std::optional<std::string> cursor;
    std::optional<std::string> offset;  // page by offset instead of cursor (the console's pager)
};

// How a new account signs in: a password to hash, or a hash already made (join requests).
struct LoginSecret {
    std::string password;
    std::string password_hash;
    bool must_change_password = false;
};

// An uploaded import file (the raw request body). The row report's messages are in `lang`.
struct ImportUpload {
    std::string_view content_type;
    std::string_view body;
    Lang lang = Lang::kZh;
};

// A download: bytes, type and file name.
struct FileDownload {
    std::string body;
    std::string content_type;
    std::string file_name;
};

class UserService {
public:
    UserService(store::Store& store, auth::AuthService& auth, const Clock& clock)
        : store_(store), auth_(auth), clock_(clock) {}

    json::object List(const Actor& actor, const UserQuery& query);
    json::object Get(const Actor& actor, int64_t id);
    // The User, plus "initial_password" when none was given.
    json::object Create(const Actor& actor, const json::object& body);
    json::object Update(const Actor& actor, int64_t id, const json::object& body);
    json::object Disable(const Actor& actor, int64_t id);
    json::object Enable(const Actor& actor, int64_t id);
    // {"initial_password"} when none was given, else {}.
    json::object ResetPassword(const Actor& actor, int64_t id, const json::object& body);
    json::object SetAdminAreas(const Actor& actor, int64_t id, const json::object& body);

    // {"total","created","failed","rows":[{"row","status","errors",…}]}: each row is created on its
    // own, so a bad row fails alone. 415 for other file types, 422 (field "file") for a file that
    // cannot be read at all.
    json::object Import(const Actor& actor, const ImportUpload& upload);
    // format: "csv" (default) or "xlsx"; 400 otherwise.
    static FileDownload ImportTemplate(std::string_view format);

    // Creates the profile and the sign-in identity; on a failure of the second, removes the first.
    // Throws 409 (details naming phone / email) when either is taken. Returns the new user's id.
    int64_t CreateAccount(const Actor& actor, const UserAccount& account, const LoginSecret& secret);
    // 409 with details naming the field when the phone or e-mail belongs to someone else in the
    // enterprise (in either database).
    void CheckIdentityFree(
        const Actor& actor,
        store::Connection& tenant_conn,
        const std::string& phone,
        const std::string& email,
        int64_t except_user_id
    );

private:
    void SetLoginStatus(const Actor& actor, int64_t user_id, std::string_view status);

    store::Store& store_;
    auth::AuthService& auth_;
    const Clock& clock_;
};

}  // namespace xieli::org
