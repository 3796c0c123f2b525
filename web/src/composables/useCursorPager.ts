import { ref, type Ref } from 'vue';

import { errorText } from '@/utils/errors';

/** What a cursor-paged list call is asked for. */
export interface CursorPageParams {
  /** Page size. */
  limit: number;
  /** The cursor that opens the wanted page; `undefined` for the first page. */
  cursor: string | undefined;
}

/** What a cursor-paged list call answers (the API's `{records, total?, next_cursor?}`). */
export interface CursorPageResult<T> {
  records?: T[] | null;
  total?: number | null;
  /** The total stopped at the server's cap: there are more records than it says. */
  total_capped?: boolean | null;
  next_cursor?: string | null;
}

export interface CursorPagerOptions {
  /** Initial page size (20). */
  pageSize?: number;
  /** When given and false, `load()` does nothing at all (e.g. no department chosen yet). */
  ready?: () => boolean;
}

export interface CursorPager<T> {
  /** The records of the current page; emptied when the request fails. */
  records: Ref<T[]>;
  /** Whether the newest request is still under way. */
  loading: Ref<boolean>;
  /** `errorText(e)` of the newest failed request, `''` otherwise. */
  error: Ref<string>;
  /** 1-based number of the page shown. */
  page: Ref<number>;
  pageSize: Ref<number>;
  /** cursors[i] opens page i + 1; the first page has none. */
  cursors: Ref<(string | undefined)[]>;
  /** The server's total when it sent one, else `null`. */
  total: Ref<number | null>;
  /** Whether that total stopped at the server's cap (there are more). */
  totalCapped: Ref<boolean>;
  /** The cursor of the page after this one, `null` on the last page. */
  nextCursor: Ref<string | null>;
  /** Whether a request has succeeded (and was not overtaken by a newer one). */
  loaded: Ref<boolean>;
  /** (Re)loads the current page; answers to older requests are ignored. */
  load: () => Promise<void>;
  /** Back to page 1 (forgetting the cursors) and load it. */
  search: () => void;
  /** To the next page, if there is one. */
  nextPage: () => void;
  /** To the previous page, if there is one. */
  prevPage: () => void;
}

/**
 * The state of a list paged by cursors: the page shown, the cursors that open the pages seen
 * so far, loading / error, and a sequence number so that only the newest request's answer
 * is shown. `fetch` is called with the page size and the current page's cursor.
 */
export function useCursorPager<T>(
  fetch: (params: CursorPageParams) => Promise<CursorPageResult<T>>,
  options: CursorPagerOptions = {},
): CursorPager<T> {
  const records = ref<T[]>([]) as Ref<T[]>;
  const loading = ref(false);
  const error = ref('');
  const page = ref(1);
  const pageSize = ref(options.pageSize ?? 20);
  const cursors = ref<(string | undefined)[]>([undefined]);
  const total = ref<number | null>(null);
  const totalCapped = ref(false);
  const nextCursor = ref<string | null>(null);
  const loaded = ref(false);
  let seq = 0;

  async function load(): Promise<void> {
    if (options.ready && !options.ready()) return;
    const mine = ++seq;
    loading.value = true;
    error.value = '';
    try {
      const r = await fetch({ limit: pageSize.value, cursor: cursors.value[page.value - 1] });
      if (mine !== seq) return;
      records.value = r.records ?? [];
      total.value = typeof r.total === 'number' ? r.total : null;
      totalCapped.value = r.total_capped === true;
      nextCursor.value = r.next_cursor ?? null;
      loaded.value = true;
    } catch (e) {
      if (mine !== seq) return;
      records.value = [];
      error.value = errorText(e);
    } finally {
      if (mine === seq) loading.value = false;
    }
  }

  function search(): void {
    page.value = 1;
    cursors.value = [undefined];
    void load();
  }

  function nextPage(): void {
    if (!nextCursor.value) return;
    cursors.value[page.value] = nextCursor.value;
    page.value += 1;
    void load();
  }

  function prevPage(): void {
    if (page.value <= 1) return;
    page.value -= 1;
    void load();
  }

  return { records, loading, error, page, pageSize, cursors, total, totalCapped, nextCursor, loaded, load, search, nextPage, prevPage };
}
