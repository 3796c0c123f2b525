#include "records/search_index.h"

#include <fmt/format.h>

#include <optional>
#include <vector>

#include "common/strings.h"
#include "records/field_type.h"
#include "records/value_codec.h"

namespace xieli::records {

namespace {

// The largest code point: every term that starts with a word sorts before word + this.
constexpr std::string_view kMaxChar = "\xF4\x8F\xBF\xBF";
// Occurrences past which listing a keyword's records costs more than checking records in list
// order. Bench, a million customers: listing costs ~4 µs a candidate for a sorted page (~0.4 µs to
// list, the rest reading and sorting), checking a record ~3–5 µs. A page of 50 needs
// 51 × records ÷ N checks, so the two meet near 8 000; a count to 1 001 needs 1 001 × records ÷ N
// checks against ~0.4 µs × N of listing (it reads only what it counts), so they meet near 90 000.
constexpr int64_t kPageCandidateLimit = 10000;
constexpr int64_t kCountCandidateLimit = 100000;

bool TableExists(store::Connection& conn, const std::string& name) {
    return conn.QueryValue("SELECT 1 FROM sqlite_master WHERE name = ?", {name}).has_value();
}

void CreateTail(store::Connection& conn, const ObjectMeta& o, bool fill) {
    std::string tail = SearchTailTable(o);
    conn.ExecuteScript(
        fmt::format("CREATE TABLE {} (id INTEGER PRIMARY KEY, last2 TEXT NOT NULL, last1 TEXT NOT NULL)", tail)
    );
    // lower() as the scan's instr(lower(search_text), lower(?)) compares: ASCII letters only.
    if (fill) {
        conn.ExecuteScript(fmt::format(
            "INSERT INTO {} (id, last2, last1) SELECT rowid, lower(substr(search_text, -2)), "
            "lower(substr(search_text, -1)) FROM {} WHERE search_text <> ''",
            tail,
            o.FtsTable()
        ));
    }
    // Indexes after the rows: building one is faster than growing it row by row.
    conn.ExecuteScript(
        fmt::format("CREATE INDEX {0}_last2 ON {0} (last2); CREATE INDEX {0}_last1 ON {0} (last1);", tail)
    );
}

void CreateVocab(store::Connection& conn, const ObjectMeta& o) {
    // 'instance': one row per occurrence (term, doc, col, offset), so a range of terms yields the
    // records directly; it reads the FTS index and stores nothing.
    conn.ExecuteScript(
        fmt::format("CREATE VIRTUAL TABLE {} USING fts5vocab({}, 'instance')", SearchVocabTable(o), o.FtsTable())
    );
}

// Decodes one UTF-8 code point at `i` (advancing it); -1 when the text is not valid UTF-8.
long NextCodePoint(std::string_view s, size_t& i) {
    auto c = static_cast<unsigned char>(s[i]);
    size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || i + len > s.size()) return -1;
    long cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
    for (size_t k = 1; k < len; ++k) {
        auto b = static_cast<unsigned char>(s[i + k]);
        if ((b & 0xC0) != 0x80) return -1;
        cp = (cp << 6) | (b & 0x3F);
    }
    i += len;
    return cp;
}

// Characters the trigram tokenizer keeps as they are or folds exactly as SQLite's lower() does:
// ASCII, and the scripts without letter case that Chinese text is written in (CJK ideographs,
// radicals, punctuation, kana, Hangul, full-width digits and punctuation). A letter such as 'Ä'
// or a full-width 'Ａ' is folded by the tokenizer but not by lower(), so the vocabulary would
// miss it under the form lower() keeps.
bool FoldsLikeLower(long cp) {
    return cp < 0x80 || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7AF) ||
           (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF01 && cp <= 0xFF20) ||
           (cp >= 0xFF3B && cp <= 0xFF40) || (cp >= 0xFF5B && cp <= 0xFFEF) || (cp >= 0x20000 && cp <= 0x3FFFF);
}

bool IsAsciiLetter(long cp) {
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
}

}  // namespace

std::string SearchVocabTable(const ObjectMeta& object) {
    return object.FtsTable() + "_vocab";
}

std::string SearchTailTable(const ObjectMeta& object) {
    return object.FtsTable() + "_tail";
}

void CreateSearchSideTables(store::Connection& conn, const ObjectMeta& object) {
    CreateVocab(conn, object);
    CreateTail(conn, object, false);
}

