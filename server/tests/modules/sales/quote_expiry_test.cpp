// Quote expiry on a real enterprise database with a clock the test moves: the job walks the open
// quotes past their valid_until in batches (more quotes than one batch all move, each once), writes
// through the engine as the system, and leaves answered quotes alone.

#include "modules/sales/quote_expiry.h"

#include <gtest/gtest.h>

#include "support/sales_db_test.h"

namespace xieli::sales {
namespace {

class QuoteExpiryTest : public SalesDbTest {
protected:
    // 01:00 in China on 2026-11-25 (still the 24th in UTC): "today" is China's.
    QuoteExpiryTest() : SalesDbTest("2026-11-24T17:00:00Z") {}

    std::string StatusOf(int64_t id) { return std::string(Get("quote", id)["status"].as_string()); }
    int Expire(int batch_size) { return ExpireQuotes(records_.service(), *db_, schema_, clock_.Now(), batch_size); }
};

TEST_F(QuoteExpiryTest, ExpiresOpenQuotesPastTheirDateInBatches) {
    int64_t customer = Create("customer", {{"name", "报价过期客户"}})["id"].as_int64();
    auto quote = [&](const char* valid_until, const char* status) {
        json::object body{{"name", "报价"}, {"customer_id", customer}, {"valid_until", valid_until}};
        if (status) body["status"] = status;
        return Create("quote", body)["id"].as_int64();
    };
    std::vector<int64_t> lapsed;
    for (int i = 0; i < 5; ++i) lapsed.push_back(quote("2026-11-24", i % 2 ? "sent" : nullptr));
    int64_t today = quote("2026-11-25", nullptr);
    int64_t accepted = quote("2026-11-25", "accepted");  // accepted while valid
    int64_t rejected = quote("2026-11-20", "rejected");
    EXPECT_EQ(StatusOf(lapsed[0]), "draft");

    EXPECT_EQ(Expire(2), 5) << "three batches of two, the last one short";
    for (int64_t id : lapsed) EXPECT_EQ(StatusOf(id), "expired") << id;
    EXPECT_EQ(StatusOf(today), "draft") << "valid through today";
    EXPECT_EQ(StatusOf(accepted), "accepted");
    EXPECT_EQ(StatusOf(rejected), "rejected");
    EXPECT_EQ(Expire(2), 0) << "a second run finds nothing";
    {
        store::Reader r = db_->Read();
        EXPECT_EQ(
            r->QueryValue("SELECT COUNT(*) FROM field_history WHERE object = 'quote' AND field = 'status' "
                          "AND new_value = '\"expired\"' AND actor_id IS NULL")
                ->AsInt(),
            5
        );
        EXPECT_EQ(
            r->QueryValue(
                 "SELECT COUNT(*) FROM outbox WHERE object = 'quote' AND operation = 'update' AND actor_id IS NULL"
            )
                ->AsInt(),
            5
        );
    }

    clock_.Advance(std::chrono::hours(24));  // 2026-11-26
    EXPECT_EQ(Expire(200), 1);
    EXPECT_EQ(StatusOf(today), "expired");
    EXPECT_EQ(StatusOf(accepted), "accepted") << "an answered quote keeps its answer when its date passes";
}

}  // namespace
}  // namespace xieli::sales
