// GET|POST /api/v1/objects/{object}/records …: the same endpoints for every object, standard or
// custom (API.md "Records").

#include <fmt/format.h>

#include "common/error.h"
#include "common/id_list.h"
#include "modules/org/admin_guard.h"
#include "records/aggregate.h"
#include "records/batch_update.h"
#include "records/collaborators.h"
#include "records/handover.h"
#include "records/records_module.h"
#include "records/saved_views.h"

namespace xieli::records {

QueryRequest QueryFromParams(const http::Request& req) {
    QueryRequest q;
    if (auto v = req.Query("limit")) {
        try {
            q.limit = std::stoi(*v);
        } catch (const std::exception&) {
            ThrowValidation({{"limit", "invalid", {"每页条数应为 1–200", "limit must be 1–200"}}});
        }
    }
    if (auto v = req.Query("offset")) {
        try {
            q.offset = std::stoll(*v);
        } catch (const std::exception&) {
            ThrowValidation({{"offset", "invalid", {"偏移量不正确", "offset is not valid"}}});
        }
    }
    if (auto v = req.Query("cursor")) q.cursor = *v;
    if (auto v = req.Query("sort")) q.sort = ParseSortParam(*v);
    if (auto v = req.Query("q")) q.q = *v;
    if (auto v = req.Query("filter"); v && !v->empty()) q.filter = ParseFilterParam(*v);
    if (auto v = req.Query("fields"); v && !v->empty()) {
        std::string_view rest = *v;
        while (!rest.empty()) {
            size_t comma = rest.find(',');
            if (comma != 0) q.fields.emplace_back(rest.substr(0, comma));
            if (comma == std::string_view::npos) break;
            rest.remove_prefix(comma + 1);
        }
    }
    if (auto v = req.Query("total")) q.with_total = *v != "false" && *v != "0";
    return q;
}

namespace {

// The most records one transfer moves.
constexpr size_t kTransferMaxIds = 1000;

struct RecordHandlers {
    RecordsModule& m;

