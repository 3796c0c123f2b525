#pragma once

// What an uploaded file is, told from its bytes (magic numbers), never from the name or the
// Content-Type the client sent: the name only picks between formats that share one container
// (an old .doc and .xls are both OLE2 compound files).

#include <string>
#include <string_view>

namespace xieli::files {

// The media type of `bytes`: image/png, image/jpeg, image/gif, image/webp, image/bmp,
// application/pdf, the Office Open XML types (.docx, .xlsx, .pptx), application/zip, the legacy
// Office types, a few archives and media, text/csv or text/plain (valid UTF-8 without control
// characters), and application/octet-stream for anything else. SVG and HTML are text/plain: the
// server never hands a browser markup it would run.
std::string SniffContentType(std::string_view bytes, std::string_view file_name);

// An image a browser shows in an <img> (what image fields accept).
bool IsImageType(std::string_view content_type);

// Programs (Windows PE, ELF, Mach-O): refused at upload.
bool IsExecutable(std::string_view bytes);

// The file name as kept: the last path segment of `raw`, control characters dropped, trimmed,
// at most 200 characters; "file" when nothing is left.
std::string CleanFileName(std::string_view raw);

}  // namespace xieli::files
