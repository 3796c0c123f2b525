#pragma once

// Thin wrappers over libsodium: the only place that calls it.

#include <string>
#include <string_view>

namespace xieli::crypto {

// Must run once before any other function here (main does it).
void Init();

// n random bytes, URL-safe base64 without padding.
std::string RandomToken(size_t bytes = 32);
// Hex of BLAKE2b-256: how session tokens are stored (never the token itself).
std::string HashToken(std::string_view token);
// Lower-case hex of the SHA-256 of `data` (content addresses of stored files).
std::string Sha256Hex(std::string_view data);

// Lower-case hex of n random bytes.
std::string RandomHex(size_t bytes);
// n raw random bytes (secrets that are not tokens, such as TOTP keys).
std::string RandomBytes(size_t bytes);

// Argon2id password hashing (the encoded string carries algorithm, parameters and salt).
std::string HashPassword(std::string_view password);
bool VerifyPassword(std::string_view encoded_hash, std::string_view password);

// Compare without leaking where two strings differ.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace xieli::crypto
