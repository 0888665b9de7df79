/**
 * The `load:` section of the config file (ws-chaos.config.*), what `ws-chaos load` reads under
 * its flags (a flag wins over the file): connections, an arrival rate or a ramp, how long to
 * hold, the app traffic, thresholds. The strings take the same forms as the flags and are
 * checked with the same parsers, so a bad value is a config error naming the field.
 */
import { z } from 'zod';
import { isWsChaosError } from '../errors.js';
import { LATENCY_METRICS } from './recorder.js';
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
  })
  .refine((l) => !(l.arrivalRate && l.ramp), 'give arrivalRate or ramp, not both');

export type LoadConfig = z.output<typeof loadConfigSchema>;
