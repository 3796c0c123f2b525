// Pure rules of pipeline to cash: line amounts and totals, payment plan status, target completion.

#include <gtest/gtest.h>

#include "common/error.h"
#include "modules/sales/contract_rollups.h"
#include "modules/sales/line_items.h"
#include "modules/sales/targets.h"

namespace xieli::sales {
namespace {

std::optional<ProductInfo> NoProducts(int64_t) {
    return std::nullopt;
}

std::optional<ProductInfo> Catalogue(int64_t id) {
    if (id == 7) return ProductInfo{"协力 CRM 标准版", "账号", 98000};
    return std::nullopt;
}

// The field named by the 422 a call throws ("" when it does not throw).
std::string FailedField(const std::function<void()>& f) {
    try {
        f();
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::kValidationFailed);
        return e.details().empty() ? "?" : e.details().front().field;
    }
    return "";
}

TEST(LineItems, ComputesEachLineAndTheTotals) {
    NormalizedLines n = NormalizeLines(
        R"([{"name": "实施服务", "quantity": 3, "unit_price": "2400.00", "discount": "10", "tax_rate": 6},
            {"name": "终端", "quantity": "2.5", "unit_price": 1299.99, "tax_rate": "13"}])",
        NoProducts
    );
    ASSERT_EQ(n.count, 2u);
    // 3 × 2400 = 7200, 10 % off = 720 → 6480, 6 % tax = 388.80 → 6868.80
    // 2.5 × 1299.99 = 3249.975 → 3249.98, no discount, 13 % tax = 422.4974 → 422.50 → 3672.48
    EXPECT_EQ(n.totals.subtotal, 720000 + 324998);
    EXPECT_EQ(n.totals.discount, 72000);
    EXPECT_EQ(n.totals.tax, 38880 + 42250);
    EXPECT_EQ(n.totals.total, 686880 + 367248);
    json::array lines = json::parse(n.json).as_array();
    EXPECT_EQ(lines[0].at("amount"), "6480.00");
    EXPECT_EQ(lines[0].at("tax_amount"), "388.80");
    EXPECT_EQ(lines[0].at("total"), "6868.80");
    EXPECT_EQ(lines[0].at("discount"), "10");
    EXPECT_EQ(lines[1].at("quantity"), "2.50");
    EXPECT_EQ(lines[1].at("total"), "3672.48");
}

TEST(LineItems, ComputedMembersFromClientsAreIgnored) {
    NormalizedLines n = NormalizeLines(
        R"([{"name": "x", "quantity": 1, "unit_price": "10.00", "amount": "999999.00", "total": "1.00"}])", NoProducts
    );
    EXPECT_EQ(n.totals.total, 1000);
    EXPECT_EQ(json::parse(n.json).as_array()[0].at("total"), "10.00");
    // A stored line sent back unchanged gives the same line.
    EXPECT_EQ(NormalizeLines(n.json, NoProducts).json, n.json);
}

TEST(LineItems, ProductFillsWhatTheLineLeavesOut) {
    NormalizedLines n = NormalizeLines(R"([{"product_id": 7, "quantity": 10}])", Catalogue);
    json::object line = json::parse(n.json).as_array()[0].as_object();
    EXPECT_EQ(line.at("name"), "协力 CRM 标准版");
    EXPECT_EQ(line.at("unit"), "账号");
    EXPECT_EQ(line.at("unit_price"), "980.00");
    EXPECT_EQ(n.totals.total, 980000);
    // The line's own price wins over the catalogue's.
    EXPECT_EQ(
        NormalizeLines(R"([{"product_id": 7, "quantity": 1, "unit_price": "900"}])", Catalogue).totals.total, 90000
    );
}

TEST(LineItems, EmptyMeansNoLines) {
    EXPECT_EQ(NormalizeLines("", NoProducts).count, 0u);
    EXPECT_EQ(NormalizeLines("[]", NoProducts).json, "[]");
}

