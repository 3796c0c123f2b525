import { describe, expect, it } from 'vitest';

import type { Pipeline } from '@/api/crm';

import {
  blankRow,
  moveRow,
  problemMessage,
  problemsFromDetails,
  rowsChanged,
  rowsOf,
  stageProblems,
  stagesBody,
  type StageRow,
  terminalStagesOf,
} from './pipelineStages';

const pipeline: Pipeline = {
  value: 'p1',
  label: '新客户销售',
  label_en: 'New business',
  default: true,
  stages: [
    { value: 'initial', label: '初步接洽', label_en: 'Initial contact', probability: 10, kind: 'open' },
    { value: 'needs', label: '需求确认', label_en: '需求确认', probability: 30, kind: 'open' },
    { value: 'won', label: '赢单', label_en: 'Won', probability: 100, kind: 'won' },
    { value: 'lost', label: '输单', label_en: 'Lost', probability: 0, kind: 'lost' },
  ],
};

const row = (label: string, probability: number | null, extra: Partial<StageRow> = {}): StageRow => ({
  ...blankRow(probability),
  label,
  ...extra,
});

describe('pipeline stage rows', () => {
  it('takes the open stages as rows and keeps won / lost apart', () => {
    const rows = rowsOf(pipeline);
    expect(rows.map((r) => [r.value, r.label, r.label_en, r.probability])).toEqual([
      ['initial', '初步接洽', 'Initial contact', 10],
      ['needs', '需求确认', '', 30], // the server echoes the Chinese name when there is no English one
    ]);
    expect(new Set(rows.map((r) => r.key)).size).toBe(2);
    expect(terminalStagesOf(pipeline).map((s) => s.kind)).toEqual(['won', 'lost']);
  });

  it('turns rows into the PUT body: trimmed, value only for existing stages, no empty English name', () => {
    const rows = [...rowsOf(pipeline), row('  方案报价 ', 50, { label_en: ' Proposal ' }), row('商务谈判', 70)];
    expect(stagesBody(rows)).toEqual([
      { value: 'initial', label: '初步接洽', label_en: 'Initial contact', probability: 10 },
      { value: 'needs', label: '需求确认', probability: 30 },
      { label: '方案报价', label_en: 'Proposal', probability: 50 },
      { label: '商务谈判', probability: 70 },
    ]);
  });

  it('moves rows up and down within bounds', () => {
    const rows = [row('A', 1), row('B', 2), row('C', 3)];
    expect(moveRow(rows, 2, -1).map((r) => r.label)).toEqual(['A', 'C', 'B']);
    expect(moveRow(rows, 0, 1).map((r) => r.label)).toEqual(['B', 'A', 'C']);
    expect(moveRow(rows, 0, -1)).toBe(rows);
    expect(moveRow(rows, 2, 1)).toBe(rows);
    expect(rows.map((r) => r.label)).toEqual(['A', 'B', 'C']); // not changed in place
  });

  it('accepts what the server accepts', () => {
    expect(stageProblems(rowsOf(pipeline))).toEqual([]);
    expect(stageProblems([row('一二三四五六七八九十一二三四五六七八九十', 0), row('B', 100)])).toEqual([]);
  });

  it('finds what the server would refuse', () => {
    expect(stageProblems([])).toEqual([{ index: null, field: 'stages', code: 'count' }]);
    expect(stageProblems(Array.from({ length: 21 }, (_, i) => row(`S${i}`, 10)))).toEqual([{ index: null, field: 'stages', code: 'count' }]);
    expect(
      stageProblems([
        row('  ', 10),
        row('初步接洽', 101),
        row(' 初步接洽', 20),
        row('一二三四五六七八九十一二三四五六七八九十一', null),
        row('C', 5.5, { label_en: 'x'.repeat(41) }),
      ]),
    ).toEqual([
      { index: 0, field: 'label', code: 'required' },
      { index: 1, field: 'probability', code: 'range' },
      { index: 2, field: 'label', code: 'duplicate' },
      { index: 3, field: 'label', code: 'too_long' },
      { index: 3, field: 'probability', code: 'range' },
      { index: 4, field: 'label_en', code: 'too_long' },
      { index: 4, field: 'probability', code: 'range' },
    ]);
  });

  it('tells whether the rows differ from the saved pipeline', () => {
    const rows = rowsOf(pipeline);
    expect(rowsChanged(pipeline, rows)).toBe(false);
    expect(rowsChanged(pipeline, [rows[0]!, { ...rows[1]!, probability: 40 }])).toBe(true);
    expect(rowsChanged(pipeline, [rows[1]!, rows[0]!])).toBe(true);
    expect(rowsChanged(pipeline, [...rows, row('新阶段', 50)])).toBe(true);
  });

  it('reads the cells a 422 answer refused', () => {
    expect(
      problemsFromDetails([
        { field: 'stages[1].probability', code: 'out_of_range' },
        { field: 'stages[0].label', code: 'duplicate' },
        { field: 'stages', code: 'invalid' },
        { field: 'label', code: 'invalid' },
      ]),
    ).toEqual([
      { index: 1, field: 'probability', code: 'range' },
      { index: 0, field: 'label', code: 'duplicate' },
      { index: null, field: 'stages', code: 'count' },
    ]);
  });

  it('names each problem with a message key and 1-based row numbers', () => {
    expect(problemMessage({ index: 2, field: 'probability', code: 'range' })).toEqual({ key: 'admin.pipelines.problem.range', params: { n: 3 } });
    expect(problemMessage({ index: 0, field: 'label', code: 'too_long' })).toEqual({ key: 'admin.pipelines.problem.tooLong', params: { n: 1, max: 20 } });
    expect(problemMessage({ index: null, field: 'stages', code: 'count' })).toEqual({ key: 'admin.pipelines.problem.count', params: { max: 20 } });
  });
});
