#pragma once

// The Content-Disposition of a download (RFC 6266 with RFC 5987's filename*): the UTF-8 name
// percent-encoded for today's browsers, an ASCII name for old clients.

#include <string>
#include <string_view>

namespace xieli {

// attachment; filename="<ascii_fallback>"; filename*=UTF-8''<file_name percent-encoded>. Characters
// of the fallback outside [A-Za-z0-9._-] become '_', so neither name can break out of the header.
std::string AttachmentDisposition(std::string_view file_name, std::string_view ascii_fallback);
// The same with `inline`: the browser shows the file (an image) instead of saving it.
std::string InlineDisposition(std::string_view file_name, std::string_view ascii_fallback);

}  // namespace xieli
