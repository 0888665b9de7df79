/**
 * One worker process of `--workers N` (workers.ts): it receives its slice over IPC, runs the
 * load on it, sends its load.json back and exits. An `{abort: true}` message (Ctrl-C in the
 * parent) stops the run; every connection is closed either way (runLoad's finally).
 */
import { LATENCY_METRICS } from './recorder.js';
import { runLoad } from './run-load.js';
import { loadResult } from './result.js';
import { parseThresholds } from './threshold.js';
import type { WorkerSlice } from './workers.js';

const controller = new AbortController();

process.on('message', (m: { slice?: WorkerSlice; abort?: boolean }) => {
  if (m.abort) controller.abort();
  if (!m.slice) return;
  const s = m.slice;
  void (async () => {
    const thresholds = parseThresholds(s.thresholds, LATENCY_METRICS);
    const measured = await runLoad({ profile: s.profile, connections: s.connections, plan: s.plan, holdMs: s.holdMs, appPingEveryMs: s.appPingEveryMs, signal: controller.signal });
    const result = loadResult(measured, { connections: s.connections, plan: s.plan, holdMs: s.holdMs, appPingEveryMs: s.appPingEveryMs, target: { name: s.profile.name, url: s.profile.url }, thresholds });
    process.send?.({ result }, () => process.exit(0));
  })().catch((e: unknown) => {
    process.stderr.write(`load worker: ${(e as Error).message}\n`);
    process.exit(3);
  });
});
