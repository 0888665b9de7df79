/**
 * `ws-chaos load --workers N [--processes M]`: the connections spread over N harness processes
 * (harness/load/workers.ts), merged into one load.json (histograms merged, `parts: N`). The
 * backend: your --target, the reference backend in this process, or with `--processes M` the
 * reference backend in M processes on their own 127.0.0.1 ports (mock-backend/cluster.ts),
 * worker i dialling process i mod M. Every process started here is ended in `finally`.
 */
import type { Profile } from '../harness/profile/schema.js';
import { runLoadWorkers } from '../harness/load/workers.js';
import { startBackendCluster } from '../mock-backend/cluster.js';
import { referenceProfile } from '../mock-backend/profile.js';
import { startReferenceTarget } from '../mock-backend/target.js';
import { LOAD_REFERENCE_KEEPALIVE } from './load-keepalive.js';
import type { LoadMode } from './load-mode.js';
import type { LoadOutcome, LoadSession, ResolvedLoad } from './load-session.js';
import { checkReachable } from './target.js';

type WorkersMode = Extract<LoadMode, { kind: 'workers' }>;

export async function runWorkersCli(o: ResolvedLoad, mode: WorkersMode, session: LoadSession): Promise<LoadOutcome> {
  let stop = async (): Promise<void> => undefined;
  try {
    let targets: Profile[];
    if (o.target.profile) {
      await checkReachable(o.target.url ?? o.target.profile.url);
      targets = [o.target.profile];
    } else if (mode.processes > 0) {
      const cluster = await startBackendCluster(mode.processes, { faults: o.target.faults, logLevel: 'silent', keepalive: LOAD_REFERENCE_KEEPALIVE });
      stop = () => cluster.close();
      targets = cluster.members.map((m) => referenceProfile({ wsUrl: m.wsUrl, healthUrl: m.healthUrl, token: m.token, keepalive: LOAD_REFERENCE_KEEPALIVE }));
    } else {
      const ref = await startReferenceTarget({ faults: o.target.faults, logLevel: 'silent', keepalive: LOAD_REFERENCE_KEEPALIVE });
      stop = () => ref.close();
      targets = [ref.profile];
    }
    const result = await runLoadWorkers({
      workers: mode.workers,
      connections: o.connections,
      plan: o.plan,
      holdMs: o.holdMs,
      appPingEveryMs: o.appPingEveryMs,
      thresholds: o.thresholds.map((t) => t.text),
      profile: targets[0],
      targets,
      signal: session.signal,
    });
    const line = `workers: ${result.parts ?? mode.workers} harness processes${mode.processes > 0 ? `, ${mode.processes} reference backend processes` : ''}, merged into one result`;
    return { result, lines: [line] };
  } finally {
    await stop();
  }
}
