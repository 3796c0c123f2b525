#include "modules/files/file_sniff.h"

#include <array>

#include "common/strings.h"

namespace xieli::files {

namespace {

bool StartsWith(std::string_view bytes, std::string_view magic) {
    return bytes.substr(0, magic.size()) == magic;
}

std::string LowerExtension(std::string_view name) {
    size_t dot = name.rfind('.');
    return dot == std::string_view::npos ? std::string() : ToLowerAscii(name.substr(dot + 1));
}

// An Office Open XML package names its parts in the archive's directory: word/, xl/ or ppt/.
std::string ZipType(std::string_view bytes) {
    if (bytes.find("[Content_Types].xml") != std::string_view::npos) {
        if (bytes.find("word/") != std::string_view::npos)
            return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
        if (bytes.find("xl/") != std::string_view::npos)
            return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        if (bytes.find("ppt/") != std::string_view::npos)
            return "application/vnd.openxmlformats-officedocument.presentationml.presentation";
    }
    return "application/zip";
}

std::string OleType(std::string_view name) {
    std::string ext = LowerExtension(name);
    if (ext == "doc") return "application/msword";
    if (ext == "xls") return "application/vnd.ms-excel";
    if (ext == "ppt") return "application/vnd.ms-powerpoint";
    return "application/x-ole-storage";
}

// Valid UTF-8 with no control characters but tab, line breaks and form feed (a BOM is fine).
bool IsPlainText(std::string_view bytes) {
    for (char c : bytes) {
        unsigned char u = static_cast<unsigned char>(c);
        if ((u < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || u == 0x7F) return false;
    }
    return Utf8Length(bytes) >= 0;
}

}  // namespace

std::string SniffContentType(std::string_view bytes, std::string_view file_name) {
    if (StartsWith(bytes, "\x89PNG\r\n\x1A\n")) return "image/png";
    if (StartsWith(bytes, "\xFF\xD8\xFF")) return "image/jpeg";
    if (StartsWith(bytes, "GIF87a") || StartsWith(bytes, "GIF89a")) return "image/gif";
    if (StartsWith(bytes, "RIFF") && bytes.substr(8, 4) == "WEBP") return "image/webp";
    if (StartsWith(bytes, "BM") && bytes.size() > 26 && bytes.substr(6, 4) == std::string_view("\0\0\0\0", 4))
        return "image/bmp";
    if (StartsWith(bytes, "%PDF-")) return "application/pdf";
    if (StartsWith(bytes, "PK\x03\x04")) return ZipType(bytes);
    if (StartsWith(bytes, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) return OleType(file_name);
    if (StartsWith(bytes, "\x1F\x8B")) return "application/gzip";
    if (StartsWith(bytes, "Rar!\x1A\x07")) return "application/vnd.rar";
    if (StartsWith(bytes, "7z\xBC\xAF\x27\x1C")) return "application/x-7z-compressed";
    if (bytes.size() >= 12 && bytes.substr(4, 4) == "ftyp") return "video/mp4";
    if (StartsWith(bytes, "ID3")) return "audio/mpeg";
    if (!bytes.empty() && IsPlainText(bytes)) {
        std::string ext = LowerExtension(file_name);
        return ext == "csv" ? "text/csv; charset=utf-8" : "text/plain; charset=utf-8";
    }
    return "application/octet-stream";
}

bool IsImageType(std::string_view content_type) {
    static constexpr std::array<std::string_view, 5> kImages{
        "image/png", "image/jpeg", "image/gif", "image/webp", "image/bmp"};
    for (std::string_view t : kImages) {
        if (content_type == t) return true;
    }
    return false;
}

bool IsExecutable(std::string_view bytes) {
    return StartsWith(bytes, "MZ") ||
           StartsWith(
               bytes,
               "\x7F"
               "ELF"
           ) ||
           StartsWith(bytes, "\xCF\xFA\xED\xFE") || StartsWith(bytes, "\xCE\xFA\xED\xFE");
}

std::string CleanFileName(std::string_view raw) {
    size_t slash = raw.find_last_of("/\\");
    if (slash != std::string_view::npos) raw = raw.substr(slash + 1);
    std::string name;
    for (char c : raw) {
        unsigned char u = static_cast<unsigned char>(c);
        if (u >= 0x20 && u != 0x7F) name.push_back(c);
    }
    name = TrimCopy(name);
    if (Utf8Length(name) < 0) name.clear();  // not UTF-8: keep nothing rather than garble
    // At most 200 characters, cut on a character boundary.
    long chars = 0;
    for (size_t i = 0; i < name.size(); ++i) {
        if ((static_cast<unsigned char>(name[i]) & 0xC0) != 0x80 && ++chars > 200) {
            name.resize(i);
            break;
        }
    }
    if (name.empty() || name == "." || name == "..") return "file";
    return name;
}

}  // namespace xieli::files
