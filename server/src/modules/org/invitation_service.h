#pragma once

// Invitations and join requests (docs/api/org.md): an admin hands out a link that expires; whoever
// follows it leaves a join request (name, phone, password) that waits for an admin; approving it
// creates the user in the invitation's department with its roles.
//
// Invitations live in the enterprise's database. The token is "<enterprise code>.<random>", so the
// public join page can find the enterprise without a session; only a hash of the token is stored,
// and the token itself is shown once, when the invitation is created.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/clock.h"
#include "common/json.h"
#include "modules/org/actor.h"
#include "modules/org/user_service.h"
#include "store/store.h"

namespace xieli::org {

class InvitationService {
public:
    InvitationService(store::Store& store, UserService& users, const Clock& clock)
        : store_(store), users_(users), clock_(clock) {}

    // 201 {"id","token","url","expires_at"}
    json::object Create(const Actor& actor, const json::object& body);
    json::object List(const Actor& actor);
    void Delete(const Actor& actor, int64_t id);

    // Public: {"tenant":{"name"},"department":{"name"}}, or 404 when unknown or expired.
    json::object Peek(std::string_view token);
    // Public: leaves a join request; {"status":"pending"}.
    json::object Submit(std::string_view token, const json::object& body);

    json::object ListRequests(const Actor& actor, const std::optional<std::string>& status);
    // The decided request; Approve adds "user" (the new User).
    json::object Approve(const Actor& actor, int64_t id);
    json::object Reject(const Actor& actor, int64_t id);

private:
    struct Found;
    std::optional<Found> Resolve(std::string_view token);

    store::Store& store_;
    UserService& users_;
    const Clock& clock_;
};

}  // namespace xieli::org
