/**
 * The warm-up judge: how long the backend refused connections after start, said in one line,
 * and whether that fails the run (never ready within maxMs, or ready later than budgetMs:
 * SLOW_STARTUP). Pure: the counted attempts and refusals in, the finding and a diagnosis out.
 */
import { roundMs } from '../../clock.js';
import { diagnosis, type Diagnosis } from '../codes.js';
import { formatMs, SECONDS } from '../format.js';

export interface WarmupObservation {
  /** ms from the first dial to the first welcomed connection; null: never within maxMs. */
  readyAfterMs: number | null;
  attempts: number;
  /** The refusals before the first welcomed connection, grouped (detail: the code and close). */
  failures: ReadonlyArray<{ detail: string; count: number }>;
  maxMs: number;
  budgetMs?: number;
}

const seconds = (ms: number): string => formatMs(ms, SECONDS);

export function judgeWarmup(o: WarmupObservation): { finding: string; failed: boolean; diagnosis: Diagnosis | null } {
  const what = o.failures.map((f) => `${f.count > 1 ? `${f.count}× ` : ''}${f.detail}`).join(', ');
  const tries = `${o.attempts} attempt${o.attempts === 1 ? '' : 's'}`;
  let finding: string;
  if (o.readyAfterMs === null) finding = `never became ready within ${seconds(o.maxMs)} (${tries}: ${what || 'aborted'})`;
  else if (o.failures.length === 0) finding = `healthy from the first connection (welcomed after ${roundMs(o.readyAfterMs)} ms)`;
  else finding = `refused connections for the first ${seconds(o.readyAfterMs)} after start (${tries}: ${what}), then healthy`;
  const late = o.readyAfterMs !== null && o.budgetMs !== undefined && o.readyAfterMs > o.budgetMs;
  if (late && o.budgetMs !== undefined) finding += `; the startup budget is ${seconds(o.budgetMs)}`;
  const failed = o.readyAfterMs === null || late;
  return { finding, failed, diagnosis: failed ? diagnosis('SLOW_STARTUP', finding) : null };
}
