#pragma once

// A bound parameter or a result cell. The store interface speaks only these, so no driver type
// (sqlite3_stmt, PGresult) ever leaves store/.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace xieli::store {

class Value {
public:
    using Variant = std::variant<std::monostate, int64_t, double, std::string>;

    Value() = default;
    Value(std::nullptr_t) {}
    Value(int v) : v_(static_cast<int64_t>(v)) {}
    Value(long v) : v_(static_cast<int64_t>(v)) {}
    Value(long long v) : v_(static_cast<int64_t>(v)) {}
    Value(unsigned v) : v_(static_cast<int64_t>(v)) {}
    Value(bool v) : v_(static_cast<int64_t>(v ? 1 : 0)) {}
    Value(double v) : v_(v) {}
    Value(std::string v) : v_(std::move(v)) {}
    Value(std::string_view v) : v_(std::string(v)) {}
    Value(const char* v) : v_(std::string(v)) {}
    template <typename T>
    Value(const std::optional<T>& v) {
        if (v) *this = Value(*v);
    }

    bool IsNull() const { return std::holds_alternative<std::monostate>(v_); }
    bool IsInt() const { return std::holds_alternative<int64_t>(v_); }
    bool IsDouble() const { return std::holds_alternative<double>(v_); }
    bool IsText() const { return std::holds_alternative<std::string>(v_); }

    // Conversions are lenient the way SQL is: an integer column read as text gives its digits.
    int64_t AsInt() const;
    double AsDouble() const;
    std::string AsText() const;
    bool AsBool() const { return AsInt() != 0; }

    const Variant& variant() const { return v_; }

private:
    Variant v_;
};

}  // namespace xieli::store
