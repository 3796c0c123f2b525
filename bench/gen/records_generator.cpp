#include "records_generator.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <map>
#include <set>
#include <unordered_set>

#include "common/clock.h"
#include "common/json.h"
#include "gen_util.h"
#include "modules/crm/duplicate_check.h"
#include "record_writer.h"
#include "records/search_index.h"
#include "word_lists.h"

namespace xieli::bench {

namespace {

struct CustomerPlan {
    int64_t created = 0;
    uint32_t owner = 0;  // index into Organization::users
    uint16_t city = 0;
    uint8_t district = 0;
    uint8_t level = 0;  // index into kLevels
    uint8_t industry = 0;
    int64_t first_contact = 0, contacts = 0;
    int64_t first_opportunity = 0, opportunities = 0;
    int64_t first_followup = 0, followups = 0;
    std::string brand;   // set when the customer is written
    std::string domain;  // likewise, empty when the customer has no web presence
};

const std::vector<Option> kLevels = {{"a", 10}, {"b", 35}, {"c", 55}};
const std::vector<Option> kCustomerSources = {
    {"referral", 18},
    {"website", 20},
    {"exhibition", 12},
    {"cold_call", 20},
    {"advertising", 8},
    {"social", 12},
    {"partner", 6},
    {"other", 4}};
const std::vector<Option> kCustomerTypes = {{"company", 85}, {"person", 10}, {"partner", 5}};
const std::vector<Option> kCustomerStatuses = {
    {"potential", 35}, {"following", 30}, {"deal", 20}, {"repeat", 8}, {"lost", 7}};
const std::vector<Option> kFollowupTypes = {
    {"phone", 40}, {"wechat", 25}, {"visit", 15}, {"email", 10}, {"meeting", 7}, {"other", 3}};
const std::vector<Option> kLostReasons = {
    {"price", 30}, {"competitor", 30}, {"no_budget", 15}, {"no_need", 10}, {"timing", 10}, {"other", 5}};

// Spreads `total` children over the customers in proportion to `weight`; the children of one
// customer get consecutive ids starting at 1, in customer order.
template <typename Weight>
void PlanChildren(
    std::vector<CustomerPlan>& customers,
    int64_t total,
    Rng& rng,
    Weight weight,
    int64_t CustomerPlan::*first,
    int64_t CustomerPlan::*count
) {
    if (customers.empty()) return;
    std::vector<double> weights;
    weights.reserve(customers.size());
    for (const CustomerPlan& c : customers) weights.push_back(weight(c));
    WeightedIndex index(weights);
    for (int64_t i = 0; i < total; ++i) ++(customers[index.Pick(rng)].*count);
    int64_t next = 1;
    for (CustomerPlan& c : customers) {
        c.*first = next;
        next += c.*count;
    }
}

// The owner's columns of a record: owner, department, created and updated by.
void SetOwner(RecordWriter& w, const BenchUser& owner) {
    auto& row = w.Row();
    row[w.Column("owner_id")] = owner.id;
    row[w.Column("department_id")] = owner.department_id;
    row[w.Column("created_by")] = owner.id;
    row[w.Column("updated_by")] = owner.id;
}

void SetTimes(RecordWriter& w, int64_t created, int64_t updated) {
    w.Row()[w.Column("created_at")] = Utc(created);
    w.Row()[w.Column("updated_at")] = Utc(updated);
    w.Row()[w.Column("version")] = 1;
}

// Updated at creation or later, more often recently.
int64_t UpdatedAfter(Rng& rng, int64_t created, int64_t until) {
    if (rng.Chance(0.45) || until - created < 60) return created;
    return created + static_cast<int64_t>(static_cast<double>(until - 1 - created) * std::sqrt(rng.Unit()));
}

std::string LocationJson(Rng& rng, const City& city, const std::string& address) {
    auto jitter = [&](double v) { return std::round((v + (rng.Unit() - 0.5) * 0.2) * 1e6) / 1e6; };
    return json::serialize(json::object{{"lat", jitter(city.lat)}, {"lng", jitter(city.lng)}, {"address", address}});
}

class Generator {
public:
    Generator(store::Database& db, const records::Schema& schema, const Organization& org, const GenerateOptions& o)
        : db_(db), schema_(schema), org_(org), o_(o) {}

