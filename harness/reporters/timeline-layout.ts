/**
 * Layout for the timeline pictures (timeline-svg.ts): which connections to draw when there
 * are many, a time axis that keeps sub-millisecond events apart inside second-long windows,
 * and label placement without overlaps. Pure functions, no SVG.
 */
import { describeClose } from '../close-codes.js';
import { formatMs, TIMELINE_MS } from '../diagnose/format.js';
import type { ConnectionTimeline, TimelineEvent } from '../timeline.js';

/** More connections than this are folded: the first few, the last, and the odd ones out. */
export const MAX_LANES = 6;

export type OutcomeKind = 'clean' | 'closed' | 'rejected' | 'failed' | 'open';

export interface Outcome {
  kind: OutcomeKind;
  /** "closed 1000 by client", "rejected HTTP 503", "never opened: ECONNREFUSED"... */
  text: string;
}

export function outcomeOf(tl: ConnectionTimeline): Outcome {
  const ev = tl.events;
  const close = ev.find((e): e is Extract<TimelineEvent, { kind: 'close' }> => e.kind === 'close');
  if (close) {
    const clean = (close.code === 1000 || close.code === 1001) && close.wasClean;
    return { kind: clean ? 'clean' : 'closed', text: `closed ${close.code} by ${close.by}` };
  }
  const frame = ev.find((e): e is Extract<TimelineEvent, { kind: 'close-frame' }> => e.kind === 'close-frame');
  if (frame) return { kind: 'closed', text: `server sent close ${frame.code}; the socket was still up when the scenario ended` };
  const rejected = ev.find((e): e is Extract<TimelineEvent, { kind: 'rejected' }> => e.kind === 'rejected');
  if (rejected) return { kind: 'rejected', text: `rejected HTTP ${rejected.status}` };
  const error = ev.find((e): e is Extract<TimelineEvent, { kind: 'error' }> => e.kind === 'error');
  if (!ev.some((e) => e.kind === 'open')) return { kind: 'failed', text: `never opened${error ? `: ${error.code ?? error.message}` : ''}` };
  return { kind: 'open', text: 'still open when the scenario ended' };
}

export type LaneSlot = { kind: 'lane'; index: number } | { kind: 'fold'; from: number; to: number };

/**
 * Which connections get a lane: all of them up to `max`; beyond, the first three, the last,
 * and the first two whose outcome differs from the first connection's (the odd ones out are
 * what a reader is looking for), with folds between.
 */
export function chooseLanes(timelines: readonly ConnectionTimeline[], max = MAX_LANES): LaneSlot[] {
  const n = timelines.length;
  if (n <= max) return timelines.map((_, index) => ({ kind: 'lane', index }));
  const usual = outcomeOf(timelines[0]!).text;
  const keep = new Set([0, 1, 2, n - 1]);
  for (let i = 3, found = 0; i < n - 1 && found < 2; i++) {
    if (outcomeOf(timelines[i]!).text !== usual) {
      keep.add(i);
      found++;
    }
  }
  const slots: LaneSlot[] = [];
  const sorted = [...keep].sort((a, b) => a - b);
  sorted.forEach((index, k) => {
    const prev = k === 0 ? -1 : sorted[k - 1]!;
    if (index - prev > 1) slots.push({ kind: 'fold', from: prev + 1, to: index - 1 });
    slots.push({ kind: 'lane', index });
  });
  return slots;
}

/** "49 closed 1000 by client, 1 closed 1011 by server", most frequent first. */
export function outcomeSummary(timelines: readonly ConnectionTimeline[]): string {
  const counts = new Map<string, number>();
  for (const tl of timelines) {
    const t = outcomeOf(tl).text;
    counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([t, c]) => `${c} ${t}`)
    .join(', ');
}

export interface Scale {
  x(t: number): number;
  /** Gaps between consecutive event times, with their drawn width. */
  gaps: Array<{ from: number; to: number; x0: number; x1: number }>;
}

/**
 * A time axis from x0 to x1 that keeps every pair of distinct event times at least `minPx`
 * apart: short gaps are widened, long ones share what is left in proportion to their length.
 * Order is always preserved; distances are only to scale between long gaps.
 */
