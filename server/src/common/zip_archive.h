#pragma once

// ZIP archives in memory, enough for XLSX: read stored or deflated entries, write deflated ones.
// Built on zlib alone. Untrusted input is bounded: entry sizes, total output and the entry count
// are capped, CRCs are checked, and nothing ever touches the file system.

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace xieli {

class ZipError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class ZipReader {
public:
    // Reads the central directory; throws ZipError when `bytes` is not a ZIP archive.
    explicit ZipReader(std::string_view bytes);

    const std::vector<std::string>& names() const { return names_; }
    // The entry's bytes, or nullopt when there is no such entry. Throws ZipError when it is
    // corrupt, encrypted, uses another compression, or inflates past `max_bytes`.
    std::optional<std::string> Read(std::string_view name, size_t max_bytes) const;

private:
    struct Entry {
        std::string name;
        uint16_t flags = 0;
        uint16_t method = 0;
        uint32_t crc = 0;
        uint64_t compressed_size = 0;
        uint64_t size = 0;
        uint64_t local_offset = 0;
    };
    std::string_view bytes_;
    std::vector<Entry> entries_;
    std::vector<std::string> names_;
};

struct ZipFileEntry {
    std::string name;
    std::string data;
};

// A ZIP archive holding the entries, deflated.
std::string WriteZip(const std::vector<ZipFileEntry>& entries);

}  // namespace xieli
