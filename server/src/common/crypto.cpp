#include "common/crypto.h"

#include <sodium.h>

#include <stdexcept>
#include <vector>

namespace xieli::crypto {

namespace {

// OWASP's Argon2id minimum (m=19 MiB, t=2): about 30–60 ms here, cheap enough for sign-in bursts
// and the test suite, far too slow for offline guessing.
constexpr unsigned long long kOpsLimit = 2;
constexpr size_t kMemLimit = 19 * 1024 * 1024;

std::string ToHex(const unsigned char* data, size_t n) {
    std::string out(n * 2 + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), data, n);
    out.resize(n * 2);
    return out;
}

}  // namespace

void Init() {
    if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
}

std::string RandomToken(size_t bytes) {
    std::vector<unsigned char> buf(bytes);
    randombytes_buf(buf.data(), buf.size());
    const int variant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
    std::string out(sodium_base64_ENCODED_LEN(bytes, variant), '\0');
    sodium_bin2base64(out.data(), out.size(), buf.data(), buf.size(), variant);
    out.resize(std::char_traits<char>::length(out.c_str()));
    return out;
}

std::string HashToken(std::string_view token) {
    unsigned char hash[32];
    crypto_generichash(
        hash, sizeof hash, reinterpret_cast<const unsigned char*>(token.data()), token.size(), nullptr, 0
    );
    return ToHex(hash, sizeof hash);
}

std::string Sha256Hex(std::string_view data) {
    unsigned char hash[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(hash, reinterpret_cast<const unsigned char*>(data.data()), data.size());
    return ToHex(hash, sizeof hash);
}

std::string RandomHex(size_t bytes) {
    std::vector<unsigned char> buf(bytes);
    randombytes_buf(buf.data(), buf.size());
    return ToHex(buf.data(), buf.size());
}

std::string RandomBytes(size_t bytes) {
    std::string out(bytes, '\0');
    randombytes_buf(out.data(), out.size());
    return out;
}

std::string HashPassword(std::string_view password) {
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(
            out, password.data(), password.size(), kOpsLimit, kMemLimit, crypto_pwhash_ALG_ARGON2ID13
        ) != 0) {
        throw std::runtime_error("password hashing ran out of memory");
    }
    return out;
}

bool VerifyPassword(std::string_view encoded_hash, std::string_view password) {
    std::string hash(encoded_hash);  // libsodium wants a NUL-terminated string
    return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace xieli::crypto
