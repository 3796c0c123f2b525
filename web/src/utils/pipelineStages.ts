// The stage table of the 销售流程 admin page as plain data: rows taken from a pipeline, moved,
// checked the way the server checks them (docs/api/sales.md: 1–20 open stages, names 1–20
// characters and distinct, English names up to 40, probability 0–100) and turned into the body
// of PUT /sales/pipelines/{value}/stages or POST /sales/pipelines.
import type { Pipeline, Stage, StageInput } from '@/api/crm';

export const MAX_STAGES = 20;
export const MAX_LABEL = 20;
export const MAX_LABEL_EN = 40;
export const MAX_PIPELINE_LABEL = 20;

/** One editable row: an open stage. `key` only tells rows apart on screen. */
export interface StageRow {
  key: number;
  /** The stage's value when it already exists; absent for a stage being added. */
  value?: string;
  label: string;
  label_en: string;
  /** null while the number input is empty. */
  probability: number | null;
}

/** What is wrong with the rows: `index` is the row (null for the list as a whole). */
export interface StageProblem {
  index: number | null;
  field: 'stages' | 'label' | 'label_en' | 'probability';
  code: 'count' | 'required' | 'too_long' | 'duplicate' | 'range';
}

let nextKey = 1;
const newKey = (): number => nextKey++;

/** Characters as the server counts them (code points, not UTF-16 units). */
const length = (text: string): number => [...text].length;

const isTerminal = (s: Stage): boolean => s.kind === 'won' || s.kind === 'lost';

/** The editable rows of a pipeline: its open stages in order. */
export function rowsOf(pipeline: Pipeline): StageRow[] {
  return pipeline.stages
    .filter((s) => !isTerminal(s))
    .map((s) => ({
      key: newKey(),
      value: s.value,
      label: s.label,
      // The server answers the Chinese name when no English one was given; keep the field empty then.
      label_en: s.label_en && s.label_en !== s.label ? s.label_en : '',
      probability: s.probability,
    }));
}

/** The won and lost stages, shown read-only after the open ones. */
export function terminalStagesOf(pipeline: Pipeline): Stage[] {
  return pipeline.stages.filter(isTerminal);
}

/** A new, empty row. */
export function blankRow(probability: number | null = null): StageRow {
  return { key: newKey(), label: '', label_en: '', probability };
}

/** The rows with row `index` moved by `delta` places (unchanged when it cannot move). */
export function moveRow(rows: StageRow[], index: number, delta: number): StageRow[] {
  const to = index + delta;
  if (index < 0 || index >= rows.length || to < 0 || to >= rows.length) return rows;
  const out = [...rows];
  const [row] = out.splice(index, 1);
  out.splice(to, 0, row!);
  return out;
}

/** Everything the server would refuse in the rows, in row order. */
export function stageProblems(rows: StageRow[]): StageProblem[] {
  const problems: StageProblem[] = [];
  if (rows.length === 0 || rows.length > MAX_STAGES) problems.push({ index: null, field: 'stages', code: 'count' });
  const seen = new Set<string>();
  rows.forEach((row, index) => {
    const label = row.label.trim();
    if (!label) problems.push({ index, field: 'label', code: 'required' });
    else if (length(label) > MAX_LABEL) problems.push({ index, field: 'label', code: 'too_long' });
    else if (seen.has(label)) problems.push({ index, field: 'label', code: 'duplicate' });
    seen.add(label);
    if (length(row.label_en.trim()) > MAX_LABEL_EN) problems.push({ index, field: 'label_en', code: 'too_long' });
    const p = row.probability;
    if (p === null || !Number.isInteger(p) || p < 0 || p > 100) problems.push({ index, field: 'probability', code: 'range' });
  });
  return problems;
}

/** The `stages` of the request body for the rows (trimmed; an empty English name is left out). */
export function stagesBody(rows: StageRow[]): StageInput[] {
  return rows.map((row) => {
    const stage: StageInput = { label: row.label.trim(), probability: row.probability ?? 0 };
    if (row.value) stage.value = row.value;
    const en = row.label_en.trim();
    if (en) stage.label_en = en;
    return stage;
  });
}

/** Whether the rows say something else than the pipeline as saved. */
export function rowsChanged(pipeline: Pipeline, rows: StageRow[]): boolean {
  return JSON.stringify(stagesBody(rows)) !== JSON.stringify(stagesBody(rowsOf(pipeline)));
}

/**
 * The cells a 422 answer refused, read from its `details` (fields such as `stages[2].label`), to
 * mark them on screen; the words shown are the server's own message, so `code` is only a guess.
 */
export function problemsFromDetails(details: { field: string; code: string }[]): StageProblem[] {
  const out: StageProblem[] = [];
  for (const d of details) {
    const m = /^stages\[(\d+)\]\.(label_en|label|probability)$/.exec(d.field);
    if (m) {
      const field = m[2] as StageProblem['field'];
      out.push({ index: Number(m[1]), field, code: field === 'probability' ? 'range' : d.code === 'duplicate' ? 'duplicate' : 'too_long' });
    } else if (d.field === 'stages') {
      out.push({ index: null, field: 'stages', code: 'count' });
    }
  }
  return out;
}

/** The vue-i18n key and parameters of the sentence for a problem (rows are counted from 1). */
export function problemMessage(p: StageProblem): { key: string; params: Record<string, number> } {
  const n = (p.index ?? 0) + 1;
  if (p.field === 'stages') return { key: 'admin.pipelines.problem.count', params: { max: MAX_STAGES } };
  if (p.field === 'probability') return { key: 'admin.pipelines.problem.range', params: { n } };
  if (p.field === 'label_en') return { key: 'admin.pipelines.problem.enTooLong', params: { n, max: MAX_LABEL_EN } };
  if (p.code === 'required') return { key: 'admin.pipelines.problem.required', params: { n } };
  if (p.code === 'duplicate') return { key: 'admin.pipelines.problem.duplicate', params: { n } };
  return { key: 'admin.pipelines.problem.tooLong', params: { n, max: MAX_LABEL } };
}
