#include "store/database.h"

#include <spdlog/spdlog.h>

#include <stdexcept>

#include "store/database_error.h"

namespace xieli::store {

const Value& Row::operator[](std::string_view column) const {
    for (size_t i = 0; i < columns_->size(); ++i) {
        if ((*columns_)[i] == column) return values_[i];
    }
    throw std::out_of_range("no column " + std::string(column));
}

std::optional<Value> Connection::QueryValue(std::string_view sql, std::initializer_list<Value> params) {
    Rows rows = Query(sql, params);
    if (rows.empty() || rows.front().size() == 0) return std::nullopt;
    return rows.front()[0];
}

Reader::~Reader() {
    if (conn_) owner_->ReleaseReader(conn_);
}

void Transaction::Commit() {
    // After a commit the writer may already belong to another thread's transaction.
    if (done_ || !conn_) throw DatabaseError("transaction committed twice");
    owner_->CommitWriter(conn_);
    done_ = true;
}

Transaction::~Transaction() {
    if (conn_ && !done_) {
        try {
            owner_->RollbackWriter(conn_);
        } catch (const std::exception& e) {
            spdlog::error("rollback failed: {}", e.what());
        }
    }
}

}  // namespace xieli::store
