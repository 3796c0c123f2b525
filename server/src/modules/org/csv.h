#pragma once

// CSV as spreadsheets write it (RFC 4180): comma-separated, fields in double quotes may hold
// commas, quotes ("") and line breaks; CRLF or LF line ends. Kept here until the import/export
// module gives it a shared home.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace xieli::org {

using Table = std::vector<std::vector<std::string>>;

// Rows of cells. An unterminated quote runs to the end of the text (never throws).
Table ParseCsv(std::string_view text);

// One cell, quoted when it needs to be. Cells that a spreadsheet would run as a formula
// (=, +, -, @ first) get a leading apostrophe.
std::string CsvCell(std::string_view value);
std::string CsvLine(const std::vector<std::string>& cells);

// An uploaded text file as UTF-8: a UTF-8 byte-order mark is dropped; text that is not valid
// UTF-8 is read as GB18030 (a superset of GBK, what Excel on Chinese Windows saves "CSV" as).
// nullopt when it is neither.
std::optional<std::string> DecodeSpreadsheetText(std::string_view bytes);

}  // namespace xieli::org
