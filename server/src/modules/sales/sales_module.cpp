#include "modules/sales/sales_module.h"

#include <memory>

#include "common/error.h"
#include "modules/org/admin_guard.h"
#include "modules/sales/opportunity_rules.h"
#include "modules/sales/pipelines.h"

namespace xieli::sales {

namespace {

struct SalesHandlers {
    records::RecordsModule& m;

    http::Response Pipelines(http::Context& c) {
        records::RecordScope s = m.ScopeFor(c);
        store::Reader r = s.db.Read();
        return http::Response::Json(200, ListPipelines(*r));
    }
    http::Response CreatePipeline(http::Context& c) {
        json::object body = c.JsonBody();
        org::RequireAdmin(c, org::kAreaCrm);
        records::RecordScope s = m.ScopeFor(c);
        store::Transaction tx = s.db.Write();
        json::object out = sales::CreatePipeline(*tx, body, m.clock().Now());
        tx.Commit();
        std::string location = "/api/v1/sales/pipelines/" + std::string(out["value"].as_string());
        return http::Response::Created(out, location);
    }
    http::Response PutStages(http::Context& c) {
        json::object body = c.JsonBody();
        org::RequireAdmin(c, org::kAreaCrm);
        records::RecordScope s = m.ScopeFor(c);
        store::Transaction tx = s.db.Write();
        json::object out = sales::PutStages(*tx, c.PathParam("pipeline"), body, m.clock().Now());
        tx.Commit();
        return http::Response::Json(200, out);
    }
    http::Response History(http::Context& c) {
        int64_t id = c.PathId("id");
        records::RecordScope s = m.ScopeFor(c);
        return http::Response::Json(200, StageHistory(m.service(), s, id));
    }
};

}  // namespace

void RegisterSalesModule(http::Router& router, records::RecordsModule& records) {
    records.service().AddHooks(
        "opportunity",
        records::RecordHooks{
            .before_create = BeforeOpportunityWrite,
            .after_create = AfterOpportunityWrite,
            .before_update = BeforeOpportunityWrite,
            .after_update = AfterOpportunityWrite,
        }
    );
    auto h = std::make_shared<SalesHandlers>(SalesHandlers{records});
    using A = http::Access;
    router.Add(
        {"GET",
         "/api/v1/sales/pipelines",
         [h](http::Context& c) { return h->Pipelines(c); },
         A::kAuthenticated,
         "Sales pipelines with their stages and win probabilities",
         "sales"}
    );
    router.Add(
        {"POST",
         "/api/v1/sales/pipelines",
         [h](http::Context& c) { return h->CreatePipeline(c); },
         A::kAuthenticated,
         "Create a sales pipeline with its open stages (admin)",
         "sales"}
    );
    router.Add(
        {"PUT",
         "/api/v1/sales/pipelines/{pipeline}/stages",
         [h](http::Context& c) { return h->PutStages(c); },
         A::kAuthenticated,
         "Replace a pipeline's open stages, in order, with win probabilities (admin)",
         "sales"}
    );
    router.Add(
        {"GET",
         "/api/v1/sales/opportunities/{id}/stage-history",
         [h](http::Context& c) { return h->History(c); },
         A::kAuthenticated,
         "Stage changes of an opportunity: from, to, who, when, days in stage",
         "sales"}
    );
}

}  // namespace xieli::sales
