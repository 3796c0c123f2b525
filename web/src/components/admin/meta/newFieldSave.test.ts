import { describe, expect, it, vi } from 'vitest';

import { saveNewField } from './newFieldSave';

interface Field {
  name: string;
}

describe('saving a new field and its limits', () => {
  it('keeps the created field when the limits fail, and retries only the limits', async () => {
    const create = vi.fn(async (): Promise<Field> => ({ name: 'c_contract' }));
    const limitsError = new Error('limits refused');
    const after = vi.fn<(f: Field) => Promise<void>>().mockRejectedValueOnce(limitsError).mockResolvedValueOnce(undefined);

    const first = await saveNewField<Field>(null, { create, after });
    expect(first).toEqual({ field: { name: 'c_contract' }, createdNow: true, afterError: limitsError });
    expect(create).toHaveBeenCalledTimes(1);

    // The second Save: the same field, not created again.
    const second = await saveNewField(first.field, { create, after });
    expect(second).toEqual({ field: { name: 'c_contract' }, createdNow: false, afterError: null });
    expect(create).toHaveBeenCalledTimes(1);
    expect(after.mock.calls).toEqual([[{ name: 'c_contract' }], [{ name: 'c_contract' }]]);
  });

  it('saves both at once when nothing fails', async () => {
    const after = vi.fn(async () => undefined);
    const outcome = await saveNewField<Field>(null, { create: async () => ({ name: 'c_a' }), after });
    expect(outcome).toEqual({ field: { name: 'c_a' }, createdNow: true, afterError: null });
    expect(after).toHaveBeenCalledTimes(1);
  });

  it('throws when the field itself is refused, without touching the limits', async () => {
    const refused = new Error('duplicate name');
    const after = vi.fn(async () => undefined);
    await expect(
      saveNewField<Field>(null, {
        create: async () => {
          throw refused;
        },
        after,
      }),
    ).rejects.toBe(refused);
    expect(after).not.toHaveBeenCalled();
  });
});
