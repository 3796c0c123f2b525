#include "store/value.h"

#include <fmt/format.h>

#include <cmath>
#include <cstdlib>

namespace xieli::store {

int64_t Value::AsInt() const {
    if (auto p = std::get_if<int64_t>(&v_)) return *p;
    if (auto p = std::get_if<double>(&v_)) return static_cast<int64_t>(std::llround(*p));
    if (auto p = std::get_if<std::string>(&v_)) return std::strtoll(p->c_str(), nullptr, 10);
    return 0;
}

double Value::AsDouble() const {
    if (auto p = std::get_if<double>(&v_)) return *p;
    if (auto p = std::get_if<int64_t>(&v_)) return static_cast<double>(*p);
    if (auto p = std::get_if<std::string>(&v_)) return std::strtod(p->c_str(), nullptr);
    return 0;
}

std::string Value::AsText() const {
    if (auto p = std::get_if<std::string>(&v_)) return *p;
    if (auto p = std::get_if<int64_t>(&v_)) return std::to_string(*p);
    if (auto p = std::get_if<double>(&v_)) return fmt::format("{}", *p);
    return {};
}

}  // namespace xieli::store
