/**
 * A latency histogram of a load run (HDR, from `hdr-histogram-js`): values are recorded in
 * microseconds with 3 significant digits, percentiles read back in milliseconds. It is
 * serialisable (`toJSON()`: the compressed HDR encoding) so the histograms of worker processes
 * and shards merge into one (`mergeHistograms`) — percentiles of a merged run come from the
 * merged histogram, never from averaging the parts' percentiles.
 */
import { build, decodeFromCompressedBase64, encodeIntoCompressedBase64, type Histogram } from 'hdr-histogram-js';

/** The percentiles every latency of a load run reports (ms), and how many samples they rest on. */
export interface Percentiles {
  count: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  max: number;
}

/** A histogram as load.json and worker messages carry it. */
export interface HistogramJson {
  /** HDR compressed base64 encoding of the microsecond values. */
  hdr: string;
  /** Samples taken while the harness's event loop was saturated (their latency includes its own delay). */
  saturatedSamples: number;
}

/** Up to an hour, in µs; larger values are clamped to it. */
const HIGHEST_US = 3_600_000_000;

const newHdr = (): Histogram => build({ lowestDiscernibleValue: 1, highestTrackableValue: HIGHEST_US, numberOfSignificantValueDigits: 3 });

const msOf = (us: number): number => Math.round(us) / 1000;

export class LatencyHistogram {
  private readonly hdr: Histogram;
  saturatedSamples = 0;

  constructor(hdr: Histogram = newHdr(), saturatedSamples = 0) {
    this.hdr = hdr;
    this.saturatedSamples = saturatedSamples;
  }

  /** Record one latency in ms; `saturated`: the harness's loop was saturated when it was taken. */
  record(ms: number, saturated = false): void {
    const us = Math.min(HIGHEST_US, Math.max(1, Math.round(ms * 1000)));
    this.hdr.recordValue(us);
    if (saturated) this.saturatedSamples++;
  }

  get count(): number {
    return this.hdr.totalCount;
  }

  /** The value (ms) at a percentile 0..100; 0 when nothing was recorded. */
  at(percentile: number): number {
    return this.count === 0 ? 0 : msOf(this.hdr.getValueAtPercentile(percentile));
  }

  /** Every figure is an HDR bucket's value (max too), so a decoded or merged histogram reports the same figures. */
  percentiles(): Percentiles {
    return { count: this.count, p50: this.at(50), p90: this.at(90), p95: this.at(95), p99: this.at(99), max: this.at(100) };
  }

  /** Add another histogram's samples to this one. */
  add(other: LatencyHistogram): void {
    this.hdr.add(other.hdr);
    this.saturatedSamples += other.saturatedSamples;
  }

  toJSON(): HistogramJson {
    return { hdr: encodeIntoCompressedBase64(this.hdr), saturatedSamples: this.saturatedSamples };
  }

  static fromJSON(json: HistogramJson): LatencyHistogram {
    const decoded = decodeFromCompressedBase64(json.hdr);
    // A decoded histogram keeps the range it was encoded with; copy it into a full-range one so adding never overflows.
    const full = newHdr();
    full.add(decoded);
    return new LatencyHistogram(full, json.saturatedSamples);
  }
}

/** One histogram holding every sample of `parts` (worker processes, shards). */
export function mergeHistograms(parts: readonly (LatencyHistogram | HistogramJson)[]): LatencyHistogram {
  const out = new LatencyHistogram();
  for (const p of parts) out.add(p instanceof LatencyHistogram ? p : LatencyHistogram.fromJSON(p));
  return out;
}
