// 生成合同 on a won deal (docs/api/sales.md, POST /sales/opportunities/{id}/contract): whether the
// deal page offers to create its contract, links to the one it has, or says nothing — and the
// calls behind it. A deal has at most one live contract (the server checks it inside the write),
// so the page looks the contract up by `opportunity_id` and takes the first.
import { type Id, type QueryBody, queryRecords, type RecordData } from '@/api/records';
import { isApiError, request } from '@/api/request';

/** The contract a deal already has, as far as the page needs it for a link. */
export interface ContractRef {
  id: number;
  code: string | null;
  name: string | null;
}

/** A deal as far as these rules read it. */
export type DealLike = Readonly<Record<string, unknown>>;

/**
 * What the deal page shows: nothing (the deal is not won, the caller may not create contracts,
 * or the lookup has not answered yet), the 生成合同 button, or a link to the existing contract.
 */
export type DealContractState = { kind: 'none' } | { kind: 'create' } | { kind: 'link'; contract: ContractRef };

export const isWon = (deal: DealLike): boolean => deal.status === 'won';

/**
 * `existing`: the deal's contract, `null` when it has none, `undefined` while that is not known.
 * Only a won deal has either. Its contract is linked (even for someone who may not create one);
 * the button needs a won deal without a contract and the right to create contracts.
 */
export function dealContractState(
  deal: DealLike,
  existing: ContractRef | null | undefined,
  canCreate: boolean,
): DealContractState {
  if (!isWon(deal)) return { kind: 'none' };
  if (existing) return { kind: 'link', contract: existing };
  if (existing === null && canCreate) return { kind: 'create' };
  return { kind: 'none' };
}

/** The query for the deal's contract: any live one (terminated included — it still blocks a second). */
export function contractOfDealQuery(dealId: Id): QueryBody {
  return {
    filter: { and: [{ field: 'opportunity_id', op: 'eq', value: Number(dealId) }] },
    fields: ['code', 'name'],
    limit: 1,
  };
}

function refOf(v: unknown): ContractRef | null {
  if (typeof v !== 'object' || v === null) return null;
  const r = v as Record<string, unknown>;
  const id = Number(r.id);
  if (!Number.isInteger(id) || id <= 0) return null;
  const str = (x: unknown) => (typeof x === 'string' && x !== '' ? x : null);
  return { id, code: str(r.code), name: str(r.name) };
}

/** The contract named by a 409 (`error.existing_contract`), when the server named one. */
export function existingFromError(e: unknown): ContractRef | null {
  if (!isApiError(e) || e.status !== 409) return null;
  return refOf(e.body.existing_contract);
}

/** How a contract is named on the link: its code, else its name, else its number. */
export const contractLabel = (c: ContractRef): string => c.code ?? c.name ?? `#${c.id}`;

/** The deal's contract, or null when it has none (or none the caller may read). */
export async function findDealContract(dealId: Id, signal?: AbortSignal): Promise<ContractRef | null> {
  const page = await queryRecords('contract', contractOfDealQuery(dealId), signal);
  return refOf(page.records[0]);
}

/** Creates the contract of a won deal: customer, contact, amount and sign date come from the deal. */
export function createContractFromDeal(dealId: Id): Promise<RecordData> {
  return request<RecordData>(`/sales/opportunities/${encodeURIComponent(String(dealId))}/contract`, { method: 'POST', body: {} });
}
