#include "modules/sales/rmb_upper.h"

#include <array>
#include <optional>

namespace xieli::sales {

namespace {

constexpr std::array<std::string_view, 10> kDigits = {"零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"};
constexpr std::array<std::string_view, 4> kInGroup = {"", "拾", "佰", "仟"};

bool AllDigits(std::string_view s) {
    for (char c : s) {
        if (c < '0' || c > '9') return false;
    }
    return true;
}

bool AnyNonZero(std::string_view s) {
    return s.find_first_of("123456789") != std::string_view::npos;
}

}  // namespace

std::string RmbUpper(std::string_view amount) {
    while (!amount.empty() && amount.front() == ' ') amount.remove_prefix(1);
    while (!amount.empty() && amount.back() == ' ') amount.remove_suffix(1);
    std::string whole(amount.substr(0, amount.find('.')));
    std::string_view frac = amount.find('.') == std::string_view::npos ? "" : amount.substr(amount.find('.') + 1);
    std::erase(whole, ',');
    if (whole.empty() || whole.size() > 16 || !AllDigits(whole) || frac.size() > 2 || !AllDigits(frac)) return "";
    whole.erase(0, std::min(whole.find_first_not_of('0'), whole.size() - 1));
    const int jiao = frac.size() > 0 ? frac[0] - '0' : 0;
    const int fen = frac.size() > 1 ? frac[1] - '0' : 0;
    const bool has_yuan = whole != "0";
    if (!has_yuan && jiao == 0 && fen == 0) return "零元整";

    std::string out;
    if (has_yuan) {
        const size_t n = whole.size();
        bool zero = false;
        for (size_t i = 0; i < n; ++i) {
            const size_t pos = n - 1 - i;
            const int d = whole[i] - '0';
            if (d == 0) {
                zero = true;
            } else {
                if (zero && !out.empty()) out += "零";
                zero = false;
                out += kDigits[static_cast<size_t>(d)];
                out += kInGroup[pos % 4];
            }
            if (pos % 4 == 0 && pos > 0) {
                std::string_view group = std::string_view(whole).substr(i >= 3 ? i - 3 : 0, i >= 3 ? 4 : i + 1);
                if (AnyNonZero(group)) {
                    const size_t group_index = pos / 4;
                    if (group_index == 1) {
                        out += "万";
                    } else if (group_index == 2) {
                        out += "亿";
                    } else {
                        // 万亿: "亿" too when the 亿 group below is empty.
                        out += AnyNonZero(std::string_view(whole).substr(i + 1, 4)) ? "万" : "万亿";
                    }
                }
            }
        }
        out += "元";
    }
    if (jiao == 0 && fen == 0) return out + "整";
    if (jiao > 0) {
        out += kDigits[static_cast<size_t>(jiao)];
        out += "角";
    } else if (has_yuan) {
        out += "零";
    }
    if (fen > 0) {
        out += kDigits[static_cast<size_t>(fen)];
        out += "分";
    } else {
        out += "整";
    }
    return out;
}

}  // namespace xieli::sales
