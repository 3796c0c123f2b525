#include "common/text.h"

#include <cctype>
#include <cstdlib>
#include <string>

namespace xieli {

namespace {

std::string_view Trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

bool StartsWithNoCase(std::string_view s, std::string_view prefix) {
    if (s.size() < prefix.size()) return false;
    for (size_t i = 0; i < prefix.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(s[i])) != prefix[i]) return false;
    }
    return true;
}

}  // namespace

Lang LangFromAcceptLanguage(std::string_view header) {
    // Walk "en-US,en;q=0.9,zh;q=0.8" and keep the best-weighted of zh and en.
    double best_zh = -1, best_en = -1;
    size_t pos = 0;
    while (pos <= header.size()) {
        size_t comma = header.find(',', pos);
        std::string_view item = Trim(header.substr(pos, comma == std::string_view::npos ? header.npos : comma - pos));
        double q = 1.0;
        if (size_t semi = item.find(';'); semi != std::string_view::npos) {
            std::string_view param = Trim(item.substr(semi + 1));
            if (StartsWithNoCase(param, "q=")) q = std::atof(std::string(param.substr(2)).c_str());
            item = Trim(item.substr(0, semi));
        }
        if (StartsWithNoCase(item, "zh") && q > best_zh) best_zh = q;
        if (StartsWithNoCase(item, "en") && q > best_en) best_en = q;
        if (comma == std::string_view::npos) break;
        pos = comma + 1;
    }
    return best_en > best_zh ? Lang::kEn : Lang::kZh;
}

}  // namespace xieli
