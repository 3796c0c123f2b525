#include "store/client_errors.h"

#include "store/database_error.h"

namespace xieli::store {

std::optional<Error> ToClientError(const std::exception& e) {
    if (const auto* c = dynamic_cast<const ConstraintError*>(&e); c && c->IsDuplicate()) {
        return Error(ErrorCode::kConflict, {"数据已存在，请勿重复提交", "This already exists"}, c->constraint());
    }
    if (dynamic_cast<const BusyError*>(&e)) {
        return Error(
                   ErrorCode::kUnavailable, {"系统繁忙，请稍后重试", "The server is busy; try again shortly"}, e.what()
        )
            .WithRetryAfter(1);
    }
    return std::nullopt;
}

}  // namespace xieli::store
