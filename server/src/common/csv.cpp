#include "common/csv.h"

#include <iconv.h>

#include "common/strings.h"

namespace xieli {

Table ParseCsv(std::string_view text) {
    Table rows;
    std::vector<std::string> row;
    std::string cell;
    bool quoted = false;
    bool cell_started = false;  // distinguishes an empty last line from a line with one empty cell
    for (size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (quoted) {
            if (c == '"') {
                if (i + 1 < text.size() && text[i + 1] == '"') {
                    cell.push_back('"');
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                cell.push_back(c);
            }
            continue;
        }
        if (c == '"' && cell.empty()) {
            quoted = true;
            cell_started = true;
        } else if (c == ',') {
            row.push_back(std::move(cell));
            cell.clear();
            cell_started = true;
        } else if (c == '\r' || c == '\n') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
            if (cell_started || !cell.empty() || !row.empty()) {
                row.push_back(std::move(cell));
                rows.push_back(std::move(row));
            } else {
                rows.emplace_back();  // a blank line still counts as a row, so row numbers match the file
            }
            row.clear();
            cell.clear();
            cell_started = false;
        } else {
            cell.push_back(c);
            cell_started = true;
        }
    }
    if (cell_started || !cell.empty() || !row.empty()) {
        row.push_back(std::move(cell));
        rows.push_back(std::move(row));
    }
    return rows;
}

namespace {

// -12, 3.5, -0.25: a number, not a formula.
bool IsPlainNumber(std::string_view v) {
    if (!v.empty() && v[0] == '-') v.remove_prefix(1);
    size_t dot = v.find('.');
    std::string_view whole = v.substr(0, dot);
    std::string_view frac = dot == std::string_view::npos ? std::string_view() : v.substr(dot + 1);
    auto digits = [](std::string_view s) { return s.find_first_not_of("0123456789") == std::string_view::npos; };
    return !whole.empty() && digits(whole) && digits(frac) && (dot == std::string_view::npos || !frac.empty());
}

}  // namespace

std::string CsvCell(std::string_view value, FormulaGuard guard) {
    std::string v(value);
    if (guard == FormulaGuard::kOn && !v.empty() &&
        (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@' || v[0] == '\t' || v[0] == '\r') &&
        !IsPlainNumber(v)) {
        v.insert(0, "'");
    }
    if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
    std::string out = "\"";
    for (char c : v) {
        if (c == '"') out.push_back('"');
        out.push_back(c);
    }
    out.push_back('"');
    return out;
}

std::string CsvLine(const std::vector<std::string>& cells, FormulaGuard guard) {
    std::string out;
    for (size_t i = 0; i < cells.size(); ++i) {
        if (i > 0) out.push_back(',');
        out += CsvCell(cells[i], guard);
    }
    out += "\r\n";
    return out;
}

std::optional<std::string> DecodeSpreadsheetText(std::string_view bytes) {
    if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
    if (Utf8Length(bytes) >= 0) return std::string(bytes);

    iconv_t cd = iconv_open("UTF-8", "GB18030");
    if (cd == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
    std::string out(bytes.size() * 2 + 16, '\0');
    char* in_ptr = const_cast<char*>(bytes.data());
    size_t in_left = bytes.size();
    char* out_ptr = out.data();
    size_t out_left = out.size();
    size_t rc = iconv(cd, &in_ptr, &in_left, &out_ptr, &out_left);
    iconv_close(cd);
    if (rc == static_cast<size_t>(-1) || in_left != 0) return std::nullopt;
    out.resize(out.size() - out_left);
    if (Utf8Length(out) < 0) return std::nullopt;
    return out;
}

}  // namespace xieli
