#pragma once

// Database faults. These are ours, never the client's: the error middleware turns anything that is not a
// xieli::Error into a 500 and logs what() (which may name the statement, never a bound value). Callers catch
// the narrower types where a fault has a business meaning: a ConstraintError of kind kUnique on an insert is a
// duplicate (409), a BusyError means the database stayed locked past the busy timeout (503 and retry).

#include <stdexcept>
#include <string>

namespace xieli::store {

class DatabaseError : public std::runtime_error {
public:
    // `message` is the driver's text (sqlite3_errmsg); `code` the driver's extended result code, 0 when the
    // fault was detected by the store itself.
    explicit DatabaseError(const std::string& message, int code = 0) : std::runtime_error(message), code_(code) {}

    int code() const { return code_; }

private:
    int code_;
};

enum class ConstraintKind { kUnique, kPrimaryKey, kForeignKey, kNotNull, kCheck, kOther };

// A UNIQUE, PRIMARY KEY, FOREIGN KEY, NOT NULL or CHECK violation. constraint() is the driver's text, e.g.
// "UNIQUE constraint failed: logins.tenant_id, logins.phone", so a caller can tell which key collided.
class ConstraintError : public DatabaseError {
public:
    ConstraintError(const std::string& message, int code, ConstraintKind kind, std::string constraint)
        : DatabaseError(message, code), kind_(kind), constraint_(std::move(constraint)) {}

    ConstraintKind kind() const { return kind_; }
    // True for the violations a client causes by sending a value that already exists.
    bool IsDuplicate() const { return kind_ == ConstraintKind::kUnique || kind_ == ConstraintKind::kPrimaryKey; }
    const std::string& constraint() const { return constraint_; }

private:
    ConstraintKind kind_;
    std::string constraint_;
};

// The database (or the store's own connection pool) stayed busy longer than the busy timeout.
class BusyError : public DatabaseError {
public:
    using DatabaseError::DatabaseError;
};

}  // namespace xieli::store
