#include "common/xlsx_writer.h"

#include <fmt/format.h>

#include <algorithm>

#include "common/zip_archive.h"

namespace xieli {

namespace {

constexpr std::string_view kXmlHead = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)";
constexpr std::string_view kMainNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
constexpr std::string_view kRelNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

// Text for XML content and attribute values; characters XML 1.0 cannot hold are dropped.
std::string Escape(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default:
                if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') break;
                out.push_back(c);
        }
    }
    return out;
}

std::string ColumnName(size_t col) {
    std::string name;
    ++col;
    while (col > 0) {
        name.insert(name.begin(), static_cast<char>('A' + (col - 1) % 26));
        col = (col - 1) / 26;
    }
    return name;
}

std::string SheetXml(const XlsxSheet& sheet) {
    std::string x(kXmlHead);
    x += fmt::format(R"(<worksheet xmlns="{}" xmlns:r="{}">)", kMainNs, kRelNs);
    size_t columns = sheet.column_widths.size();
    for (size_t c : sheet.text_columns) columns = std::max(columns, c + 1);
    if (columns > 0) {
        x += "<cols>";
        for (size_t c = 0; c < columns; ++c) {
            bool text = std::find(sheet.text_columns.begin(), sheet.text_columns.end(), c) != sheet.text_columns.end();
            double width = c < sheet.column_widths.size() ? sheet.column_widths[c] : 10;
            x += fmt::format(
                R"(<col min="{0}" max="{0}" width="{1}" customWidth="1"{2}/>)",
                c + 1,
                width,
                text ? R"( style="2")" : ""
            );
        }
        x += "</cols>";
    }
    x += "<sheetData>";
    for (size_t r = 0; r < sheet.rows.size(); ++r) {
        x += fmt::format(R"(<row r="{}">)", r + 1);
        for (size_t c = 0; c < sheet.rows[r].size(); ++c) {
            bool text = std::find(sheet.text_columns.begin(), sheet.text_columns.end(), c) != sheet.text_columns.end();
            int style = r == 0 && sheet.bold_header ? 1 : text ? 2 : 0;
            x += fmt::format(
                R"(<c r="{}{}" t="inlineStr"{}><is><t xml:space="preserve">{}</t></is></c>)",
                ColumnName(c),
                r + 1,
                style ? fmt::format(R"( s="{}")", style) : "",
                Escape(sheet.rows[r][c])
            );
        }
        x += "</row>";
    }
    x += "</sheetData></worksheet>";
    return x;
}

}  // namespace

std::string WriteXlsx(const std::vector<XlsxSheet>& sheets) {
    std::vector<ZipFileEntry> parts;
    std::string types(kXmlHead);
    types +=
        R"(<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">)"
        R"(<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>)"
        R"(<Default Extension="xml" ContentType="application/xml"/>)"
        R"(<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>)"
        R"(<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>)";
    for (size_t i = 0; i < sheets.size(); ++i) {
        types += fmt::format(
            R"(<Override PartName="/xl/worksheets/sheet{}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>)",
            i + 1
        );
    }
    types += "</Types>";
    parts.push_back({"[Content_Types].xml", types});

    parts.push_back(
        {"_rels/.rels",
         std::string(kXmlHead) +
             R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
             R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>)"
             R"(</Relationships>)"}
    );

    std::string workbook(kXmlHead);
    workbook += fmt::format(R"(<workbook xmlns="{}" xmlns:r="{}"><sheets>)", kMainNs, kRelNs);
    std::string rels(kXmlHead);
    rels += R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)";
    for (size_t i = 0; i < sheets.size(); ++i) {
        workbook +=
            fmt::format(R"(<sheet name="{}" sheetId="{}" r:id="rId{}"/>)", Escape(sheets[i].name), i + 1, i + 1);
        rels += fmt::format(
            R"(<Relationship Id="rId{}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{}.xml"/>)",
            i + 1,
            i + 1
        );
    }
    workbook += "</sheets></workbook>";
    rels += fmt::format(
        R"(<Relationship Id="rId{}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>)",
        sheets.size() + 1
    );
    rels += "</Relationships>";
    parts.push_back({"xl/workbook.xml", workbook});
    parts.push_back({"xl/_rels/workbook.xml.rels", rels});

    // Style 0: default; 1: bold (header); 2: text format (@), so 13800000000 stays text.
    std::string styles(kXmlHead);
    styles += fmt::format(R"(<styleSheet xmlns="{}">)", kMainNs);
    styles +=
        R"(<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>)"
        R"(<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>)"
        R"(<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>)"
        R"(<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>)"
        R"(<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>)"
        R"(<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>)"
        R"(<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>)"
        R"(<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>)";
    parts.push_back({"xl/styles.xml", styles});

    for (size_t i = 0; i < sheets.size(); ++i) {
        parts.push_back({fmt::format("xl/worksheets/sheet{}.xml", i + 1), SheetXml(sheets[i])});
    }
    return WriteZip(parts);
}

}  // namespace xieli
