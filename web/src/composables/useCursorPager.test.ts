import { describe, expect, it, vi } from 'vitest';

import { ApiError } from '@/api/request';
import { errorText } from '@/utils/errors';

import { type CursorPageParams, type CursorPageResult, useCursorPager } from './useCursorPager';

interface Row {
  id: number;
}

/** A fetch whose answers the test hands out one by one, in any order. */
function controlled() {
  const calls: { params: CursorPageParams; resolve: (r: CursorPageResult<Row>) => void; reject: (e: unknown) => void }[] = [];
  const fetch = vi.fn(
    (params: CursorPageParams) =>
      new Promise<CursorPageResult<Row>>((resolve, reject) => {
        calls.push({ params, resolve, reject });
      }),
  );
  return { fetch, calls };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('useCursorPager', () => {
  it('loads the first page with the page size and no cursor', async () => {
    const fetch = vi.fn(async () => ({ records: [{ id: 1 }], total: 7, next_cursor: 'c2' }));
    const p = useCursorPager<Row>(fetch);
    expect(p.page.value).toBe(1);
    expect(p.pageSize.value).toBe(20);
    const done = p.load();
    expect(p.loading.value).toBe(true);
    await done;
    expect(fetch).toHaveBeenCalledWith({ limit: 20, cursor: undefined });
    expect(p.records.value).toEqual([{ id: 1 }]);
    expect(p.total.value).toBe(7);
    expect(p.nextCursor.value).toBe('c2');
    expect(p.loading.value).toBe(false);
    expect(p.error.value).toBe('');
    expect(p.loaded.value).toBe(true);
  });

  it('says when the total stopped at the server\'s cap', async () => {
    let capped: boolean | undefined = true;
    const p = useCursorPager<Row>(async () => ({ records: [{ id: 1 }], total: 1000, total_capped: capped }));
    await p.load();
    expect(p.total.value).toBe(1000);
    expect(p.totalCapped.value).toBe(true);
    capped = undefined;
    await p.load();
    expect(p.totalCapped.value).toBe(false);
  });

  it('takes the initial page size from the options', async () => {
    const fetch = vi.fn(async () => ({ records: [] }));
    const p = useCursorPager<Row>(fetch, { pageSize: 50 });
    await p.load();
    expect(fetch).toHaveBeenCalledWith({ limit: 50, cursor: undefined });
  });

  it('normalises a missing total, cursor and records to null / null / []', async () => {
    const p = useCursorPager<Row>(async () => ({ records: null, total: null }));
    p.total.value = 3;
    p.nextCursor.value = 'x';
    await p.load();
    expect(p.records.value).toEqual([]);
    expect(p.total.value).toBeNull();
    expect(p.nextCursor.value).toBeNull();
  });

  it('keeps the cursors of the pages seen and walks back and forth with them', async () => {
    const answers: Record<string, CursorPageResult<Row>> = {
      first: { records: [{ id: 1 }], next_cursor: 'c2' },
      c2: { records: [{ id: 2 }], next_cursor: 'c3' },
      c3: { records: [{ id: 3 }], next_cursor: null },
    };
    const fetch = vi.fn(async ({ cursor }: CursorPageParams) => answers[cursor ?? 'first'] ?? { records: [] });
    const p = useCursorPager<Row>(fetch);
    await p.load();

    p.nextPage();
    await flush();
    expect(p.page.value).toBe(2);
    expect(p.cursors.value).toEqual([undefined, 'c2']);
    expect(fetch).toHaveBeenLastCalledWith({ limit: 20, cursor: 'c2' });
    expect(p.records.value).toEqual([{ id: 2 }]);

    p.nextPage();
    await flush();
    expect(p.page.value).toBe(3);
    expect(p.cursors.value).toEqual([undefined, 'c2', 'c3']);
    expect(p.records.value).toEqual([{ id: 3 }]);
    expect(p.nextCursor.value).toBeNull();

    // The last page: no further page to go to, no request.
    const before = fetch.mock.calls.length;
    p.nextPage();
    expect(fetch.mock.calls.length).toBe(before);
    expect(p.page.value).toBe(3);

    p.prevPage();
    await flush();
    expect(p.page.value).toBe(2);
    expect(fetch).toHaveBeenLastCalledWith({ limit: 20, cursor: 'c2' });

    p.prevPage();
    await flush();
    expect(p.page.value).toBe(1);
    expect(fetch).toHaveBeenLastCalledWith({ limit: 20, cursor: undefined });

    // Already on page 1: nothing happens.
    const calls = fetch.mock.calls.length;
    p.prevPage();
    expect(fetch.mock.calls.length).toBe(calls);
    expect(p.page.value).toBe(1);
  });

  it('search() goes back to page 1 and forgets the cursors', async () => {
    const fetch = vi.fn(async ({ cursor }: CursorPageParams) => ({ records: [], next_cursor: cursor ? `${cursor}+` : 'c2' }));
    const p = useCursorPager<Row>(fetch);
    await p.load();
    p.nextPage();
    await flush();
    p.nextPage();
    await flush();
    expect(p.page.value).toBe(3);
    expect(p.cursors.value).toEqual([undefined, 'c2', 'c2+']);

    p.pageSize.value = 50;
    p.search();
    expect(p.page.value).toBe(1);
    expect(p.cursors.value).toEqual([undefined]);
    await flush();
    expect(fetch).toHaveBeenLastCalledWith({ limit: 50, cursor: undefined });
  });

  it('ignores answers to requests that a newer one has overtaken', async () => {
    const { fetch, calls } = controlled();
    const p = useCursorPager<Row>(fetch);
    const first = p.load();
    const second = p.load();
    expect(calls).toHaveLength(2);

    calls[1]!.resolve({ records: [{ id: 2 }], total: 1, next_cursor: null });
    await second;
    expect(p.records.value).toEqual([{ id: 2 }]);
    expect(p.loading.value).toBe(false);

    // The older answer arrives late: neither its records nor its loading state count.
    calls[0]!.resolve({ records: [{ id: 1 }], total: 9, next_cursor: 'old' });
    await first;
    expect(p.records.value).toEqual([{ id: 2 }]);
    expect(p.total.value).toBe(1);
    expect(p.nextCursor.value).toBeNull();
    expect(p.loading.value).toBe(false);
  });

  it('keeps loading while the newest request is under way, whatever older ones do', async () => {
    const { fetch, calls } = controlled();
    const p = useCursorPager<Row>(fetch);
    const first = p.load();
    const second = p.load();
    calls[0]!.reject(new ApiError(500, { code: 'internal', message: 'old failure' }));
    await first;
    expect(p.loading.value).toBe(true);
    expect(p.error.value).toBe('');
    calls[1]!.resolve({ records: [{ id: 2 }] });
    await second;
    expect(p.loading.value).toBe(false);
    expect(p.error.value).toBe('');
    expect(p.records.value).toEqual([{ id: 2 }]);
  });

  it('shows errorText(e) for a failed request, empties the list, and clears it on the next load', async () => {
    const error = new ApiError(403, { code: 'forbidden', message: '没有权限' });
    const fetch = vi
      .fn<(params: CursorPageParams) => Promise<CursorPageResult<Row>>>()
      .mockResolvedValueOnce({ records: [{ id: 1 }] })
      .mockRejectedValueOnce(error)
      .mockResolvedValueOnce({ records: [{ id: 3 }] });
    const p = useCursorPager<Row>(fetch);
    await p.load();
    expect(p.records.value).toEqual([{ id: 1 }]);

    await p.load();
    expect(p.error.value).toBe(errorText(error));
    expect(p.error.value).toBe('没有权限');
    expect(p.records.value).toEqual([]);
    expect(p.loading.value).toBe(false);

    const again = p.load();
    expect(p.error.value).toBe('');
    await again;
    expect(p.records.value).toEqual([{ id: 3 }]);
  });

  it('uses the generic text for errors that are not ApiError', async () => {
    const p = useCursorPager<Row>(async () => {
      throw new TypeError('boom');
    });
    await p.load();
    expect(p.error.value).toBe(errorText(new TypeError('boom')));
    expect(p.error.value).not.toBe('');
    expect(p.loaded.value).toBe(false);
  });

  it('does nothing while ready() says no', async () => {
    let ready = false;
    const fetch = vi.fn(async () => ({ records: [{ id: 1 }] }));
    const p = useCursorPager<Row>(fetch, { ready: () => ready });
    await p.load();
    p.search();
    expect(fetch).not.toHaveBeenCalled();
    expect(p.loading.value).toBe(false);
    ready = true;
    await p.load();
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(p.records.value).toEqual([{ id: 1 }]);
  });
});
