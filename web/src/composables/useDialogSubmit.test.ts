import { describe, expect, it, vi } from 'vitest';
import { nextTick, ref } from 'vue';

import { ApiError } from '@/api/request';

import { useDialogSubmit } from './useDialogSubmit';

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('useDialogSubmit', () => {
  it('closes the dialog after a successful save', async () => {
    const close = vi.fn();
    const d = useDialogSubmit({ open: () => true, close });
    const ok = await d.submit(async () => {});
    expect(ok).toBe(true);
    expect(close).toHaveBeenCalledOnce();
    expect(d.saving.value).toBe(false);
  });

  it('keeps the dialog open and shows the server message and field messages on failure', async () => {
    const close = vi.fn();
    const d = useDialogSubmit({ open: () => true, close });
    const err = new ApiError(422, { code: 'validation_failed', message: '名称不能为空', details: [{ field: 'name', code: 'required', message: '必填' }] });
    const ok = await d.submit(async () => {
      throw err;
    });
    expect(ok).toBe(false);
    expect(close).not.toHaveBeenCalled();
    expect(d.error.value).not.toBe('');
    expect(d.fieldErrors.value).toEqual({ name: '必填' });
  });

  it('runs one save at a time', async () => {
    const d = useDialogSubmit({ open: () => true, close: () => {} });
    let release!: () => void;
    const save = vi.fn(() => new Promise<void>((r) => (release = r)));
    const first = d.submit(save);
    expect(d.saving.value).toBe(true);
    expect(await d.submit(save)).toBe(false);
    release();
    expect(await first).toBe(true);
    expect(save).toHaveBeenCalledOnce();
  });

  it('clears the messages and refills the form each time the dialog opens', async () => {
    const open = ref(false);
    const onOpen = vi.fn();
    const d = useDialogSubmit({ open: () => open.value, close: () => (open.value = false), onOpen });
    d.error.value = 'old';
    d.fieldErrors.value = { name: 'old' };
    open.value = true;
    await nextTick();
    await flush();
    expect(d.error.value).toBe('');
    expect(d.fieldErrors.value).toEqual({});
    expect(onOpen).toHaveBeenCalledOnce();
  });
});
