/**
 * A deploy storm's outputs in its run folder: load.json (`ws-chaos/load@1`, built like any load
 * run's from the storm's recorder, plus a `storm` section: the trigger, the policy, the reconnect
 * curve and peak, the time until 99 % were back, who never came back, what the backend did, and
 * the herd diagnoses) and load.svg, the chart with the storm marked. A storm passes when every
 * threshold holds and no herd judge fired.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadChartSvg } from '../reporters/load-chart.js';
import { LOAD_FILE } from './outputs.js';
import { loadResult, type LoadResult } from './result.js';
import type { ArrivalPlan } from './schedule.js';
import type { StormResult } from './storm.js';
import type { Threshold } from './threshold.js';

export type StormLoadResult = LoadResult & { storm: Omit<StormResult, 'recorder' | 'lag' | 'startedAt' | 'durationMs' | 'reconnectArrivalsMs'> };

export function stormLoadResult(r: StormResult, o: { connections: number; plan: ArrivalPlan; target: { name: string; url: string }; thresholds: readonly Threshold[] }): StormLoadResult {
  const base = loadResult({ recorder: r.recorder, startedAt: r.startedAt, durationMs: r.durationMs, interrupted: false, leftOpen: 0, lag: r.lag }, { connections: o.connections, plan: o.plan, holdMs: 0, target: o.target, thresholds: o.thresholds });
  const { recorder: _recorder, lag: _lag, startedAt: _startedAt, durationMs: _durationMs, reconnectArrivalsMs: _arrivals, ...storm } = r;
  return { ...base, passed: base.passed && r.diagnoses.length === 0, storm };
}

export function stormChartSvg(r: StormLoadResult): string {
  const s = r.storm;
  return loadChartSvg({
    title: `deploy storm: ${s.kind}, ${s.policy} policy, ${r.plan.connections} connections`,
    series: r.series,
    latency: r.latency,
    marks: [{ atMs: s.stormAtMs, label: s.kind }],
  });
}

export function writeStormOutputs(r: StormLoadResult, dir: string): void {
  writeFileSync(join(dir, LOAD_FILE), `${JSON.stringify(r, null, 2)}\n`);
  writeFileSync(join(dir, 'load.svg'), stormChartSvg(r));
}
