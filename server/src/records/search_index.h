#pragma once

// Keyword search storage beside each object's FTS5 trigram table (`obj_<name>_fts`, one row per
// record holding its searchable fields' text), and the SQL that finds one- and two-character
// words in it.
//
// A trigram index cannot look up fewer than three characters, but a short word that is followed
// by more text is the start of the trigrams there: "华信" is found through 「华信科」「华信 」….
// `<table>_fts_vocab` (an fts5vocab table, no storage of its own) lists the trigrams with the
// records they occur in, and is read by a range of terms. What it cannot see is a word at the very
// end of a record's text, which no trigram starts; `<table>_fts_tail` keeps the last one and two
// characters of each record's text for that. Together they find exactly the records a scan with
// instr() finds, in milliseconds instead of a scan of every record's text.

#include <cstdint>
#include <string>
#include <string_view>

#include "records/access.h"
#include "records/metadata.h"
#include "store/database.h"

namespace xieli::records {

std::string SearchVocabTable(const ObjectMeta& object);
std::string SearchTailTable(const ObjectMeta& object);

// The vocabulary view and the tail table of a new object (its FTS table exists already).
void CreateSearchSideTables(store::Connection& conn, const ObjectMeta& object);
// For a table made before they existed: creates what is missing and fills the tail from the
// search text already there. Returns true when it changed anything.
bool SyncSearchSideTables(store::Connection& conn, const ObjectMeta& object);

// Keeps the tail of one record's search text; call after its FTS row is written (`text` empty:
// the record has no search text).
void WriteSearchTail(store::Connection& conn, const ObjectMeta& object, int64_t id, std::string_view text);

// Rewrites the search text (and its tail) of up to `limit` records of `object` with an id above
// `after_id`, in id order, from the fields `object` now has searchable — after a field is deleted
// its text must stop matching (the write path writes the same text, RecordService::WriteSearchText).
// Records in the recycle bin too: they may be restored. Returns the last id rewritten, 0 when
// there was none left.
int64_t RebuildSearchText(store::Connection& conn, const ObjectMeta& object, int64_t after_id, int limit);

// How the records with a keyword are found:
//   kList       listing them (the trigram index for three characters or more; the vocabulary and
//               the tail for fewer), then reading those records — for a keyword in a few
//               thousand records or fewer, the usual case (a name, a brand, a phone number);
//   kCheckEach  checking the text of each record the rest of the query reaches, in list order,
//               so a page stops after 51 — for a keyword in so many records ("公司", "有限公司",
//               "1") that listing them all costs more than walking until the page is full.
enum class KeywordPlan { kList, kCheckEach };

// A list page and its count may need different plans: the page is sorted and stops after 51
// records, the count is not sorted and stops after the cap (1 001). Listing the candidates and
// reading them in id order finds 1 001 of them sooner than walking in list order, unless there
// are so many candidates that listing them all costs more than walking (about 100 000).
struct KeywordPlans {
    KeywordPlan page = KeywordPlan::kList;
    KeywordPlan count = KeywordPlan::kList;
};

// Looks at how often `keyword` occurs (a count that stops at a limit: under a millisecond for a
// rare keyword; a few for the commonest, or some tens when `counting` needs the larger limit)
// and picks the plans.
KeywordPlans ChooseKeywordPlans(
    store::Connection& conn, const ObjectMeta& object, std::string_view keyword, bool counting
);

// The condition on `t` (the object's table) that selects the records whose search text contains
// `keyword` (trimmed, not empty). Three characters or more: the phrase through the trigram index.
// One or two: ASCII letters compared case-insensitively as instr(lower(…)) does; a word with a
// non-ASCII letter that has a case (which the trigram index folds and lower() does not) scans the
// search text. Every plan selects the same records.
// `id` is what the candidates are matched on: "+t.id" (the same value) keeps SQLite from reading
// the records through the keyword's list, for a query that reads few records otherwise (one
// person's: RecordService's scope-first page and count of a salesperson).
SqlFragment KeywordCondition(
    const ObjectMeta& object,
    std::string_view keyword,
    KeywordPlan plan = KeywordPlan::kList,
    std::string_view id = "t.id"
);

}  // namespace xieli::records
