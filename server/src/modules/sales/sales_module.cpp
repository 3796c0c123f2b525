#include "modules/sales/sales_module.h"

#include <memory>

#include "common/error.h"
#include "jobs/scheduler.h"
#include "modules/org/admin_guard.h"
#include "modules/sales/contract_rollups.h"
#include "modules/sales/contract_rules.h"
#include "modules/sales/deal_competitor_rules.h"
#include "modules/sales/invoice_rules.h"
#include "modules/sales/opportunity_rules.h"
#include "modules/sales/payment_rules.h"
#include "modules/sales/pipelines.h"
#include "modules/sales/quote_expiry.h"
#include "modules/sales/quote_pdf_routes.h"
#include "modules/sales/quote_print.h"
#include "modules/sales/quote_rules.h"
#include "modules/sales/targets.h"

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
    http::Response QuotePrintView(http::Context& c) {
        int64_t id = c.PathId("id");
        records::RecordScope s = m.ScopeFor(c);
        return http::Response::Json(200, QuotePrint(m.service(), s, id));
    }
    http::Response GetPrintHeader(http::Context& c) {
        records::RecordScope s = m.ScopeFor(c);
        store::Reader r = s.db.Read();
        return http::Response::Json(200, PrintHeader(*r));
    }
    http::Response PutPrintHeader(http::Context& c) {
        json::object body = c.JsonBody();
        org::RequireAdmin(c, org::kAreaCrm);
        records::RecordScope s = m.ScopeFor(c);
        store::Transaction tx = s.db.Write();
        json::object out = sales::PutPrintHeader(*tx, body);
        tx.Commit();
        return http::Response::Json(200, out);
    }
    http::Response PaymentSummary(http::Context& c) {
        int64_t id = c.PathId("id");
        records::RecordScope s = m.ScopeFor(c);
        store::Reader r = s.db.Read();
        m.service().RequireRecord(*r, s, "contract", id, records::Action::kRead);
        return http::Response::Json(200, ContractPaymentSummary(*r, id, m.clock().Now()));
    }
    http::Response ContractFromOpportunity(http::Context& c) {
        int64_t id = c.PathId("id");
        json::object body = c.JsonBody();
        records::RecordScope s = m.ScopeFor(c);
        json::object out = m.service().Create(s, "contract", ContractBodyFromOpportunity(m.service(), s, id, body));
        std::string location = "/api/v1/objects/contract/records/" + std::to_string(out["id"].as_int64());
        return http::Response::Created(out, location);
    }
    http::Response GetTargetsOf(http::Context& c) {
        records::RecordScope s = m.ScopeFor(c);
        TargetQuery q = ParseTargetQuery(
            c.request.Query("year"),
            c.request.Query("metric"),
            c.request.Query("scope_type"),
            c.request.Query("scope_id"),
            s.access.user_id,
            m.clock().Now()
        );
        store::Reader r = s.db.Read();
        return http::Response::Json(200, GetTargets(*r, s.access, q, &s.db));
    }
    http::Response PutTargetsOf(http::Context& c) {
        json::object body = c.JsonBody();
        records::RecordScope s = m.ScopeFor(c);
        store::Transaction tx = s.db.Write();
        json::object out = PutTargets(*tx, s.access, body, m.clock().Now());
        tx.Commit();
        return http::Response::Json(200, out);
    }
};

}  // namespace

// Each rule file says what it keeps.
void AddCashHooks(records::RecordService& service) {
    service.AddHooks(
        "quote", records::RecordHooks{.before_create = BeforeQuoteWrite, .before_update = BeforeQuoteWrite}
    );
    service.AddHooks(
        "contract",
        records::RecordHooks{
            .before_create = BeforeContractWrite,
            .before_update = BeforeContractWrite,
            .before_delete = BeforeContractDelete,
            .after_delete = AfterContractDelete,
            .after_restore = AfterContractRestore,
            .before_purge = BeforeContractPurge,
        }
    );
    service.AddHooks(
        "payment_plan",
        records::RecordHooks{
            .before_create = BeforePlanWrite,
            .after_create = AfterPlanChange,
            .before_update = BeforePlanWrite,
            .after_update = AfterPlanChange,
            .after_delete = AfterPlanChange,
            .after_restore = AfterPlanChange,
        }
    );
    service.AddHooks(
        "payment",
        records::RecordHooks{
            .before_create = BeforePaymentWrite,
            .after_create = AfterPaymentChange,
            .before_update = BeforePaymentWrite,
            .after_update = AfterPaymentChange,
            .after_delete = AfterPaymentChange,
            .after_restore = AfterPaymentChange,
        }
    );
    service.AddHooks(
        "invoice",
        records::RecordHooks{
            .before_create = BeforeInvoiceWrite,
            .after_create = AfterInvoiceChange,
            .before_update = BeforeInvoiceWrite,
            .after_update = AfterInvoiceChange,
            .after_delete = AfterInvoiceChange,
            .after_restore = AfterInvoiceChange,
        }
    );
}