TEST(LineItems, BadLinesNameTheLineAndMember) {
    EXPECT_EQ(FailedField([] { NormalizeLines("{", NoProducts); }), "lines");
    EXPECT_EQ(FailedField([] { NormalizeLines(R"({"a": 1})", NoProducts); }), "lines");
    EXPECT_EQ(FailedField([] { NormalizeLines(R"([1])", NoProducts); }), "lines[0]");
    EXPECT_EQ(
        FailedField([] { NormalizeLines(R"([{"quantity": 1, "unit_price": 1}])", NoProducts); }), "lines[0].name"
    );
    EXPECT_EQ(
        FailedField([] { NormalizeLines(R"([{"name": "a", "quantity": 0, "unit_price": 1}])", NoProducts); }),
        "lines[0].quantity"
    );
    EXPECT_EQ(
        FailedField([] { NormalizeLines(R"([{"name": "a", "quantity": 1}])", NoProducts); }), "lines[0].unit_price"
    );
    EXPECT_EQ(
        FailedField([] {
            NormalizeLines(
                R"([{"name": "a", "quantity": 1, "unit_price": 1}, {"name": "b", "quantity": "-1", "unit_price": 1}])",
                NoProducts
            );
        }),
        "lines[1].quantity"
    );
    EXPECT_EQ(
        FailedField([] { NormalizeLines(R"([{"name": "a", "quantity": 1, "unit_price": "1.001"}])", NoProducts); }),
        "lines[0].unit_price"
    );
    EXPECT_EQ(
        FailedField([] {
            NormalizeLines(R"([{"name": "a", "quantity": 1, "unit_price": 1, "discount": 101}])", NoProducts);
        }),
        "lines[0].discount"
    );
    EXPECT_EQ(
        FailedField([] {
            NormalizeLines(R"([{"name": "a", "quantity": 1, "unit_price": 1, "colour": "red"}])", NoProducts);
        }),
        "lines[0].colour"
    );
    EXPECT_EQ(
        FailedField([] { NormalizeLines(R"([{"product_id": 8, "quantity": 1}])", Catalogue); }), "lines[0].product_id"
    );
    EXPECT_EQ(
        FailedField([] {
            NormalizeLines(
                R"([{"name": "a", "quantity": "1000000000", "unit_price": "9999999999999.99"}])", NoProducts
            );
        }),
        "lines[0]"
    );
    std::string many = "[";
    for (size_t i = 0; i <= kMaxLines; ++i)
        many += std::string(i ? "," : "") + R"({"name":"a","quantity":1,"unit_price":1})";
    many += "]";
    EXPECT_EQ(FailedField([&] { NormalizeLines(many, NoProducts); }), "lines");
}

TEST(LineItems, RoundsHalfUpExactly) {
    EXPECT_EQ(MulDivRound(5, 1, 10), 1);
    EXPECT_EQ(MulDivRound(4, 1, 10), 0);
    EXPECT_EQ(MulDivRound(10'000'000'000, 10'000'000'000, 100), 1'000'000'000'000'000'000);  // 10^20 on the way
}

TEST(PaymentPlanStatus, FromPaymentsAndToday) {
    const char* today = "2026-11-24";
    EXPECT_EQ(DerivePlanStatus(1000, 0, "2027-01-10", today), PlanStatus::kNotDue);
    EXPECT_EQ(DerivePlanStatus(1000, 0, "2026-12-01", today), PlanStatus::kDue);  // within 7 days
    EXPECT_EQ(DerivePlanStatus(1000, 0, "2026-12-02", today), PlanStatus::kNotDue);
    EXPECT_EQ(DerivePlanStatus(1000, 0, today, today), PlanStatus::kDue);  // due today is not late yet
    EXPECT_EQ(DerivePlanStatus(1000, 400, "2027-01-10", today), PlanStatus::kPartial);
    EXPECT_EQ(DerivePlanStatus(1000, 400, "2026-11-23", today), PlanStatus::kOverdue);
    EXPECT_EQ(DerivePlanStatus(1000, 0, "2026-11-23", today), PlanStatus::kOverdue);
    EXPECT_EQ(DerivePlanStatus(1000, 1000, "2026-11-23", today), PlanStatus::kPaid);
    EXPECT_EQ(DerivePlanStatus(1000, 1200, "2027-01-10", today), PlanStatus::kPaid);
    // Across a year end.
    EXPECT_EQ(DerivePlanStatus(1000, 0, "2027-01-03", "2026-12-28"), PlanStatus::kDue);
    EXPECT_EQ(PlanStatusName(PlanStatus::kOverdue), "overdue");
    EXPECT_EQ(PlanStatusName(PlanStatus::kNotDue), "not_due");
}

TEST(SalesTargets, CompletionIsActualOverTarget) {
    EXPECT_EQ(Completion(50, 200), 0.25);
    EXPECT_EQ(Completion(1, 3), 0.3333);
    EXPECT_EQ(Completion(300, 200), 1.5);
    EXPECT_FALSE(Completion(10, std::nullopt));
    EXPECT_FALSE(Completion(10, 0));
}

TEST(SalesTargets, QueryDefaultsAndChecks) {
    TimePoint now = *ParseIsoTime("2026-12-31T20:00:00Z");  // already 2027 in China
    TargetQuery q = ParseTargetQuery(std::nullopt, std::nullopt, std::nullopt, std::nullopt, 5, now);
    EXPECT_EQ(q.year, 2027);
    EXPECT_EQ(q.metric, "contract_amount");
    EXPECT_EQ(q.scope_type, "user");
    EXPECT_EQ(q.scope_id, 5);
    q = ParseTargetQuery("2026", "new_customers", "department", "3", 5, now);
    EXPECT_EQ(q.scope_id, 3);
    auto field = [&](const char* y, const char* m, const char* t, const char* id) {
        return FailedField([&] { ParseTargetQuery(y, m, t, id, 5, now); });
    };
    EXPECT_EQ(field("1999", "new_customers", "user", "1"), "year");
    EXPECT_EQ(field("20x6", "new_customers", "user", "1"), "year");
    EXPECT_EQ(field("2026", "won_deals", "user", "1"), "metric");
    EXPECT_EQ(field("2026", "new_customers", "team", "1"), "scope_type");
    EXPECT_EQ(field("2026", "new_customers", "user", "-1"), "scope_id");
}

}  // namespace
}  // namespace xieli::sales
