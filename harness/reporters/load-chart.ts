/**
 * The chart of a load run (load.svg, and inline in the run's index.html): from load.json's
 * per-second series, three panels over time — connections open (with the backend's own health
 * count dashed), arrivals and failures per second — and the latency percentiles (p50/p95/p99/max of
 * each latency) as bars; seconds the harness was saturated are shaded, and marks (the storm's
 * restart) are drawn as labelled vertical lines. Pure: data in, an SVG string out.
 */
import type { Percentiles } from '../load/histogram.js';
import type { SecondSample } from '../load/series.js';
import { el, text } from './svg.js';

export interface ChartMark {
  /** ms since the run started. */
  atMs: number;
  label: string;
}

export interface LoadChartInput {
  title: string;
  series: readonly SecondSample[];
  latency: Record<string, Percentiles>;
  marks?: readonly ChartMark[];
}

const W = 760;
const LEFT = 64;
const RIGHT = 16;
const PANEL_H = 120;
const GAP = 34;
const STYLE =
  '.t{font:11px sans-serif;fill:#333}.h{font:bold 12px sans-serif;fill:#111}.a{stroke:#999;stroke-width:1}.open{fill:none;stroke:#1f6feb;stroke-width:2}.health{fill:none;stroke:#8250df;stroke-width:1.5;stroke-dasharray:5 3}.arr{fill:#2da44e}.fail{fill:#cf222e}.sat{fill:#f6c343;opacity:.25}.mark{stroke:#d1242f;stroke-width:1.5;stroke-dasharray:4 2}.p50{fill:#7fb3f5}.p95{fill:#3c85e6}.p99{fill:#1f4fa8}.max{fill:#0b2455}';

/** A round axis top at or above `v` (1, 2, 5 × 10^k). */
export function niceMax(v: number): number {
  if (v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

export function loadChartSvg(input: LoadChartInput): string {
  const s = input.series;
  const seconds = Math.max(1, s.length);
  const plotW = W - LEFT - RIGHT;
  const x = (sec: number): number => LEFT + (sec / seconds) * plotW;
  const parts: string[] = [text(LEFT, 18, input.title, 'h')];
  let top = 30;

  const panel = (label: string, maxV: number, body: (y: (v: number) => number) => string): void => {
    const y = (v: number): number => top + PANEL_H - (Math.min(v, maxV) / maxV) * PANEL_H;
    const sat = s.filter((p) => p.saturated).map((p) => el('rect', { x: x(p.second), y: top, width: plotW / seconds, height: PANEL_H, class: 'sat' }));
    parts.push(
      ...sat,
      el('line', { x1: LEFT, y1: top + PANEL_H, x2: W - RIGHT, y2: top + PANEL_H, class: 'a' }),
      el('line', { x1: LEFT, y1: top, x2: LEFT, y2: top + PANEL_H, class: 'a' }),
      text(4, top + 10, label),
      text(LEFT - 4, top + 10, String(maxV), 't', { 'text-anchor': 'end' }),
      text(LEFT - 4, top + PANEL_H, '0', 't', { 'text-anchor': 'end' }),
      body(y),
    );
    for (const m of input.marks ?? []) {
      const mx = x(m.atMs / 1000);
      parts.push(el('line', { x1: mx, y1: top - 4, x2: mx, y2: top + PANEL_H, class: 'mark' }), text(mx + 3, top + 8, m.label));
    }
    top += PANEL_H + GAP;
  };

  const openMax = niceMax(Math.max(0, ...s.map((p) => Math.max(p.open, p.health ?? 0))));
  panel('open', openMax, (y) => {
    const line = (pts: Array<[number, number]>, cls: string): string => (pts.length ? el('polyline', { points: pts.map(([a, b]) => `${a.toFixed(1)},${b.toFixed(1)}`).join(' '), class: cls }) : '');
    const open = s.map((p): [number, number] => [x(p.second + 1), y(p.open)]);
    const health = s.filter((p) => p.health !== undefined).map((p): [number, number] => [x(p.second + 1), y(p.health ?? 0)]);
    return line([[x(0), y(0)], ...open], 'open') + line(health, 'health');
  });

  const rateMax = niceMax(Math.max(0, ...s.map((p) => Math.max(p.arrivals, p.failed))));
  panel('per second', rateMax, (y) => {
    const bw = Math.max(1, plotW / seconds / 2 - 1);
    return s
      .map((p) => el('rect', { x: x(p.second), y: y(p.arrivals), width: bw, height: top + PANEL_H - y(p.arrivals), class: 'arr' }) + (p.failed ? el('rect', { x: x(p.second) + bw, y: y(p.failed), width: bw, height: top + PANEL_H - y(p.failed), class: 'fail' }) : ''))
      .join('');
  });
  parts.push(text(LEFT, top - GAP + 16, `time (s) 0 … ${seconds}; green: arrivals/s, red: failures/s; blue: open, purple dashed: backend count; shaded: harness saturated`));

  // Latency percentiles: one row per latency with samples.
  const metrics = Object.entries(input.latency).filter(([, p]) => p.count > 0);
  const latMax = niceMax(Math.max(0, ...metrics.map(([, p]) => p.max)));
  const rowH = 22;
  parts.push(text(4, top + 10, `latency (ms, axis 0 … ${latMax})`));
  metrics.forEach(([name, p], i) => {
    const ry = top + 18 + i * rowH;
    parts.push(text(LEFT - 4, ry + 12, name, 't', { 'text-anchor': 'end' }));
    for (const k of ['max', 'p99', 'p95', 'p50'] as const) {
      parts.push(el('rect', { x: LEFT, y: ry, width: Math.max(1, (p[k] / latMax) * plotW), height: 14, class: k }));
    }
    parts.push(text(LEFT + 4 + Math.max(1, (p.max / latMax) * plotW), ry + 12, `p50 ${p.p50} · p95 ${p.p95} · p99 ${p.p99} · max ${p.max}`));
  });
  const height = top + 24 + metrics.length * rowH;
  return el('svg', { xmlns: 'http://www.w3.org/2000/svg', width: W, height, viewBox: `0 0 ${W} ${height}`, role: 'img', 'aria-label': input.title }, el('style', {}, STYLE) + parts.join(''));
}