bool SyncSearchSideTables(store::Connection& conn, const ObjectMeta& object) {
    bool changed = false;
    if (!TableExists(conn, SearchVocabTable(object))) {
        CreateVocab(conn, object);
        changed = true;
    }
    if (!TableExists(conn, SearchTailTable(object))) {
        CreateTail(conn, object, true);
        changed = true;
    }
    return changed;
}

void WriteSearchTail(store::Connection& conn, const ObjectMeta& object, int64_t id, std::string_view text) {
    std::string tail = SearchTailTable(object);
    if (text.empty()) {
        conn.Execute(fmt::format("DELETE FROM {} WHERE id = ?", tail), {id});
        return;
    }
    conn.Execute(
        fmt::format(
            "INSERT INTO {} (id, last2, last1) VALUES (?1, lower(substr(?2, -2)), lower(substr(?2, -1))) "
            "ON CONFLICT (id) DO UPDATE SET last2 = excluded.last2, last1 = excluded.last1",
            tail
        ),
        {id, std::string(text)}
    );
}

int64_t RebuildSearchText(store::Connection& conn, const ObjectMeta& object, int64_t after_id, int limit) {
    std::vector<const FieldMeta*> searchable;
    std::string cols = "id";
    for (const FieldMeta& f : object.fields) {
        if (f.searchable && f.type != FieldType::kFormula) {
            searchable.push_back(&f);
            cols += ", " + f.column;
        }
    }
    store::Rows rows = conn.Query(
        fmt::format("SELECT {} FROM {} WHERE id > ? ORDER BY id LIMIT ?", cols, object.table), {after_id, limit}
    );
    std::string fts = object.FtsTable();
    int64_t last = 0;
    for (const store::Row& r : rows) {
        last = r.Int(0);
        std::string text;
        for (size_t i = 0; i < searchable.size(); ++i) {
            std::string part = SearchTextOf(*searchable[i], r[i + 1]);
            if (!part.empty()) text += (text.empty() ? "" : " ") + part;
        }
        conn.Execute(fmt::format("DELETE FROM {} WHERE rowid = ?", fts), {last});
        if (!text.empty())
            conn.Execute(fmt::format("INSERT INTO {} (rowid, search_text) VALUES (?, ?)", fts), {last, text});
        WriteSearchTail(conn, object, last, text);
    }
    return last;
}

namespace {

// What a keyword is made of, for choosing how to look it up.
struct KeywordShape {
    long chars = 0;
    bool folds_like_lower = true;  // every character: FoldsLikeLower
    bool letters = false;          // an ASCII letter
};

KeywordShape ShapeOf(std::string_view keyword) {
    KeywordShape shape;
    for (size_t i = 0; i < keyword.size();) {
        long cp = NextCodePoint(keyword, i);
        if (cp < 0) return {0, false, false};
        shape.folds_like_lower = shape.folds_like_lower && FoldsLikeLower(cp);
        shape.letters = shape.letters || IsAsciiLetter(cp);
        ++shape.chars;
    }
    return shape;
}

// The candidates of a short word (the records whose text has it followed by more text, or ends
// with it), as a compound SELECT of one id column; `key` is the word as lower() leaves it.
SqlFragment ShortWordCandidates(const ObjectMeta& o, const std::string& key, long chars) {
    std::string upper = key + std::string(kMaxChar);
    std::string tail = SearchTailTable(o);
    // Occurrences followed by at least one more character start a trigram; those that end the
    // text are in the tail: the last two characters for a two-character word, either of the last
    // two for one character.
    SqlFragment out{fmt::format("SELECT doc FROM {} WHERE term >= ? AND term < ?", SearchVocabTable(o)), {key, upper}};
    if (chars == 2) {
        out.sql += fmt::format(" UNION ALL SELECT id FROM {} WHERE last2 = ?", tail);
        out.params.emplace_back(key);
    } else {
        out.sql += fmt::format(
            " UNION ALL SELECT id FROM {0} WHERE last2 >= ? AND last2 < ? UNION ALL SELECT id FROM {0} WHERE last1 = ?",
            tail
        );
        out.params.insert(out.params.end(), {key, upper, key});
    }
    return out;
}

// One character (not a space) is in a record's search text exactly when it is in one of the
// searchable columns: the text joins their values with spaces, and a phone number's digits
// (SearchTextOf) are characters of the number. Checking the row's own columns spares reading the
// search text; it needs columns that keep text, as the text holds their values verbatim.
std::optional<SqlFragment> CharacterInColumns(const ObjectMeta& o, std::string_view character) {
    SqlFragment out;
    for (const FieldMeta& f : o.fields) {
        if (!f.searchable || f.type == FieldType::kFormula) continue;
        if (InfoOf(f.type).storage != StorageClass::kText) return std::nullopt;
        out.sql += fmt::format("{}instr(lower(t.{}), lower(?)) > 0", out.sql.empty() ? "" : " OR ", f.column);
        out.params.emplace_back(std::string(character));
    }
    out.sql = out.sql.empty() ? "1 = 0" : "(" + out.sql + ")";
    return out;
}

std::string Phrase(std::string_view keyword) {
    std::string phrase = "\"";
    for (char c : keyword) phrase += c == '"' ? std::string("\"\"") : std::string(1, c);
    return phrase + "\"";
}

}  // namespace

