#include "common/xlsx_reader.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/zip_archive.h"

namespace xieli {

namespace {

// A pull scanner for the XML that spreadsheets write: elements, attributes, text, the five named
// entities and character references, comments, CDATA and processing instructions. A DOCTYPE is
// refused, so there is no entity expansion to abuse.
class XmlScanner {
public:
    enum class Kind { kStart, kEnd, kText, kDone };
    struct Event {
        Kind kind = Kind::kDone;
        std::string name;                               // local name, prefix dropped
        std::map<std::string, std::string> attributes;  // local names
        bool self_closing = false;
        std::string text;
    };

    explicit XmlScanner(std::string_view xml) : xml_(xml) {}

    Event Next() {
        Event e;
        if (pending_end_) {
            e.kind = Kind::kEnd;
            e.name = std::move(*pending_end_);
            pending_end_.reset();
            return e;
        }
        while (pos_ < xml_.size()) {
            if (xml_[pos_] != '<') {
                size_t end = xml_.find('<', pos_);
                if (end == std::string_view::npos) end = xml_.size();
                e.kind = Kind::kText;
                e.text = Decode(xml_.substr(pos_, end - pos_));
                pos_ = end;
                return e;
            }
            if (Skip("<?", "?>") || Skip("<!--", "-->")) continue;
            if (xml_.substr(pos_, 9) == "<![CDATA[") {
                size_t end = xml_.find("]]>", pos_ + 9);
                if (end == std::string_view::npos) throw XlsxError("xlsx: unterminated CDATA");
                e.kind = Kind::kText;
                e.text = std::string(xml_.substr(pos_ + 9, end - pos_ - 9));
                pos_ = end + 3;
                return e;
            }
            if (xml_.substr(pos_, 2) == "<!") throw XlsxError("xlsx: DOCTYPE is not allowed");
            size_t end = TagEnd(pos_);
            std::string_view tag = xml_.substr(pos_ + 1, end - pos_ - 1);
            pos_ = end + 1;
            if (!tag.empty() && tag[0] == '/') {
                e.kind = Kind::kEnd;
                e.name = LocalName(Trim(tag.substr(1)));
                return e;
            }
            e.kind = Kind::kStart;
            if (!tag.empty() && tag.back() == '/') {
                e.self_closing = true;
                tag.remove_suffix(1);
            }
            ParseTag(tag, e);
            if (e.self_closing) pending_end_ = e.name;
            return e;
        }
        return e;
    }

private:
    bool Skip(std::string_view open, std::string_view close) {
        if (xml_.substr(pos_, open.size()) != open) return false;
        size_t end = xml_.find(close, pos_ + open.size());
        if (end == std::string_view::npos) throw XlsxError("xlsx: unterminated markup");
        pos_ = end + close.size();
        return true;
    }

    // The '>' closing the tag at `from`, skipping quoted attribute values.
    size_t TagEnd(size_t from) const {
        char quote = 0;
        for (size_t i = from + 1; i < xml_.size(); ++i) {
            char c = xml_[i];
            if (quote) {
                if (c == quote) quote = 0;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '>') {
                return i;
            }
        }
        throw XlsxError("xlsx: unterminated tag");
    }

    static std::string_view Trim(std::string_view s) {
        while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
        while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
        return s;
    }

    static std::string LocalName(std::string_view qname) {
        size_t colon = qname.find(':');
        return std::string(colon == std::string_view::npos ? qname : qname.substr(colon + 1));
    }

    static void ParseTag(std::string_view tag, Event& e) {
        size_t i = 0;
        while (i < tag.size() && !std::isspace(static_cast<unsigned char>(tag[i]))) ++i;
        e.name = LocalName(tag.substr(0, i));
        while (i < tag.size()) {
            while (i < tag.size() && std::isspace(static_cast<unsigned char>(tag[i]))) ++i;
            size_t name_start = i;
            while (i < tag.size() && tag[i] != '=' && !std::isspace(static_cast<unsigned char>(tag[i]))) ++i;
            std::string_view name = tag.substr(name_start, i - name_start);
            while (i < tag.size() && (tag[i] == '=' || std::isspace(static_cast<unsigned char>(tag[i])))) ++i;
            if (i >= tag.size() || (tag[i] != '"' && tag[i] != '\'')) break;
            char quote = tag[i++];
            size_t value_end = tag.find(quote, i);
            if (value_end == std::string_view::npos) throw XlsxError("xlsx: bad attribute");
            if (!name.empty()) e.attributes[LocalName(name)] = Decode(tag.substr(i, value_end - i));
            i = value_end + 1;
        }
    }

