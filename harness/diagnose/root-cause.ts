/**
 * The run's root cause, named once: when most failing scenarios fail with the same diagnosis
 * code, that code is what to fix first. Pure: all scenario results in, one sentence (or null
 * when no single cause stands out) out. Shown first in the console summary, summary.md and
 * the HTML report, and stored in results.json as `rootCause`.
 */
import type { ScenarioResult } from '../results.js';
import type { AnyDiagnosisCode } from './codes.js';
import type { RootCause } from '../results-sections.js';

export type { RootCause } from '../results-sections.js';

/** A cause is named when at least this many scenarios share it, and at least half of the failures. */
const MIN_SHARED = 2;

export function rootCause(results: readonly ScenarioResult[]): RootCause | null {
  const ran = results.filter((r) => r.status !== 'skipped');
  const failing = ran.filter((r) => (r.status === 'failed' || r.status === 'errored') && r.diagnosis && r.diagnosis.code !== 'SCENARIO_ERROR');
  const byCode = new Map<AnyDiagnosisCode, ScenarioResult[]>();
  for (const r of failing) byCode.set(r.diagnosis!.code, [...(byCode.get(r.diagnosis!.code) ?? []), r]);
  const ranked = [...byCode.entries()].sort((a, b) => b[1].length - a[1].length);
  const top = ranked[0];
  if (!top) return null;
  const [code, group] = top;
  const runnerUp = ranked[1]?.[1].length ?? 0;
  if (group.length < MIN_SHARED || group.length * 2 < failing.length || group.length === runnerUp) return null;
  const example = group[0]!.diagnosis!.summary.replace(/^cycle \d+\/\d+: /, '');
  const sentence = `${group.length} of ${ran.length} scenarios failed with ${code} (${example}) — fix that first`;
  return { code, count: group.length, of: ran.length, sentence };
}
