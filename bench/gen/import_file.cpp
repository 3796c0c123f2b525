#include "import_file.h"

#include <fmt/format.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <unordered_set>

#include "common/xlsx_writer.h"
#include "modules/crm/duplicate_check.h"
#include "random.h"
#include "word_lists.h"

namespace xieli::bench {

uint64_t WriteImportFile(
    store::Database& db, const records::Schema& schema, uint64_t seed, int64_t rows, const std::filesystem::path& file
) {
    const records::ObjectMeta& customer = schema.Get("customer");
    // The keys the duplicate check compares, of every customer there is.
    std::unordered_set<uint64_t> names, short_names, phones;
    std::map<std::string, std::map<std::string, std::string>> labels;  // picklist → value → 中文
    {
        store::Reader r = db.Read();
        r->QueryEach(
            "SELECT name_key, short_name_key, phone_key FROM crm_customer_keys",
            {},
            [&](const store::Row& row) {
                if (!row.IsNull(0)) names.insert(Rng::Hash(row.Text(0)));
                if (!row.IsNull(1)) short_names.insert(Rng::Hash(row.Text(1)));
                if (!row.IsNull(2)) phones.insert(Rng::Hash(row.Text(2)));
                return true;
            }
        );
        for (const store::Row& row : r->Query("SELECT picklist, value, label_zh FROM picklist_options"))
            labels[row.Text(0)][row.Text(1)] = row.Text(2);
    }

    const char* kColumns[] = {
        "name",
        "short_name",
        "phone",
        "email",
        "website",
        "region",
        "address",
        "industry",
        "source",
        "level",
        "type",
        "status",
        "remark"};
    XlsxSheet sheet;
    sheet.name = customer.label.zh;
    std::vector<std::string> header;
    for (const char* name : kColumns) {
        const records::FieldMeta* f = customer.Field(name);
        if (!f) throw std::runtime_error(fmt::format("customer has no field {}", name));
        header.push_back(f->label.zh);
    }
    sheet.rows.push_back(header);
    sheet.text_columns = {2};  // phone numbers stay text, as in the server's own template
    auto label = [&](const char* field, std::string_view value) {
        const records::FieldMeta* f = customer.Field(field);
        auto& options = labels[f->picklist];
        auto it = options.find(std::string(value));
        return it == options.end() ? std::string(value) : it->second;
    };

    Rng rng(seed, "import");
    std::vector<double> city_weights, industry_weights;
    for (const City& c : Cities()) city_weights.push_back(c.weight);
    for (const Industry& i : Industries()) industry_weights.push_back(i.weight);
    WeightedIndex city_index(city_weights), industry_index(industry_weights);
    const std::vector<Option> levels = {{"a", 10}, {"b", 35}, {"c", 55}};
    const std::vector<Option> sources = {{"referral", 20}, {"website", 20}, {"exhibition", 30}, {"cold_call", 30}};
    for (int64_t i = 0; i < rows; ++i) {
        const City& city = Cities()[city_index.Pick(rng)];
        const Industry& industry = Industries()[industry_index.Pick(rng)];
        const char* district = city.districts[rng.Below(city.districts.size())];
        CompanyName name;
        for (int attempt = 0;; ++attempt) {
            name = MakeCompanyName(rng, city, industry, attempt);
            if (names.insert(Rng::Hash(crm::NormalizeCustomerName(name.name))).second) break;
        }
        std::string short_name;
        if (rng.Chance(0.5) && short_names.insert(Rng::Hash(crm::NormalizeCustomerName(name.short_name))).second)
            short_name = name.short_name;
        std::string phone;
        do {
            phone = rng.Chance(0.6) ? MakeMobile(rng) : MakeLandline(rng, city);
        } while (!phones.insert(Rng::Hash(crm::NormalizePhoneKey(phone))).second);
        bool online = rng.Chance(0.3);
        sheet.rows.push_back({
            name.name,
            short_name,
            phone,
            online ? "sales@" + name.domain : "",
            online ? "www." + name.domain : "",
            MakeRegion(city, district),
            MakeAddress(rng, district),
            label("industry", industry.value),
            label("source", PickOption(rng, sources)),
            label("level", PickOption(rng, levels)),
            label("type", "company"),
            label("status", "potential"),
            rng.Chance(0.2) ? MakeCustomerRemark(rng, city) : "",
        });
    }
    std::string bytes = WriteXlsx({sheet});
    std::ofstream(file, std::ios::binary) << bytes;
    return bytes.size();
}

}  // namespace xieli::bench