    static void AppendUtf8(std::string& out, uint32_t cp) {
        if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            throw XlsxError("xlsx: bad character reference");
        if (cp < 0x80) {
            out.push_back(static_cast<char>(cp));
        } else if (cp < 0x800) {
            out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        } else if (cp < 0x10000) {
            out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        } else {
            out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        }
    }

    static std::string Decode(std::string_view s) {
        std::string out;
        out.reserve(s.size());
        for (size_t i = 0; i < s.size(); ++i) {
            if (s[i] != '&') {
                out.push_back(s[i]);
                continue;
            }
            size_t semi = s.find(';', i);
            if (semi == std::string_view::npos || semi - i > 12) throw XlsxError("xlsx: bad entity");
            std::string_view ent = s.substr(i + 1, semi - i - 1);
            if (ent == "lt") {
                out.push_back('<');
            } else if (ent == "gt") {
                out.push_back('>');
            } else if (ent == "amp") {
                out.push_back('&');
            } else if (ent == "quot") {
                out.push_back('"');
            } else if (ent == "apos") {
                out.push_back('\'');
            } else if (ent.size() > 1 && ent[0] == '#') {
                bool hex = ent[1] == 'x' || ent[1] == 'X';
                std::string digits(ent.substr(hex ? 2 : 1));
                char* end = nullptr;
                unsigned long cp = std::strtoul(digits.c_str(), &end, hex ? 16 : 10);
                if (digits.empty() || *end != '\0') throw XlsxError("xlsx: bad character reference");
                AppendUtf8(out, static_cast<uint32_t>(std::min<unsigned long>(cp, 0x110000)));
            } else {
                throw XlsxError("xlsx: unknown entity");
            }
            i = semi;
        }
        return out;
    }