export function warpScale(times: readonly number[], x0: number, x1: number, minPx = 16): Scale {
  const ts = [...new Set(times.map((t) => Math.round(t * 1000) / 1000))].sort((a, b) => a - b);
  if (ts.length < 2) {
    const only = ts[0] ?? 0;
    return { x: (t) => (t <= only ? x0 : x1), gaps: [] };
  }
  const width = x1 - x0;
  const durations = ts.slice(1).map((t, i) => t - ts[i]!);
  const n = durations.length;
  const floor = Math.min(minPx, width / n);
  const px = new Array<number>(n).fill(floor);
  const forced = new Set<number>();
  for (;;) {
    const free = width - forced.size * floor;
    const freeDur = durations.reduce((s, d, i) => (forced.has(i) ? s : s + d), 0);
    if (freeDur <= 0) {
      px.fill(width / n);
      break;
    }
    let changed = false;
    for (let i = 0; i < n; i++) {
      if (forced.has(i)) continue;
      px[i] = (durations[i]! / freeDur) * free;
      if (px[i]! < floor) {
        forced.add(i);
        changed = true;
      }
    }
    if (!changed) break;
    for (const i of forced) px[i] = floor;
  }
  const xs = [x0];
  for (let i = 0; i < n; i++) xs.push(xs[i]! + px[i]!);
  const x = (t: number): number => {
    if (t <= ts[0]!) return x0;
    if (t >= ts[n]!) return xs[n]!;
    let i = 0;
    while (t > ts[i + 1]!) i++;
    const span = ts[i + 1]! - ts[i]!;
    return span === 0 ? xs[i]! : xs[i]! + ((t - ts[i]!) / span) * (xs[i + 1]! - xs[i]!);
  };
  return { x, gaps: durations.map((_, i) => ({ from: ts[i]!, to: ts[i + 1]!, x0: xs[i]!, x1: xs[i + 1]! })) };
}

export interface LabelRequest {
  text: string;
  /** The marker it belongs to. */
  x: number;
  side: 'above' | 'below';
  /** Lower is placed first (and so wins when there is no room for everything). */
  priority: number;
  /** Put the text to the left of the marker (for things at the end of a lane). */
  alignEnd?: boolean;
  className?: string;
  /** Monospaced text is wider. */
  mono?: boolean;
}

export interface PlacedLabel extends LabelRequest {
  row: number;
  /** Left edge of the text box and its estimated width. */
  left: number;
  width: number;
  anchor: 'start' | 'end';
}

/** Rough width of 12 px text (a little generous: DejaVu Sans is wide), to keep labels apart. */
export const textWidth = (s: string, mono = false): number => Math.ceil(s.length * (mono ? 7.4 : 7.2));

/**
 * Greedy row packing: each label goes to the nearest row on its side (then the other side)
 * where it overlaps nothing, starting at its marker, or ending at it when it would run off
 * the right edge. Labels that fit nowhere are dropped (their markers still show).
 */
export function placeLabels(
  requests: readonly LabelRequest[],
  opts: { rows: { above: number; below: number }; xMin: number; xMax: number; gapPx?: number },
): { placed: PlacedLabel[]; dropped: number } {
  const gap = opts.gapPx ?? 8;
  const taken = new Map<string, Array<[number, number]>>();
  const placed: PlacedLabel[] = [];
  let dropped = 0;
  const order = [...requests].sort((a, b) => a.priority - b.priority || a.x - b.x);
  const room = opts.xMax - opts.xMin;
  for (const original of order) {
    // A label wider than the whole lane is cut to fit rather than dropped.
    const r = textWidth(original.text, original.mono) <= room ? original : { ...original, text: clipTo(original.text, Math.floor(room / textWidth('x', original.mono))) };
    const width = textWidth(r.text, r.mono);
    const sides: Array<'above' | 'below'> = r.side === 'above' ? ['above', 'below'] : ['below', 'above'];
    let done = false;
    for (const side of sides) {
      for (let row = 0; row < opts.rows[side] && !done; row++) {
        const startLeft = r.x - 3;
        const endLeft = r.x - width + 3;
        // At the marker, ending at it, or (for wide labels) shifted to stay on the canvas.
        const shifted = Math.min(Math.max(opts.xMin, endLeft), opts.xMax - width);
        const candidates: Array<['start' | 'end', number]> = r.alignEnd
          ? [['end', endLeft], ['start', startLeft], ['start', shifted]]
          : [['start', startLeft], ['end', endLeft], ['start', shifted]];
        for (const [anchor, left] of candidates) {
          if (left < opts.xMin || left + width > opts.xMax) continue;
          const key = `${side}:${row}`;
          const spans = taken.get(key) ?? [];
          if (spans.some(([a, b]) => left < b + gap && left + width + gap > a)) continue;
          spans.push([left, left + width]);
          taken.set(key, spans);
          placed.push({ ...r, side, row, left, width, anchor });
          done = true;
          break;
        }
      }
      if (done) break;
    }
    if (!done) dropped++;
  }
  return { placed, dropped };
}

function clipTo(s: string, chars: number): string {
  return s.length <= chars ? s : `${s.slice(0, Math.max(1, chars - 1))}…`;
}

/** Milliseconds for people: 0.42 ms, 2.25 ms, 53.8 ms, 940 ms, 12.3 s. */
export const fmtMs = (ms: number): string => formatMs(ms, TIMELINE_MS);

/** The close as a QA person reads it: 1011 "Service unavailable". */
export function closeText(code: number, reason: string): string {
  return reason ? `${code} "${reason}"` : describeClose(code);
}