void RegisterSalesModule(http::Router& router, records::RecordsModule& records) {
    records.service().AddHooks(
        "opportunity",
        records::RecordHooks{
            .before_create = BeforeOpportunityWrite,
            .after_create = AfterOpportunityWrite,
            .before_update = BeforeOpportunityWrite,
            .after_update = AfterOpportunityWrite,
            .after_purge = AfterOpportunityPurge,
        }
    );
    records.service().AddHooks(
        "opportunity_competitor",
        records::RecordHooks{
            .before_create = BeforeDealCompetitorWrite,
            .before_update = BeforeDealCompetitorWrite,
            .after_restore = AfterDealCompetitorRestore,
        }
    );
    AddCashHooks(records.service());
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
    router.Add(
        {"POST",
         "/api/v1/sales/opportunities/{id}/contract",
         [h](http::Context& c) { return h->ContractFromOpportunity(c); },
         A::kAuthenticated,
         "Create the contract of a won opportunity (customer, amount and date taken from it)",
         "sales"}
    );
    router.Add(
        {"GET",
         "/api/v1/sales/quotes/{id}/print",
         [h](http::Context& c) { return h->QuotePrintView(c); },
         A::kAuthenticated,
         "A quote as printed: enterprise header, quote, lines, customer, contact, salesperson",
         "sales"}
    );
    RegisterQuotePdfRoutes(router, records);
    router.Add(
        {"GET",
         "/api/v1/sales/print-header",
         [h](http::Context& c) { return h->GetPrintHeader(c); },
         A::kAuthenticated,
         "The enterprise header printed on quotes",
         "sales"}
    );
    router.Add(
        {"PUT",
         "/api/v1/sales/print-header",
         [h](http::Context& c) { return h->PutPrintHeader(c); },
         A::kAuthenticated,
         "Set the enterprise header printed on quotes (admin)",
         "sales"}
    );
    router.Add(
        {"GET",
         "/api/v1/sales/contracts/{id}/payment-summary",
         [h](http::Context& c) { return h->PaymentSummary(c); },
         A::kAuthenticated,
         "A contract's paid, unpaid, overdue and invoiced amounts and its payment plans, as of today",
         "sales"}
    );
    router.Add(
        {"GET",
         "/api/v1/sales/targets",
         [h](http::Context& c) { return h->GetTargetsOf(c); },
         A::kAuthenticated,
         "Monthly sales targets of a person or department with actuals and completion",
         "sales"}
    );
    router.Add(
        {"PUT",
         "/api/v1/sales/targets",
         [h](http::Context& c) { return h->PutTargetsOf(c); },
         A::kAuthenticated,
         "Set the twelve monthly targets of a person or department (admin, CRM admin, department head)",
         "sales"}
    );
}

void RegisterSalesJobs(jobs::Scheduler& scheduler, records::RecordsModule& records) {
    records::RecordsModule* m = &records;
    // Just after midnight, so a plan due yesterday shows as overdue when the day's work starts.
    scheduler.Register("sales.plan_due_status", "5 0 * * *", [m](jobs::TenantContext& t, TimePoint now) {
        (void)m->SchemaOf(t.db);  // the first call for a database syncs its schema (a write of its own)
        store::Transaction tx = t.db.Write();
        int changed = RefreshDueStatuses(*tx, now);
        tx.Commit();
        return jobs::JobResult{{"plans_updated", changed}};
    });
    // After midnight too: a quote valid until yesterday shows as expired when the day starts.
    scheduler.Register("sales.quote_expiry", "10 0 * * *", [m](jobs::TenantContext& t, TimePoint now) {
        int expired = ExpireQuotes(m->service(), t.db, m->SchemaOf(t.db), now);
        return jobs::JobResult{{"expired", expired}};
    });
}

}  // namespace xieli::sales