    void Run(Samples& samples);

private:
    void PlanCustomers();
    void WriteCustomers(Samples& samples);
    void WriteContacts();
    void WriteOpportunities();
    void WriteFollowups();

    store::Database& db_;
    const records::Schema& schema_;
    const Organization& org_;
    const GenerateOptions& o_;
    int64_t start_ = 0;  // the first day of the period, 00:00 UTC
    std::vector<CustomerPlan> customers_;
    // Follow-up times in customer order (ascending within a customer), and the next follow-up
    // each one planned (seconds later, 0 for none): the customer's 最近跟进 rollup needs them
    // before the customer is written.
    std::vector<int64_t> followup_at_;
    std::vector<int32_t> followup_next_;
};

void Generator::PlanCustomers() {
    Rng rng(o_.seed, "customer-plan");
    const auto& cities = Cities();
    const auto& industries = Industries();
    std::vector<double> city_weights, industry_weights;
    for (const City& c : cities) city_weights.push_back(c.weight);
    for (const Industry& i : industries) industry_weights.push_back(i.weight);
    WeightedIndex city_index(city_weights), industry_index(industry_weights);

    // Owners: the sales people of the customer's region, representatives most.
    std::map<std::string, std::pair<std::vector<uint32_t>, WeightedIndex>> owners_by_area;
    std::vector<uint32_t> all_owners;
    std::vector<double> all_weights;
    for (uint32_t i = 0; i < org_.users.size(); ++i) {
        const BenchUser& u = org_.users[i];
        if (u.owner_weight <= 0) continue;
        owners_by_area[u.area].first.push_back(i);
        all_owners.push_back(i);
        all_weights.push_back(u.owner_weight);
    }
    for (auto& [area, entry] : owners_by_area) {
        std::vector<double> w;
        for (uint32_t i : entry.first) w.push_back(org_.users[i].owner_weight);
        entry.second = WeightedIndex(w);
    }
    WeightedIndex all_index(all_weights);

    int64_t days = static_cast<int64_t>(o_.years) * 365;
    int64_t n = o_.customers;
    customers_.resize(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i) {
        CustomerPlan& c = customers_[static_cast<size_t>(i)];
        // Ids grow with time, as they do when people create customers one after another.
        int64_t day = static_cast<int64_t>(
            (static_cast<double>(i) + rng.Unit()) * static_cast<double>(days) / static_cast<double>(n)
        );
        c.created = OfficeTime(rng, start_ + day * kDay);
        c.city = static_cast<uint16_t>(city_index.Pick(rng));
        const City& city = cities[c.city];
        c.district = static_cast<uint8_t>(rng.Below(city.districts.size()));
        c.industry = static_cast<uint8_t>(industry_index.Pick(rng));
        std::string_view level = PickOption(rng, kLevels);
        c.level = level == "a" ? 0 : level == "b" ? 1 : 2;
        auto it = owners_by_area.find(city.area);
        if (it != owners_by_area.end() && rng.Chance(0.97))
            c.owner = it->second.first[it->second.second.Pick(rng)];
        else
            c.owner = all_owners[all_index.Pick(rng)];
    }
    // Key accounts get more of everything.
    auto by_level = [](double a, double b, double c) {
        return [=](const CustomerPlan& p) { return p.level == 0 ? a : p.level == 1 ? b : c; };
    };
    Rng counts(o_.seed, "customer-children");
    PlanChildren(
        customers_, o_.contacts, counts, by_level(1.6, 1.1, 0.9), &CustomerPlan::first_contact, &CustomerPlan::contacts
    );
    PlanChildren(
        customers_,
        o_.opportunities,
        counts,
        by_level(4, 1.5, 0.6),
        &CustomerPlan::first_opportunity,
        &CustomerPlan::opportunities
    );
    PlanChildren(
        customers_, o_.followups, counts, by_level(4, 1.6, 0.7), &CustomerPlan::first_followup, &CustomerPlan::followups
    );

    Rng times(o_.seed, "followup-times");
    followup_at_.resize(static_cast<size_t>(o_.followups));
    followup_next_.resize(static_cast<size_t>(o_.followups));
    for (const CustomerPlan& c : customers_) {
        auto begin = followup_at_.begin() + (c.first_followup - 1);
        for (int64_t k = 0; k < c.followups; ++k) {
            int64_t day = (c.created - start_) / kDay +
                          static_cast<int64_t>(
                              times.Below(static_cast<uint64_t>(std::max<int64_t>(1, (o_.until - c.created) / kDay)))
                          );
            int64_t at = std::max(c.created + 600, OfficeTime(times, start_ + day * kDay));
            begin[k] = std::min(at, o_.until - 1);
        }
        std::sort(begin, begin + c.followups);
        for (int64_t k = 0; k < c.followups; ++k) {
            followup_next_[static_cast<size_t>(c.first_followup - 1 + k)] =
                times.Chance(0.4) ? static_cast<int32_t>(times.Between(1, 14) * kDay) : 0;
        }
    }
}

void Generator::WriteCustomers(Samples& samples) {
    const records::ObjectMeta& object = schema_.Get("customer");
    RecordWriter w(object);
    const records::FieldMeta* code_field = object.Field("code");
    Autonumber code{
        code_field && !code_field->autonumber_format.empty() ? code_field->autonumber_format : "{0000}", {}};
    std::set<std::string> filled;
    auto col = [&](const char* field) {
        filled.insert(field);
        return w.Column(field);
    };
    const size_t c_id = col("id"), c_code = col("code"), c_name = col("name"), c_short = col("short_name"),
                 c_phone = col("phone"), c_email = col("email"), c_website = col("website"), c_region = col("region"),
                 c_address = col("address"), c_location = col("location"), c_industry = col("industry"),
                 c_source = col("source"), c_level = col("level"), c_type = col("type"), c_status = col("status"),
                 c_tags = col("tags"), c_remark = col("remark"), c_last = col("last_followup_at"),
                 c_next = col("next_followup_at");
    ReportUnfilled(object, filled);

    Rng rng(o_.seed, "customer");
    std::unordered_set<uint64_t> names, short_names, phones;
    names.reserve(customers_.size() * 2);
    phones.reserve(customers_.size() * 2);
    size_t sample_every = std::max<size_t>(1, customers_.size() / 400);
    Batches batches(db_, o_.batch_rows, w);
    Progress progress("customers", static_cast<int64_t>(customers_.size()));
    for (size_t i = 0; i < customers_.size(); ++i) {
        CustomerPlan& c = customers_[i];
        const City& city = Cities()[c.city];
        const Industry& industry = Industries()[c.industry];
        const char* district = city.districts[c.district];
        int64_t id = static_cast<int64_t>(i) + 1;
        auto& row = w.Row();

        CompanyName name;
        for (int attempt = 0;; ++attempt) {
            name = MakeCompanyName(rng, city, industry, attempt);
            if (names.insert(Rng::Hash(crm::NormalizeCustomerName(name.name))).second) break;
        }
        c.brand = name.brand;
        row[c_id] = id;
        SetOwner(w, org_.users[c.owner]);
        SetTimes(w, c.created, UpdatedAfter(rng, c.created, o_.until));
        row[c_code] = code.Next(c.created);
        row[c_name] = name.name;
        // Short names, phones and names are what the duplicate check compares: kept unique.
        if (rng.Chance(0.6) && short_names.insert(Rng::Hash(crm::NormalizeCustomerName(name.short_name))).second)
            row[c_short] = name.short_name;
        if (!rng.Chance(0.05)) {
            std::string phone;
            do {
                phone = rng.Chance(0.55) ? MakeMobile(rng) : MakeLandline(rng, city);
            } while (!phones.insert(Rng::Hash(crm::NormalizePhoneKey(phone))).second);
            row[c_phone] = phone;
        }
        bool online = rng.Chance(0.35);
        if (online) c.domain = name.domain;
        if (online && rng.Chance(0.8)) {
            static const char* kMailboxes[] = {"info", "sales", "contact", "service", "admin"};
            row[c_email] = fmt::format("{}@{}", kMailboxes[rng.Below(5)], name.domain);
        }
        if (online && rng.Chance(0.7)) row[c_website] = "https://www." + name.domain;
        if (!rng.Chance(0.05)) row[c_region] = MakeRegion(city, district);
        if (rng.Chance(0.8)) {
            std::string address = MakeAddress(rng, district);
            if (rng.Chance(0.1)) row[c_location] = LocationJson(rng, city, address);
            row[c_address] = std::move(address);
        }
        row[c_industry] = industry.value;
        row[c_source] = PickOption(rng, kCustomerSources);
        row[c_level] = kLevels[c.level].value;
        row[c_type] = PickOption(rng, kCustomerTypes);
        row[c_status] = PickOption(rng, kCustomerStatuses);
        if (rng.Chance(0.15)) {
            json::array tags;
            if (c.level == 0 || rng.Chance(0.3)) tags.push_back("vip");
            if (rng.Chance(0.5)) tags.push_back("key_account");
            if (tags.empty() || rng.Chance(0.3)) tags.push_back("price_sensitive");
            row[c_tags] = json::serialize(tags);
        }
        if (rng.Chance(0.15)) row[c_remark] = MakeCustomerRemark(rng, city);
        if (c.followups > 0) {
            // The newest follow-up's times, as crm::RecomputeFollowupRollup keeps them.
            size_t last = static_cast<size_t>(c.first_followup - 1 + c.followups - 1);
            row[c_last] = Utc(followup_at_[last]);
            if (followup_next_[last]) row[c_next] = Utc(followup_at_[last] + followup_next_[last]);
        }

        if (i % sample_every == 0) {
            std::string place = city.short_name;
            if (name.brand.size() == 6) {
                samples.keywords2.push_back(name.brand);
                samples.keywords3.push_back(name.brand + name.word.substr(0, 3));
                if (place.size() == 6 && name.name.find(place + name.brand) != std::string::npos)
                    samples.keywords4.push_back(place + name.brand);
            }
        }

        store::Connection& conn = batches.Conn();
        store::Value name_value = row[c_name], short_value = row[c_short], phone_value = row[c_phone];
        w.Write(conn);
        crm::SaveCustomerKeys(conn, id, crm::KeysOf(name_value, short_value, phone_value));
        batches.Done();
        progress.Tick();
    }
    batches.Finish();
    progress.Finish();

    // New customers continue the numbering (RecordService::NextAutonumber).
    store::Transaction tx = db_.Write();
    for (const auto& [period, value] : code.counters) {
        tx->Execute(
            "INSERT INTO autonumber_counters (object, field, period, value) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (object, field, period) DO UPDATE SET value = excluded.value",
            {object.name, std::string("code"), period, value}
        );
    }
    tx.Commit();
}

void Generator::WriteContacts() {
    const records::ObjectMeta& object = schema_.Get("contact");
    RecordWriter w(object);
    std::set<std::string> filled;
    auto col = [&](const char* field) {
        filled.insert(field);
        return w.Column(field);
    };
    const size_t c_id = col("id"), c_name = col("name"), c_customer = col("customer_id"), c_title = col("title"),
                 c_mobile = col("mobile"), c_phone = col("phone"), c_email = col("email"), c_wechat = col("wechat"),
                 c_qq = col("qq"), c_gender = col("gender"), c_birthday = col("birthday"),
                 c_decision = col("is_decision_maker"), c_address = col("address"), c_remark = col("remark");
    ReportUnfilled(object, filled);

    Rng rng(o_.seed, "contact");
    Batches batches(db_, o_.batch_rows, w);
    Progress progress("contacts", o_.contacts);
    for (size_t ci = 0; ci < customers_.size(); ++ci) {
        const CustomerPlan& c = customers_[ci];
        const City& city = Cities()[c.city];
        for (int64_t k = 0; k < c.contacts; ++k) {
            auto& row = w.Row();
            int64_t id = c.first_contact + k;
            int64_t created = std::min(o_.until - 1, c.created + static_cast<int64_t>(rng.Below(30 * kDay)));
            PersonName person = MakePersonName(rng);
            row[c_id] = id;
            SetOwner(w, org_.users[c.owner]);
            SetTimes(w, created, UpdatedAfter(rng, created, o_.until));
            row[c_name] = person.name;
            row[c_customer] = static_cast<int64_t>(ci) + 1;
            row[c_title] = ContactTitles()[rng.Below(ContactTitles().size())];
            std::string mobile = MakeMobile(rng);
            if (!rng.Chance(0.05)) row[c_mobile] = mobile;
            if (rng.Chance(0.15)) row[c_phone] = MakeLandline(rng, city);
            if (rng.Chance(0.35)) {
                static const char* kFree[] = {"qq.com", "163.com", "126.com", "sina.com"};
                std::string domain = c.domain.empty() || rng.Chance(0.3) ? kFree[rng.Below(4)] : c.domain;
                row[c_email] = fmt::format("{}{}@{}", person.pinyin, rng.Between(1, 9999), domain);
            }
            if (rng.Chance(0.4))
                row[c_wechat] = rng.Chance(0.5) ? mobile : fmt::format("wxid_{:010x}", rng.Next() >> 24);
            if (rng.Chance(0.15)) row[c_qq] = std::to_string(rng.Between(100000, 2999999999));
            if (rng.Chance(0.8)) row[c_gender] = person.female ? "female" : "male";
            if (rng.Chance(0.25))
                row[c_birthday] =
                    fmt::format("{:04}-{:02}-{:02}", rng.Between(1962, 1999), rng.Between(1, 12), rng.Between(1, 28));
            row[c_decision] = rng.Chance(0.25);
            if (rng.Chance(0.2)) row[c_address] = MakeAddress(rng, city.districts[c.district]);
            if (rng.Chance(0.05)) row[c_remark] = "喜欢电话沟通，周末不方便联系。";
            w.Write(batches.Conn());
            batches.Done();
            progress.Tick();
        }
    }
    batches.Finish();
    progress.Finish();
}

// A pipeline's stages as modules/sales keeps them (sales_stages), in order.
struct Stage {
    std::string value;
    double probability = 0;
    std::string kind;  // open | won | lost
};
using Pipelines = std::vector<std::pair<std::string, std::vector<Stage>>>;

Pipelines LoadPipelines(store::Connection& conn) {
    Pipelines out;
    if (!conn.QueryValue("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sales_stages'")) {
        // Before pipelines existed: one unnamed pipeline with the stage picklist's stages.
        out.push_back(
            {"",
             {{"initial", 10, "open"},
              {"needs", 30, "open"},
              {"proposal", 50, "open"},
              {"negotiation", 70, "open"},
              {"won", 100, "won"},
              {"lost", 0, "lost"}}}
        );
        return out;
    }
    for (const store::Row& r :
         conn.Query("SELECT s.pipeline, s.stage, s.probability, s.kind FROM sales_stages s "
                    "JOIN picklist_options p ON p.picklist = 'opportunity_pipeline' AND p.value = s.pipeline "
                    "WHERE p.disabled = 0 ORDER BY p.sort_order, s.sort_order")) {
        if (out.empty() || out.back().first != r.Text(0)) out.push_back({r.Text(0), {}});
        out.back().second.push_back({r.Text(1), r.Double(2), r.Text(3)});
    }
    if (out.empty()) throw std::runtime_error("sales_stages has no enabled pipeline");
    return out;
}

void Generator::WriteOpportunities() {
    const records::ObjectMeta& object = schema_.Get("opportunity");
    RecordWriter w(object);
    std::set<std::string> filled;
    auto col = [&](const char* field) {
        filled.insert(field);
        return w.Column(field);
    };
    // Fields of the sales module (modules/sales), when it is there.
    auto optional_col = [&](const char* field) -> std::optional<size_t> {
        if (!object.Field(field)) return std::nullopt;
        return col(field);
    };
    const size_t c_id = col("id"), c_name = col("name"), c_customer = col("customer_id"), c_contact = col("contact_id"),
                 c_amount = col("amount"), c_close = col("expected_close_date"), c_stage = col("stage"),
                 c_probability = col("win_probability"), c_status = col("status"), c_source = col("source"),
                 c_lost = col("lost_reason"), c_remark = col("remark");
    const std::optional<size_t> c_pipeline = optional_col("pipeline"), c_actual_amount = optional_col("actual_amount"),
                                c_actual_date = optional_col("actual_close_date"),
                                c_stage_changed = optional_col("stage_changed_at");
    ReportUnfilled(object, filled);

    Pipelines pipelines;
    bool history = false;
    {
        store::Reader r = db_.Read();
        pipelines = LoadPipelines(*r);
        history =
            r->QueryValue("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'opportunity_stage_history'")
                .has_value();
    }
    // The first (default) pipeline carries most deals.
    std::vector<double> pipeline_weights(pipelines.size(), 1.0);
    pipeline_weights[0] = 3.0 * static_cast<double>(std::max<size_t>(1, pipelines.size() - 1));
    WeightedIndex pipeline_index(pipeline_weights);
    const std::string history_sql =
        "INSERT INTO opportunity_stage_history (opportunity_id, pipeline, from_stage, to_stage, actor_id, at, "
        "days_in_stage) VALUES (?, ?, ?, ?, ?, ?, ?)";

    Rng rng(o_.seed, "opportunity");
    Batches batches(db_, o_.batch_rows, w);
    Progress progress("opportunities", o_.opportunities);
    std::vector<const Stage*> path;
    std::vector<int64_t> times;
    for (size_t ci = 0; ci < customers_.size(); ++ci) {
        const CustomerPlan& c = customers_[ci];
        const BenchUser& owner = org_.users[c.owner];
        for (int64_t k = 0; k < c.opportunities; ++k) {
            auto& row = w.Row();
            int64_t id = c.first_opportunity + k;
            int64_t day = (c.created - start_) / kDay +
                          static_cast<int64_t>(
                              rng.Below(static_cast<uint64_t>(std::max<int64_t>(1, (o_.until - c.created) / kDay)))
                          );
            int64_t created = std::min(o_.until - 1, std::max(c.created + 600, OfficeTime(rng, start_ + day * kDay)));
            const char* product = Products()[rng.Below(Products().size())];
            row[c_id] = id;
            SetOwner(w, owner);
            row[c_name] = MakeOpportunityName(rng, c.brand, product, ChinaTime(created).tm_year + 1900);
            row[c_customer] = static_cast<int64_t>(ci) + 1;
            if (c.contacts > 0 && rng.Chance(0.8))
                row[c_contact] = c.first_contact + static_cast<int64_t>(rng.Below(static_cast<uint64_t>(c.contacts)));
            // 5 000 to 3 000 000 yuan, most of them small, in whole hundreds (stored in cents).
            int64_t yuan = static_cast<int64_t>(std::pow(10.0, 3.7 + rng.Unit() * 2.8)) / 100 * 100;
            row[c_amount] = yuan * 100;
            row[c_close] = ChinaDate(created + rng.Between(15, 180) * kDay);

            // The road through the pipeline: its open stages in order, then won or lost for the
            // decided ones — older deals are mostly decided.
            const auto& [pipeline, stages] = pipelines[pipeline_index.Pick(rng)];
            std::vector<const Stage*> open;
            const Stage *won = nullptr, *lost = nullptr;
            for (const Stage& st : stages) {
                if (st.kind == "won")
                    won = &st;
                else if (st.kind == "lost")
                    lost = &st;
                else
                    open.push_back(&st);
            }
            double age_days = static_cast<double>(o_.until - created) / kDay;
            path.clear();
            if (!open.empty() && won && lost && rng.Chance(std::min(0.85, age_days / 150))) {
                bool is_won = rng.Chance(0.55);
                size_t reached = is_won ? open.size() : 1 + rng.Below(open.size());
                path.assign(open.begin(), open.begin() + static_cast<std::ptrdiff_t>(reached));
                path.push_back(is_won ? won : lost);
            } else if (!open.empty()) {
                // Fewer deals stand in each later stage.
                size_t reached = 1;
                while (reached < open.size() && rng.Chance(0.55)) ++reached;
                path.assign(open.begin(), open.begin() + static_cast<std::ptrdiff_t>(reached));
            } else {
                path.push_back(&stages.front());
            }
            // A few days to a month in each stage, squeezed into the time the deal has had.
            times.assign(1, created);
            for (size_t i = 1; i < path.size(); ++i) times.push_back(times.back() + rng.Between(kDay, 30 * kDay));
            if (times.back() >= o_.until) {
                double squeeze =
                    static_cast<double>(o_.until - 1 - created) / static_cast<double>(times.back() - created);
                for (int64_t& t : times) t = created + static_cast<int64_t>(static_cast<double>(t - created) * squeeze);
            }
            const Stage& stage = *path.back();
            SetTimes(w, created, UpdatedAfter(rng, times.back(), o_.until));
            if (c_pipeline && !pipeline.empty()) row[*c_pipeline] = pipeline;
            row[c_stage] = stage.value;
            row[c_probability] = stage.probability;
            row[c_status] = stage.kind;
            if (c_stage_changed) row[*c_stage_changed] = Utc(times.back());
            if (stage.kind == "won") {
                if (c_actual_amount)
                    row[*c_actual_amount] = yuan * rng.Between(80, 105);  // cents: yuan × 100 × 80–105 %
                if (c_actual_date) row[*c_actual_date] = ChinaDate(times.back());
            }
            row[c_source] = PickOption(rng, kCustomerSources);
            if (stage.kind == "lost") row[c_lost] = PickOption(rng, kLostReasons);
            if (rng.Chance(0.1)) row[c_remark] = "客户要求分两期交付，首期预算已批。";
            store::Connection& conn = batches.Conn();
            w.Write(conn);
            // The stage history modules/sales writes: the first stage at creation, then each move
            // with the days spent in the stage left.
            for (size_t i = 0; history && i < path.size(); ++i) {
                store::Value days;
                if (i > 0) days = std::round(static_cast<double>(times[i] - times[i - 1]) / kDay * 10) / 10;
                conn.Execute(
                    history_sql,
                    {id,
                     pipeline.empty() ? store::Value() : store::Value(pipeline),
                     i == 0 ? store::Value() : store::Value(path[i - 1]->value),
                     path[i]->value,
                     owner.id,
                     Utc(times[i]),
                     days}
                );
            }
            batches.Done();
            progress.Tick();
        }
    }
    batches.Finish();
    progress.Finish();
}

void Generator::WriteFollowups() {
    const records::ObjectMeta& object = schema_.Get("followup");
    RecordWriter w(object);
    std::set<std::string> filled;
    auto col = [&](const char* field) {
        filled.insert(field);
        return w.Column(field);
    };
    const size_t c_id = col("id"), c_customer = col("customer_id"), c_contact = col("contact_id"),
                 c_opportunity = col("opportunity_id"), c_type = col("type"), c_content = col("content"),
                 c_at = col("followup_at"), c_next = col("next_followup_at"), c_location = col("location");
    ReportUnfilled(object, filled);

    Rng rng(o_.seed, "followup");
    Batches batches(db_, o_.batch_rows, w);
    Progress progress("follow-ups", o_.followups);
    for (size_t ci = 0; ci < customers_.size(); ++ci) {
        const CustomerPlan& c = customers_[ci];
        const City& city = Cities()[c.city];
        for (int64_t k = 0; k < c.followups; ++k) {
            auto& row = w.Row();
            size_t slot = static_cast<size_t>(c.first_followup - 1 + k);
            int64_t at = followup_at_[slot];
            // Most are written down at once, some later the same day.
            int64_t logged = rng.Chance(0.7) ? at : std::min(o_.until - 1, at + rng.Between(300, 8 * 3600));
            row[c_id] = c.first_followup + k;
            SetOwner(w, org_.users[c.owner]);
            SetTimes(w, logged, rng.Chance(0.9) ? logged : UpdatedAfter(rng, logged, o_.until));
            row[c_customer] = static_cast<int64_t>(ci) + 1;
            if (c.contacts > 0 && rng.Chance(0.7))
                row[c_contact] = c.first_contact + static_cast<int64_t>(rng.Below(static_cast<uint64_t>(c.contacts)));
            if (c.opportunities > 0 && rng.Chance(0.35)) {
                row[c_opportunity] =
                    c.first_opportunity + static_cast<int64_t>(rng.Below(static_cast<uint64_t>(c.opportunities)));
            }
            std::string_view type = PickOption(rng, kFollowupTypes);
            row[c_type] = type;
            // Notes name people the way sales people write them: 王总, 李经理.
            std::string surname = MakePersonName(rng).name.substr(0, 3);
            std::string who = surname + (rng.Chance(0.5) ? "总" : "经理");
            row[c_content] = MakeFollowupContent(rng, who, Products()[rng.Below(Products().size())]);
            row[c_at] = Utc(at);
            if (followup_next_[slot]) row[c_next] = Utc(at + followup_next_[slot]);
            if (type == "visit" && rng.Chance(0.6))
                row[c_location] = LocationJson(rng, city, MakeAddress(rng, city.districts[c.district]));
            w.Write(batches.Conn());
            batches.Done();
            progress.Tick();
        }
    }
    batches.Finish();
    progress.Finish();
}

void Generator::Run(Samples& samples) {
    int64_t days = static_cast<int64_t>(o_.years) * 365;
    start_ = (o_.until / kDay - days) * kDay;
    auto phase = std::chrono::steady_clock::now();
    PlanCustomers();
    std::printf("planned in %.1f s\n", std::chrono::duration<double>(std::chrono::steady_clock::now() - phase).count());

    std::vector<std::string> tables;
    for (const char* name : {"customer", "contact", "opportunity", "followup"}) {
        tables.push_back(schema_.Get(name).table);
        tables.push_back(records::SearchTailTable(schema_.Get(name)));
    }
    tables.emplace_back("crm_customer_keys");
    tables.emplace_back("opportunity_stage_history");
    std::vector<SavedIndex> indexes;
    {
        store::Transaction tx = db_.Write();
        // A bigger page cache for the load and the index builds (this connection only).
        tx->ExecuteScript("PRAGMA cache_size = -262144;");
        indexes = DropIndexes(*tx, tables);
        tx.Commit();
    }
    WriteCustomers(samples);
    WriteContacts();
    WriteOpportunities();
    WriteFollowups();
    CreateIndexes(db_, indexes);
    {
        // Every customer has its duplicate-check keys; this only marks them ready, so the first
        // customer created through the API does not compute them for the whole table.
        store::Transaction tx = db_.Write();
        crm::EnsureCustomerKeys(*tx, schema_.Get("customer"));
        tx.Commit();
    }
}

}  // namespace

void GenerateRecords(
    store::Database& db,
    const records::Schema& schema,
    const Organization& org,
    const GenerateOptions& options,
    Samples& samples
) {
    Generator(db, schema, org, options).Run(samples);
}

}  // namespace xieli::bench
