/**
 * When a load run opens its connections: an arrival rate (`500/s`) or stages of a ramp
 * (`0:1000/10s,1000:1000/5s`: the rate goes linearly from 0 to 1000 arrivals/s over 10 s, then
 * stays at 1000/s for 5 s). After the last stage arrivals go on at its final rate until the run
 * has opened all its connections (a final rate of 0 stops them). `arrivalsDue(plan, t)` is the
 * number of arrivals due by `t` ms into the run: the runner opens whatever is due on each tick,
 * so a late tick catches up instead of drifting off schedule.
 */
import { ConfigError } from '../errors.js';

export interface Stage {
  fromPerS: number;
  toPerS: number;
  durationMs: number;
}

export interface ArrivalPlan {
  stages: Stage[];
}

/** The highest rate a plan may ask for: far above what one machine can open (about 8 500/s closed-loop here). */
export const MAX_RATE_PER_S = 1_000_000;

const DURATION = /^(\d+(?:\.\d+)?)\s*(ms|s|m|min|h)$/;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, min: 60_000, h: 3_600_000 };

/** `500ms`, `10s`, `2m`, `1h` → ms; undefined when it is not a duration. */
export function durationMsOf(text: string): number | undefined {
  const m = DURATION.exec(text.trim());
  return m ? Number(m[1]) * UNIT_MS[m[2]] : undefined;
}

/** A duration flag (`--duration 30s`), else a ConfigError naming the flag and the form. */
export function parseDurationMs(text: string, flag: string): number {
  const ms = durationMsOf(text);
  if (ms === undefined) throw new ConfigError('WSC_ERR_USAGE', `${flag} "${text}" is not a duration: write a number and a unit, e.g. 500ms, 30s, 2m or 1h.`);
  return ms;
}

function rateOf(text: string, what: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n < 0 || n > MAX_RATE_PER_S) {
    throw new ConfigError('WSC_ERR_USAGE', `${what}: "${text}" is not an arrival rate: use a number of arrivals per second from 0 to ${MAX_RATE_PER_S}.`);
  }
  return n;
}

/** `--arrival-rate 500/s` (or `500`): a constant rate. */
export function parseArrivalRate(text: string): ArrivalPlan {
  const m = /^\s*([^/\s]+)\s*(?:\/\s*s)?\s*$/.exec(text);
  const rate = m && Number.isFinite(Number(m[1])) ? rateOf(m[1], `--arrival-rate ${text}`) : 0;
  if (rate === 0) throw new ConfigError('WSC_ERR_USAGE', `--arrival-rate "${text}" is not a rate above 0: write arrivals per second, e.g. --arrival-rate 500/s.`);
  return { stages: [{ fromPerS: rate, toPerS: rate, durationMs: 0 }] };
}

/** `--ramp from:to/duration,...`, e.g. `0:1000/10s,1000:1000/5s`. */
export function parseRamp(text: string): ArrivalPlan {
  const parts = text.split(',').map((s) => s.trim());
  const stages = parts.map((part) => {
    const m = /^([^:]+):([^/]+)\/(.+)$/.exec(part);
    const durationMs = m ? durationMsOf(m[3]) : undefined;
    if (!m || durationMs === undefined || durationMs <= 0) {
      throw new ConfigError('WSC_ERR_USAGE', `--ramp stage "${part}" is not from:to/duration: write the arrival rate at the start and end of the stage (per second) and its length, e.g. --ramp 0:1000/10s,1000:1000/5s.`);
    }
    return { fromPerS: rateOf(m[1], `--ramp stage "${part}"`), toPerS: rateOf(m[2], `--ramp stage "${part}"`), durationMs };
  });
  if (stages.every((s) => s.fromPerS === 0 && s.toPerS === 0)) throw new ConfigError('WSC_ERR_USAGE', `--ramp "${text}" never opens a connection: give at least one stage a rate above 0.`);
  return { stages };
}

/** Arrivals due in the first `t` ms of a stage (the integral of its linear rate). */
function stageArrivals(s: Stage, t: number): number {
  const sec = t / 1000;
  if (s.durationMs <= 0) return s.fromPerS * sec;
  return s.fromPerS * sec + ((s.toPerS - s.fromPerS) * sec * sec) / (2 * (s.durationMs / 1000));
}

/** How many arrivals are due by `elapsedMs` into the run (a fraction: the runner opens the whole ones). */
export function arrivalsDue(plan: ArrivalPlan, elapsedMs: number): number {
  let due = 0;
  let t = Math.max(0, elapsedMs);
  for (const s of plan.stages) {
    if (s.durationMs > 0 && t > s.durationMs) {
      due += stageArrivals(s, s.durationMs);
      t -= s.durationMs;
      continue;
    }
    if (s.durationMs > 0) return due + stageArrivals(s, t);
    return due + s.fromPerS * (t / 1000);
  }
  const last = plan.stages.at(-1);
  return due + (last ? last.toPerS * (t / 1000) : 0);
}

/** When the plan stops asking for arrivals (its stages end at a rate of 0), else Infinity. */
export function planEndMs(plan: ArrivalPlan): number {
  const last = plan.stages.at(-1);
  if (!last || last.toPerS > 0 || plan.stages.some((s) => s.durationMs <= 0)) return Infinity;
  return plan.stages.reduce((sum, s) => sum + s.durationMs, 0);
}

/** The rate the plan asks for at `elapsedMs` (arrivals/s), for progress and the time series. */
export function rateAt(plan: ArrivalPlan, elapsedMs: number): number {
  let t = Math.max(0, elapsedMs);
  for (const s of plan.stages) {
    if (s.durationMs <= 0) return s.fromPerS;
    if (t <= s.durationMs) return s.fromPerS + ((s.toPerS - s.fromPerS) * t) / s.durationMs;
    t -= s.durationMs;
  }
  return plan.stages.at(-1)?.toPerS ?? 0;
}

/** Human text of a plan: `500/s` or `ramp 0→1000/s over 10 s, …`. */
export function describePlan(plan: ArrivalPlan): string {
  const [only] = plan.stages;
  if (plan.stages.length === 1 && only.durationMs <= 0) return `${only.fromPerS}/s`;
  return `ramp ${plan.stages.map((s) => `${s.fromPerS}→${s.toPerS}/s over ${s.durationMs / 1000} s`).join(', ')}`;
}
