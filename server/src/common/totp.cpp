#include "common/totp.h"

#include <algorithm>
#include <cstring>
#include <stdexcept>

#include "common/crypto.h"

namespace xieli::totp {

namespace {

constexpr size_t kBlockBytes = 64;
constexpr std::string_view kBase32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

uint32_t RotateLeft(uint32_t x, int n) {
    return (x << n) | (x >> (32 - n));
}

// SHA-1 (RFC 3174 / FIPS 180-4), one 512-bit block at a time.
class Sha1State {
public:
    void Update(const uint8_t* data, size_t n) {
        total_bytes_ += n;
        while (n > 0) {
            size_t take = std::min(n, kBlockBytes - buffered_);
            std::memcpy(buffer_ + buffered_, data, take);
            buffered_ += take;
            data += take;
            n -= take;
            if (buffered_ == kBlockBytes) {
                Compress(buffer_);
                buffered_ = 0;
            }
        }
    }

    Sha1Digest Finish() {
        uint64_t bit_length = total_bytes_ * 8;
        const uint8_t one = 0x80;
        Update(&one, 1);
        const uint8_t zero = 0;
        while (buffered_ != kBlockBytes - 8) Update(&zero, 1);
        uint8_t length[8];
        for (int i = 0; i < 8; ++i) length[i] = static_cast<uint8_t>(bit_length >> (56 - 8 * i));
        Update(length, 8);
        Sha1Digest out{};
        for (int i = 0; i < 5; ++i) {
            for (int j = 0; j < 4; ++j) out[i * 4 + j] = static_cast<uint8_t>(h_[i] >> (24 - 8 * j));
        }
        return out;
    }

private:
    void Compress(const uint8_t* block) {
        uint32_t w[80];
        for (int t = 0; t < 16; ++t) {
            w[t] = (uint32_t{block[t * 4]} << 24) | (uint32_t{block[t * 4 + 1]} << 16) |
                   (uint32_t{block[t * 4 + 2]} << 8) | uint32_t{block[t * 4 + 3]};
        }
        for (int t = 16; t < 80; ++t) w[t] = RotateLeft(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1);
        uint32_t a = h_[0], b = h_[1], c = h_[2], d = h_[3], e = h_[4];
        for (int t = 0; t < 80; ++t) {
            uint32_t f, k;
            if (t < 20) {
                f = (b & c) | (~b & d);
                k = 0x5A827999;
            } else if (t < 40) {
                f = b ^ c ^ d;
                k = 0x6ED9EBA1;
            } else if (t < 60) {
                f = (b & c) | (b & d) | (c & d);
                k = 0x8F1BBCDC;
            } else {
                f = b ^ c ^ d;
                k = 0xCA62C1D6;
            }
            uint32_t temp = RotateLeft(a, 5) + f + e + k + w[t];
            e = d;
            d = c;
            c = RotateLeft(b, 30);
            b = a;
            a = temp;
        }
        h_[0] += a;
        h_[1] += b;
        h_[2] += c;
        h_[3] += d;
        h_[4] += e;
    }

    uint32_t h_[5] = {0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0};
    uint8_t buffer_[kBlockBytes] = {};
    size_t buffered_ = 0;
    uint64_t total_bytes_ = 0;
};

const uint8_t* Bytes(std::string_view s) {
    return reinterpret_cast<const uint8_t*>(s.data());
}

// RFC 3986 unreserved characters stay; every other byte (UTF-8 of 协力 included) becomes %XX.
std::string PercentEncode(std::string_view s) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (char ch : s) {
        auto c = static_cast<unsigned char>(ch);
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
            c == '_' || c == '~') {
            out.push_back(ch);
        } else {
            out.push_back('%');
            out.push_back(kHex[c >> 4]);
            out.push_back(kHex[c & 0xF]);
        }
    }
    return out;
}

}  // namespace

Sha1Digest Sha1(std::string_view data) {
    Sha1State state;
    state.Update(Bytes(data), data.size());
    return state.Finish();
}

