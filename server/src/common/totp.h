#pragma once

// Time-based one-time passwords (RFC 6238) as authenticator apps compute them: HMAC-SHA-1,
// 6 digits, 30-second steps. libsodium has no SHA-1, so SHA-1 (RFC 3174) and HMAC (RFC 2104)
// are implemented here; SHA-1's known weaknesses (collisions) do not touch HMAC-SHA-1.

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/clock.h"

namespace xieli::totp {

inline constexpr std::chrono::seconds kPeriod{30};
inline constexpr int kDigits = 6;
inline constexpr size_t kSecretBytes = 20;  // 160 bits, the HMAC-SHA-1 output size RFC 4226 recommends

using Sha1Digest = std::array<uint8_t, 20>;

Sha1Digest Sha1(std::string_view data);
Sha1Digest HmacSha1(std::string_view key, std::string_view message);
std::string ToHex(const Sha1Digest& digest);

// RFC 4648 base32 (A–Z, 2–7). Encode writes no '=' padding (what otpauth URLs use); Decode ignores
// case, spaces, dashes and trailing padding, and gives nullopt for anything else.
std::string Base32Encode(std::string_view bytes);
std::optional<std::string> Base32Decode(std::string_view text);

// The RFC 6238 step of a time: floor(unix seconds / period).
int64_t StepAt(TimePoint t, std::chrono::seconds period = kPeriod);
// The RFC 4226 HOTP value of a raw key at a counter, zero-padded to `digits` (6–8).
std::string Code(std::string_view key, int64_t step, int digits = kDigits);
// The step within ±window of `now` whose code equals `code` (compared in constant time), or nullopt.
// The caller refuses a step it has already accepted (RFC 6238 §5.2).
std::optional<int64_t> Verify(std::string_view key, std::string_view code, TimePoint now, int window = 1);

// A new secret: kSecretBytes random bytes, base32.
std::string NewSecret();
// otpauth://totp/<issuer>:<account>?secret=<secret>&issuer=<issuer>, percent-encoded, the URI
// authenticator apps read from a QR code.
std::string OtpauthUrl(std::string_view issuer, std::string_view account, std::string_view base32_secret);

}  // namespace xieli::totp
