#pragma once

#include <string>
#include <string_view>

namespace xieli {

// The languages the product speaks. zh-CN is the default everywhere.
enum class Lang { kZh, kEn };

// Picks the language from an Accept-Language header: English only when it is preferred over Chinese.
Lang LangFromAcceptLanguage(std::string_view header);

// A user-facing sentence in both languages. Messages are written where they arise, in both
// languages at once, so no catalogue can fall out of step with the code.
struct Text {
    std::string zh;
    std::string en;

    const std::string& In(Lang lang) const { return lang == Lang::kEn ? en : zh; }
};

}  // namespace xieli
