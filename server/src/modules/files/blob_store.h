#pragma once

// The bytes of uploaded files, kept by content: <data>/files/<tenant>/<sha256>. The same bytes
// uploaded twice (by anyone in the enterprise, under any name) are kept once; each upload still
// gets its own row in the files table (docs/decisions/0014-file-store.md).

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace xieli::files {

// A SHA-256 in lowercase hex: the only name a blob is stored under, so a stored name can never
// walk out of the folder (and the clean-up touches nothing else).
bool IsBlobName(std::string_view s);

class BlobStore {
public:
    explicit BlobStore(std::filesystem::path data_dir) : data_dir_(std::move(data_dir)) {}

    // Keeps `bytes` and returns their SHA-256 (lower-case hex). Written to a temporary file in the
    // same folder and renamed into place, so a reader never sees half a file; when a blob with that
    // hash is already there nothing is written (its time is touched: the sweep leaves fresh blobs alone).
    std::string Put(int64_t tenant_id, std::string_view bytes) const;
    // The bytes of a blob; nullopt when it is missing (removed by hand, a restored backup without it).
    std::optional<std::string> Read(int64_t tenant_id, std::string_view sha256) const;
    std::filesystem::path PathOf(int64_t tenant_id, std::string_view sha256) const;

private:
    std::filesystem::path data_dir_;
};

}  // namespace xieli::files
