/**
 * Health judges: the server's connection count (its health endpoint) must return to its
 * baseline once the scenario's connections are gone. Pure: the counts and what happened
 * before in, a diagnosis (or null) out.
 */
import { diagnosis, type Diagnosis } from '../codes.js';
import { formatMs as fmt } from '../format.js';

/** What ended the connections whose cleanup is judged; it shapes the summary. */
export type CleanupAfter =
  | { kind: 'cycles'; cycles: number }
  | { kind: 'dead-client'; detectedMs: number }
  | { kind: 'reset' }
  | { kind: 'clean-close' };

export interface CleanupObservation {
  baseline: number;
  /** The last count read, undefined when the endpoint gave none. */
  last: number | undefined;
  settled: boolean;
  waitedMs: number;
}

export function judgeCleanup(after: CleanupAfter, o: CleanupObservation): Diagnosis | null {
  if (o.settled) return null;
  const { last, baseline } = o;
  switch (after.kind) {
    case 'cycles':
      return diagnosis('CONNECTIONS_LEAKED', `after ${after.cycles} clean connect/close cycles the health count is ${last}, baseline ${baseline} (waited ${fmt(o.waitedMs)} ms)`);
    case 'dead-client':
      return diagnosis('CONNECTIONS_LEAKED', `the dead client was closed after ${fmt(after.detectedMs)} ms, but the health count stayed at ${last} (baseline ${baseline}) for ${fmt(o.waitedMs)} ms`);
    case 'reset':
      return diagnosis('CONNECTIONS_LEAKED', `after the reset the health count stayed at ${last} (baseline ${baseline}) for ${fmt(o.waitedMs)} ms: the server kept the dead connection`);
    case 'clean-close':
      return diagnosis('CONNECTIONS_LEAKED', `after a clean close the health count stayed at ${last} (baseline ${baseline})`);
  }
}

/** A scenario that needs the health count cannot judge without one: the harness could not run it. */
export function judgeHealthBaseline(baseline: undefined): Diagnosis;
export function judgeHealthBaseline(baseline: number | undefined): Diagnosis | null;
export function judgeHealthBaseline(baseline: number | undefined): Diagnosis | null {
  return baseline === undefined ? diagnosis('SCENARIO_ERROR', 'the health endpoint gave no connection count') : null;
}