    std::string_view xml_;
    size_t pos_ = 0;
    std::optional<std::string> pending_end_;
};

std::string ReadPart(const ZipReader& zip, const std::string& name, const XlsxLimits& limits) {
    std::optional<std::string> part = zip.Read(name, limits.max_part_bytes);
    if (!part) throw XlsxError("xlsx: missing " + name);
    return std::move(*part);
}

// xl/workbook.xml's first <sheet> → its part name through xl/_rels/workbook.xml.rels.
std::string FirstSheetPart(const ZipReader& zip, const XlsxLimits& limits) {
    std::string fallback = "xl/worksheets/sheet1.xml";
    std::optional<std::string> workbook = zip.Read("xl/workbook.xml", limits.max_part_bytes);
    std::optional<std::string> rels = zip.Read("xl/_rels/workbook.xml.rels", limits.max_part_bytes);
    if (!workbook || !rels) return fallback;
    std::string rel_id;
    XmlScanner wb(*workbook);
    for (auto e = wb.Next(); e.kind != XmlScanner::Kind::kDone; e = wb.Next()) {
        if (e.kind == XmlScanner::Kind::kStart && e.name == "sheet") {
            rel_id = e.attributes["id"];
            break;
        }
    }
    XmlScanner rs(*rels);
    for (auto e = rs.Next(); e.kind != XmlScanner::Kind::kDone; e = rs.Next()) {
        if (e.kind == XmlScanner::Kind::kStart && e.name == "Relationship" && e.attributes["Id"] == rel_id) {
            std::string target = e.attributes["Target"];
            if (target.starts_with("/")) return target.substr(1);
            return "xl/" + target;
        }
    }
    return fallback;
}

std::vector<std::string> SharedStrings(const ZipReader& zip, const XlsxLimits& limits) {
    std::vector<std::string> out;
    std::optional<std::string> xml = zip.Read("xl/sharedStrings.xml", limits.max_part_bytes);
    if (!xml) return out;
    XmlScanner s(*xml);
    std::string current;
    bool in_si = false, in_t = false;
    int phonetic = 0;
    for (auto e = s.Next(); e.kind != XmlScanner::Kind::kDone; e = s.Next()) {
        if (e.kind == XmlScanner::Kind::kStart) {
            if (e.name == "si") {
                in_si = true;
                current.clear();
            } else if (e.name == "rPh") {
                ++phonetic;  // furigana-style readings are not part of the text
            } else if (e.name == "t") {
                in_t = in_si && phonetic == 0;
            }
        } else if (e.kind == XmlScanner::Kind::kEnd) {
            if (e.name == "si") {
                out.push_back(std::move(current));
                current.clear();
                in_si = false;
            } else if (e.name == "rPh") {
                --phonetic;
            } else if (e.name == "t") {
                in_t = false;
            }
        } else if (e.kind == XmlScanner::Kind::kText && in_t) {
            current += e.text;
        }
    }
    return out;
}

// "AB12" → column 27 (0-based), or nullopt.
std::optional<size_t> ColumnOfRef(std::string_view ref) {
    size_t col = 0, i = 0;
    while (i < ref.size() && std::isalpha(static_cast<unsigned char>(ref[i]))) {
        col = col * 26 + static_cast<size_t>(std::toupper(static_cast<unsigned char>(ref[i])) - 'A' + 1);
        if (col > 16384) return std::nullopt;
        ++i;
    }
    if (i == 0) return std::nullopt;
    return col - 1;
}

// Numbers keep their text, except integral ones in exponent form (1.3800000001E+10).
std::string NumberText(const std::string& v) {
    if (v.find_first_of("eE") == std::string::npos) return v;
    char* end = nullptr;
    double d = std::strtod(v.c_str(), &end);
    if (*end != '\0' || !std::isfinite(d) || std::nearbyint(d) != d || std::abs(d) >= 1e15) return v;
    return std::to_string(static_cast<long long>(d));
}

}  // namespace

bool LooksLikeZip(std::string_view bytes) {
    return bytes.starts_with(std::string_view("PK\x03\x04", 4));
}

Table ReadXlsxFirstSheet(std::string_view bytes, const XlsxLimits& limits) {
    try {
        ZipReader zip(bytes);
        std::vector<std::string> shared = SharedStrings(zip, limits);
        std::string sheet = ReadPart(zip, FirstSheetPart(zip, limits), limits);

        std::map<size_t, std::map<size_t, std::string>> cells;  // row → column → text
        XmlScanner s(sheet);
        size_t row = 0, next_col = 0, col = 0;
        bool in_sheet_data = false, in_cell = false, in_value = false, in_text = false, seen_row = false;
        int phonetic = 0;
        std::string type, value, inline_text;
        for (auto e = s.Next(); e.kind != XmlScanner::Kind::kDone; e = s.Next()) {
            if (e.kind == XmlScanner::Kind::kStart) {
                if (e.name == "sheetData") {
                    in_sheet_data = true;
                } else if (!in_sheet_data) {
                    continue;
                } else if (e.name == "row") {
                    auto it = e.attributes.find("r");
                    size_t r = it != e.attributes.end() ? std::strtoul(it->second.c_str(), nullptr, 10) : 0;
                    row = r > 0 ? r - 1 : (seen_row ? row + 1 : 0);  // rows without r follow the last one
                    seen_row = true;
                    next_col = 0;
                } else if (e.name == "c") {
                    auto it = e.attributes.find("r");
                    std::optional<size_t> c = it != e.attributes.end() ? ColumnOfRef(it->second) : std::nullopt;
                    col = c ? *c : next_col;
                    next_col = col + 1;
                    type = e.attributes["t"];
                    value.clear();
                    inline_text.clear();
                    in_cell = !e.self_closing;
                } else if (e.name == "v" && in_cell) {
                    in_value = true;
                } else if (e.name == "rPh") {
                    ++phonetic;
                } else if (e.name == "t" && in_cell) {
                    in_text = phonetic == 0;
                }
            } else if (e.kind == XmlScanner::Kind::kEnd) {
                if (e.name == "sheetData") {
                    in_sheet_data = false;
                } else if (e.name == "v") {
                    in_value = false;
                } else if (e.name == "t") {
                    in_text = false;
                } else if (e.name == "rPh") {
                    --phonetic;
                } else if (e.name == "c" && in_cell) {
                    in_cell = false;
                    std::string text;
                    if (type == "s") {
                        char* end = nullptr;
                        unsigned long idx = std::strtoul(value.c_str(), &end, 10);
                        if (value.empty() || *end != '\0' || idx >= shared.size()) {
                            throw XlsxError("xlsx: bad shared string index");
                        }
                        text = shared[idx];
                    } else if (type == "inlineStr") {
                        text = inline_text;
                    } else if (type == "b") {
                        text = value == "1" ? "TRUE" : "FALSE";
                    } else if (type == "str" || type == "e") {
                        text = value;
                    } else {
                        text = NumberText(value);
                    }
                    if (!text.empty() && col < limits.max_columns) {
                        if (row >= limits.max_rows) throw XlsxError("xlsx: too many rows");
                        cells[row][col] = std::move(text);
                    }
                }
            } else if (e.kind == XmlScanner::Kind::kText) {
                if (in_value) value += e.text;
                if (in_text) inline_text += e.text;
            }
        }

        Table table;
        if (cells.empty()) return table;
        table.resize(cells.rbegin()->first + 1);
        for (auto& [r, columns] : cells) {
            auto& out = table[r];
            out.resize(columns.rbegin()->first + 1);
            for (auto& [c, text] : columns) out[c] = std::move(text);
        }
        return table;
    } catch (const ZipError& e) {
        throw XlsxError(e.what());
    }
}

}  // namespace xieli
