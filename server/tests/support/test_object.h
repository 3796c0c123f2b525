#pragma once

// Test support: an object's metadata made by hand, for tests of the records engine that need no
// database schema — the system fields and the given fields, each named as its column and labelled
// with its name; and an enterprise administrator's access (user 1) to read it with.

#include <initializer_list>
#include <string>
#include <utility>

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

inline records::AccessContext AdminAccess() {
    records::AccessContext a;
    a.user_id = 1;
    a.is_admin = true;
    return a;
}

}  // namespace xieli::test_support
