#pragma once

// Bulk import of employees from a spreadsheet: reading the rows and checking each one against the
// enterprise. Pure functions over plain data; UserService::Import does the writing, row by row,
// so a bad row fails alone.
//
// Columns (header row, any order, Chinese or English): 姓名 name, 手机号 phone, 邮箱 email,
// 部门 department (a path such as 销售部/华东大区 that must exist; empty: the root), 职位 position,
// 直属上级 supervisor (the supervisor's phone: an existing user or a row above), 角色 roles (names
// separated by 、 or ,).

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "common/csv.h"
#include "common/error.h"
#include "modules/org/org_repository.h"
#include "modules/org/org_rules.h"

namespace xieli::org {

inline constexpr size_t kMaxImportRows = 1000;

struct ImportRow {
    int row = 0;  // the spreadsheet's row number: the header is row 1
    std::string name;
    std::string phone;
    std::string email;
    std::string department;
    std::string position;
    std::string supervisor;
    std::string roles;
};

// The header cells of the template, in order: 姓名, 手机号, 邮箱, 部门, 职位, 直属上级, 角色.
const std::vector<std::string_view>& ImportHeaders();

// The data rows under the header, blank rows skipped. Throws 422 (details on "file") when there is
// no header with 姓名 and 手机号 or 邮箱, no data row, or more than `max_rows`.
std::vector<ImportRow> ReadImportRows(const Table& table, size_t max_rows = kMaxImportRows);

// What the rows are checked against; rows that were created are added as the import goes on, so
// a later row may name an earlier one as supervisor, and duplicates inside the file are caught.
struct ImportDirectory {
    struct Person {
        int64_t id = 0;
        bool disabled = false;
    };
    std::vector<DepartmentRecord> departments;
    std::vector<std::pair<std::string, int64_t>> roles;  // name → id
    std::map<std::string, Person> by_phone;
    std::set<std::string> emails;

    void Add(const std::string& phone, const std::string& email, int64_t id);
};

struct CheckedRow {
    UserAccount account;             // department, supervisor and roles resolved; status pending
    std::vector<FieldError> errors;  // fields: name, phone, email, department, position, supervisor, roles
};
CheckedRow CheckImportRow(const ImportRow& row, const ImportDirectory& directory);

}  // namespace xieli::org
