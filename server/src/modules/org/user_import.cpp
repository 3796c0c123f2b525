#include "modules/org/user_import.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "common/strings.h"

namespace xieli::org {

namespace {

enum class Column { kName, kPhone, kEmail, kDepartment, kPosition, kSupervisor, kRoles };

struct Alias {
    Column column;
    std::string_view text;
};

constexpr Alias kAliases[] = {
    {Column::kName, "姓名"},
    {Column::kName, "name"},
    {Column::kPhone, "手机号"},
    {Column::kPhone, "手机"},
    {Column::kPhone, "手机号码"},
    {Column::kPhone, "phone"},
    {Column::kPhone, "mobile"},
    {Column::kEmail, "邮箱"},
    {Column::kEmail, "电子邮箱"},
    {Column::kEmail, "email"},
    {Column::kEmail, "e-mail"},
    {Column::kDepartment, "部门"},
    {Column::kDepartment, "department"},
    {Column::kPosition, "职位"},
    {Column::kPosition, "职务"},
    {Column::kPosition, "position"},
    {Column::kSupervisor, "直属上级"},
    {Column::kSupervisor, "上级"},
    {Column::kSupervisor, "supervisor"},
    {Column::kRoles, "角色"},
    {Column::kRoles, "roles"},
    {Column::kRoles, "role"},
};

// "*姓名", "部门（如 销售部/华东大区）", " Phone " → the bare name, lower-cased.
std::string HeaderKey(std::string_view cell) {
    std::string s = TrimCopy(cell);
    if (s.starts_with("\xEF\xBB\xBF")) s.erase(0, 3);
    while (!s.empty() && s.front() == '*') s.erase(0, 1);
    for (std::string_view open : {"(", "（"}) {
        size_t p = s.find(open);
        if (p != std::string::npos) s.resize(p);
    }
    return ToLowerAscii(TrimCopy(s));
}

std::optional<Column> ColumnOf(std::string_view cell) {
    std::string key = HeaderKey(cell);
    for (const Alias& a : kAliases) {
        if (key == a.text) return a.column;
    }
    return std::nullopt;
}

[[noreturn]] void FileError(const char* code, Text message) {
    ThrowValidation({FieldError{"file", code, std::move(message)}});
}

bool IsBlank(const std::vector<std::string>& row) {
    for (const std::string& c : row) {
        if (!TrimCopy(c).empty()) return false;
    }
    return true;
}

}  // namespace

const std::vector<std::string_view>& ImportHeaders() {
    static const std::vector<std::string_view> kHeaders = {
        "姓名", "手机号", "邮箱", "部门", "职位", "直属上级", "角色"};
    return kHeaders;
}

std::vector<ImportRow> ReadImportRows(const Table& table, size_t max_rows) {
    size_t header_at = 0;
    while (header_at < table.size() && IsBlank(table[header_at])) ++header_at;
    if (header_at == table.size()) FileError("empty", {"文件中没有数据", "The file has no data"});

    std::map<Column, size_t> index;
    const auto& header = table[header_at];
    for (size_t i = 0; i < header.size(); ++i) {
        if (std::optional<Column> c = ColumnOf(header[i]); c && !index.contains(*c)) index[*c] = i;
    }
    if (!index.contains(Column::kName) || (!index.contains(Column::kPhone) && !index.contains(Column::kEmail))) {
        FileError(
            "bad_header",
            {"第一行应为表头，至少包含「姓名」和「手机号」或「邮箱」列，请使用导入模板",
             "The first row must be the header with at least 姓名 (name) and 手机号 (phone) or 邮箱 (e-mail); use the "
             "import template"}
        );
    }
    auto cell = [&](const std::vector<std::string>& row, Column c) {
        auto it = index.find(c);
        if (it == index.end() || it->second >= row.size()) return std::string();
        return TrimCopy(row[it->second]);
    };

    std::vector<ImportRow> rows;
    for (size_t i = header_at + 1; i < table.size(); ++i) {
        if (IsBlank(table[i])) continue;
        if (rows.size() == max_rows) {
            FileError(
                "too_many_rows",
                {fmt::format("一次最多导入 {} 行，请拆分文件", max_rows),
                 fmt::format("At most {} rows per import; split the file", max_rows)}
            );
        }
        ImportRow r;
        r.row = static_cast<int>(i + 1);
        r.name = cell(table[i], Column::kName);
        r.phone = cell(table[i], Column::kPhone);
        r.email = cell(table[i], Column::kEmail);
        r.department = cell(table[i], Column::kDepartment);
        r.position = cell(table[i], Column::kPosition);
        r.supervisor = cell(table[i], Column::kSupervisor);
        r.roles = cell(table[i], Column::kRoles);
        rows.push_back(std::move(r));
    }
    if (rows.empty()) FileError("empty", {"文件中只有表头，没有员工数据", "The file has a header but no employees"});
    return rows;
}

void ImportDirectory::Add(const std::string& phone, const std::string& email, int64_t id) {
    if (!phone.empty()) by_phone[phone] = Person{id, false};
    if (!email.empty()) emails.insert(email);
}

CheckedRow CheckImportRow(const ImportRow& row, const ImportDirectory& directory) {
    CheckedRow out;
    UserAccount& a = out.account;
    auto fail = [&](const char* field, const char* code, Text message) {
        out.errors.push_back(FieldError{field, code, std::move(message)});
    };

    a.name = row.name;
    std::string name_problem = CheckDisplayName(a.name, 50);
    if (name_problem == "required") {
        fail("name", "required", {"姓名不能为空", "Name is required"});
    } else if (name_problem == "too_long") {
        fail("name", "too_long", {"姓名不能超过 50 个字符", "Name must be at most 50 characters"});
    } else if (!name_problem.empty()) {
        fail("name", "invalid", {"姓名包含无效字符", "Name contains invalid characters"});
    }

    if (!row.phone.empty()) {
        a.phone = NormalizeMobile(row.phone);
        if (a.phone.empty()) {
            fail(
                "phone",
                "invalid",
                {"手机号无效：" + Clip(row.phone, 40), "Not a valid mobile number: " + Clip(row.phone, 40)}
            );
        } else if (directory.by_phone.contains(a.phone)) {
            fail(
                "phone", "duplicate", {"手机号已被使用：" + a.phone, "This mobile number is already used: " + a.phone}
            );
        }
    }
    if (!row.email.empty()) {
        a.email = NormalizeEmail(row.email);
        if (a.email.empty()) {
            fail(
                "email",
                "invalid",
                {"邮箱格式不正确：" + Clip(row.email, 80), "Not a valid e-mail: " + Clip(row.email, 80)}
            );
        } else if (directory.emails.contains(a.email)) {
            fail("email", "duplicate", {"邮箱已被使用：" + a.email, "This e-mail is already used: " + a.email});
        }
    }
    if (row.phone.empty() && row.email.empty()) {
        fail("phone", "required", {"手机号和邮箱至少填写一项", "Enter a mobile number or an e-mail address"});
    }

    if (std::optional<int64_t> d = ResolveDepartmentPath(directory.departments, row.department)) {
        a.main_department_id = *d;
        a.department_ids = {*d};
    } else {
        fail(
            "department",
            "not_found",
            {"部门不存在：" + Clip(row.department, 100) + "（请先在组织架构中创建）",
             "No such department: " + Clip(row.department, 100) + " (create it first)"}
        );
    }

    a.position = row.position;
    std::string position_problem = row.position.empty() ? "" : CheckDisplayName(row.position, 50);
    if (position_problem == "too_long") {
        fail("position", "too_long", {"职位不能超过 50 个字符", "Position must be at most 50 characters"});
    } else if (!position_problem.empty()) {
        fail("position", "invalid", {"职位包含无效字符", "Position contains invalid characters"});
    }

    if (!row.supervisor.empty()) {
        std::string phone = NormalizeMobile(row.supervisor);
        auto it = phone.empty() ? directory.by_phone.end() : directory.by_phone.find(phone);
        if (it == directory.by_phone.end()) {
            fail(
                "supervisor",
                "not_found",
                {"找不到手机号为 " + Clip(row.supervisor, 40) + " 的直属上级（须已存在或在本文件中位于上方）",
                 "No supervisor with mobile number " + Clip(row.supervisor, 40) +
                     " (they must exist or be on a row above)"}
            );
        } else if (it->second.disabled) {
            fail("supervisor", "inactive", {"直属上级已停用", "The supervisor is disabled"});
        } else if (!a.phone.empty() && phone == a.phone) {
            fail("supervisor", "cycle", {"不能把自己设为直属上级", "A person cannot be their own supervisor"});
        } else {
            a.supervisor_id = it->second.id;
        }
    }

    for (const std::string& role_name : SplitNameList(row.roles)) {
        std::optional<int64_t> found;
        for (const auto& [name, id] : directory.roles) {
            if (SameName(name, role_name)) found = id;
        }
        if (!found) {
            fail("roles", "not_found", {"角色不存在：" + Clip(role_name, 50), "No such role: " + Clip(role_name, 50)});
        } else if (std::find(a.role_ids.begin(), a.role_ids.end(), *found) == a.role_ids.end()) {
            a.role_ids.push_back(*found);
        }
    }
    a.status = "pending";
    return out;
}

}  // namespace xieli::org
