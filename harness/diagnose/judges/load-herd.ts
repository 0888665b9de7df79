/**
 * Deploy-storm and soak judges: plain measurements in, a diagnosis (or null) out.
 * - RECONNECT_HERD: the reconnect arrivals' peak rate (over a short sliding window) is above
 *   the budget: the clients came back on the same beat, the policy has no jitter.
 * - HERD_NOT_ABSORBED: once the backend was back, it failed clients it should have taken
 *   (late welcomes, 1011/1013 closes, refused upgrades) beyond the tolerated share.
 * - CONNECTIONS_LEAKED: the backend's health count drifted above the live connection count
 *   (registrations kept after disconnects), beyond the tolerance.
 * Pure: imports nothing above diagnose/.
 */
import { diagnosis, type Diagnosis } from '../codes.js';
import { formatMs as fmt } from '../format.js';

const grouped = (n: number): string => String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');

/** The highest arrival rate (per second) seen in any `windowMs` window of the sorted `arrivalsAtMs`. */
export function peakRatePerS(arrivalsAtMs: readonly number[], windowMs: number): { peakPerS: number; atMs: number } {
  const t = [...arrivalsAtMs].sort((a, b) => a - b);
  let best = 0;
  let atMs = t[0] ?? 0;
  let lo = 0;
  for (let hi = 0; hi < t.length; hi++) {
    while (t[hi] - t[lo] >= windowMs) lo++;
    if (hi - lo + 1 > best) {
      best = hi - lo + 1;
      atMs = t[lo];
    }
  }
  return { peakPerS: (best * 1000) / windowMs, atMs };
}

export interface HerdObservation {
  /** Connections the restart dropped (the herd's size). */
  dropped: number;
  /** The peak reconnect arrival rate (peakRatePerS). */
  peakPerS: number;
  windowMs: number;
  /** When the peak window began, ms after the restart. */
  peakAtMs: number;
  budgetPerS: number;
  policyName: string;
}

export function judgeReconnectHerd(o: HerdObservation): Diagnosis | null {
  if (o.peakPerS <= o.budgetPerS) return null;
  const inWindow = Math.round((o.peakPerS * o.windowMs) / 1000);
  return diagnosis(
    'RECONNECT_HERD',
    `${grouped(inWindow)} of ${grouped(o.dropped)} dropped clients reconnected within ${fmt(o.windowMs)} ms (${fmt(o.peakAtMs)} ms after the restart): ${grouped(o.peakPerS)} arrivals/s, budget ${grouped(o.budgetPerS)}/s, with the ${o.policyName} policy`,
  );
}

/** What the backend did to reconnect attempts it should have taken (dialled while it was up). */
export interface AbsorbObservation {
  /** Reconnect attempts dialled once the backend was back. */
  attempts: number;
  lateWelcomes: number;
  /** Closes by the server with 1011 or 1013 before or right after the welcome. */
  overloadCloses: number;
  /** Upgrades answered with a non-101 status. */
  refusedUpgrades: number;
  /** Other failed attempts (dropped, timed out, never welcomed). */
  otherFailures: number;
  /** Tolerated share of failed attempts (0.01 = 1 %). */
  toleranceRatio: number;
  /** The first failure's summary, quoted. */
  example?: string;
}

export function judgeHerdAbsorbed(o: AbsorbObservation): Diagnosis | null {
  const failed = o.lateWelcomes + o.overloadCloses + o.refusedUpgrades + o.otherFailures;
  if (o.attempts === 0 || failed <= o.toleranceRatio * o.attempts) return null;
  const parts = [
    o.lateWelcomes ? `${grouped(o.lateWelcomes)} late welcomes` : '',
    o.overloadCloses ? `${grouped(o.overloadCloses)} closes 1011/1013` : '',
    o.refusedUpgrades ? `${grouped(o.refusedUpgrades)} refused upgrades` : '',
    o.otherFailures ? `${grouped(o.otherFailures)} other failures` : '',
  ].filter(Boolean);
  const pct = ((100 * failed) / o.attempts).toFixed(1);
  return diagnosis(
    'HERD_NOT_ABSORBED',
    `the backend failed ${grouped(failed)} of ${grouped(o.attempts)} reconnect attempts made after it was back (${pct} %, tolerated ${(100 * o.toleranceRatio).toFixed(1)} %): ${parts.join(', ')}${o.example ? `; first: ${o.example}` : ''}`,
  );
}

/** One reading of the backend's count next to the harness's live count. */
export interface DriftSample {
  atMs: number;
  health: number;
  live: number;
}

export interface DriftObservation {
  samples: readonly DriftSample[];
  /** Drift (health − live) tolerated: connections still being torn down, readings in flight. */
  tolerance: number;
}

/** Judged on the last reading: a count still above the live count once things settled is a leak. */
export function judgeConnectionDrift(o: DriftObservation): Diagnosis | null {
  const last = o.samples.at(-1);
  if (!last) return null;
  const drift = last.health - last.live;
  if (drift <= o.tolerance) return null;
  const first = o.samples.find((s) => s.health - s.live > o.tolerance);
  return diagnosis(
    'CONNECTIONS_LEAKED',
    `the backend counts ${grouped(last.health)} connections while ${grouped(last.live)} are live (drift ${grouped(drift)}, tolerated ${grouped(o.tolerance)}) at ${fmt(last.atMs)} ms; the drift began at ${fmt(first?.atMs ?? last.atMs)} ms: registrations outlive their connections`,
  );
}
