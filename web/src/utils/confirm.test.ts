import { beforeEach, describe, expect, it, vi } from 'vitest';

const confirm = vi.fn();
vi.mock('@/ui/element-plus', () => ({ ElMessageBox: { confirm: (...args: unknown[]) => confirm(...args) } }));

const { confirmed } = await import('./confirm');

describe('confirmed', () => {
  beforeEach(() => confirm.mockReset());

  it('is true when the person confirms, with the action named on the button', async () => {
    confirm.mockResolvedValue('confirm');
    expect(await confirmed('删除「华信科技」？', '删除', { confirm: '删除', cancel: '取消' })).toBe(true);
    expect(confirm).toHaveBeenCalledWith('删除「华信科技」？', '删除', { confirmButtonText: '删除', cancelButtonText: '取消', type: 'warning' });
  });

  it('is false when the person cancels or closes the box', async () => {
    // Element Plus rejects with the action's name: 'cancel' (the button) or 'close' (× or Esc).
    for (const action of ['cancel', 'close']) {
      confirm.mockImplementationOnce(() => Promise.reject(new Error(action)));
      expect(await confirmed('?', 't', { confirm: 'OK', cancel: 'Cancel' })).toBe(false);
    }
  });

  it('paints a destroying action red and does not focus it', async () => {
    confirm.mockResolvedValue('confirm');
    await confirmed('?', 't', { confirm: 'Delete', cancel: 'Cancel', danger: true });
    expect(confirm.mock.calls[0]![2]).toMatchObject({ confirmButtonClass: 'el-button--danger', autofocus: false });
  });

  it('asks as information when told to', async () => {
    confirm.mockResolvedValue('confirm');
    await confirmed('?', 't', { confirm: 'OK', cancel: 'Cancel', type: 'info' });
    expect(confirm.mock.calls[0]![2]).toMatchObject({ type: 'info' });
    expect(confirm.mock.calls[0]![2]).not.toHaveProperty('confirmButtonClass');
  });
});
