/**
 * The live progress line of `ws-chaos load` on a TTY: phase, connections open / target, dials
 * in the last second against the planned rate, failures by code. Quiet (nothing) when stderr is
 * not a TTY or CI=true; the line is redrawn in place and cleared at the end.
 */
import type { LoadProgress } from './run-load.js';
import { groupDigits } from './tally.js';

export function progressLine(p: LoadProgress): string {
  const failures = p.failures.length ? p.failures.map((f) => `${f.code} ${groupDigits(f.count)}`).join(', ') : 'no failures';
  const rate = p.phase === 'arriving' ? ` · ${groupDigits(p.arrivalsPerS)}/s (plan ${groupDigits(p.plannedPerS)}/s)` : '';
  return `${p.phase} ${(p.elapsedMs / 1000).toFixed(1)} s · open ${groupDigits(p.open)}/${groupDigits(p.target)}${rate} · ${failures}`;
}

export interface ProgressWriter {
  update(p: LoadProgress): void;
  end(): void;
}

/** A writer that draws on `stream` when it is a TTY and CI is not set, else does nothing. */
export function progressWriter(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv = process.env): ProgressWriter | undefined {
  if (!stream.isTTY || env.CI === 'true' || env.CI === '1') return undefined;
  let drawn = false;
  return {
    update(p) {
      const width = Math.max(20, (stream.columns ?? 100) - 1);
      stream.write(`\r\x1b[2K${progressLine(p).slice(0, width)}`);
      drawn = true;
    },
    end() {
      if (drawn) stream.write('\r\x1b[2K');
    },
  };
}
