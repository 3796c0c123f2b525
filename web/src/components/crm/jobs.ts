// Polling a background job (export, import) until it is done or failed.
import { getJob, type Job } from '@/api/crm';

export interface PollOptions {
  /** Called with each state seen. */
  onUpdate?: (job: Job) => void;
  /** Milliseconds between two polls. */
  interval?: number;
  signal?: AbortSignal;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(new DOMException('Aborted', 'AbortError'));
    });
  });

/** Polls GET /jobs/{id} until the job is done or failed; returns its last state. */
export async function pollJob(job: Job, options: PollOptions = {}): Promise<Job> {
  let current = job;
  options.onUpdate?.(current);
  let wait = options.interval ?? 700;
  while (current.status === 'queued' || current.status === 'running') {
    await sleep(wait, options.signal);
    current = await getJob(current.id, options.signal);
    options.onUpdate?.(current);
    wait = Math.min(wait * 1.25, 3000);
  }
  return current;
}

/** Lets the browser download a URL of the API (the session cookie goes along). */
export function download(url: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = '';
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
}