Sha1Digest HmacSha1(std::string_view key, std::string_view message) {
    uint8_t block[kBlockBytes] = {};
    if (key.size() > kBlockBytes) {
        Sha1Digest hashed = Sha1(key);
        std::memcpy(block, hashed.data(), hashed.size());
    } else {
        std::memcpy(block, key.data(), key.size());
    }
    uint8_t pad[kBlockBytes];
    for (size_t i = 0; i < kBlockBytes; ++i) pad[i] = block[i] ^ 0x36;
    Sha1State inner;
    inner.Update(pad, kBlockBytes);
    inner.Update(Bytes(message), message.size());
    Sha1Digest inner_digest = inner.Finish();
    for (size_t i = 0; i < kBlockBytes; ++i) pad[i] = block[i] ^ 0x5c;
    Sha1State outer;
    outer.Update(pad, kBlockBytes);
    outer.Update(inner_digest.data(), inner_digest.size());
    return outer.Finish();
}

std::string ToHex(const Sha1Digest& digest) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    for (uint8_t b : digest) {
        out.push_back(kHex[b >> 4]);
        out.push_back(kHex[b & 0xF]);
    }
    return out;
}

std::string Base32Encode(std::string_view bytes) {
    std::string out;
    uint32_t buffer = 0;
    int bits = 0;
    for (char ch : bytes) {
        buffer = (buffer << 8) | static_cast<unsigned char>(ch);
        bits += 8;
        while (bits >= 5) {
            out.push_back(kBase32Alphabet[(buffer >> (bits - 5)) & 0x1F]);
            bits -= 5;
        }
    }
    if (bits > 0) out.push_back(kBase32Alphabet[(buffer << (5 - bits)) & 0x1F]);
    return out;
}

std::optional<std::string> Base32Decode(std::string_view text) {
    std::string out;
    uint32_t buffer = 0;
    int bits = 0;
    bool padding = false;
    for (char ch : text) {
        if (ch == ' ' || ch == '-') continue;
        if (ch == '=') {
            padding = true;
            continue;
        }
        if (padding) return std::nullopt;  // data after '='
        char upper = (ch >= 'a' && ch <= 'z') ? static_cast<char>(ch - 'a' + 'A') : ch;
        size_t value = kBase32Alphabet.find(upper);
        if (value == std::string_view::npos) return std::nullopt;
        buffer = (buffer << 5) | static_cast<uint32_t>(value);
        bits += 5;
        if (bits >= 8) {
            out.push_back(static_cast<char>((buffer >> (bits - 8)) & 0xFF));
            bits -= 8;
        }
    }
    return out;
}

int64_t StepAt(TimePoint t, std::chrono::seconds period) {
    int64_t seconds = std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
    int64_t p = period.count();
    return seconds >= 0 ? seconds / p : -((-seconds + p - 1) / p);
}

std::string Code(std::string_view key, int64_t step, int digits) {
    if (digits < 6 || digits > 8) throw std::invalid_argument("TOTP codes have 6 to 8 digits");
    char counter[8];
    auto c = static_cast<uint64_t>(step);
    for (int i = 0; i < 8; ++i) counter[i] = static_cast<char>(c >> (56 - 8 * i));
    Sha1Digest mac = HmacSha1(key, std::string_view(counter, sizeof counter));
    // Dynamic truncation (RFC 4226 §5.3).
    int offset = mac[19] & 0x0F;
    uint32_t binary = (uint32_t{mac[offset]} & 0x7F) << 24 | uint32_t{mac[offset + 1]} << 16 |
                      uint32_t{mac[offset + 2]} << 8 | uint32_t{mac[offset + 3]};
    uint32_t modulo = 1;
    for (int i = 0; i < digits; ++i) modulo *= 10;
    std::string out = std::to_string(binary % modulo);
    out.insert(0, static_cast<size_t>(digits) - out.size(), '0');
    return out;
}

std::optional<int64_t> Verify(std::string_view key, std::string_view code, TimePoint now, int window) {
    if (code.size() != static_cast<size_t>(kDigits)) return std::nullopt;
    if (!std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; })) return std::nullopt;
    int64_t current = StepAt(now);
    std::optional<int64_t> found;
    // Every candidate is computed and compared, so timing does not tell which step matched.
    for (int64_t step = current - window; step <= current + window; ++step) {
        if (crypto::ConstantTimeEquals(Code(key, step), code) && !found) found = step;
    }
    return found;
}

std::string NewSecret() {
    return Base32Encode(crypto::RandomBytes(kSecretBytes));
}

std::string OtpauthUrl(std::string_view issuer, std::string_view account, std::string_view base32_secret) {
    std::string issuer_enc = PercentEncode(issuer);
    return "otpauth://totp/" + issuer_enc + ":" + PercentEncode(account) + "?secret=" + PercentEncode(base32_secret) +
           "&issuer=" + issuer_enc;
}

}  // namespace xieli::totp
