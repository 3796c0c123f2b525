#include "records/formula.h"

#include <fmt/format.h>

#include <cctype>

#include "common/error.h"

namespace xieli::records {

namespace {

constexpr size_t kMaxLength = 500;
constexpr int kMaxDepth = 32;

[[noreturn]] void Fail(size_t at, Text message) {
    ThrowValidation({FieldError{
        "formula",
        "invalid",
        {fmt::format("公式第 {} 个字符处：{}", at + 1, message.zh),
         fmt::format("Formula, at character {}: {}", at + 1, message.en)}}});
}

enum class Kind { kNumber, kDate };

struct Operand {
    std::string sql;
    Kind kind;
};

// A recursive-descent parser that emits SQL while it reads.
class Parser {
public:
    Parser(const ObjectMeta& object, std::string_view text) : object_(object), text_(text) {}

    CompiledFormula Parse() {
        Operand e = Expression(0);
        Skip();
        if (pos_ != text_.size()) Fail(pos_, {"多余的内容", "unexpected text"});
        if (e.kind != Kind::kNumber) Fail(0, {"日期只能用在 DAYS(…) 中", "a date can only be used inside DAYS(…)"});
        return {fmt::format("ROUND({}, 2)", e.sql), std::move(fields_)};
    }

private:
    void Skip() {
        while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
    }
    bool Eat(char c) {
        Skip();
        if (pos_ < text_.size() && text_[pos_] == c) return ++pos_, true;
        return false;
    }
    void Expect(char c) {
        if (!Eat(c)) Fail(pos_, {fmt::format("这里应为「{}」", c), fmt::format("'{}' expected here", c)});
    }
    static Operand Number(const Operand& o, size_t at) {
        if (o.kind != Kind::kNumber) Fail(at, {"日期只能用在 DAYS(…) 中", "a date can only be used inside DAYS(…)"});
        return o;
    }

    Operand Expression(int depth) {
        if (depth > kMaxDepth) Fail(pos_, {"嵌套太深", "nested too deeply"});
        size_t at = pos_;
        Operand left = Term(depth);
        for (;;) {
            Skip();
            if (pos_ >= text_.size() || (text_[pos_] != '+' && text_[pos_] != '-')) return left;
            char op = text_[pos_++];
            size_t right_at = pos_;
            Operand right = Number(Term(depth), right_at);
            left = {fmt::format("({} {} {})", Number(left, at).sql, op, right.sql), Kind::kNumber};
        }
    }

    Operand Term(int depth) {
        size_t at = pos_;
        Operand left = Factor(depth);
        for (;;) {
            Skip();
            if (pos_ >= text_.size() || (text_[pos_] != '*' && text_[pos_] != '/')) return left;
            char op = text_[pos_++];
            size_t right_at = pos_;
            Operand right = Number(Factor(depth), right_at);
            // Real division; a division by zero is NULL in SQLite, shown as "no value".
            left = {
                fmt::format(
                    "({} {} {})", Number(left, at).sql, op, op == '/' ? "CAST(" + right.sql + " AS REAL)" : right.sql
                ),
                Kind::kNumber};
        }
    }

    Operand Factor(int depth) {
        Skip();
        if (pos_ >= text_.size()) Fail(pos_, {"公式不完整", "the formula ends too soon"});
        char c = text_[pos_];
        if (c == '(') {
            ++pos_;
            Operand inner = Expression(depth + 1);
            Expect(')');
            return {"(" + inner.sql + ")", inner.kind};
        }
        if (c == '-') {
            size_t at = ++pos_;
            return {"(-" + Number(Factor(depth + 1), at).sql + ")", Kind::kNumber};
        }
        if (std::isdigit(static_cast<unsigned char>(c)) || c == '.') return Literal();
        if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') return NameOrCall(depth);
        Fail(pos_, {fmt::format("不认识的符号「{}」", c), fmt::format("unexpected '{}'", c)});
    }

