/**
 * The `load:` section of the config file (ws-chaos.config.*), what `ws-chaos load` reads under
 * its flags (a flag wins over the file): connections, an arrival rate or a ramp, how long to
 * hold, the app traffic, thresholds; and the other kinds of run: a deploy storm (`storm`,
 * `reconnectPolicy`, `herdBudget`, `restartCommand`), a soak (`soak`, `churn`), and the run
 * spread over processes (`workers`, `processes`). The strings take the same forms as the flags
 * and are checked with the same parsers, so a bad value is a config error naming the field; a
 * combination that cannot work (churn without soak, storm and soak) is refused here too.
 */
import { z } from 'zod';
import { isWsChaosError } from '../errors.js';
import { LATENCY_METRICS } from './recorder.js';
import { NAMED_POLICIES } from './reconnect-policy.js';
import { durationMsOf, parseArrivalRate, parseRamp } from './schedule.js';
import { parseThreshold } from './threshold.js';

/** A zod check that runs one of the flag parsers and reports its message. */
const parsedBy = (parse: (s: string) => unknown) => (s: string, ctx: z.RefinementCtx) => {
  try {
    parse(s);
  } catch (e) {
    ctx.addIssue({ code: 'custom', message: (isWsChaosError(e) ? e.message : String(e)).replace(/\.$/, '') });
  }
};
/** The deploys `--storm` (and the config's `storm`) can play. */
export const STORM_KINDS = ['restart', 'restart-1012', 'crash', 'proxy-cut'] as const;

/** `200/s` or `200`, above 0: the form of --herd-budget and --churn. */
export const PER_S = /^\s*(\d+(?:\.\d+)?)\s*(?:\/s)?\s*$/;
const perS = (what: string) => z.string().refine((s) => PER_S.test(s) && Number(PER_S.exec(s)?.[1]) > 0, `must be a rate per second above 0, e.g. "200/s" (${what})`);
const processCount = (what: string) => z.number().int('must be a whole number').min(1).max(64).optional().describe(what);

const duration = (what: string) =>
  z.string().refine((s) => durationMsOf(s) !== undefined, `must be a duration with a unit, e.g. "30s", "500ms" or "2m" (${what})`);

export const loadConfigSchema = z
  .strictObject({
    connections: z.number().int().min(1).max(1_000_000).optional().describe('how many connections to open and hold (like --connections)'),
    arrivalRate: z.string().superRefine(parsedBy(parseArrivalRate)).optional().describe('arrivals per second, e.g. "500/s" (like --arrival-rate)'),
    ramp: z.string().superRefine(parsedBy(parseRamp)).optional().describe('stages from:to/duration, e.g. "0:1000/10s,1000:1000/5s" (like --ramp)'),
    duration: duration('how long to hold the connections').optional().describe('how long to hold once every connection is dialled (like --duration)'),
    appPingEvery: duration("how often each connection sends the profile's app ping").optional().describe("send the profile's app ping on every connection this often (like --app-ping-every)"),
    thresholds: z
      .array(z.string().superRefine(parsedBy((s) => parseThreshold(s, LATENCY_METRICS))))
      .optional()
      .describe('thresholds that fail the run, e.g. ["welcome.p99<500ms", "failed<0.1%"] (like --threshold)'),
    storm: z.enum(STORM_KINDS).optional().describe('a deploy storm once every connection is welcomed: restart, restart-1012, crash, proxy-cut (like --storm)'),
    reconnectPolicy: z
      .string()
      .refine((s) => (NAMED_POLICIES as readonly string[]).includes(s.trim()) || /\.json$/i.test(s.trim()), `must be ${NAMED_POLICIES.join(', ')} or the path of a client profile (.json, relative to this file)`)
      .optional()
      .describe("how the storm's clients reconnect: jittered (default), no-jitter, immediate, or a client profile .json (like --reconnect-policy)"),
    herdBudget: perS('peak reconnect arrivals allowed in a storm').optional().describe('peak reconnect arrivals allowed in a storm, e.g. "500/s" (like --herd-budget)'),
    restartCommand: z.string().trim().min(1, 'must be the shell command that restarts your backend').optional().describe('the shell command that restarts your backend for storm: restart (like --restart-command; the profile\'s restart otherwise)'),
    soak: z.boolean().optional().describe('hold the connections for duration, replacing each one the server drops, judging CONNECTIONS_LEAKED (like --soak)'),
    churn: perS('connections a second closed and replaced in a soak').optional().describe('with soak: connections a second the client closes and replaces, e.g. "20/s" (like --churn)'),
    workers: processCount('spread the connections over this many harness processes (like --workers)'),
    processes: processCount('run the reference backend in this many processes (like --processes)'),
  })
  .superRefine((l, ctx) => {
    const issue = (path: string, message: string): void => ctx.addIssue({ code: 'custom', path: [path], message });
    if (l.arrivalRate && l.ramp) issue('ramp', 'give arrivalRate or ramp, not both');
    if (l.storm === undefined) {
      for (const k of ['reconnectPolicy', 'herdBudget', 'restartCommand'] as const) if (l[k] !== undefined) issue(k, 'only applies to a deploy storm: add storm (restart, restart-1012, crash or proxy-cut), or remove it');
    }
    if (l.churn !== undefined && !l.soak) issue('churn', 'only applies to a soak: add soak: true, or remove churn');
    const kinds = [l.storm !== undefined && 'storm', l.soak && 'soak', (l.workers !== undefined || l.processes !== undefined) && (l.workers !== undefined ? 'workers' : 'processes')].filter(Boolean);
    if (kinds.length > 1) issue(String(kinds[1]), `${kinds.join(' and ')} cannot be combined (a storm and a soak run in one harness process): keep one of them`);
    if (l.workers !== undefined && l.processes !== undefined && l.workers < l.processes) issue('workers', `${l.workers} is fewer than processes ${l.processes}: each backend process needs at least one harness worker`);
  });

export type LoadConfig = z.output<typeof loadConfigSchema>;
