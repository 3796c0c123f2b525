#pragma once

// Word lists for realistic Chinese CRM data: cities with their districts and area codes, brand
// syllables, industry words matching the industry picklist, surnames and given names, and the
// phrases follow-ups and opportunities are written with.

#include <string>
#include <string_view>
#include <vector>

#include "random.h"

namespace xieli::bench {

struct City {
    const char* province;    // 广东省
    const char* city;        // 深圳市
    const char* short_name;  // 深圳
    const char* area;        // the sales region that covers it: 华南
    const char* area_code;   // 0755
    double lat, lng;
    double weight;  // share of customers
    std::vector<const char*> districts;
};
const std::vector<City>& Cities();

struct Syllable {
    const char* hanzi;
    const char* pinyin;
};

// Weighted values of a picklist, by option value (records/standard_objects.cpp).
struct Option {
    const char* value;
    double weight;
};

struct Industry {
    const char* value;  // the industry picklist's option
    double weight;
    std::vector<const char*> words;  // what a company of this industry calls itself: 科技, 物流 …
};
const std::vector<Industry>& Industries();

struct CompanyName {
    std::string name;        // 深圳市华信科技有限公司
    std::string short_name;  // 华信科技
    std::string brand;       // 华信
    std::string word;        // 科技: the industry word after the brand
    std::string domain;      // huaxin.com.cn
};
// A company name; `attempt` > 0 after a duplicate, to widen the choice.
CompanyName MakeCompanyName(Rng& rng, const City& city, const Industry& industry, int attempt);

struct PersonName {
    std::string name;
    std::string pinyin;  // of the surname, for e-mail addresses
    bool female = false;
};
PersonName MakePersonName(Rng& rng);

// 11 digits, 13x / 15x / 18x.
std::string MakeMobile(Rng& rng);
// 0755-26881234
std::string MakeLandline(Rng& rng, const City& city);
// 南山区科技园路88号华信大厦12层
std::string MakeAddress(Rng& rng, const char* district);
std::string MakeRegion(const City& city, const char* district);

const std::vector<const char*>& ContactTitles();
const std::vector<const char*>& Products();
std::string MakeFollowupContent(Rng& rng, const std::string& contact, const char* product);
std::string MakeOpportunityName(Rng& rng, const std::string& brand, const char* product, int year);
std::string MakeCustomerRemark(Rng& rng, const City& city);

// A value of `options` by weight.
const char* PickOption(Rng& rng, const std::vector<Option>& options);

}  // namespace xieli::bench
