#include "records/lookup_refs.h"

namespace xieli::records {

std::vector<LookupRef> LookupsTo(const Schema& schema, std::string_view object, bool with_self) {
    std::vector<LookupRef> out;
    for (const auto& [name, o] : schema.objects()) {
        if (!with_self && name == object) continue;
        for (const FieldMeta& f : o.fields) {
            if (f.type == FieldType::kLookup && f.lookup_object == object) out.push_back({&o, &f});
        }
    }
    return out;
}

}  // namespace xieli::records