KeywordPlans ChooseKeywordPlans(
    store::Connection& conn, const ObjectMeta& object, std::string_view keyword, bool counting
) {
    KeywordShape shape = ShapeOf(keyword);
    SqlFragment listed;
    if (shape.chars >= 3 && !shape.letters && shape.folds_like_lower) {
        listed = {fmt::format("SELECT rowid FROM {0} WHERE {0} MATCH ?", object.FtsTable()), {Phrase(keyword)}};
    } else if (shape.chars >= 1 && shape.chars <= 2 && shape.folds_like_lower) {
        listed = ShortWordCandidates(object, ToLowerAscii(keyword), shape.chars);
    } else {
        return {};  // KeywordCondition has a single way for these
    }
    // Counting stops at the limit, so a common word costs a few milliseconds here, a rare one less.
    int64_t limit = counting ? kCountCandidateLimit : kPageCandidateLimit;
    std::vector<store::Value> params = listed.params;
    params.emplace_back(limit);
    int64_t seen =
        conn.Query(fmt::format("SELECT COUNT(*) FROM ({} LIMIT ?)", listed.sql), store::Params(params)).front().Int(0);
    return {
        seen >= kPageCandidateLimit ? KeywordPlan::kCheckEach : KeywordPlan::kList,
        seen >= kCountCandidateLimit ? KeywordPlan::kCheckEach : KeywordPlan::kList};
}

SqlFragment KeywordCondition(
    const ObjectMeta& object, std::string_view keyword, KeywordPlan plan, std::string_view id
) {
    KeywordShape shape = ShapeOf(keyword);
    std::string fts = object.FtsTable();
    SqlFragment check{
        fmt::format("instr(lower((SELECT search_text FROM {} WHERE rowid = t.id)), lower(?)) > 0", fts),
        {std::string(keyword)}};
    if (shape.chars >= 3) {
        // Without ASCII letters, the phrase's trigrams and instr(lower(…)) find the same texts
        // (only letters fold), so a common phrase can be checked record by record.
        if (plan == KeywordPlan::kCheckEach && !shape.letters && shape.folds_like_lower) return check;
        return {fmt::format("{1} IN (SELECT rowid FROM {0} WHERE {0} MATCH ?)", fts, id), {Phrase(keyword)}};
    }
    if (!shape.folds_like_lower) {
        // A letter the trigram index folds otherwise than lower(): the vocabulary could miss it.
        return {
            fmt::format("{} IN (SELECT rowid FROM {} WHERE instr(lower(search_text), lower(?)) > 0)", id, fts),
            {std::string(keyword)}};
    }
    if (plan == KeywordPlan::kCheckEach) {
        if (shape.chars == 1) {
            if (std::optional<SqlFragment> columns = CharacterInColumns(object, keyword)) return *columns;
        }
        return check;
    }
    SqlFragment out = ShortWordCandidates(object, ToLowerAscii(keyword), shape.chars);
    out.sql = fmt::format("{} IN ({})", id, out.sql);
    if (shape.letters) {
        // The tokenizer also folds a few non-ASCII letters onto ASCII ones (the Kelvin sign 'K'
        // onto 'k'), which lower() leaves alone: the candidates are checked against the text.
        out.sql += " AND " + check.sql;
        out.params.emplace_back(std::string(keyword));
    }
    return out;
}

}  // namespace xieli::records
