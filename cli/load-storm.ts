/**
 * `ws-chaos load --storm restart|restart-1012|crash|proxy-cut`: the deploy storm from the CLI.
 * What plays the deploy:
 * - the reference backend started here (no --target): `restart` closes every client 1001 and
 *   restarts, `restart-1012` the same with 1012 "service restart", `crash` drops every socket
 *   with no close frame and comes back 500 ms later (mock-backend/cluster-restart.ts);
 * - your backend (--target/--profile): `restart` runs `--restart-command` (else the profile's
 *   `restart.command`, bounded by its `healthTimeoutMs`) in a shell, then waits
 *   for the profile's health endpoint to answer 2xx (storm-trigger.ts);
 * - `proxy-cut`, either backend: the clients dial through an embedded Toxiproxy on 127.0.0.1
 *   whose proxy is disabled for 1 s and enabled again (a load-balancer failover).
 * The clients reconnect per `--reconnect-policy`; the herd is judged against `--herd-budget`
 * (harness/load/storm.ts). Everything started here is closed in `finally`, also on Ctrl-C.
 */
import { runStorm, type StormTrigger } from '../harness/load/storm.js';
import { stormChartSvg, stormLoadResult, type StormLoadResult } from '../harness/load/storm-outputs.js';
import { commandTrigger, proxyCutTrigger } from '../harness/load/storm-trigger.js';
import type { Profile } from '../harness/profile/schema.js';
import { startEmbeddedToxiproxy } from '../harness/proxy/embedded/index.js';
import { startRestartableTarget } from '../mock-backend/cluster-restart.js';
import { startReferenceTarget } from '../mock-backend/target.js';
import type { LoadMode, StormFlag } from './load-mode.js';
import type { LoadOutcome, LoadSession, ResolvedLoad } from './load-session.js';
import { checkReachable } from './target.js';

type StormMode = Extract<LoadMode, { kind: 'storm' }>;
const PROXY_CUT_MS = 1000;
const CRASH_DOWN_MS = 500;
const PROXY_NAME = 'ws-chaos-storm';

const s1 = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** load.json's storm section also names the deploy as asked for (`restart-1012`, where `kind` says `restart`). */
export type CliStormResult = StormLoadResult & { storm: StormLoadResult['storm'] & { trigger: StormFlag } };

/** The console lines of a storm, above the load summary. */
export function stormLines(r: CliStormResult): string[] {
  const s = r.storm;
  const lines = [
    `deploy storm: ${s.trigger}, ${s.policy} policy: ${s.dropped} dropped at ${s1(s.stormAtMs)}, down ${Math.round(s.downMs)} ms; reconnect peak ${Math.round(s.peak.perS)}/s over ${s.peak.windowMs} ms (budget ${Math.round(s.budgetPerS)}/s); 99 % back ${s.back99Ms === null ? 'never' : `in ${s1(s.back99Ms)}`}; ${s.neverBack} never back`,
    `  backend once up: ${s.backend.attemptsWhileUp} attempts, ${s.backend.lateWelcomes} late welcomes, ${s.backend.overloadCloses} 1011/1013 closes, ${s.backend.refusedUpgrades} refused upgrades, ${s.backend.otherFailures} other failures`,
  ];
  for (const d of s.diagnoses) lines.push(`  ✗ ${d.code}: ${d.summary}`);
  return lines;
}

/** A profile whose URL goes through a fresh Toxiproxy proxy to the profile's host and port. */
async function viaProxy(profile: Profile, toxiproxyUrl: string): Promise<Profile> {
  const u = new URL(profile.url);
  const port = u.port || (u.protocol === 'wss:' ? '443' : '80');
  const res = await fetch(`${toxiproxyUrl}/proxies`, { method: 'POST', body: JSON.stringify({ name: PROXY_NAME, listen: '127.0.0.1:0', upstream: `${u.hostname}:${port}`, enabled: true }) });
  const { listen } = (await res.json()) as { listen: string };
  const through = new URL(profile.url);
  through.host = listen;
  return { ...profile, url: through.toString() };
}

export async function runStormCli(o: ResolvedLoad, mode: StormMode, session: LoadSession): Promise<LoadOutcome> {
  const closers: Array<() => Promise<void>> = [];
  try {
    let profile: Profile;
    let trigger: StormTrigger;
    if (mode.storm === 'proxy-cut') {
      if (o.target.profile) {
        await checkReachable(o.target.url ?? o.target.profile.url);
        profile = o.target.profile;
      } else {
        const ref = await startReferenceTarget({ faults: o.target.faults, logLevel: 'silent' });
        closers.push(() => ref.close());
        profile = ref.profile;
      }
      const toxiproxy = await startEmbeddedToxiproxy();
      closers.push(() => toxiproxy.stop());
      profile = await viaProxy(profile, toxiproxy.url);
      trigger = proxyCutTrigger({ toxiproxyUrl: toxiproxy.url, proxy: PROXY_NAME, cutMs: PROXY_CUT_MS });
    } else if (o.target.profile) {
      await checkReachable(o.target.url ?? o.target.profile.url);
      profile = o.target.profile;
      // --restart-command, else the profile's restart (resolveLoadMode picked it, with its timeout).
      trigger = commandTrigger({ command: mode.restartCommand ?? '', healthUrl: profile.health?.url, upTimeoutMs: mode.restartTimeoutMs });
    } else {
      const ref = await startRestartableTarget({ faults: o.target.faults, logLevel: 'silent' });
      closers.push(() => ref.close());
      profile = ref.profile;
      const kind = mode.storm === 'crash' ? 'crash' : 'restart';
      const closeCode = mode.storm === 'restart-1012' ? 1012 : 1001;
      trigger = { kind, fire: () => ref.backend.storm(kind, { closeCode, downMs: kind === 'crash' ? CRASH_DOWN_MS : 0 }) };
    }
    const r = await runStorm({
      profile,
      connections: o.connections,
      plan: o.plan,
      policy: mode.policy,
      trigger,
      herdBudgetPerS: mode.herdBudgetPerS,
      holdAfterMs: mode.holdAfter ? o.holdMs : 0,
      signal: session.signal,
    });
    const base = stormLoadResult(r, { connections: o.connections, plan: o.plan, target: { name: profile.name, url: profile.url }, thresholds: o.thresholds });
    const result: CliStormResult = { ...base, storm: { ...base.storm, trigger: mode.storm } };
    return { result, svg: stormChartSvg(result), lines: stormLines(result), runDiagnoses: r.diagnoses };
  } finally {
    for (const close of closers.reverse()) await close().catch(() => undefined);
  }
}
