#pragma once

// Writing a small .xlsx workbook (templates, exports): text cells only, an optional bold header
// row, column widths, and columns formatted as text so a spreadsheet keeps phone numbers as typed.
// zlib only, like xlsx_reader.

#include <string>
#include <vector>

#include "common/csv.h"

namespace xieli {

inline constexpr const char* kXlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

struct XlsxSheet {
    std::string name;  // at most 31 characters, no []:*?/\ (spreadsheet rules)
    Table rows;
    std::vector<double> column_widths;  // in characters; empty: the default
    std::vector<size_t> text_columns;   // 0-based columns formatted as text (@)
    bool bold_header = true;
};

std::string WriteXlsx(const std::vector<XlsxSheet>& sheets);

}  // namespace xieli