    Operand Literal() {
        size_t start = pos_;
        bool dot = false;
        while (pos_ < text_.size() &&
               (std::isdigit(static_cast<unsigned char>(text_[pos_])) || (text_[pos_] == '.' && !dot))) {
            dot = dot || text_[pos_] == '.';
            ++pos_;
        }
        std::string digits(text_.substr(start, pos_ - start));
        if (digits == "." || digits.size() > 18) Fail(start, {"数字不正确", "not a valid number"});
        // Rebuilt from the parsed value, so nothing of the text reaches SQL unchecked.
        double value = std::stod(digits);
        return {fmt::format("{:.10g}", value), Kind::kNumber};
    }

    Operand NameOrCall(int depth) {
        size_t start = pos_;
        while (pos_ < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '_')) {
            ++pos_;
        }
        std::string name(text_.substr(start, pos_ - start));
        Skip();
        if (pos_ < text_.size() && text_[pos_] == '(') {
            ++pos_;
            std::string upper;
            for (char ch : name) upper.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(ch))));
            return Call(upper, start, depth);
        }
        const FieldMeta* f = object_.Field(name);
        if (!f) Fail(start, {fmt::format("没有字段「{}」", name), fmt::format("there is no field '{}'", name)});
        fields_.push_back(f->name);
        switch (f->type) {
            case FieldType::kNumber:
            case FieldType::kPercent: return {f->column, Kind::kNumber};
            case FieldType::kCurrency: return {fmt::format("({} / 100.0)", f->column), Kind::kNumber};
            case FieldType::kDate:
            case FieldType::kDatetime: return {f->column, Kind::kDate};
            default:
                Fail(
                    start,
                    {fmt::format("「{}」不是数字、金额、百分比或日期", f->label.zh),
                     fmt::format("{} is not a number, amount, percentage or date", f->label.en)}
                );
        }
    }

    Operand Call(const std::string& fn, size_t at, int depth) {
        if (fn == "DAYS") {
            size_t a_at = pos_;
            Operand a = Expression(depth + 1);
            Expect(',');
            size_t b_at = pos_;
            Operand b = Expression(depth + 1);
            Expect(')');
            if (a.kind != Kind::kDate) Fail(a_at, {"DAYS 需要两个日期", "DAYS takes two dates"});
            if (b.kind != Kind::kDate) Fail(b_at, {"DAYS 需要两个日期", "DAYS takes two dates"});
            return {fmt::format("(julianday({}) - julianday({}))", a.sql, b.sql), Kind::kNumber};
        }
        if (fn == "ABS") {
            size_t x_at = pos_;
            Operand x = Number(Expression(depth + 1), x_at);
            Expect(')');
            return {"abs(" + x.sql + ")", Kind::kNumber};
        }
        if (fn == "ROUND") {
            size_t x_at = pos_;
            Operand x = Number(Expression(depth + 1), x_at);
            int places = 0;
            if (Eat(',')) {
                Skip();
                size_t p_at = pos_;
                if (pos_ >= text_.size() || !std::isdigit(static_cast<unsigned char>(text_[pos_])))
                    Fail(p_at, {"小数位数应为 0–6", "places must be 0–6"});
                places = text_[pos_++] - '0';
                if (places > 6) Fail(p_at, {"小数位数应为 0–6", "places must be 0–6"});
            }
            Expect(')');
            return {fmt::format("round({}, {})", x.sql, places), Kind::kNumber};
        }
        Fail(
            at,
            {fmt::format("不支持的函数「{}」（可用：DAYS、ROUND、ABS）", fn),
             fmt::format("unknown function '{}' (DAYS, ROUND and ABS are available)", fn)}
        );
    }

    const ObjectMeta& object_;
    std::string_view text_;
    size_t pos_ = 0;
    std::vector<std::string> fields_;
};

}  // namespace

CompiledFormula CompileFormula(const ObjectMeta& object, std::string_view text) {
    if (text.empty() || text.size() > kMaxLength) {
        ThrowValidation({FieldError{"formula", "invalid", {"公式应为 1–500 个字符", "A formula is 1–500 characters"}}});
    }
    return Parser(object, text).Parse();
}

}  // namespace xieli::records
