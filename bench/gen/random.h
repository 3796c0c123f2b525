#pragma once

// The generator's random numbers. Its own small generator (xoshiro256** seeded by splitmix64)
// rather than <random>'s distributions, whose algorithms differ between standard libraries: the
// same --seed gives the same enterprise with any compiler.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace xieli::bench {

class Rng {
public:
    explicit Rng(uint64_t seed) {
        for (uint64_t& s : state_) {
            seed += 0x9e3779b97f4a7c15ULL;
            uint64_t z = seed;
            z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
            z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
            s = z ^ (z >> 31);
        }
    }
    // A stream of its own for one kind of data, so changing one size does not reshuffle the rest.
    Rng(uint64_t seed, std::string_view stream) : Rng(seed ^ Hash(stream)) {}

    uint64_t Next() {
        const uint64_t result = Rotl(state_[1] * 5, 7) * 9;
        const uint64_t t = state_[1] << 17;
        state_[2] ^= state_[0];
        state_[3] ^= state_[1];
        state_[1] ^= state_[2];
        state_[0] ^= state_[3];
        state_[2] ^= t;
        state_[3] = Rotl(state_[3], 45);
        return result;
    }
    // Uniform in [0, n); the modulo bias is below 1e-12 for the sizes used here.
    uint64_t Below(uint64_t n) { return n == 0 ? 0 : Next() % n; }
    // Uniform in [lo, hi].
    int64_t Between(int64_t lo, int64_t hi) {
        return lo + static_cast<int64_t>(Below(static_cast<uint64_t>(hi - lo + 1)));
    }
    // Uniform in [0, 1).
    double Unit() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
    bool Chance(double p) { return Unit() < p; }
    template <typename T>
    const T& Pick(std::span<const T> items) {
        return items[Below(items.size())];
    }

    static uint64_t Hash(std::string_view s) {
        uint64_t h = 1469598103934665603ULL;  // FNV-1a
        for (unsigned char c : s) h = (h ^ c) * 1099511628211ULL;
        return h;
    }

private:
    static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    uint64_t state_[4];
};

// Picks an index with probability proportional to its weight.
class WeightedIndex {
public:
    WeightedIndex() = default;
    explicit WeightedIndex(std::span<const double> weights) {
        double sum = 0;
        cumulative_.reserve(weights.size());
        for (double w : weights) cumulative_.push_back(sum += w);
    }
    size_t Pick(Rng& rng) const {
        double x = rng.Unit() * cumulative_.back();
        size_t lo = 0, hi = cumulative_.size() - 1;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (cumulative_[mid] > x)
                hi = mid;
            else
                lo = mid + 1;
        }
        return lo;
    }
    bool empty() const { return cumulative_.empty(); }

private:
    std::vector<double> cumulative_;
};

}  // namespace xieli::bench
