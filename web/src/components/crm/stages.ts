// The opportunity stage bar's model (docs/api/sales.md): the pipeline's open stages in order,
// then the closing stage; which one is current, which are behind it, and what a click asks for.
import type { Pipeline, Stage } from '@/api/crm';

export type StepState = 'done' | 'current' | 'todo' | 'won' | 'lost';

export interface StageStep {
  stage: Stage;
  state: StepState;
}

export interface StageBar {
  steps: StageStep[];
  won: Stage | null;
  lost: Stage | null;
  current: Stage | null;
  closed: boolean;
}

/** The pipeline of an opportunity: its own, else the default, else the first. */
export function pipelineOf(pipelines: readonly Pipeline[], value: unknown): Pipeline | null {
  return (
    pipelines.find((p) => p.value === value) ?? (value ? null : (pipelines.find((p) => p.default) ?? pipelines[0] ?? null))
  );
}

/**
 * The steps to show: the open stages, then 赢单 — or 输单 in its place when the deal was lost.
 * Stages before the current one are done; a won deal has every step done.
 */
export function stageBar(pipeline: Pipeline | null, current: unknown): StageBar {
  if (!pipeline) return { steps: [], won: null, lost: null, current: null, closed: false };
  const open = pipeline.stages.filter((s) => s.kind === 'open');
  const won = pipeline.stages.find((s) => s.kind === 'won') ?? null;
  const lost = pipeline.stages.find((s) => s.kind === 'lost') ?? null;
  const cur = pipeline.stages.find((s) => s.value === current) ?? null;
  const isLost = cur?.kind === 'lost';
  const isWon = cur?.kind === 'won';
  const last = isLost ? lost : won;
  const list = [...open, ...(last ? [last] : [])];
  const at = cur ? list.findIndex((s) => s.value === cur.value) : -1;
  const steps = list.map((stage, i): StageStep => {
    if (isWon) return { stage, state: stage.kind === 'won' ? 'won' : 'done' };
    if (isLost) return { stage, state: stage.kind === 'lost' ? 'lost' : 'todo' };
    if (at < 0) return { stage, state: 'todo' };
    return { stage, state: i < at ? 'done' : i === at ? 'current' : 'todo' };
  });
  return { steps, won, lost, current: cur, closed: isWon || isLost };
}

/** What moving to a stage needs: nothing more, or the won / lost dialog. */
export function moveKind(stage: Stage): 'plain' | 'won' | 'lost' {
  return stage.kind === 'won' ? 'won' : stage.kind === 'lost' ? 'lost' : 'plain';
}

/** Today in the browser's time zone, as YYYY-MM-DD. */
export function today(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

/** The PATCH body of a stage move. */
export function stageBody(
  stage: Stage,
  version: number | undefined,
  extra: { actual_amount?: string | null; actual_close_date?: string | null; lost_reason?: string | null; lost_competitor_id?: number | string | null } = {},
): Record<string, unknown> {
  const body: Record<string, unknown> = { stage: stage.value };
  const kind = moveKind(stage);
  if (kind === 'won') {
    body.actual_amount = extra.actual_amount ? String(extra.actual_amount).trim().replace(/,/g, '') : null;
    body.actual_close_date = extra.actual_close_date || null;
  } else if (kind === 'lost') {
    body.lost_reason = extra.lost_reason || null;
    if (extra.lost_competitor_id !== null && extra.lost_competitor_id !== undefined && extra.lost_competitor_id !== '') {
      body.lost_competitor_id = Number(extra.lost_competitor_id);
    }
  }
  if (version !== undefined) body.version = version;
  return body;
}
