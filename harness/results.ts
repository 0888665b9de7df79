/**
 * The `results.json` contract (schema `ws-chaos/results@1`). Users script against it: change
 * only with a schema version bump.
 */
import type { ContractSection } from './contract/section.js';
import { diagnosis, type Diagnosis } from './diagnose/codes.js';
import type { ConnectionTimeline } from './timeline.js';
import type { Expectation } from './expected-failures.js';
import type { BaselineSection, RootCause, ScenarioStatus, WarmupResult } from './results-sections.js';

export const RESULTS_SCHEMA = 'ws-chaos/results@1' as const;

export type { ScenarioStatus } from './results-sections.js';

export interface ScenarioResult {
  id: string;
  title: string;
  status: ScenarioStatus;
  durationMs: number;
  diagnosis: Diagnosis | null;
  /** Why it was skipped, or what broke when it errored. */
  reason?: string;
  observations: Record<string, unknown>;
  timelines: ConnectionTimeline[];
  /**
   * Only for a scenario the config's `expectedFailures` names: the code expected and whether it
   * `failed-as-expected` (not counted in totals.failed, not failing the run), `passed-unexpectedly`
   * or `failed-differently` (a real failure). Additive.
   */
  expected?: Expectation;
}

/**
 * Scenarios per status; `failed` counts only real failures: a scenario that failed as expected
 * is counted in `expectedFailures` instead (present only when there is one; additive).
 */
export type Totals = Record<ScenarioStatus, number> & { expectedFailures?: number };

export interface RunResults {
  schema: typeof RESULTS_SCHEMA;
  tool: { name: 'ws-chaos'; version: string };
  startedAt: string;
  durationMs: number;
  /** The target, redacted. */
  target: { url: string; profile: string; kind: 'reference' | 'external' | 'client'; faults: string[] };
  proxy: { provider: string; version: string } | null;
  totals: Totals;
  scenarios: ScenarioResult[];
  /**
   * False when the run was cut short (Ctrl-C, SIGTERM): `scenarios` then holds only the `ran`
   * of the `planned` ones. Additive (absent in files of older versions: read as complete).
   */
  complete?: boolean;
  /** How many scenarios the run selected. */
  planned?: number;
  /** How many of them came to a verdict (the length of `scenarios`). */
  ran?: number;
  /**
   * Only with `--baseline`: the earlier run this one is compared with, and per scenario id
   * whether it was fixed, regressed, is still failing or passing, is new, or was removed.
   * Optional and additive, so the schema stays `ws-chaos/results@1` (see docs/reports.md).
   */
  baseline?: BaselineSection;
  /** The one diagnosis most failures share, named first in every report (null: no single cause). Additive. */
  rootCause?: RootCause | null;
  /**
   * Only when the profile has a `warmup` part: how long the backend refused connections after
   * start (see harness/warmup.ts). Additive; a failed warm-up is also the scenario `conformance/warm-up`.
   */
  warmup?: WarmupResult;
  /**
   * Only in a shard's results (`--shard 2/3`): which slice this is; `planned`, `ran` and
   * `complete` are then of the slice. Additive. A merged run has no `shard`, but `shards`.
   */
  shard?: { current: number; total: number };
  /** Only in a run `ws-chaos merge` made: how many shards it merged. Additive. */
  shards?: number;
  /** Only with `--asyncapi`: messages checked, how many broke the contract, and the coverage table. Additive. */
  contract?: ContractSection;
}

/** The result of a scenario that could not run (a harness problem, not the target's). */
export function erroredResult(
  base: { id: string; title: string },
  durationMs: number,
  error: string | undefined,
  observations: Record<string, unknown>,
  timelines: ConnectionTimeline[],
): ScenarioResult {
  return {
    ...base,
    status: 'errored',
    durationMs,
    diagnosis: diagnosis('SCENARIO_ERROR', `the scenario could not run: ${error}`),
    reason: error,
    observations,
    timelines,
  };
}

/** "run interrupted: 3 of 23 scenarios ran, these results are partial", or undefined when complete. */
export function partialRunNote(run: Pick<RunResults, 'complete' | 'planned' | 'ran'>): string | undefined {
  if (run.complete !== false) return undefined;
  return `run interrupted: ${run.ran ?? '?'} of ${run.planned ?? '?'} scenarios ran, these results are partial`;
}

export function totals(scenarios: readonly ScenarioResult[]): Totals {
  const t: Totals = { passed: 0, failed: 0, skipped: 0, errored: 0 };
  let expected = 0;
  for (const s of scenarios) {
    if (s.status === 'failed' && s.expected?.outcome === 'failed-as-expected') expected++;
    else t[s.status]++;
  }
  if (expected > 0) t.expectedFailures = expected;
  return t;
}
