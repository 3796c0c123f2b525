#include "modules/org/org_routes.h"

#include <fmt/format.h>

#include <memory>

#include "common/clock.h"
#include "common/content_disposition.h"
#include "modules/org/admin_guard.h"
#include "modules/org/department_service.h"
#include "modules/org/invitation_service.h"
#include "modules/org/role_service.h"
#include "modules/org/user_service.h"

namespace xieli::org {

namespace {

Actor ActorOf(const http::Context& ctx) {
    const http::Caller& caller = ctx.RequireCaller();
    return Actor{caller.tenant_id, caller.user_id, &ctx.TenantDb()};
}

// For actions whose body is optional (reset-password): no body means {}.
json::object OptionalBody(const http::Context& ctx) {
    if (ctx.request.body.empty()) return json::object{};
    return ctx.JsonBody();
}

struct OrgHandlers {
    SystemClock clock;
    DepartmentService departments;
    UserService users;
    RoleService roles;
    InvitationService invitations;

    OrgHandlers(store::Store& store, auth::AuthService& auth)
        : departments(clock), users(store, auth, clock), roles(clock), invitations(store, users, clock) {}
};

using H = std::shared_ptr<OrgHandlers>;

void Add(http::Router& router, const char* method, const char* path, http::Handler handler, const char* summary) {
    router.Add({method, path, std::move(handler), http::Access::kAuthenticated, summary, "org"});
}

void AddDepartmentRoutes(http::Router& router, const H& h) {
    Add(
        router,
        "GET",
        "/api/v1/departments",
        [h](http::Context& c) { return http::Response::Json(200, h->departments.List(ActorOf(c))); },
        "The department tree (flat records and nested tree)"
    );
    Add(
        router,
        "POST",
        "/api/v1/departments",
        [h](http::Context& c) {
            RequireAdmin(c, kAreaSystem);
            json::object d = h->departments.Create(ActorOf(c), c.JsonBody());
            std::string location = fmt::format("/api/v1/departments/{}", d.at("id").as_int64());
            return http::Response::Created(d, location);
        },
        "Create a department"
    );
    Add(
        router,
        "PATCH",
        "/api/v1/departments/{id}",
        [h](http::Context& c) {
            RequireAdmin(c, kAreaSystem);
            return http::Response::Json(200, h->departments.Update(ActorOf(c), c.PathId("id"), c.JsonBody()));
        },
        "Rename, move or reorder a department, or change its head"
    );
    Add(
        router,
        "DELETE",
        "/api/v1/departments/{id}",
        [h](http::Context& c) {
            RequireAdmin(c, kAreaSystem);
            h->departments.Delete(ActorOf(c), c.PathId("id"));
            return http::Response::NoContent();
        },
        "Delete an empty department"
    );
}

void AddUserRoutes(http::Router& router, const H& h) {
    Add(
        router,
        "GET",
        "/api/v1/users",
        [h](http::Context& c) {
            const http::Request& r = c.request;
            UserQuery q{
                r.Query("q"),
                r.Query("department_id"),
                r.Query("include_sub"),
                r.Query("status"),
                r.Query("limit"),
                r.Query("cursor"),
                r.Query("offset")};
            return http::Response::Json(200, h->users.List(ActorOf(c), q));
        },
        "The user directory: search by name, phone or e-mail, filter by department and status"
    );
    Add(
        router,
        "POST",
        "/api/v1/users",
        [h](http::Context& c) {
            RequireAdmin(c, kAreaSystem);
            json::object u = h->users.Create(ActorOf(c), c.JsonBody());
            std::string location = fmt::format("/api/v1/users/{}", u.at("id").as_int64());
            return http::Response::Created(u, location);
        },
        "Create a user and their sign-in (an initial password is generated when none is given)"
    );
    Add(
        router,
        "GET",
        "/api/v1/users/import-template",
        [](http::Context& c) {
            RequireAdmin(c, kAreaSystem);
            FileDownload f = UserService::ImportTemplate(c.request.Query("format").value_or("csv"));
            http::Response r = http::Response::Text(200, std::move(f.body), f.content_type);
            bool xlsx = f.file_name.ends_with(".xlsx");
            r.SetHeader(
                "Content-Disposition",
                AttachmentDisposition(f.file_name, xlsx ? "users-import-template.xlsx" : "users-import-template.csv")
            );
            r.SetHeader("Cache-Control", "no-store");
            return r;
        },
        "Download the employee import template (format=csv|xlsx)"
    );
    Add(
        router,
        "POST",
        "/api/v1/users/import",
        [h](http::Context& c) {
            RequireAdmin(c, kAreaSystem);
            ImportUpload upload{c.request.Header("content-type"), c.request.body, c.lang};
            return http::Response::Json(200, h->users.Import(ActorOf(c), upload));
        },
        "Import employees from a CSV or XLSX file (raw body); each row is created or fails alone"
    );
    Add(
        router,
        "GET",
        "/api/v1/users/{id}",
        [h](http::Context& c) { return http::Response::Json(200, h->users.Get(ActorOf(c), c.PathId("id"))); },
        "A user"
    );
    Add(
        router,
        "PATCH",
        "/api/v1/users/{id}",
        [h](http::Context& c) {
            RequireAdmin(c, kAreaSystem);
            return http::Response::Json(200, h->users.Update(ActorOf(c), c.PathId("id"), c.JsonBody()));
        },
        "Update a user's profile, departments, supervisor and roles"
    );
    Add(
        router,
        "POST",
        "/api/v1/users/{id}/disable",
        [h](http::Context& c) {
            RequireAdmin(c, kAreaSystem);
            return http::Response::Json(200, h->users.Disable(ActorOf(c), c.PathId("id")));
        },
        "Disable a user: sign-in refused and sessions ended at once"
    );
    Add(
        router,
        "POST",
        "/api/v1/users/{id}/enable",
        [h](http::Context& c) {
            RequireAdmin(c, kAreaSystem);
            return http::Response::Json(200, h->users.Enable(ActorOf(c), c.PathId("id")));
        },
        "Enable a disabled user"
    );
    Add(
        router,
        "POST",
        "/api/v1/users/{id}/reset-password",
        [h](http::Context& c) {
            RequireAdmin(c, kAreaSystem);
            return http::Response::Json(200, h->users.ResetPassword(ActorOf(c), c.PathId("id"), OptionalBody(c)));
        },
        "Reset a user's password (must be changed at next sign-in; sessions end)"
    );
    Add(
        router,
        "PUT",
        "/api/v1/users/{id}/admin-areas",
        [h](http::Context& c) {
            RequireAdmin(c, kFullAdminOnly);
            return http::Response::Json(200, h->users.SetAdminAreas(ActorOf(c), c.PathId("id"), c.JsonBody()));
        },
        "Set the areas a sub-administrator administers (full administrators only)"
    );
}

void AddInvitationRoutes(http::Router& router, const H& h) {
    Add(
        router,
        "POST",
        "/api/v1/invitations",
        [h](http::Context& c) {
            RequireAdmin(c, kAreaSystem);
            json::object i = h->invitations.Create(ActorOf(c), c.JsonBody());
            std::string location = fmt::format("/api/v1/invitations/{}", i.at("id").as_int64());
            return http::Response::Created(i, location);
        },
        "Create an invitation link (the token is shown once)"
    );
    Add(
        router,
        "GET",
        "/api/v1/invitations",
        [h](http::Context& c) {
            RequireAdmin(c, kAreaSystem);
            return http::Response::Json(200, h->invitations.List(ActorOf(c)));
        },
        "The enterprise's invitations"
    );
    Add(
        router,
        "DELETE",
        "/api/v1/invitations/{id}",
        [h](http::Context& c) {
            RequireAdmin(c, kAreaSystem);
            h->invitations.Delete(ActorOf(c), c.PathId("id"));
            return http::Response::NoContent();
        },
        "Withdraw an invitation"
    );
    router.Add(
        {"GET",
         "/api/v1/join/{token}",
         [h](http::Context& c) { return http::Response::Json(200, h->invitations.Peek(c.PathParam("token"))); },
         http::Access::kPublic,
         "What an invitation link joins (enterprise and department names)",
         "org"}
    );
    router.Add(
        {"POST",
         "/api/v1/join/{token}",
         [h](http::Context& c) {
             return http::Response::Json(201, h->invitations.Submit(c.PathParam("token"), c.JsonBody()));
         },
         http::Access::kPublic,
         "Ask to join through an invitation; the request waits for an administrator",
         "org"}
    );
    Add(
        router,
        "GET",
        "/api/v1/join-requests",
        [h](http::Context& c) {
            RequireAdmin(c, kAreaSystem);
            return http::Response::Json(200, h->invitations.ListRequests(ActorOf(c), c.request.Query("status")));
        },
        "Join requests (status=pending|approved|rejected)"
    );
    Add(
        router,
        "POST",
        "/api/v1/join-requests/{id}/approve",
        [h](http::Context& c) {
            RequireAdmin(c, kAreaSystem);
            return http::Response::Json(200, h->invitations.Approve(ActorOf(c), c.PathId("id")));
        },
        "Approve a join request: the user is created, active"
    );
    Add(
        router,
        "POST",
        "/api/v1/join-requests/{id}/reject",
        [h](http::Context& c) {
            RequireAdmin(c, kAreaSystem);
            return http::Response::Json(200, h->invitations.Reject(ActorOf(c), c.PathId("id")));
        },
        "Reject a join request"
    );
}

void AddRoleRoutes(http::Router& router, const H& h) {
    Add(
        router,
        "GET",
        "/api/v1/roles",
        [h](http::Context& c) {
            RequireAdmin(c, kAreaSystem);
            return http::Response::Json(200, h->roles.List(ActorOf(c)));
        },
        "Roles with their permissions and user counts"
    );
    Add(
        router,
        "POST",
        "/api/v1/roles",
        [h](http::Context& c) {
            RequireAdmin(c, kAreaSystem);
            json::object r = h->roles.Create(ActorOf(c), c.JsonBody());
            std::string location = fmt::format("/api/v1/roles/{}", r.at("id").as_int64());
            return http::Response::Created(r, location);
        },
        "Create a role"
    );
    Add(
        router,
        "GET",
        "/api/v1/roles/{id}",
        [h](http::Context& c) {
            RequireAdmin(c, kAreaSystem);
            return http::Response::Json(200, h->roles.Get(ActorOf(c), c.PathId("id")));
        },
        "A role"
    );
    Add(
        router,
        "PATCH",
        "/api/v1/roles/{id}",
        [h](http::Context& c) {
            RequireAdmin(c, kAreaSystem);
            return http::Response::Json(200, h->roles.Update(ActorOf(c), c.PathId("id"), c.JsonBody()));
        },
        "Rename a role or change its permissions"
    );
    Add(
        router,
        "DELETE",
        "/api/v1/roles/{id}",
        [h](http::Context& c) {
            RequireAdmin(c, kAreaSystem);
            h->roles.Delete(ActorOf(c), c.PathId("id"));
            return http::Response::NoContent();
        },
        "Delete a role nobody holds (not a default role)"
    );
    Add(
        router,
        "GET",
        "/api/v1/roles/{id}/users",
        [h](http::Context& c) {
            RequireAdmin(c, kAreaSystem);
            return http::Response::Json(200, h->roles.Users(ActorOf(c), c.PathId("id")));
        },
        "Who holds a role"
    );
    Add(
        router,
        "PUT",
        "/api/v1/roles/{id}/users",
        [h](http::Context& c) {
            RequireAdmin(c, kAreaSystem);
            return http::Response::Json(200, h->roles.SetUsers(ActorOf(c), c.PathId("id"), c.JsonBody()));
        },
        "Replace who holds a role"
    );
}

}  // namespace

void RegisterOrgRoutes(http::Router& router, auth::AuthService& auth, store::Store& store) {
    auto h = std::make_shared<OrgHandlers>(store, auth);
    AddDepartmentRoutes(router, h);
    AddUserRoutes(router, h);
    AddInvitationRoutes(router, h);
    AddRoleRoutes(router, h);
}

}  // namespace xieli::org
