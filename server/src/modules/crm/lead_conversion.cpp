#include "modules/crm/lead_conversion.h"

#include <fmt/format.h>

#include "common/error.h"
#include "common/strings.h"
#include "modules/crm/crm_common.h"
#include "records/value_codec.h"

namespace xieli::crm {

namespace {

constexpr std::string_view kConverted = "converted";

const json::object* ObjectMember(const json::object& body, std::string_view key, std::vector<FieldError>& errors) {
    const json::value* v = body.if_contains(key);
    if (!v || v->is_null()) return nullptr;
    if (!v->is_object()) {
        errors.push_back(
            {std::string(key), "invalid_type", {"应为字段对象或 null", "must be an object of fields, or null"}}
        );
        return nullptr;
    }
    return &v->get_object();
}

std::optional<int64_t> IdMember(const json::object& body, std::string_view key, std::vector<FieldError>& errors) {
    const json::value* v = body.if_contains(key);
    if (!v || v->is_null()) return std::nullopt;
    if (!v->is_int64() || v->get_int64() <= 0) {
        errors.push_back({std::string(key), "invalid", {"应为记录编号", "must be a record id"}});
        return std::nullopt;
    }
    return v->get_int64();
}

// Creates one part of the conversion; errors name the part ("opportunity.name") so the caller
// knows which form to fix.
int64_t CreatePart(
    records::RecordService& service,
    store::Connection& tx,
    records::RecordScope& s,
    const records::ObjectMeta& object,
    const json::object& body
) {
    try {
        return service.CreateIn(tx, s, object.name, body);
    } catch (const Error& e) {
        std::vector<FieldError> details = e.details();
        for (FieldError& d : details) d.field = object.name + "." + d.field;
        Text message = e.message();
        if (e.code() == ErrorCode::kForbidden) {
            // The engine's 403 does not say which part; the conversion does.
            message = {
                fmt::format("新建{}：{}", object.label.zh, e.message().zh),
                fmt::format("Creating the {}: {}", ToLowerAscii(object.label.en), e.message().en)};
        }
        Error out(e.code(), std::move(message), std::move(details));
        if (!e.extra_json().empty()) out.WithExtraJson(e.extra_json());
        throw out;
    }
}

}  // namespace

ConvertRequest ParseConvertRequest(const json::object& body) {
    ConvertRequest r;
    std::vector<FieldError> errors;
    for (const auto& [key, v] : body) {
        if (key != "customer" && key != "customer_id" && key != "contact" && key != "opportunity" && key != "version") {
            errors.push_back(
                {std::string(key),
                 "unknown_field",
                 {"不是转换的参数（customer、customer_id、contact、opportunity、version）",
                  "is not a conversion member (customer, customer_id, contact, opportunity, version)"}}
            );
        }
    }
    if (const json::object* c = ObjectMember(body, "customer", errors)) r.customer = *c;
    r.customer_id = IdMember(body, "customer_id", errors);
    if (r.customer && r.customer_id) {
        errors.push_back(
            {"customer_id",
             "conflict",
             {"请新建客户或选择已有客户，二者只能选其一",
              "Give either a new customer or an existing customer_id, not both"}}
        );
    }
    if (const json::value* c = body.if_contains("contact")) {
        if (c->is_null()) {
            r.contact = ConvertRequest::Part::kNone;
        } else if (const json::object* fields = ObjectMember(body, "contact", errors)) {
            r.contact = ConvertRequest::Part::kGiven;
            r.contact_fields = *fields;
        }
    }
    if (const json::object* o = ObjectMember(body, "opportunity", errors)) r.opportunity = *o;
    if (const json::value* v = body.if_contains("version"); v && !v->is_null()) {
        if (v->is_int64())
            r.version = v->get_int64();
        else
            errors.push_back({"version", "invalid", {"版本号应为整数", "version must be an integer"}});
    }
    if (!errors.empty()) ThrowValidation(std::move(errors));
    return r;
}

class LeadConversions::Pending {
public:
    Pending(LeadConversions& owner, const store::Connection* tx, Marks marks) : owner_(owner), tx_(tx) {
        std::lock_guard lock(owner_.mutex_);
        owner_.pending_[tx_] = marks;
    }
    ~Pending() {
        std::lock_guard lock(owner_.mutex_);
        owner_.pending_.erase(tx_);
    }
    Pending(const Pending&) = delete;
    Pending& operator=(const Pending&) = delete;

private:
    LeadConversions& owner_;
    const store::Connection* tx_;
};

json::object LeadConversions::Convert(
    records::RecordService& service, records::RecordScope& s, int64_t lead_id, const ConvertRequest& request
) {
    const records::ObjectMeta& lead_o = s.schema->Get("lead");
    const records::ObjectMeta& customer_o = s.schema->Get("customer");
    const records::ObjectMeta& contact_o = s.schema->Get("contact");
    const records::ObjectMeta& opportunity_o = s.schema->Get("opportunity");

    store::Transaction tx = s.db.Write();
    std::optional<Row> lead = ReadScoped(
        *tx,
        s.access,
        lead_o,
        lead_id,
        records::Action::kRead,
        {"name",
         "company",
         "title",
         "mobile",
         "phone",
         "email",
         "source",
         "industry",
         "region",
         "address",
         "converted_at"}
    );
    if (!lead) ThrowRecordNotFound();
    if (!(*lead)["converted_at"].IsNull()) {
        throw Error(ErrorCode::kConflict, {"该线索已转换，不能再次转换", "This lead has already been converted"});
    }
    if (!ReadScoped(*tx, s.access, lead_o, lead_id, records::Action::kUpdate, {})) ThrowForbidden();

    // A lead value the caller can see, as the target field takes it; nothing when the caller may
    // not edit the target field or a picklist lacks the value.
    auto copy = [&](json::object& out, const records::ObjectMeta& target, const char* to, const char* from) {
        const records::FieldMeta* lf = lead_o.Field(from);
        const records::FieldMeta* tf = target.Field(to);
        if (!lf || !tf || !tf->Writable() || out.contains(to)) return;
        if (s.access.FieldAccessFor(lead_o.name, from) == org::FieldAccess::kHidden) return;
        if (s.access.FieldAccessFor(target.name, to) != org::FieldAccess::kEditable) return;
        const store::Value& v = (*lead)[from];
        if (v.IsNull() || v.AsText().empty()) return;
        if (tf->type == records::FieldType::kSelect &&
            !tx->QueryValue(
                "SELECT 1 FROM picklist_options WHERE picklist = ? AND value = ? AND disabled = 0",
                {tf->picklist, v.AsText()}
            )) {
            return;
        }
        out[to] = records::EncodeValue(*lf, v);
    };
    auto overlay = [](json::object& out, const json::object& given) {
        for (const auto& [k, v] : given) out[k] = v;
    };

    Marks marks;
    marks.lead_id = lead_id;
    if (request.customer_id) {
        if (!ReadScoped(*tx, s.access, customer_o, *request.customer_id, records::Action::kRead, {})) {
            throw Error(ErrorCode::kNotFound, {"客户不存在或无权查看", "No such customer, or you may not see it"});
        }
        marks.customer_id = *request.customer_id;
    } else {
        json::object body;
        if (request.customer) overlay(body, *request.customer);
        copy(body, customer_o, "name", "company");
        copy(body, customer_o, "name", "name");
        copy(body, customer_o, "phone", "phone");
        copy(body, customer_o, "phone", "mobile");
        for (const char* f : {"email", "industry", "source", "region", "address"}) copy(body, customer_o, f, f);
        marks.customer_id = CreatePart(service, *tx, s, customer_o, body);
    }

    if (request.contact != ConvertRequest::Part::kNone) {
        json::object body;
        overlay(body, request.contact_fields);
        for (const char* f : {"name", "mobile", "phone", "email", "title"}) copy(body, contact_o, f, f);
        body["customer_id"] = marks.customer_id;
        marks.contact_id = CreatePart(service, *tx, s, contact_o, body);
    }

    if (request.opportunity) {
        json::object body = *request.opportunity;
        body["customer_id"] = marks.customer_id;
        if (marks.contact_id && !body.contains("contact_id")) body["contact_id"] = *marks.contact_id;
        marks.opportunity_id = CreatePart(service, *tx, s, opportunity_o, body);
    }

    {
        Pending pending(*this, &*tx, marks);
        json::object lead_body;
        if (request.version) lead_body["version"] = *request.version;
        service.UpdateIn(*tx, s, lead_o.name, lead_id, lead_body);
    }
    tx.Commit();

    auto get = [&](const records::ObjectMeta& o, std::optional<int64_t> id) -> json::value {
        if (!id) return nullptr;
        return service.Get(s, o.name, *id);
    };
    return json::object{
        {"lead", service.Get(s, lead_o.name, lead_id)},
        {"customer", get(customer_o, marks.customer_id)},
        {"contact", get(contact_o, marks.contact_id)},
        {"opportunity", get(opportunity_o, marks.opportunity_id)},
    };
}

void LeadConversions::BeforeCreateLead(records::WriteEvent& e) {
    auto status = e.values.find("status");
    if (status != e.values.end() && !status->second.IsNull() && status->second.AsText() == kConverted) {
        ThrowValidation(
            {{"status",
              "conversion_only",
              {"线索只能通过「转换」变为已转换", "A lead becomes converted only by converting it"}}}
        );
    }
}

void LeadConversions::BeforeUpdateLead(records::WriteEvent& e) {
    auto converted_at = e.before.find("converted_at");
    if (converted_at != e.before.end() && !converted_at->second.IsNull()) {
        throw Error(ErrorCode::kConflict, {"已转换的线索不能修改", "A converted lead cannot be changed"});
    }
    std::optional<Marks> marks;
    {
        std::lock_guard lock(mutex_);
        auto it = pending_.find(&e.tx);
        if (it != pending_.end() && it->second.lead_id == e.record_id) marks = it->second;
    }
    if (!marks) {
        BeforeCreateLead(e);  // the same rule for status
        return;
    }
    e.values["status"] = store::Value(std::string(kConverted));
    e.values["converted_at"] = store::Value(FormatUtc(e.now));
    e.values["converted_customer_id"] = store::Value(marks->customer_id);
    if (marks->contact_id) e.values["converted_contact_id"] = store::Value(*marks->contact_id);
    if (marks->opportunity_id) e.values["converted_opportunity_id"] = store::Value(*marks->opportunity_id);
}

}  // namespace xieli::crm
