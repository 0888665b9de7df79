/**
 * The one millisecond formatter of ws-chaos: every duration shown to people (diagnosis
 * summaries, timelines, console lines) goes through `formatMs`. Pure. The precision depends on
 * the size (a sub-10 ms gap needs decimals, a 940 ms one does not) and on the reader, so each
 * place names one of the presets below instead of writing its own `toFixed`.
 */

export interface MsFormat {
  /** Decimals below 10 ms. */
  under10: number;
  /** Decimals from 10 ms to below 100 ms. */
  under100: number;
  /** From this many ms on, seconds with one decimal ("12.3 s"); Infinity: never. */
  secondsFrom: number;
  /** Append " ms" (or " s"). */
  unit: boolean;
}

/** Scenario summaries and observations: "4.25", "53", "940". */
export const SUMMARY_MS: MsFormat = { under10: 2, under100: 0, secondsFrom: Infinity, unit: false };
/** Connection diagnosis, where a few ms decide: "4.25", "53.8", "940". */
export const CONNECTION_MS: MsFormat = { under10: 2, under100: 1, secondsFrom: Infinity, unit: false };
/** Client policy judges (scaled delays): "4.3", "53", "940". */
export const POLICY_MS: MsFormat = { under10: 1, under100: 0, secondsFrom: Infinity, unit: false };
/** Timeline pictures: "0.42 ms", "53.8 ms", "940 ms", "12.3 s". */
export const TIMELINE_MS: MsFormat = { under10: 2, under100: 1, secondsFrom: 10_000, unit: true };
/** Run and scenario durations: "940 ms", "1.2 s". */
export const DURATION_MS: MsFormat = { under10: 0, under100: 0, secondsFrom: 1000, unit: true };
/** Whole milliseconds, whatever the size: "4 ms", "2345 ms". */
export const WHOLE_MS: MsFormat = { under10: 0, under100: 0, secondsFrom: Infinity, unit: true };
/** Always seconds: "3.2 s". */
export const SECONDS: MsFormat = { under10: 0, under100: 0, secondsFrom: -Infinity, unit: true };

export function formatMs(ms: number, f: MsFormat = SUMMARY_MS): string {
  const a = Math.abs(ms);
  if (a >= f.secondsFrom) return `${(ms / 1000).toFixed(1)}${f.unit ? ' s' : ''}`;
  const text = a < 10 ? ms.toFixed(f.under10) : a < 100 ? ms.toFixed(f.under100) : ms.toFixed(0);
  return f.unit ? `${text} ms` : text;
}
