#include "modules/files/blob_store.h"

#include <fmt/format.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "common/crypto.h"

namespace xieli::files {

bool IsBlobName(std::string_view s) {
    if (s.size() != 64) return false;
    for (char c : s) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    }
    return true;
}

std::filesystem::path BlobStore::PathOf(int64_t tenant_id, std::string_view sha256) const {
    return data_dir_ / "files" / std::to_string(tenant_id) / std::string(sha256);
}

std::string BlobStore::Put(int64_t tenant_id, std::string_view bytes) const {
    std::string sha = crypto::Sha256Hex(bytes);
    std::filesystem::path path = PathOf(tenant_id, sha);
    std::error_code ec;
    if (std::filesystem::is_regular_file(path, ec) && std::filesystem::file_size(path, ec) == bytes.size() && !ec) {
        // Touched, so the daily sweep (file_cleanup.h) sees it as fresh until this upload's row exists.
        std::filesystem::last_write_time(path, std::filesystem::file_time_type::clock::now(), ec);
        return sha;
    }
    std::filesystem::path dir = path.parent_path();
    std::filesystem::create_directories(dir, ec);
    if (ec) throw std::runtime_error(fmt::format("cannot create {}: {}", dir.string(), ec.message()));
    std::filesystem::permissions(dir, std::filesystem::perms::owner_all, std::filesystem::perm_options::replace, ec);
    std::filesystem::path temp = dir / fmt::format(".{}.{}.tmp", sha, crypto::RandomHex(8));
    {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        out.close();
        if (!out) {
            std::filesystem::remove(temp, ec);
            throw std::runtime_error("cannot write " + temp.string());
        }
    }
    // Two uploads of the same bytes at once both rename onto the same name: either wins, both are whole.
    std::filesystem::rename(temp, path, ec);
    if (ec) {
        std::error_code ignored;
        std::filesystem::remove(temp, ignored);
        throw std::runtime_error(fmt::format("cannot store {}: {}", path.string(), ec.message()));
    }
    return sha;
}

std::optional<std::string> BlobStore::Read(int64_t tenant_id, std::string_view sha256) const {
    if (!IsBlobName(sha256)) return std::nullopt;
    std::ifstream in(PathOf(tenant_id, sha256), std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

}  // namespace xieli::files
