#include "word_lists.h"

#include <fmt/format.h>

namespace xieli::bench {

namespace {

template <typename T>
const T& PickOf(Rng& rng, const std::vector<T>& items) {
    return items[rng.Below(items.size())];
}

// Syllables Chinese companies choose for their 字号 (trade name), with pinyin for domains.
const std::vector<Syllable>& BrandSyllables() {
    static const std::vector<Syllable> kSyllables = {
        {"华", "hua"},   {"鑫", "xin"},    {"泰", "tai"},   {"达", "da"},    {"恒", "heng"},  {"信", "xin"},
        {"通", "tong"},  {"盛", "sheng"},  {"隆", "long"},  {"宏", "hong"},  {"源", "yuan"},  {"瑞", "rui"},
        {"嘉", "jia"},   {"德", "de"},     {"祥", "xiang"}, {"昌", "chang"}, {"丰", "feng"},  {"兴", "xing"},
        {"联", "lian"},  {"创", "chuang"}, {"智", "zhi"},   {"天", "tian"},  {"宇", "yu"},    {"海", "hai"},
        {"博", "bo"},    {"志", "zhi"},    {"远", "yuan"},  {"新", "xin"},   {"和", "he"},    {"安", "an"},
        {"康", "kang"},  {"顺", "shun"},   {"益", "yi"},    {"润", "run"},   {"美", "mei"},   {"佳", "jia"},
        {"优", "you"},   {"汇", "hui"},    {"中", "zhong"}, {"金", "jin"},   {"银", "yin"},   {"宝", "bao"},
        {"正", "zheng"}, {"诚", "cheng"},  {"合", "he"},    {"明", "ming"},  {"光", "guang"}, {"辉", "hui"},
        {"星", "xing"},  {"云", "yun"},    {"峰", "feng"},  {"晨", "chen"},  {"东", "dong"},  {"方", "fang"},
        {"亚", "ya"},    {"欧", "ou"},     {"锦", "jin"},   {"腾", "teng"},  {"飞", "fei"},   {"越", "yue"},
        {"卓", "zhuo"},  {"凯", "kai"},    {"力", "li"},    {"伟", "wei"},   {"尚", "shang"}, {"易", "yi"},
        {"迅", "xun"},   {"捷", "jie"},    {"众", "zhong"}, {"鼎", "ding"},  {"晟", "sheng"}, {"昊", "hao"},
        {"铭", "ming"},  {"睿", "rui"},    {"思", "si"},    {"锐", "rui"},   {"领", "ling"},  {"航", "hang"},
        {"启", "qi"},    {"蓝", "lan"},    {"青", "qing"},  {"朗", "lang"},  {"逸", "yi"},    {"景", "jing"},
        {"万", "wan"},   {"永", "yong"},   {"长", "chang"}, {"久", "jiu"},   {"福", "fu"},    {"吉", "ji"},
        {"利", "li"},    {"富", "fu"},     {"荣", "rong"},  {"耀", "yao"},   {"弘", "hong"},  {"广", "guang"},
        {"立", "li"},    {"成", "cheng"},  {"泽", "ze"},    {"鸿", "hong"},  {"坤", "kun"},   {"乾", "qian"},
        {"元", "yuan"},  {"骏", "jun"},    {"豪", "hao"},   {"英", "ying"},  {"杰", "jie"},   {"圣", "sheng"},
        {"振", "zhen"},  {"国", "guo"},    {"基", "ji"},    {"泓", "hong"},  {"旭", "xu"},    {"阳", "yang"},
        {"升", "sheng"}, {"讯", "xun"},    {"数", "shu"},   {"贝", "bei"},   {"拓", "tuo"},   {"途", "tu"},
        {"精", "jing"},  {"晶", "jing"},   {"惠", "hui"},   {"普", "pu"},    {"协", "xie"},   {"赛", "sai"},
        {"百", "bai"},   {"千", "qian"},   {"松", "song"},  {"柏", "bai"},   {"竹", "zhu"},   {"梅", "mei"},
        {"兰", "lan"},   {"川", "chuan"},  {"江", "jiang"}, {"河", "he"},    {"山", "shan"},  {"石", "shi"},
        {"林", "lin"},   {"森", "sen"},    {"雅", "ya"},    {"悦", "yue"},   {"乐", "le"},    {"奥", "ao"},
    };
    return kSyllables;
}

struct Surname {
    const char* hanzi;
    const char* pinyin;
    double weight;  // per cent of the population, roughly
};

const std::vector<Surname>& Surnames() {
    static const std::vector<Surname> kSurnames = {
        {"王", "wang", 7.1},  {"李", "li", 7.0},        {"张", "zhang", 6.9},   {"刘", "liu", 5.4},
        {"陈", "chen", 4.5},  {"杨", "yang", 3.1},      {"黄", "huang", 2.2},   {"赵", "zhao", 2.0},
        {"吴", "wu", 2.0},    {"周", "zhou", 1.9},      {"徐", "xu", 1.5},      {"孙", "sun", 1.5},
        {"马", "ma", 1.4},    {"朱", "zhu", 1.3},       {"胡", "hu", 1.3},      {"郭", "guo", 1.2},
        {"何", "he", 1.2},    {"高", "gao", 1.1},       {"林", "lin", 1.1},     {"罗", "luo", 1.1},
        {"郑", "zheng", 1.0}, {"梁", "liang", 1.0},     {"谢", "xie", 0.8},     {"宋", "song", 0.8},
        {"唐", "tang", 0.8},  {"许", "xu", 0.7},        {"韩", "han", 0.7},     {"冯", "feng", 0.7},
        {"邓", "deng", 0.7},  {"曹", "cao", 0.7},       {"彭", "peng", 0.6},    {"曾", "zeng", 0.6},
        {"肖", "xiao", 0.6},  {"田", "tian", 0.6},      {"董", "dong", 0.5},    {"袁", "yuan", 0.5},
        {"潘", "pan", 0.5},   {"于", "yu", 0.5},        {"蒋", "jiang", 0.5},   {"蔡", "cai", 0.5},
        {"余", "yu", 0.5},    {"杜", "du", 0.5},        {"叶", "ye", 0.4},      {"程", "cheng", 0.4},
        {"苏", "su", 0.4},    {"魏", "wei", 0.4},       {"吕", "lv", 0.4},      {"丁", "ding", 0.4},
        {"任", "ren", 0.4},   {"沈", "shen", 0.4},      {"姚", "yao", 0.3},     {"卢", "lu", 0.3},
        {"姜", "jiang", 0.3}, {"崔", "cui", 0.3},       {"钟", "zhong", 0.3},   {"谭", "tan", 0.3},
        {"陆", "lu", 0.3},    {"汪", "wang", 0.3},      {"范", "fan", 0.3},     {"金", "jin", 0.3},
        {"石", "shi", 0.3},   {"廖", "liao", 0.3},      {"贾", "jia", 0.3},     {"夏", "xia", 0.3},
        {"韦", "wei", 0.2},   {"付", "fu", 0.2},        {"方", "fang", 0.2},    {"白", "bai", 0.2},
        {"邹", "zou", 0.2},   {"孟", "meng", 0.2},      {"熊", "xiong", 0.2},   {"秦", "qin", 0.2},
        {"邱", "qiu", 0.2},   {"江", "jiang", 0.2},     {"尹", "yin", 0.2},     {"薛", "xue", 0.2},
        {"闫", "yan", 0.2},   {"段", "duan", 0.2},      {"雷", "lei", 0.2},     {"侯", "hou", 0.2},
        {"龙", "long", 0.2},  {"史", "shi", 0.2},       {"陶", "tao", 0.2},     {"黎", "li", 0.2},
        {"贺", "he", 0.2},    {"顾", "gu", 0.2},        {"毛", "mao", 0.2},     {"郝", "hao", 0.2},
        {"龚", "gong", 0.2},  {"邵", "shao", 0.2},      {"万", "wan", 0.2},     {"钱", "qian", 0.2},
        {"严", "yan", 0.2},   {"欧阳", "ouyang", 0.05}, {"司马", "sima", 0.02}, {"诸葛", "zhuge", 0.01},
    };
    return kSurnames;
}

const std::vector<const char*>& MaleGiven() {
    static const std::vector<const char*> kChars = {
        "伟", "强", "磊", "军", "勇", "杰", "涛", "明", "超", "刚", "平", "辉", "鹏", "华", "飞", "鑫",
        "波", "斌", "宇", "浩", "凯", "健", "俊", "帆", "帅", "旭", "宁", "龙", "林", "峰", "亮", "成",
        "建", "国", "志", "文", "海", "洋", "东", "晨", "阳", "博", "瑞", "鸣", "翔", "泽", "睿", "轩",
    };
    return kChars;
}

const std::vector<const char*>& FemaleGiven() {
    static const std::vector<const char*> kChars = {
        "芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "燕", "玲", "婷", "雪", "慧", "颖", "琳", "晶",
        "洁", "倩", "莉", "萍", "红", "梅", "兰", "琴", "云", "月", "欣", "悦", "怡", "佳", "雯", "蕾",
        "薇", "璐", "嘉", "诗", "思", "雨", "晓", "秀", "英", "桂", "春", "丹", "蓉", "洁",
    };
    return kChars;
}

const std::vector<const char*>& Roads() {
    static const std::vector<const char*> kRoads = {
        "科技园路", "人民路",   "中山路", "解放路",   "建设路", "和平路",   "新华路",   "长江路",
        "黄河路",   "高新大道", "创业路", "工业园路", "学府路", "滨海大道", "世纪大道", "金融街",
        "商务大道", "软件园路", "文化路", "东风路",   "朝阳路", "青年路",   "迎宾大道", "开发区大道",
    };
    return kRoads;
}

}  // namespace

const std::vector<City>& Cities() {
    // Weights follow where Chinese SMEs are: the coast and the big inland capitals.
    static const std::vector<City> kCities = {
        {"北京市",
         "北京市",
         "北京",
         "华北",
         "010",
         39.90,
         116.40,
         10,
         {"朝阳区", "海淀区", "东城区", "西城区", "丰台区", "通州区", "大兴区", "昌平区"}},
        {"天津市", "天津市", "天津", "华北", "022", 39.13, 117.20, 3, {"和平区", "河西区", "南开区", "滨海新区"}},
        {"河北省", "石家庄市", "石家庄", "华北", "0311", 38.04, 114.51, 2, {"长安区", "桥西区", "新华区", "裕华区"}},
        {"山西省", "太原市", "太原", "华北", "0351", 37.87, 112.55, 1, {"小店区", "迎泽区", "杏花岭区"}},
        {"内蒙古自治区", "呼和浩特市", "呼和浩特", "华北", "0471", 40.84, 111.75, 1, {"新城区", "回民区", "赛罕区"}},
        {"上海市",
         "上海市",
         "上海",
         "华东",
         "021",
         31.23,
         121.47,
         10,
         {"浦东新区", "徐汇区", "静安区", "黄浦区", "长宁区", "闵行区", "杨浦区", "嘉定区"}},
        {"浙江省",
         "杭州市",
         "杭州",
         "华东",
         "0571",
         30.27,
         120.15,
         7,
         {"西湖区", "上城区", "拱墅区", "滨江区", "余杭区", "萧山区"}},
        {"浙江省", "宁波市", "宁波", "华东", "0574", 29.87, 121.54, 3, {"海曙区", "江北区", "鄞州区", "北仑区"}},
        {"浙江省", "温州市", "温州", "华东", "0577", 28.00, 120.67, 2, {"鹿城区", "龙湾区", "瓯海区"}},
        {"江苏省",
         "南京市",
         "南京",
         "华东",
         "025",
         32.06,
         118.80,
         5,
         {"玄武区", "秦淮区", "鼓楼区", "建邺区", "江宁区"}},
        {"江苏省",
         "苏州市",
         "苏州",
         "华东",
         "0512",
         31.30,
         120.58,
         6,
         {"姑苏区", "吴中区", "相城区", "虎丘区", "吴江区"}},
        {"江苏省", "无锡市", "无锡", "华东", "0510", 31.49, 120.31, 3, {"梁溪区", "滨湖区", "新吴区"}},
        {"山东省", "济南市", "济南", "华东", "0531", 36.65, 117.12, 3, {"历下区", "市中区", "槐荫区", "历城区"}},
        {"山东省",
         "青岛市",
         "青岛",
         "华东",
         "0532",
         36.07,
         120.38,
         4,
         {"市南区", "市北区", "黄岛区", "崂山区", "城阳区"}},
        {"安徽省", "合肥市", "合肥", "华东", "0551", 31.82, 117.23, 3, {"蜀山区", "包河区", "庐阳区", "瑶海区"}},
        {"福建省", "福州市", "福州", "华东", "0591", 26.07, 119.30, 2, {"鼓楼区", "台江区", "仓山区"}},
        {"福建省", "厦门市", "厦门", "华东", "0592", 24.48, 118.09, 3, {"思明区", "湖里区", "集美区"}},
        {"江西省", "南昌市", "南昌", "华东", "0791", 28.68, 115.86, 2, {"东湖区", "西湖区", "青山湖区", "红谷滩区"}},
        {"广东省",
         "广州市",
         "广州",
         "华南",
         "020",
         23.13,
         113.26,
         8,
         {"天河区", "越秀区", "海珠区", "白云区", "番禺区", "黄埔区"}},
        {"广东省",
         "深圳市",
         "深圳",
         "华南",
         "0755",
         22.54,
         114.06,
         9,
         {"南山区", "福田区", "罗湖区", "宝安区", "龙岗区", "龙华区"}},
        {"广东省", "东莞市", "东莞", "华南", "0769", 23.02, 113.75, 4, {"南城街道", "东城街道", "长安镇", "虎门镇"}},
        {"广东省", "佛山市", "佛山", "华南", "0757", 23.02, 113.12, 3, {"禅城区", "南海区", "顺德区"}},
        {"广西壮族自治区", "南宁市", "南宁", "华南", "0771", 22.82, 108.37, 1, {"青秀区", "兴宁区", "西乡塘区"}},
        {"海南省", "海口市", "海口", "华南", "0898", 20.04, 110.20, 1, {"龙华区", "美兰区"}},
        {"湖北省",
         "武汉市",
         "武汉",
         "华中",
         "027",
         30.59,
         114.31,
         5,
         {"江岸区", "江汉区", "武昌区", "洪山区", "汉阳区"}},
        {"湖南省",
         "长沙市",
         "长沙",
         "华中",
         "0731",
         28.23,
         112.94,
         4,
         {"芙蓉区", "天心区", "岳麓区", "开福区", "雨花区"}},
        {"河南省", "郑州市", "郑州", "华中", "0371", 34.75, 113.63, 4, {"中原区", "二七区", "金水区", "管城回族区"}},
        {"四川省",
         "成都市",
         "成都",
         "西南",
         "028",
         30.57,
         104.07,
         6,
         {"锦江区", "青羊区", "武侯区", "成华区", "金牛区", "双流区"}},
        {"重庆市",
         "重庆市",
         "重庆",
         "西南",
         "023",
         29.56,
         106.55,
         4,
         {"渝中区", "江北区", "南岸区", "渝北区", "九龙坡区"}},
        {"云南省", "昆明市", "昆明", "西南", "0871", 25.04, 102.71, 2, {"五华区", "盘龙区", "官渡区"}},
        {"贵州省", "贵阳市", "贵阳", "西南", "0851", 26.65, 106.63, 1, {"南明区", "云岩区", "观山湖区"}},
        {"陕西省", "西安市", "西安", "西北", "029", 34.34, 108.94, 4, {"新城区", "碑林区", "雁塔区", "未央区"}},
        {"甘肃省", "兰州市", "兰州", "西北", "0931", 36.06, 103.83, 1, {"城关区", "七里河区"}},
        {"新疆维吾尔自治区", "乌鲁木齐市", "乌鲁木齐", "西北", "0991", 43.83, 87.62, 1, {"天山区", "沙依巴克区"}},
        {"辽宁省", "沈阳市", "沈阳", "东北", "024", 41.80, 123.43, 2, {"和平区", "沈河区", "皇姑区", "铁西区"}},
        {"辽宁省", "大连市", "大连", "东北", "0411", 38.91, 121.61, 2, {"中山区", "西岗区", "沙河口区", "甘井子区"}},
        {"吉林省", "长春市", "长春", "东北", "0431", 43.82, 125.32, 1, {"朝阳区", "南关区", "宽城区"}},
        {"黑龙江省", "哈尔滨市", "哈尔滨", "东北", "0451", 45.80, 126.53, 1, {"道里区", "南岗区", "香坊区"}},
    };
    return kCities;
}

const std::vector<Industry>& Industries() {
    static const std::vector<Industry> kIndustries = {
        {"it", 18, {"科技", "信息技术", "网络科技", "软件", "数据科技", "智能科技", "云计算", "信息系统"}},
        {"manufacturing",
         20,
         {"机械",
          "电子",
          "精密制造",
          "实业",
          "新材料",
          "机电设备",
          "汽车零部件",
          "五金制品",
          "塑胶制品",
          "自动化设备"}},
        {"finance", 5, {"投资", "资产管理", "融资租赁", "保险代理", "商业保理", "投资管理"}},
        {"retail", 15, {"商贸", "贸易", "百货", "电子商务", "食品", "日用品", "服饰"}},
        {"education", 6, {"教育科技", "培训学校", "文化传播", "教育咨询"}},
        {"healthcare", 7, {"医疗器械", "生物科技", "医药", "健康管理", "医疗科技", "制药"}},
        {"real_estate", 8, {"置业", "建筑工程", "装饰工程", "房地产开发", "建设", "物业管理"}},
        {"logistics", 6, {"物流", "供应链管理", "运输", "仓储服务", "货运代理", "国际物流"}},
        {"services", 10, {"企业管理咨询", "人力资源", "广告", "会展服务", "知识产权代理", "财务咨询", "信息咨询"}},
        // State-owned companies and public institutions.
        {"government", 2, {"城市建设投资", "国有资产经营", "产业投资发展", "水务", "交通投资", "公共资源交易"}},
        {"other", 3, {"农业科技", "环保科技", "能源", "餐饮管理", "酒店管理", "文化传媒"}},
    };
    return kIndustries;
}

CompanyName MakeCompanyName(Rng& rng, const City& city, const Industry& industry, int attempt) {
    const auto& syllables = BrandSyllables();
    const Syllable& a = PickOf(rng, syllables);
    const Syllable* b = &PickOf(rng, syllables);
    while (b->hanzi == a.hanzi) b = &PickOf(rng, syllables);
    CompanyName out;
    out.brand = std::string(a.hanzi) + b->hanzi;
    std::string pinyin = std::string(a.pinyin) + b->pinyin;
    // A third syllable makes room when the two-syllable names of a city run out.
    if (attempt > 2 || rng.Chance(0.05)) {
        const Syllable& c = PickOf(rng, syllables);
        out.brand += c.hanzi;
        pinyin += c.pinyin;
    }
    std::string word = PickOf(rng, industry.words);
    out.word = word;
    // 华信科技, 华信物流; a long industry word makes a short name of the place instead: 深圳华信.
    out.short_name = word.size() <= 3 * 3 ? out.brand + word : std::string(city.short_name) + out.brand;
    static const char* kTlds[] = {".com", ".com.cn", ".cn", ".net"};
    out.domain = pinyin + kTlds[rng.Below(4)];
    std::string place = city.short_name;
    if (std::string_view(industry.value) == "government") {
        out.name = rng.Chance(0.5) ? fmt::format("{}市{}{}集团有限公司", place, out.brand, word)
                                   : fmt::format("{}{}{}有限公司", place, out.brand, word);
        return out;
    }
    double form = rng.Unit();
    if (form < 0.55)
        out.name = fmt::format("{}{}{}有限公司", place, out.brand, word);
    else if (form < 0.72)
        out.name = fmt::format("{}市{}{}有限公司", place, out.brand, word);
    else if (form < 0.82)
        out.name = fmt::format("{}{}（{}）有限公司", out.brand, word, place);
    else if (form < 0.90)
        out.name = fmt::format("{}{}{}股份有限公司", place, out.brand, word);
    else if (form < 0.96)
        out.name = fmt::format("{}{}{}集团有限公司", place, out.brand, word);
    else
        out.name = fmt::format("{}{}{}有限责任公司", place, out.brand, word);
    return out;
}

PersonName MakePersonName(Rng& rng) {
    static const WeightedIndex kSurnameIndex = [] {
        std::vector<double> w;
        for (const Surname& s : Surnames()) w.push_back(s.weight);
        return WeightedIndex(w);
    }();
    const Surname& s = Surnames()[kSurnameIndex.Pick(rng)];
    PersonName p;
    p.female = rng.Chance(0.45);
    const auto& given = p.female ? FemaleGiven() : MaleGiven();
    p.name = s.hanzi;
    p.name += PickOf(rng, given);
    if (rng.Chance(0.65)) p.name += PickOf(rng, given);
    p.pinyin = s.pinyin;
    return p;
}

std::string MakeMobile(Rng& rng) {
    static const char* kPrefixes[] = {"130", "131", "132", "133", "135", "136", "137", "138", "139",
                                      "150", "151", "152", "155", "156", "157", "158", "159", "180",
                                      "181", "182", "183", "185", "186", "187", "188", "189"};
    return fmt::format("{}{:08}", kPrefixes[rng.Below(std::size(kPrefixes))], rng.Below(100000000));
}

std::string MakeLandline(Rng& rng, const City& city) {
    return fmt::format("{}-{}{:07}", city.area_code, rng.Between(2, 8), rng.Below(10000000));
}

std::string MakeAddress(Rng& rng, const char* district) {
    std::string road = PickOf(rng, Roads());
    int64_t number = rng.Between(1, 999);
    double form = rng.Unit();
    if (form < 0.4)
        return fmt::format("{}{}{}号{}栋{}室", district, road, number, rng.Between(1, 12), rng.Between(101, 2808));
    if (form < 0.7) {
        const auto& syllables = BrandSyllables();
        return fmt::format(
            "{}{}{}号{}{}大厦{}层",
            district,
            road,
            number,
            PickOf(rng, syllables).hanzi,
            PickOf(rng, syllables).hanzi,
            rng.Between(2, 38)
        );
    }
    return fmt::format("{}{}{}号", district, road, number);
}

std::string MakeRegion(const City& city, const char* district) {
    return fmt::format("{}/{}/{}", city.province, city.city, district);
}

const std::vector<const char*>& ContactTitles() {
    static const std::vector<const char*> kTitles = {
        "总经理",
        "副总经理",
        "董事长",
        "采购经理",
        "采购专员",
        "技术总监",
        "IT经理",
        "财务经理",
        "财务总监",
        "行政主管",
        "运营总监",
        "销售总监",
        "项目经理",
        "人事经理",
        "市场经理",
        "办公室主任",
    };
    return kTitles;
}

const std::vector<const char*>& Products() {
    static const std::vector<const char*> kProducts = {
        "CRM系统",
        "ERP软件",
        "办公设备",
        "云服务器",
        "数据中台",
        "工业传感器",
        "年度维保服务",
        "智能门禁系统",
        "视频会议终端",
        "安全网关",
        "财务软件",
        "仓储管理系统",
        "员工培训课程",
        "定制开发服务",
        "网络设备",
        "打印耗材",
        "生产线改造",
        "物流配送服务",
    };
    return kProducts;
}

std::string MakeFollowupContent(Rng& rng, const std::string& contact, const char* product) {
    static const char* kConcerns[] = {
        "价格偏高", "交付周期", "售后服务", "系统稳定性", "数据安全", "付款方式", "培训支持", "与现有系统的对接"};
    static const char* kWhen[] = {"下周一", "下周三", "月底", "三天后", "下个月初", "节后", "本周五"};
    static const char* kFeedback[] = {
        "整体满意，希望增加报表功能",
        "反映响应速度慢，已转技术支持",
        "计划明年续约并扩容",
        "对服务很满意，愿意介绍同行客户",
        "提出两个使用问题，已现场解决"};
    const char* concern = kConcerns[rng.Below(std::size(kConcerns))];
    const char* when = kWhen[rng.Below(std::size(kWhen))];
    switch (rng.Below(8)) {
        case 0: return fmt::format("电话沟通{}的采购需求，{}比较关注{}，约{}再联系。", product, contact, concern, when);
        case 1: return fmt::format("上门拜访{}，演示了{}，客户对{}有疑问，需要补充资料。", contact, product, concern);
        case 2: return fmt::format("微信发送了{}的报价单，{}反馈{}，需要内部再讨论。", product, contact, concern);
        case 3: return fmt::format("客户来电咨询{}的实施周期，已安排技术人员对接，{}跟进方案。", product, when);
        case 4: return fmt::format("参加客户内部评审会，介绍{}方案，另有两家供应商在竞争。", product);
        case 5: return fmt::format("邮件发送合同草稿，等待客户法务审核，预计{}给回复。", when);
        case 6: return fmt::format("回访{}的使用情况，{}。", product, kFeedback[rng.Below(std::size(kFeedback))]);
        default:
            return fmt::format(
                "客户预算约{}万元，决策人是{}，计划下季度启动{}项目。", rng.Between(5, 300), contact, product
            );
    }
}

std::string MakeOpportunityName(Rng& rng, const std::string& brand, const char* product, int year) {
    switch (rng.Below(4)) {
        case 0: return fmt::format("{}{}采购项目", brand, product);
        case 1: return fmt::format("{}{}年{}项目", brand, year, product);
        case 2: return fmt::format("{}{}扩容", brand, product);
        default: return fmt::format("{}{}升级改造", brand, product);
    }
}

std::string MakeCustomerRemark(Rng& rng, const City& city) {
    switch (rng.Below(4)) {
        case 0: return fmt::format("{}本地企业，年营收约{}亿元。", city.short_name, rng.Between(1, 50));
        case 1: return fmt::format("员工约{}人，有{}个分支机构。", rng.Between(20, 5000), rng.Between(1, 12));
        case 2: return "老客户介绍，关系较好，注意维护。";
        default: return "需要定期回访，年底有采购计划。";
    }
}

const char* PickOption(Rng& rng, const std::vector<Option>& options) {
    double sum = 0;
    for (const Option& o : options) sum += o.weight;
    double x = rng.Unit() * sum;
    for (const Option& o : options) {
        if ((x -= o.weight) < 0) return o.value;
    }
    return options.back().value;
}

}  // namespace xieli::bench
