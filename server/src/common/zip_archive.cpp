#include "common/zip_archive.h"

#include <zlib.h>

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace xieli {

namespace {

constexpr uint32_t kLocalHeader = 0x04034b50;
constexpr uint32_t kCentralHeader = 0x02014b50;
constexpr uint32_t kEndOfCentralDirectory = 0x06054b50;
constexpr size_t kMaxEntries = 10000;

uint16_t U16(std::string_view b, size_t at) {
    if (at + 2 > b.size()) throw ZipError("zip: truncated");
    return static_cast<uint16_t>(static_cast<unsigned char>(b[at]) | (static_cast<unsigned char>(b[at + 1]) << 8));
}

uint32_t U32(std::string_view b, size_t at) {
    return static_cast<uint32_t>(U16(b, at)) | (static_cast<uint32_t>(U16(b, at + 2)) << 16);
}

void Put16(std::string& out, uint16_t v) {
    out.push_back(static_cast<char>(v & 0xff));
    out.push_back(static_cast<char>(v >> 8));
}

void Put32(std::string& out, uint32_t v) {
    Put16(out, static_cast<uint16_t>(v & 0xffff));
    Put16(out, static_cast<uint16_t>(v >> 16));
}

uint32_t Crc(std::string_view data) {
    uLong crc = crc32(0L, Z_NULL, 0);
    // zlib takes uInt lengths; feed large data in pieces.
    size_t at = 0;
    while (at < data.size()) {
        size_t n = std::min<size_t>(data.size() - at, 1u << 30);
        crc = crc32(crc, reinterpret_cast<const Bytef*>(data.data() + at), static_cast<uInt>(n));
        at += n;
    }
    return static_cast<uint32_t>(crc);
}

std::string Inflate(std::string_view in, size_t expected, size_t max_bytes) {
    z_stream zs{};
    if (inflateInit2(&zs, -MAX_WBITS) != Z_OK) throw ZipError("zip: inflateInit failed");
    std::string out;
    out.reserve(std::min(expected, max_bytes));
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    zs.avail_in = static_cast<uInt>(in.size());
    char buf[64 * 1024];
    int rc = Z_OK;
    while (rc != Z_STREAM_END) {
        zs.next_out = reinterpret_cast<Bytef*>(buf);
        zs.avail_out = sizeof buf;
        rc = inflate(&zs, Z_NO_FLUSH);
        if (rc != Z_OK && rc != Z_STREAM_END) {
            inflateEnd(&zs);
            throw ZipError("zip: corrupt deflate data");
        }
        size_t produced = sizeof buf - zs.avail_out;
        if (out.size() + produced > max_bytes) {
            inflateEnd(&zs);
            throw ZipError("zip: entry too large");
        }
        out.append(buf, produced);
        if (rc == Z_OK && produced == 0 && zs.avail_in == 0) {
            inflateEnd(&zs);
            throw ZipError("zip: truncated deflate data");
        }
    }
    inflateEnd(&zs);
    return out;
}

std::string Deflate(std::string_view in) {
    z_stream zs{};
    if (deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
        throw ZipError("zip: deflateInit failed");
    }
    std::string out(deflateBound(&zs, static_cast<uLong>(in.size())), '\0');
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    zs.avail_in = static_cast<uInt>(in.size());
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = static_cast<uInt>(out.size());
    int rc = deflate(&zs, Z_FINISH);
    deflateEnd(&zs);
    if (rc != Z_STREAM_END) throw ZipError("zip: deflate failed");
    out.resize(zs.total_out);
    return out;
}

}  // namespace

ZipReader::ZipReader(std::string_view bytes) : bytes_(bytes) {
    if (bytes.size() < 22) throw ZipError("zip: too short");
    // The end-of-central-directory record sits in the last 22 + 65535 (comment) bytes.
    size_t eocd = std::string_view::npos;
    size_t lowest = bytes.size() > 22 + 65535 ? bytes.size() - 22 - 65535 : 0;
    for (size_t at = bytes.size() - 22 + 1; at-- > lowest;) {
        if (U32(bytes, at) == kEndOfCentralDirectory) {
            eocd = at;
            break;
        }
    }
    if (eocd == std::string_view::npos) throw ZipError("zip: no end of central directory");
    size_t count = U16(bytes, eocd + 10);
    size_t dir_offset = U32(bytes, eocd + 16);
    if (count > kMaxEntries) throw ZipError("zip: too many entries");
    size_t at = dir_offset;
    for (size_t i = 0; i < count; ++i) {
        if (U32(bytes, at) != kCentralHeader) throw ZipError("zip: bad central directory");
        Entry e;
        e.flags = U16(bytes, at + 8);
        e.method = U16(bytes, at + 10);
        e.crc = U32(bytes, at + 16);
        e.compressed_size = U32(bytes, at + 20);
        e.size = U32(bytes, at + 24);
        size_t name_len = U16(bytes, at + 28);
        size_t extra_len = U16(bytes, at + 30);
        size_t comment_len = U16(bytes, at + 32);
        e.local_offset = U32(bytes, at + 42);
        if (at + 46 + name_len > bytes.size()) throw ZipError("zip: truncated");
        e.name = std::string(bytes.substr(at + 46, name_len));
        if (e.compressed_size == 0xffffffff || e.size == 0xffffffff || e.local_offset == 0xffffffff) {
            throw ZipError("zip: zip64 is not supported");
        }
        names_.push_back(e.name);
        entries_.push_back(std::move(e));
        at += 46 + name_len + extra_len + comment_len;
    }
}

std::optional<std::string> ZipReader::Read(std::string_view name, size_t max_bytes) const {
    const Entry* e = nullptr;
    for (const Entry& x : entries_) {
        if (x.name == name) {
            e = &x;
            break;
        }
    }
    if (!e) return std::nullopt;
    if (e->flags & 0x1) throw ZipError("zip: encrypted entries are not supported");
    if (e->size > max_bytes) throw ZipError("zip: entry too large");
    size_t at = e->local_offset;
    if (U32(bytes_, at) != kLocalHeader) throw ZipError("zip: bad local header");
    size_t data_at = at + 30 + U16(bytes_, at + 26) + U16(bytes_, at + 28);
    if (data_at > bytes_.size() || e->compressed_size > bytes_.size() - data_at) throw ZipError("zip: truncated");
    std::string_view raw = bytes_.substr(data_at, e->compressed_size);
    std::string out;
    if (e->method == 0) {
        out = std::string(raw);
    } else if (e->method == 8) {
        out = Inflate(raw, e->size, max_bytes);
    } else {
        throw ZipError("zip: unsupported compression method");
    }
    if (out.size() != e->size || Crc(out) != e->crc) throw ZipError("zip: checksum mismatch");
    return out;
}

std::string WriteZip(const std::vector<ZipFileEntry>& entries) {
    std::string out, directory;
    // 1980-01-01 00:00, the earliest DOS time: the archive's bytes depend only on its contents.
    constexpr uint16_t kTime = 0, kDate = (0 << 9) | (1 << 5) | 1;
    for (const ZipFileEntry& e : entries) {
        std::string packed = Deflate(e.data);
        uint32_t crc = Crc(e.data);
        uint32_t offset = static_cast<uint32_t>(out.size());
        Put32(out, kLocalHeader);
        Put16(out, 20);      // version needed
        Put16(out, 0x0800);  // flags: names are UTF-8
        Put16(out, 8);       // deflate
        Put16(out, kTime);
        Put16(out, kDate);
        Put32(out, crc);
        Put32(out, static_cast<uint32_t>(packed.size()));
        Put32(out, static_cast<uint32_t>(e.data.size()));
        Put16(out, static_cast<uint16_t>(e.name.size()));
        Put16(out, 0);
        out += e.name;
        out += packed;

        Put32(directory, kCentralHeader);
        Put16(directory, 20);  // made by
        Put16(directory, 20);  // version needed
        Put16(directory, 0x0800);
        Put16(directory, 8);
        Put16(directory, kTime);
        Put16(directory, kDate);
        Put32(directory, crc);
        Put32(directory, static_cast<uint32_t>(packed.size()));
        Put32(directory, static_cast<uint32_t>(e.data.size()));
        Put16(directory, static_cast<uint16_t>(e.name.size()));
        Put16(directory, 0);  // extra
        Put16(directory, 0);  // comment
        Put16(directory, 0);  // disk
        Put16(directory, 0);  // internal attributes
        Put32(directory, 0);  // external attributes
        Put32(directory, offset);
        directory += e.name;
    }
    uint32_t dir_offset = static_cast<uint32_t>(out.size());
    out += directory;
    Put32(out, kEndOfCentralDirectory);
    Put16(out, 0);
    Put16(out, 0);
    Put16(out, static_cast<uint16_t>(entries.size()));
    Put16(out, static_cast<uint16_t>(entries.size()));
    Put32(out, static_cast<uint32_t>(directory.size()));
    Put32(out, dir_offset);
    Put16(out, 0);
    return out;
}

}  // namespace xieli
