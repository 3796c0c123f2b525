#include "records/actor_mask.h"

namespace xieli::records {

namespace {

// The engine's fields that name who wrote the record last or first.
constexpr std::string_view kActorFields[] = {"created_by", "updated_by"};

}  // namespace

bool ActorMask::HidesValues(std::string_view field) const {
    return hidden_fields.find(field) != hidden_fields.end();
}

bool ActorMask::HidesActor(std::string_view field, std::optional<int64_t> actor) const {
    return HidesValues(field) || (hidden_actor && actor && *actor == *hidden_actor);
}

void ActorMask::Merge(const ActorMask& other) {
    hidden_fields.insert(other.hidden_fields.begin(), other.hidden_fields.end());
    if (other.hidden_actor) hidden_actor = other.hidden_actor;
}

void ActorMask::ApplyTo(json::object& record) const {
    for (const std::string& field : hidden_fields) record.erase(field);
    if (!hidden_actor) return;
    for (std::string_view field : kActorFields) {
        json::value* v = record.if_contains(field);
        if (v && v->is_int64() && v->as_int64() == *hidden_actor) *v = nullptr;
    }
}

}  // namespace xieli::records
