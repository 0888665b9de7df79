/**
 * The load detection matrix (issue 12, items 1-3 and the tests section) at small N: each row of
 * load-rows.ts runs `runLoad` against a fresh reference backend on 127.0.0.1 port 0, then checks
 * the thresholds breached and held, the aggregated diagnosis codes, and that every connection
 * was closed at the end: none left open by the harness, the backend's own count back to 0.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { readHealthCount } from '../../harness/health.js';
import { LATENCY_METRICS } from '../../harness/load/recorder.js';
import { loadResult } from '../../harness/load/result.js';
import { runLoad } from '../../harness/load/run-load.js';
import { parseArrivalRate } from '../../harness/load/schedule.js';
import { parseThresholds } from '../../harness/load/threshold.js';
import { startReferenceTarget, type ReferenceTarget } from '../../mock-backend/target.js';
import { LOAD_ROWS } from './load-rows.js';

let target: ReferenceTarget | undefined;
afterEach(async () => {
  await target?.close();
  target = undefined;
});

/** The backend's count of open connections falls back to 0 (bounded: 40 reads, 50 ms apart). */
async function backendCountSettles(t: ReferenceTarget): Promise<number | undefined> {
  let count: number | undefined;
  for (let i = 0; i < 40; i++) {
    count = await readHealthCount(t.profile);
    if (count === 0) return 0;
    await new Promise((r) => setTimeout(r, 50));
  }
  return count;
}

describe('load detection matrix', () => {
  test.each(LOAD_ROWS)('$id', async (row) => {
    target = await startReferenceTarget({ faults: row.fault ? [row.fault] : [], logLevel: 'silent', keepalive: { intervalMs: 1000, timeoutMs: 2000 } });
    expect(new URL(target.profile.url).hostname).toBe('127.0.0.1');
    const plan = parseArrivalRate(row.arrivalRate);
    const thresholds = parseThresholds(row.thresholds, LATENCY_METRICS);
    const m = await runLoad({ profile: target.profile, connections: row.connections, plan, holdMs: row.holdMs, appPingEveryMs: row.appPingEveryMs });
    const r = loadResult(m, { connections: row.connections, plan, holdMs: row.holdMs, appPingEveryMs: row.appPingEveryMs, target: { name: target.profile.name, url: target.profile.url }, thresholds });
    const shown = JSON.stringify({ thresholds: r.thresholds, diagnoses: r.diagnoses, totals: r.totals, harness: r.harness });

    expect(r.schema).toBe('ws-chaos/load@1');
    expect(r.totals.attempted, shown).toBe(row.connections);
    expect(r.thresholds.filter((v) => !v.passed).map((v) => v.threshold), shown).toEqual(row.expect.breached);
    expect(r.passed).toBe(row.expect.breached.length === 0);
    const codes = r.diagnoses.map((d) => d.code);
    for (const code of row.expect.codes) expect(codes, shown).toContain(code);
    if (row.expect.onlyThese) expect([...codes].sort(), shown).toEqual([...row.expect.codes].sort());
    if (row.expect.allFailWith) expect(r.diagnoses.find((d) => d.code === row.expect.allFailWith)?.count, shown).toBe(row.connections);
    // Every breached threshold names its measured value.
    for (const v of r.thresholds.filter((x) => !x.passed)) expect(v.summary).toMatch(/breaches|cannot hold/);

    // Every connection closed at the end: by the harness, and as the backend counts them.
    expect(m.leftOpen).toBe(0);
    expect(r.totals.leftOpen).toBe(0);
    expect(await backendCountSettles(target)).toBe(0);
  }, 30_000);
});
