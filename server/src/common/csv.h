#pragma once

// CSV as spreadsheets write it (RFC 4180): comma-separated, fields in double quotes may hold
// commas, quotes ("") and line breaks; CRLF or LF line ends. Shared by the employee import
// (modules/org) and the record import/export (modules/data_io).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace xieli {

using Table = std::vector<std::vector<std::string>>;

// Rows of cells. An unterminated quote runs to the end of the text (never throws).
Table ParseCsv(std::string_view text);

// Whether cells a spreadsheet would run as a formula are defused (files people open) or kept as
// they are (files only this server reads back).
enum class FormulaGuard { kOn, kOff };

// One cell, quoted when it needs to be. With the guard, a cell that a spreadsheet would run as a
// formula (=, +, -, @, tab or carriage return first) gets a leading apostrophe — except a plain
// number such as -12.50, which no spreadsheet runs.
std::string CsvCell(std::string_view value, FormulaGuard guard = FormulaGuard::kOn);
// The cells as one line, CRLF-terminated.
std::string CsvLine(const std::vector<std::string>& cells, FormulaGuard guard = FormulaGuard::kOn);

// An uploaded text file as UTF-8: a UTF-8 byte-order mark is dropped; text that is not valid
// UTF-8 is read as GB18030 (a superset of GBK, what Excel on Chinese Windows saves "CSV" as).
// nullopt when it is neither.
std::optional<std::string> DecodeSpreadsheetText(std::string_view bytes);

}  // namespace xieli
