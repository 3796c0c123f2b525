#pragma once

// Test support: an object's metadata made by hand, for tests of the records engine that need no
// database schema — the system fields and the given fields, each named as its column and labelled
// with its name; a custom object and custom fields as an administrator would add them, to give to
// CreateObjectTable and AddFieldColumn; and an enterprise administrator's access (user 1) to read
// it with.

#include <initializer_list>
#include <string>
#include <utility>

#include "common/text.h"
#include "records/access.h"
#include "records/metadata.h"

namespace xieli::test_support {

struct TestFieldSpec {
    const char* name;
    records::FieldType type;
    bool unique = false;
};

inline records::ObjectMeta TestObject(
    const std::string& name, const std::string& table, std::initializer_list<TestFieldSpec> fields
) {
    records::ObjectMeta o;
    o.name = name;
    o.table = table;
    o.fields = records::SystemFields();
    for (const TestFieldSpec& spec : fields) {
        records::FieldMeta f;
        f.name = f.column = spec.name;
        f.type = spec.type;
        f.unique = spec.unique;
        f.label = {spec.name, spec.name};
        o.fields.push_back(std::move(f));
    }
    return o;
}

// A custom object as POST /meta/objects makes it, before CreateObjectTable adds the system fields:
// only its searchable text field `name` (名称 / Name).
inline records::ObjectMeta NamedCustomObject(const std::string& name, const std::string& table, Text label) {
    records::ObjectMeta o;
    o.name = name;
    o.table = table;
    o.label = std::move(label);
    o.is_custom = true;
    records::FieldMeta name_field;
    name_field.name = name_field.column = "name";
    name_field.label = {"名称", "Name"};
    name_field.searchable = true;
    o.fields = {std::move(name_field)};
    return o;
}

// A custom text field named as its column, to add with AddFieldColumn; set the rest on the result.
inline records::FieldMeta CustomField(const std::string& name, Text label) {
    records::FieldMeta f;
    f.name = f.column = name;
    f.label = std::move(label);
    f.is_custom = true;
    return f;
}

inline records::AccessContext AdminAccess() {
    records::AccessContext a;
    a.user_id = 1;
    a.is_admin = true;
    return a;
}

}  // namespace xieli::test_support
