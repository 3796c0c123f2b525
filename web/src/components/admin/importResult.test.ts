import { describe, expect, it } from 'vitest';

import { mapImportResult, passwordList, problemText } from './importResult';

const labels: Record<string, string> = { name: '姓名', phone: '手机号', department: '部门' };
const label = (f: string) => labels[f] ?? null;

describe('mapImportResult', () => {
  it('puts failed rows first, each error with its column label', () => {
    const summary = mapImportResult(
      {
        total: 3,
        created: 2,
        failed: 1,
        rows: [
          { row: 2, status: 'created' },
          { row: 3, status: 'failed', errors: [{ field: 'phone', message: '手机号已被使用' }, { field: 'x_col', message: '未知列' }, { message: '行为空' }] },
          { row: 4, status: 'created' },
        ],
      },
      label,
    );
    expect(summary).toMatchObject({ total: 3, created: 2, failed: 1, allOk: false });
    expect(summary.lines.map((l) => [l.row, l.ok])).toEqual([
      [3, false],
      [2, true],
      [4, true],
    ]);
    expect(summary.lines[0]!.problems).toEqual([
      { field: 'phone', label: '手机号', message: '手机号已被使用' },
      { field: 'x_col', label: 'x_col', message: '未知列' },
      { field: '', label: '', message: '行为空' },
    ]);
    expect(summary.lines[0]!.problems.map((p) => problemText(p, '：'))).toEqual(['手机号：手机号已被使用', 'x_col：未知列', '行为空']);
  });

  it('keeps the generated passwords of created rows, to hand on once', () => {
    // What xieli-server answers (rows carry name, user_id and initial_password).
    const summary = mapImportResult(
      {
        total: 3,
        created: 2,
        failed: 1,
        rows: [
          { row: 4, name: '孙七', status: 'created', user_id: 4, initial_password: 'f57nj9nTHcwG' },
          { row: 2, name: '王五', status: 'created', user_id: 2, initial_password: '2zqL25Gn42U6' },
          { row: 3, name: '赵六', status: 'failed', initial_password: 'never-shown' },
        ],
      },
      label,
    );
    expect(summary.lines.map((l) => [l.name, l.password])).toEqual([
      ['赵六', ''],
      ['王五', '2zqL25Gn42U6'],
      ['孙七', 'f57nj9nTHcwG'],
    ]);
    expect(passwordList(summary)).toBe('王五\t2zqL25Gn42U6\n孙七\tf57nj9nTHcwG');
    expect(passwordList(mapImportResult({ rows: [{ row: 2, status: 'created' }] }, label))).toBe('');
  });

  it('counts from the rows when the server leaves the totals out', () => {
    const summary = mapImportResult({ rows: [{ row: 2, status: 'created' }, { row: 3, status: 'failed' }] }, label);
    expect(summary).toMatchObject({ total: 2, created: 1, failed: 1, allOk: false });
  });

  it('says all went in only when rows did and none failed', () => {
    expect(mapImportResult({ total: 1, created: 1, failed: 0, rows: [{ row: 2, status: 'created' }] }, label).allOk).toBe(true);
    expect(mapImportResult({ total: 0, created: 0, failed: 0, rows: [] }, label).allOk).toBe(false);
    expect(mapImportResult(null, label)).toMatchObject({ total: 0, lines: [], allOk: false });
  });
});