    http::Response List(http::Context& c) {
        RecordScope s = m.ScopeFor(c);
        return http::Response::Json(200, m.service().Query(s, c.PathParam("object"), QueryFromParams(c.request)));
    }
    http::Response Query(http::Context& c) {
        QueryRequest q = ParseQueryRequest(c.JsonBody());
        RecordScope s = m.ScopeFor(c);
        return http::Response::Json(200, m.service().Query(s, c.PathParam("object"), q));
    }
    http::Response Aggregate(http::Context& c) {
        AggregateRequest a = ParseAggregateRequest(c.JsonBody());
        RecordScope s = m.ScopeFor(c);
        return http::Response::Json(200, records::Aggregate(m.service(), s, c.PathParam("object"), a, m.clock().Now()));
    }
    http::Response Create(http::Context& c) {
        json::object body = c.JsonBody();
        RecordScope s = m.ScopeFor(c);
        json::object rec = m.service().Create(s, c.PathParam("object"), body);
        std::string location =
            fmt::format("/api/v1/objects/{}/records/{}", c.PathParam("object"), rec["id"].as_int64());
        return http::Response::Created(rec, location);
    }
    http::Response Get(http::Context& c) {
        int64_t id = c.PathId("id");
        RecordScope s = m.ScopeFor(c);
        return http::Response::Json(200, m.service().Get(s, c.PathParam("object"), id));
    }
    http::Response Update(http::Context& c) {
        int64_t id = c.PathId("id");
        json::object body = c.JsonBody();
        RecordScope s = m.ScopeFor(c);
        return http::Response::Json(200, m.service().Update(s, c.PathParam("object"), id, body));
    }
    http::Response Delete(http::Context& c) {
        int64_t id = c.PathId("id");
        RecordScope s = m.ScopeFor(c);
        m.service().Delete(s, c.PathParam("object"), id);
        return http::Response::NoContent();
    }
    http::Response Restore(http::Context& c) {
        int64_t id = c.PathId("id");
        RecordScope s = m.ScopeFor(c);
        m.service().Restore(s, c.PathParam("object"), id);
        return http::Response::Json(200, m.service().Get(s, c.PathParam("object"), id));
    }
    http::Response History(http::Context& c) {
        int64_t id = c.PathId("id");
        RecordScope s = m.ScopeFor(c);
        return http::Response::Json(200, m.service().History(s, c.PathParam("object"), id, 200));
    }
    http::Response Transfer(http::Context& c) {
        json::object body = c.JsonBody();
        std::vector<int64_t> ids =
            ParseIdList(body, "ids", kTransferMaxIds, {"请选择要转移的记录", "Choose the records to transfer"});
        std::optional<int64_t> to = GetInt(body, "to_user_id");
        if (!to) ThrowValidation({{"to_user_id", "required", {"请选择接收人", "Choose who receives the records"}}});
        RecordScope s = m.ScopeFor(c);
        return http::Response::Json(200, m.service().Transfer(s, c.PathParam("object"), ids, *to));
    }
    http::Response BatchUpdate(http::Context& c) {
        json::object body = c.JsonBody();
        RecordScope s = m.ScopeFor(c);
        return http::Response::Json(200, records::BatchUpdate(m.service(), s, c.PathParam("object"), body));
    }
    http::Response Collaborators(http::Context& c) {
        int64_t id = c.PathId("id");
        RecordScope s = m.ScopeFor(c);
        return http::Response::Json(200, ListCollaborators(m.service(), s, c.PathParam("object"), id));
    }
    http::Response AddCollaborator(http::Context& c) {
        int64_t id = c.PathId("id");
        json::object body = c.JsonBody();
        std::optional<int64_t> user = GetInt(body, "user_id");
        if (!user) ThrowValidation({{"user_id", "required", {"请选择同事", "Choose a colleague"}}});
        const json::value* can_edit = body.if_contains("can_edit");
        if (can_edit && !can_edit->is_bool())
            ThrowValidation({{"can_edit", "invalid", {"can_edit 应为 true 或 false", "can_edit must be true or false"}}}
            );
        RecordScope s = m.ScopeFor(c);
        auto [out, created] = records::AddCollaborator(
            m.service(), s, c.PathParam("object"), id, *user, can_edit && can_edit->get_bool(), m.clock().Now()
        );
        return http::Response::Json(created ? 201 : 200, out);
    }
    http::Response RemoveCollaborator(http::Context& c) {
        int64_t id = c.PathId("id");
        int64_t user = c.PathId("user_id");
        RecordScope s = m.ScopeFor(c);
        records::RemoveCollaborator(m.service(), s, c.PathParam("object"), id, user, m.clock().Now());
        return http::Response::NoContent();
    }
    static ViewRights RightsOf(RecordScope& s) {
        store::Reader r = s.db.Read();
        return ViewRights{s.access.is_admin || org::IsAdminOf(*r, s.access.user_id, org::kAreaCrm)};
    }
    http::Response Views(http::Context& c) {
        RecordScope s = m.ScopeFor(c);
        return http::Response::Json(200, ListViews(s, c.PathParam("object")));
    }
    http::Response CreateView(http::Context& c) {
        json::object body = c.JsonBody();
        RecordScope s = m.ScopeFor(c);
        json::object view = records::CreateView(s, c.PathParam("object"), body, RightsOf(s), m.clock().Now());
        std::string location = fmt::format("/api/v1/objects/{}/views/{}", c.PathParam("object"), view["id"].as_int64());
        return http::Response::Created(view, location);
    }
    http::Response UpdateView(http::Context& c) {
        int64_t id = c.PathId("id");
        json::object body = c.JsonBody();
        RecordScope s = m.ScopeFor(c);
        return http::Response::Json(
            200, records::UpdateView(s, c.PathParam("object"), id, body, RightsOf(s), m.clock().Now())
        );
    }
    http::Response DeleteView(http::Context& c) {
        int64_t id = c.PathId("id");
        RecordScope s = m.ScopeFor(c);
        records::DeleteView(s, c.PathParam("object"), id, RightsOf(s));
        return http::Response::NoContent();
    }
    http::Response HandoverUser(http::Context& c) {
        int64_t from = c.PathId("id");
        json::object body = c.JsonBody();
        org::RequireAdmin(c, org::kAreaSystem);
        std::optional<int64_t> to = GetInt(body, "to_user_id");
        if (!to) ThrowValidation({{"to_user_id", "required", {"请选择接收人", "Choose who receives the work"}}});
        std::vector<std::string> objects;
        if (const json::value* list = body.if_contains("objects"); list && !list->is_null()) {
            if (!list->is_array())
                ThrowValidation(
                    {{"objects", "invalid", {"objects 应为对象名列表", "objects must be a list of object names"}}}
                );
            for (const auto& v : list->get_array()) {
                if (!v.is_string())
                    ThrowValidation(
                        {{"objects", "invalid", {"objects 应为对象名列表", "objects must be a list of object names"}}}
                    );
                objects.emplace_back(v.get_string());
            }
        }
        RecordScope s = m.ScopeFor(c);
        return http::Response::Json(200, Handover(s, from, *to, objects, m.clock().Now()));
    }
};

}  // namespace

void RegisterRecordRoutes(http::Router& router, RecordsModule& records) {
    auto h = std::make_shared<RecordHandlers>(RecordHandlers{records});
    using A = http::Access;
    const std::string base = "/api/v1/objects/{object}";
    router.Add(
        {"GET",
         base + "/records",
         [h](http::Context& c) { return h->List(c); },
         A::kAuthenticated,
         "List records (limit, cursor, offset, sort, q, filter, fields)",
         "records"}
    );
    router.Add(
        {"POST",
         base + "/query",
         [h](http::Context& c) { return h->Query(c); },
         A::kAuthenticated,
         "Query records with filters, sort, keyword and paging",
         "records"}
    );
    router.Add(
        {"POST",
         base + "/aggregate",
         [h](http::Context& c) { return h->Aggregate(c); },
         A::kAuthenticated,
         "Counts and sums of the records a filter selects, grouped by up to two fields",
         "records"}
    );
    router.Add(
        {"POST",
         base + "/records",
         [h](http::Context& c) { return h->Create(c); },
         A::kAuthenticated,
         "Create a record",
         "records"}
    );
    router.Add(
        {"GET",
         base + "/records/{id}",
         [h](http::Context& c) { return h->Get(c); },
         A::kAuthenticated,
         "Get a record",
         "records"}
    );
    router.Add(
        {"PATCH",
         base + "/records/{id}",
         [h](http::Context& c) { return h->Update(c); },
         A::kAuthenticated,
         "Update a record (send version to detect conflicts)",
         "records"}
    );
    router.Add(
        {"DELETE",
         base + "/records/{id}",
         [h](http::Context& c) { return h->Delete(c); },
         A::kAuthenticated,
         "Move a record to the recycle bin",
         "records"}
    );
    router.Add(
        {"POST",
         base + "/records/{id}/restore",
         [h](http::Context& c) { return h->Restore(c); },
         A::kAuthenticated,
         "Restore a record from the recycle bin",
         "records"}
    );
    router.Add(
        {"GET",
         base + "/records/{id}/history",
         [h](http::Context& c) { return h->History(c); },
         A::kAuthenticated,
         "Field changes of a record",
         "records"}
    );
    router.Add(
        {"GET",
         base + "/records/{id}/collaborators",
         [h](http::Context& c) { return h->Collaborators(c); },
         A::kAuthenticated,
         "Collaborators (联合跟进人) of a record",
         "records"}
    );
    router.Add(
        {"POST",
         base + "/records/{id}/collaborators",
         [h](http::Context& c) { return h->AddCollaborator(c); },
         A::kAuthenticated,
         "Add a collaborator, or change whether they may edit ({user_id, can_edit})",
         "records"}
    );
    router.Add(
        {"DELETE",
         base + "/records/{id}/collaborators/{user_id}",
         [h](http::Context& c) { return h->RemoveCollaborator(c); },
         A::kAuthenticated,
         "Remove a collaborator",
         "records"}
    );
    router.Add(
        {"GET",
         base + "/views",
         [h](http::Context& c) { return h->Views(c); },
         A::kAuthenticated,
         "Saved list views: the caller's and the shared ones",
         "records"}
    );
    router.Add(
        {"POST",
         base + "/views",
         [h](http::Context& c) { return h->CreateView(c); },
         A::kAuthenticated,
         "Save a list view ({name, filter, sort, columns, shared})",
         "records"}
    );
    router.Add(
        {"PATCH",
         base + "/views/{id}",
         [h](http::Context& c) { return h->UpdateView(c); },
         A::kAuthenticated,
         "Change a saved view",
         "records"}
    );
    router.Add(
        {"DELETE",
         base + "/views/{id}",
         [h](http::Context& c) { return h->DeleteView(c); },
         A::kAuthenticated,
         "Delete a saved view",
         "records"}
    );
    router.Add(
        {"POST",
         "/api/v1/users/{id}/handover",
         [h](http::Context& c) { return h->HandoverUser(c); },
         A::kAuthenticated,
         "Hand a person's records over to another (admin)",
         "org"}
    );
    router.Add(
        {"POST",
         base + "/transfer",
         [h](http::Context& c) { return h->Transfer(c); },
         A::kAuthenticated,
         "Transfer records to another owner",
         "records"}
    );
    router.Add(
        {"POST",
         base + "/batch-update",
         [h](http::Context& c) { return h->BatchUpdate(c); },
         A::kAuthenticated,
         "Set the same field values on up to 500 records, all or none ({ids, values})",
         "records"}
    );
    RegisterRecycleBinRoutes(router, records);
}

}  // namespace xieli::records
