/**
 * Which kind of `ws-chaos load` run the flags ask for, checked before anything starts (a bad
 * value or a combination that cannot work is exit 2 naming the flag and the fix):
 * - a deploy storm: `--storm restart|restart-1012|crash|proxy-cut`, with `--reconnect-policy`,
 *   `--herd-budget <n/s>` and, against your own backend, `--restart-command <cmd>`;
 * - a soak: `--soak` (hold N for `--duration`, every dropped connection replaced, `--churn <n/s>`);
 * - workers: `--workers N` harness processes, `--processes N` reference backend processes;
 * - otherwise the plain load run (cli/load.ts).
 * A plain `--duration` with a fixed N stays a plain hold: `--soak` is what adds replacement of
 * drops, churn and the drift judgement (CONNECTIONS_LEAKED).
 */
import { ConfigError } from '../harness/errors.js';
import { PER_S, STORM_KINDS } from '../harness/load/config.js';
import { parseReconnectPolicy, type ReconnectPolicy } from '../harness/load/reconnect-policy.js';

export const STORM_FLAG_VALUES = STORM_KINDS;
export type StormFlag = (typeof STORM_FLAG_VALUES)[number];

export interface LoadModeFlags {
  storm?: string;
  reconnectPolicy?: string;
  herdBudget?: string;
  restartCommand?: string;
  workers?: string;
  processes?: string;
  soak?: boolean;
  churn?: string;
}

export type LoadMode =
  | { kind: 'plain' }
  | {
      kind: 'storm';
      storm: StormFlag;
      policy: ReconnectPolicy;
      herdBudgetPerS?: number;
      /** The restart of your backend: --restart-command, else the profile's `restart.command`. */
      restartCommand?: string;
      /** How long the restart and the wait for health may take (the profile's `restart.healthTimeoutMs`; default 60 s). */
      restartTimeoutMs?: number;
      holdAfter: boolean;
    }
  | { kind: 'soak'; churnPerS: number }
  /** processes 0: the reference backend in this process (or your --target); N: N reference backend processes. */
  | { kind: 'workers'; workers: number; processes: number };

const usage = (message: string): ConfigError => new ConfigError('WSC_ERR_USAGE', message);

/** A whole number from 1 to `max` for `flag`, or a usage error naming it. */
export function parseWhole(value: string, flag: string, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < 1 || n > max) throw usage(`${flag} must be a whole number from 1 to ${max} (got "${value}").`);
  return n;
}

/** `200/s` or `200`: a rate per second for `flag`. */
export function parsePerS(value: string, flag: string): number {
  const m = PER_S.exec(value);
  const n = m ? Number(m[1]) : NaN;
  if (!m || !(n > 0)) throw usage(`${flag} "${value}" is not a rate: give arrivals per second above 0, e.g. ${flag} 200/s.`);
  return n;
}

/**
 * The mode, every value and combination checked. `external`: the run loads a `--target` /
 * `--profile` backend (not the reference backend started here); `given(key)`: the flag was on
 * the command line.
 */
export function resolveLoadMode(f: LoadModeFlags, o: { external: boolean; given: (key: string) => boolean; profileRestart?: { command: string; healthTimeoutMs?: number } }): LoadMode {
  const stormOnly: Array<[keyof LoadModeFlags, string]> = [
    ['reconnectPolicy', '--reconnect-policy'],
    ['herdBudget', '--herd-budget'],
    ['restartCommand', '--restart-command'],
  ];
  if (f.storm === undefined) {
    for (const [key, flag] of stormOnly) if (f[key] !== undefined) throw usage(`${flag} only applies to a deploy storm: add --storm restart|restart-1012|crash|proxy-cut, or drop ${flag}.`);
  }
  if (f.churn !== undefined && !f.soak) throw usage('--churn only applies to a soak: add --soak, or drop --churn.');
  const workers = f.workers === undefined ? undefined : parseWhole(f.workers, '--workers', 64);
  const processes = f.processes === undefined ? undefined : parseWhole(f.processes, '--processes', 64);
  const spread = workers !== undefined || processes !== undefined;
  const picked = [f.storm !== undefined && '--storm', f.soak && '--soak', spread && (workers !== undefined ? '--workers' : '--processes')].filter(Boolean);
  if (picked.length > 1) throw usage(`${picked.join(' and ')} cannot be combined: a storm and a soak run in one harness process; give one of them.`);

  if (f.storm !== undefined) {
    const storm = f.storm.trim() as StormFlag;
    if (!STORM_FLAG_VALUES.includes(storm)) throw usage(`--storm "${f.storm}" is not a deploy storm: use ${STORM_FLAG_VALUES.join(', ')}.`);
    if (o.external && (storm === 'restart-1012' || storm === 'crash')) {
      throw usage(`--storm ${storm} is played by the reference backend started here: against --target/--profile use --storm restart with --restart-command "<the command that restarts your backend>", or --storm proxy-cut.`);
    }
    const flagCommand = f.restartCommand?.trim() ? f.restartCommand : undefined;
    if (o.external && storm === 'restart' && !flagCommand && !o.profileRestart) {
      throw usage(
        '--storm restart against --target/--profile needs a way to restart your backend: --restart-command "<the shell command that restarts it>", or a restart in the profile ("restart": {"command": "systemctl restart api", "healthTimeoutMs": 30000}); the run then waits for its health endpoint. Or use --storm proxy-cut.',
      );
    }
    if (!o.external && f.restartCommand !== undefined) throw usage('--restart-command restarts your own backend (--target/--profile); the reference backend started here restarts itself: drop --restart-command.');
    return {
      kind: 'storm',
      storm,
      policy: parseReconnectPolicy(f.reconnectPolicy ?? 'jittered'),
      herdBudgetPerS: f.herdBudget === undefined ? undefined : parsePerS(f.herdBudget, '--herd-budget'),
      // --restart-command wins over the profile's restart.
      restartCommand: o.external && storm === 'restart' ? (flagCommand ?? o.profileRestart?.command) : f.restartCommand,
      restartTimeoutMs: o.external && storm === 'restart' && !flagCommand ? o.profileRestart?.healthTimeoutMs : undefined,
      holdAfter: o.given('duration'),
    };
  }
  if (f.soak) return { kind: 'soak', churnPerS: f.churn === undefined ? 0 : parsePerS(f.churn, '--churn') };
  if (spread) {
    if (processes !== undefined && o.external) throw usage('--processes runs the reference backend in several processes; against --target/--profile your backend is already running: drop --processes.');
    const p = processes ?? 1;
    const w = workers ?? p;
    if (w < p) throw usage(`--workers ${w} is fewer than --processes ${p}: each backend process needs at least one harness worker dialling it; use --workers ${p} or more.`);
    return { kind: 'workers', workers: w, processes: processes ?? 0 };
  }
  return { kind: 'plain' };
}
