#pragma once

// Reading the first worksheet of an .xlsx workbook (Office Open XML) into rows of cell text. Built
// on zip_archive (zlib) and a small XML scanner, so it needs no library beyond zlib; minizip +
// pugixml could be swapped in behind the same interface.

#include <stdexcept>
#include <string_view>

#include "common/csv.h"

namespace xieli {

class XlsxError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct XlsxLimits {
    size_t max_part_bytes = 16 * 1024 * 1024;  // one inflated XML part
    size_t max_rows = 20000;                   // the last row with a value
    size_t max_columns = 256;                  // cells further right are ignored
};

// True when the bytes start like a ZIP archive (an .xlsx is one).
bool LooksLikeZip(std::string_view bytes);

// The first sheet's cells as text: shared and inline strings as written, numbers as written
// (integral ones in exponent form, e.g. a phone number, as plain digits), booleans TRUE/FALSE.
// Gaps in the sheet become empty cells and rows, so row i of the result is spreadsheet row i + 1.
// Throws XlsxError when the bytes are not a readable workbook or pass the limits.
Table ReadXlsxFirstSheet(std::string_view bytes, const XlsxLimits& limits = {});

}  // namespace xieli
