/** Small builders for ScenarioResult / RunResults fixtures in reporter tests. */
import { diagnosis, type DiagnosisCode } from '../../../harness/diagnose/codes.js';
import { RESULTS_SCHEMA, totals, type RunResults, type ScenarioResult } from '../../../harness/results.js';
import type { ConnectionTimeline, TimelineEvent } from '../../../harness/timeline.js';

export function timeline(label: string, events: TimelineEvent[], origin = 0): ConnectionTimeline {
  return { label, url: 'ws://127.0.0.1:1234/ws?token=[REDACTED]', startedAt: '2026-01-01T00:00:00.000Z', origin, events };
}

/** dial → tcp → upgrade 101 → open, then `rest`. */
export function opened(label: string, rest: TimelineEvent[], origin = 0): ConnectionTimeline {
  return timeline(
    label,
    [
      { t: 0, kind: 'dial', url: 'ws://127.0.0.1:1234/ws?token=[REDACTED]' },
      { t: 0.41, kind: 'tcp-connect' },
      { t: 1.92, kind: 'upgrade', status: 101, headers: {} },
      { t: 2.2, kind: 'open', protocol: '' },
      ...rest,
    ],
    origin,
  );
}

export function scenario(id: string, status: ScenarioResult['status'], extra: Partial<ScenarioResult> & { code?: DiagnosisCode; summary?: string } = {}): ScenarioResult {
  const { code, summary, ...rest } = extra;
  return {
    id,
    title: `the ${id} scenario`,
    status,
    durationMs: 12.5,
    diagnosis: code ? diagnosis(code, summary ?? `${code} happened`) : null,
    observations: {},
    timelines: [],
    ...rest,
  };
}

export function run(scenarios: ScenarioResult[], extra: Partial<RunResults> = {}): RunResults {
  return {
    schema: RESULTS_SCHEMA,
    tool: { name: 'ws-chaos', version: '0.1.0' },
    startedAt: '2026-11-21T10:00:00.000Z',
    durationMs: 1234,
    target: { url: 'ws://127.0.0.1:1234/ws', profile: 'reference-backend', kind: 'reference', faults: [] },
    proxy: null,
    totals: totals(scenarios),
    scenarios,
    ...extra,
  };
}
