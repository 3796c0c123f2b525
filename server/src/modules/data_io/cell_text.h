#pragma once

// Record values as people read and type them in a spreadsheet, both ways. Export turns a value of
// the records engine (its JSON form, with the engine's display label) into cell text; import reads
// cell text back into the JSON the engine takes. Pure functions: names of users, departments and
// lookups are resolved against the database by the import job (import_job.cpp).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/json.h"
#include "common/text.h"
#include "records/metadata.h"

namespace xieli::data_io {

// The cell for `value` (EncodeValue's JSON) of field `f`; `display` is the record's "_display"
// entry for it (user, department and lookup names, picklist labels), or null.
//   select, multiselect  labels (several joined by 、 in Chinese, ", " in English)
//   user, department, lookup  the name
//   currency  "1234.50"; boolean 是/否 (Yes/No); datetime "2026-11-24 09:30:00" China time
//   location  its address, or "lat,lng"
std::string CellText(const records::FieldMeta& f, const json::value& value, const json::value& display, Lang lang);

// "2026-11-24T01:30:00Z" → "2026-11-24 09:30:00" (China Standard Time, UTC+8); other text as is.
std::string LocalDatetimeText(std::string_view utc);

// Import: the text of one cell as typed, for one field.
std::optional<bool> ParseBoolCell(std::string_view text);  // 是/否, true/false, yes/no, y/n, 1/0, √/×
// "1,234.5" → 1234.5; "12%" → 12; nullopt when not a number.
std::optional<double> ParseNumberCell(std::string_view text);
// "¥1,234.5" → "1234.5" for the engine's money parser; spreadsheet noise such as 1234.5000000001
// is rounded to cents. nullopt when not an amount.
std::optional<std::string> ParseMoneyCell(std::string_view text);
// 2026-11-24, 2026/11/24, 2026.11.24, 2026年11月24日, a date with a time, or a spreadsheet day
// number (45620) → "YYYY-MM-DD"; nullopt otherwise.
std::optional<std::string> ParseDateCell(std::string_view text);
// ISO-8601 with an offset as is; "2026-11-24 09:30[:00]" (and the date forms above, with or without a
// time, or a spreadsheet day number with a fraction) as China time → "2026-11-24T09:30:00+08:00".
std::optional<std::string> ParseDatetimeCell(std::string_view text);
// "a、b, c；d" → {"a","b","c","d"}: separators 、 , ， ; ； | and line breaks; empty parts dropped.
std::vector<std::string> SplitListCell(std::string_view text);
// Undoes the CSV formula guard: "'=1+2" → "=1+2" (an apostrophe before = + - @ is dropped).
std::string UnguardCell(std::string_view text);

}  // namespace xieli::data_io
