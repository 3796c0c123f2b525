#pragma once

// Formula fields (计算字段): arithmetic on the record's numbers, money and percentages, and the
// difference of two dates in days, e.g.
//     amount * win_probability / 100
//     DAYS(expected_close_date, created_at)
//     ROUND((price - cost) / price * 100, 1)
// A formula reads only its own record, so its value changes only when the record does: it is
// computed in SQL on every write and stored in a real column, which makes it sortable, filterable
// and indexable like any number. Field names become columns only after a metadata lookup; numbers
// are bound as literals the parser produced, never copied from the text.

#include <string>
#include <string_view>
#include <vector>

#include "records/metadata.h"

namespace xieli::records {

struct CompiledFormula {
    std::string sql;                  // an expression over the table's columns, rounded to 2 places
    std::vector<std::string> fields;  // the fields it reads
};

// Throws a 422 (field "formula") that says what is wrong and where: an unknown field, a field of
// the wrong type, a syntax error.
CompiledFormula CompileFormula(const ObjectMeta& object, std::string_view text);

}  // namespace xieli::records
