#pragma once

// The competitors in a deal (竞争对手分析, object `opportunity_competitor`): one row per competitor
// and deal, named after the competitor, and written only by people who may edit the deal.
//
// Data scope: the engine scopes these rows by their own owner (the person who added them), like
// every owned record; it cannot say "follows the deal's scope". So the rows are sales records
// (modules/org/permissions.cpp: the same grants as deals) and adding or moving one needs the right
// to edit its deal. Salespeople see what they added to their deals, managers their team's, admins
// all — what a sales team expects; a collaborator on someone else's deal does not see its rows.

#include "records/record_service.h"

namespace xieli::sales {

void BeforeDealCompetitorWrite(records::WriteEvent& e);
// Back from the recycle bin while another row for the same pair was added: refused like a new one.
void AfterDealCompetitorRestore(records::WriteEvent& e);

}  // namespace xieli::sales
