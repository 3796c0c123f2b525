#pragma once

// The format of an autonumber field (编号规则), checked when the field is created or changed so a
// mistake is refused then rather than printed on every record. Tokens, as the write path renders
// them (records/record_service.cpp RenderAutonumber), dates in China time:
//   {yyyy} year  {yy} two-digit year  {MM} month  {dd} day   — the counter restarts when they change
//   {0000} the counter, zero-padded to as many digits as zeros (1–10); exactly one
// Everything outside braces is printed as written. "KH-{yyyy}-{0000}" → KH-2026-0001.

#include <string>

namespace xieli::records {

inline constexpr size_t kMaxAutonumberFormatLength = 50;
inline constexpr size_t kMaxAutonumberDigits = 10;

// Throws a 422 on the field "autonumber_format" naming the bad token.
void RequireValidAutonumberFormat(const std::string& format);

}  // namespace xieli::records
