/**
 * A scenario's connections as a picture: one lane per connection on its own time axis —
 * connect, upgrade, open, messages each way, pings and pongs, notes, the server's close frame
 * and FIN as they were read, and the teardown (code, reason, who closed), with a whisker
 * back from any stamp the harness may have taken late (`lateMs`) — written for a reader who should see "1011 at 51 ms, before the
 * welcome" without opening results.json. Hand-written SVG, no dependency; a pure function.
 */
import { CLOSE_NAMES } from '../close-codes.js';
import type { ScenarioResult } from '../results.js';
import type { ConnectionTimeline, TimelineEvent } from '../timeline.js';
import { clip, el, esc, text, wrap } from './svg.js';
import {
  chooseLanes,
  fmtMs,
  MAX_LANES,
  outcomeOf,
  outcomeSummary,
  placeLabels,
  textWidth,
  warpScale,
  type LabelRequest,
  type Outcome,
  type PlacedLabel,
} from './timeline-layout.js';

/** Sized to show 1:1 in the Playwright HTML report (images there get at most 80% of ~980 px). */
const W = 760;
const X0 = 24;
const X1 = W - 24;
const ROW = 16;
const ROWS = { above: 4, below: 3 };
const MAX_EVENTS = 400;

const STYLE = `
.t{font:12px system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',sans-serif;fill:#1f2328}
.h{font-size:17px;font-weight:700}.b{font-weight:700}.s{font-size:13px}.sm{font-size:11px}.dim{fill:#59636e}
.m{font-family:ui-monospace,'SFMono-Regular',Menlo,Consolas,'DejaVu Sans Mono',monospace}
.passed{fill:#1a7f37}.failed,.errored{fill:#cf222e}.skipped{fill:#9a6700}
.bad{fill:#cf222e;font-weight:700}.in{fill:#0969da}.out{fill:#bc4c00}.note{fill:#8250df}
`;

const STATUS_WORD: Record<ScenarioResult['status'], string> = { passed: 'PASSED', failed: 'FAILED', skipped: 'SKIPPED', errored: 'ERRORED' };

type Ev<K extends TimelineEvent['kind']> = Extract<TimelineEvent, { kind: K }>;

function barColour(o: Outcome, close: Ev<'close'> | undefined): string {
  if (o.kind === 'clean' || o.kind === 'open') return '#2da44e';
  const c = close?.code ?? 0;
  if (c === 1005 || c === 1006 || (c >= 1011 && c < 3000)) return '#cf222e';
  return '#d1770a';
}

function preview(e: Ev<'message'>): string {
  return e.binary ? `binary ${e.bytes} B` : clip(e.text, 36);
}

function closeLabel(c: Ev<'close'>, open: Ev<'open'> | undefined): string {
  const name = CLOSE_NAMES[c.code] ?? (c.code >= 4000 ? 'application code' : '');
  const what = [String(c.code), name, c.reason ? `"${clip(c.reason, 40)}"` : ''].filter(Boolean).join(' ');
  const after = open ? `, ${fmtMs(c.t - open.t)} after open` : '';
  return `close ${what} · by ${c.by} · at ${fmtMs(c.t)}${after}`;
}

/** Label requests for one lane's events. */
function labelsFor(events: readonly TimelineEvent[], x: (t: number) => number): LabelRequest[] {
  const open = events.find((e): e is Ev<'open'> => e.kind === 'open');
  const messages = events.filter((e) => e.kind === 'message');
  const out: LabelRequest[] = [];
  for (const e of events) {
    const at = x(e.t);
    switch (e.kind) {
      case 'close':
        out.push({ text: closeLabel(e, open), x: at, side: 'above', priority: 0, alignEnd: true, className: e.code === 1000 || e.code === 1001 ? 'b' : 'bad' });
        break;
      case 'rejected':
        out.push({ text: `rejected: HTTP ${e.status} at ${fmtMs(e.t)}${e.body ? ` ${clip(e.body, 40)}` : ''}`, x: at, side: 'above', priority: 0, alignEnd: true, className: 'bad' });
        break;
      case 'error':
        out.push({ text: `error ${clip(e.code ?? e.message, 40)} at ${fmtMs(e.t)}`, x: at, side: 'below', priority: 1, alignEnd: true, className: 'bad' });
        break;
      case 'note':
        out.push({ text: `${clip(e.text, 60)} (${fmtMs(e.t)})`, x: at, side: 'above', priority: 2, className: 'note' });
        break;
      case 'open':
        out.push({ text: `open ${fmtMs(e.t)}`, x: at, side: 'below', priority: 3, className: 'b' });
        break;
      case 'upgrade':
        out.push({ text: `upgrade ${e.status}`, x: at, side: 'above', priority: 4, className: 'dim' });
        break;
      case 'message':
        if (messages.length <= 4) {
          out.push({ text: `${e.dir === 'in' ? '↓' : '↑'} ${fmtMs(e.t)} ${preview(e)}`, x: at, side: e.dir === 'in' ? 'above' : 'below', priority: 5, className: `m ${e.dir}`, mono: true });
        }
        break;
      case 'close-sent':
        out.push({ text: `client sent close ${e.code} at ${fmtMs(e.t)}`, x: at, side: 'below', priority: 6, className: 'dim' });
        break;
      case 'close-frame':
        out.push({ text: `close frame ${e.code} read at ${fmtMs(e.t)}`, x: at, side: 'above', priority: 1, className: e.code === 1000 || e.code === 1001 ? 'dim' : 'bad' });
        break;
      case 'tcp-end':
        out.push({ text: `FIN read at ${fmtMs(e.t)}`, x: at, side: 'below', priority: 2, className: 'dim' });
        break;
      default:
        break;
    }
  }
  return out;
}

function marker(e: TimelineEvent, x: number, y: number): string {
  switch (e.kind) {
    case 'dial':
      return el('circle', { cx: x, cy: y, r: 3.5, fill: '#fff', stroke: '#59636e', 'stroke-width': 1.5 });
    case 'tcp-connect':
      return el('line', { x1: x, y1: y - 4, x2: x, y2: y + 4, stroke: '#59636e', 'stroke-width': 1.5 });
    case 'upgrade':
      return el('path', { d: `M${x} ${y - 6}l4 6l-4 6l-4-6z`, fill: e.status === 101 ? '#8c959f' : '#cf222e' });
    case 'open':
      return el('circle', { cx: x, cy: y, r: 5, fill: '#1a7f37', stroke: '#fff', 'stroke-width': 1.5 });
    case 'message':
      return e.dir === 'in'
        ? el('path', { d: `M${x - 4} ${y - 14}h8l-4 7z`, fill: '#0969da' })
        : el('path', { d: `M${x - 4} ${y + 14}h8l-4-7z`, fill: '#bc4c00' });
    case 'ping':
    case 'pong': {
      const yy = e.dir === 'in' ? y - 13 : y + 7;
      return el('rect', { x: x - 3, y: yy, width: 6, height: 6, fill: e.kind === 'pong' ? '#57606a' : '#fff', stroke: '#57606a', 'stroke-width': 1.2 });
    }
    case 'close-sent':
      return el('rect', { x: x - 1.5, y: y + 5, width: 3, height: 10, fill: '#1f2328' });
    case 'close':
      return el('rect', { x: x - 2, y: y - 9, width: 4, height: 18, fill: e.code === 1000 || e.code === 1001 ? '#1f2328' : '#cf222e' });
    case 'close-frame':
      return el('rect', { x: x - 1.5, y: y - 15, width: 3, height: 10, fill: e.code === 1000 || e.code === 1001 ? '#1f2328' : '#cf222e' });
    case 'tcp-end':
      return el('path', { d: `M${x - 4} ${y + 6}h8M${x} ${y + 6}v8`, stroke: '#1f2328', 'stroke-width': 1.5 });
    case 'rejected':
    case 'error':
      return el('path', { d: `M${x - 5} ${y - 5}l10 10M${x + 5} ${y - 5}l-10 10`, stroke: '#cf222e', 'stroke-width': 2.5 });
    case 'note':
      return el('line', { x1: x, y1: y - 34, x2: x, y2: y + 16, stroke: '#8250df', 'stroke-width': 1.2, 'stroke-dasharray': '3 2' });
  }
}

/** The stretch a late stamp may have happened in: [t − lateMs, t]. */
function lateWhisker(x0: number, x1: number, y: number): string {
  return el('path', { d: `M${x0} ${y - 3}v6M${x0} ${y}H${x1}`, stroke: '#59636e', 'stroke-width': 1, class: 'late' });
}

function counts(events: readonly TimelineEvent[]): string {
  const n = (k: string, dir: string): number => events.filter((e) => e.kind === k && 'dir' in e && e.dir === dir).length;
  const parts = [`${n('message', 'in')} in / ${n('message', 'out')} out messages`];
  const pp: Array<[string, string, string]> = [['ping', 'in', 'pings from server'], ['pong', 'out', 'pongs from client'], ['ping', 'out', 'pings from client'], ['pong', 'in', 'pongs from server']];
  for (const [k, dir, label] of pp) if (n(k, dir)) parts.push(`${n(k, dir)} ${label}`);
  return parts.join(' · ');
}

/** One connection's lane, drawn from `top`; returns the SVG and its height. */
function lane(tl: ConnectionTimeline, startMs: number, top: number): { svg: string; height: number; desc: string } {
  const events = tl.events.slice(0, MAX_EVENTS);
  const hidden = tl.events.length - events.length;
  const outcome = outcomeOf(tl);
  const scale = warpScale(events.map((e) => e.t), X0 + 8, X1 - 8);
  const x = scale.x;
  const requests = labelsFor(events, x);
  for (const g of scale.gaps) {
    const label = `··· ${fmtMs(g.to - g.from)} ···`;
    const w = textWidth(label);
    if (g.x1 - g.x0 >= w + 24 && g.to - g.from >= 1) requests.push({ text: label, x: (g.x0 + g.x1) / 2 - w / 2 + 3, side: 'below', priority: 9, className: 'dim' });
  }
  const { placed } = placeLabels(requests, { rows: ROWS, xMin: 4, xMax: W - 4 });
  const dropped = requests.filter((r) => r.priority < 9).length - placed.filter((p) => p.priority < 9).length;
  const rowsAbove = Math.max(1, ...placed.filter((p) => p.side === 'above').map((p) => p.row + 1));
  const rowsBelow = Math.max(1, ...placed.filter((p) => p.side === 'below').map((p) => p.row + 1));
  const headY = top + 14;
  const axis = headY + 24 + rowsAbove * ROW;
  const height = axis - top + 22 + rowsBelow * ROW;

  const open = events.find((e): e is Ev<'open'> => e.kind === 'open');
  const close = events.find((e): e is Ev<'close'> => e.kind === 'close');
  const end = events.length ? events[events.length - 1]!.t : 0;
  const parts: string[] = [];
  const start = startMs > 0.005 ? ` · starts ${fmtMs(startMs)} into the scenario` : '';
  const left = [dropped ? `${dropped} label(s) left out for room` : '', hidden ? `${hidden} later event(s) not drawn` : ''].filter(Boolean);
  const info = clip([outcome.text, counts(events), ...left].join(' · ') + `${start} · ${tl.url}`, Math.floor((W - 40 - clip(tl.label, 40).length * 8.4) / 6.6));
  parts.push(el('text', { x: X0 - 8, y: headY, class: 't' }, `${el('tspan', { class: 'b s' }, esc(clip(tl.label, 40)))}${el('tspan', { dx: 10, class: 'dim sm' }, esc(info))}`));
  // The connection: a thin line while connecting, a bar while open.
  parts.push(el('line', { x1: x(0), y1: axis, x2: x(open?.t ?? end), y2: axis, stroke: '#8c959f', 'stroke-width': 2 }));
  if (open) parts.push(el('rect', { x: x(open.t), y: axis - 4, width: Math.max(2, x(close?.t ?? end) - x(open.t)), height: 8, rx: 3, fill: barColour(outcome, close), opacity: 0.85 }));
  for (const p of placed) parts.push(leader(p, axis));
  for (const e of events) parts.push(marker(e, x(e.t), axis));
  for (const e of events) if ('lateMs' in e && e.lateMs) parts.push(lateWhisker(x(Math.max(0, e.t - e.lateMs)), x(e.t), axis));
  for (const p of placed) {
    const y = p.side === 'above' ? axis - 22 - p.row * ROW : axis + 30 + p.row * ROW;
    parts.push(text(p.anchor === 'start' ? p.left : p.left + p.width, y, p.text, `t ${p.className ?? ''}`.trim(), { 'text-anchor': p.anchor === 'end' ? 'end' : undefined }));
  }
  const desc = `${tl.label}: ${open ? `open at ${fmtMs(open.t)}, ` : ''}${close ? closeLabel(close, open) : outcome.text}`;
  return { svg: el('g', { class: 'lane' }, parts.join('')), height, desc };
}

function leader(p: PlacedLabel, axis: number): string {
  if (p.priority >= 9) return '';
  const y1 = p.side === 'above' ? axis - 19 - p.row * ROW : axis + 19 + p.row * ROW;
  const y2 = p.side === 'above' ? axis - 6 : axis + 6;
  return el('line', { x1: p.x, y1, x2: p.x, y2, stroke: '#d0d7de', 'stroke-width': 1 });
}

function header(r: ScenarioResult): { svg: string; height: number } {
  const parts = [
    el('text', { x: 16, y: 26, class: 't' }, `${el('tspan', { class: 'h' }, esc(r.id))}${el('tspan', { dx: 12, class: `b s ${r.status}` }, esc(`${STATUS_WORD[r.status]} · ${fmtMs(r.durationMs)}`))}`),
    text(16, 44, clip(r.title, 96), 't dim s'),
  ];
  let y = 44;
  const d = r.diagnosis;
  if (d && r.status !== 'passed') {
    y += 22;
    parts.push(text(16, y, d.code, `t b s m ${r.status}`));
    for (const line of wrap(d.summary, 96, 3)) {
      y += 16;
      parts.push(text(16, y, line, 't s'));
    }
  } else if (r.status === 'skipped' || r.reason) {
    y += 20;
    parts.push(text(16, y, clip(`${r.status === 'skipped' ? 'skipped' : 'reason'}: ${r.reason ?? ''}`, 96), 't s'));
  }
  return { svg: parts.join(''), height: y + 14 };
}

function strip(timelines: readonly ConnectionTimeline[], top: number): { svg: string; height: number } {
  const parts = [text(16, top + 12, clip(`${timelines.length} connections: ${outcomeSummary(timelines)}`, 90), 't s b')];
  const perRow = Math.floor((W - 32) / 10);
  timelines.forEach((tl, i) => {
    const o = outcomeOf(tl);
    const fill = o.kind === 'clean' ? '#2da44e' : o.kind === 'open' ? '#8c959f' : '#cf222e';
    parts.push(el('rect', { x: 16 + (i % perRow) * 10, y: top + 20 + Math.floor(i / perRow) * 10, width: 8, height: 8, fill }, el('title', {}, esc(`${tl.label}: ${o.text}`))));
  });
  const rows = Math.ceil(timelines.length / perRow);
  return { svg: parts.join(''), height: 28 + rows * 10 };
}

/** One line of glyphs and words; text flows, so no width guessing. */
const LEGEND: Array<[string, string, string]> = [
  ['○', '#59636e', 'dial'],
  ['◆', '#8c959f', 'upgrade'],
  ['●', '#1a7f37', 'open'],
  ['▼', '#0969da', 'message in'],
  ['▲', '#bc4c00', 'message out'],
  ['□', '#57606a', 'ping'],
  ['■', '#57606a', 'pong'],
  ['▍', '#cf222e', 'close frame read (short, above) / socket closed'],
  ['┬', '#1f2328', 'FIN read'],
  ['├', '#59636e', 'may have been stamped this late (harness busy)'],
  ['┆', '#8250df', 'note'],
];

const FOOTNOTE = [
  'Above the bar: sent by the server (in); below: sent by the client (out).',
  'Times are in ms since that connection started dialling (monotonic clock).',
  'Gaps are not to scale: short ones are widened, long ones shortened (their length is written).',
];

function legend(top: number): { svg: string; height: number } {
  const items = LEGEND.map(([g, fill, label], i) => `${el('tspan', { fill, dx: i ? 12 : undefined }, g)}${el('tspan', { dx: 4, class: 'dim' }, esc(label))}`);
  const parts = [el('text', { x: 16, y: top + 14, class: 't sm' }, items.join(''))];
  FOOTNOTE.forEach((line, i) => parts.push(text(16, top + 30 + i * 14, line, 't sm dim')));
  return { svg: parts.join(''), height: 26 + FOOTNOTE.length * 14 };
}

export function renderTimelineSvg(result: ScenarioResult): string {
  const head = header(result);
  const body: string[] = [head.svg];
  const descs: string[] = [];
  let y = head.height + 6;
  const tls = result.timelines;
  if (tls.length === 0) {
    body.push(text(16, y + 16, result.status === 'skipped' ? 'No connections: the scenario was skipped.' : 'No connections were made.', 't s dim'));
    y += 30;
  } else {
    const origin = Math.min(...tls.map((t) => t.origin));
    if (tls.length > MAX_LANES) {
      const s = strip(tls, y);
      body.push(s.svg);
      y += s.height + 6;
    }
    for (const slot of chooseLanes(tls)) {
      body.push(el('line', { x1: 16, y1: y, x2: W - 16, y2: y, stroke: '#eaeef2' }));
      if (slot.kind === 'fold') {
        const folded = tls.slice(slot.from, slot.to + 1);
        body.push(text(16, y + 20, clip(`⋮  ${folded.length} connection(s) not drawn (${folded[0]!.label} … ${folded[folded.length - 1]!.label}): ${outcomeSummary(folded)}`, 96), 't s dim'));
        y += 32;
        continue;
      }
      const tl = tls[slot.index]!;
      const l = lane(tl, tl.origin - origin, y);
      body.push(l.svg);
      descs.push(l.desc);
      y += l.height;
    }
  }
  const lg = legend(y + 4);
  body.push(el('line', { x1: 16, y1: y, x2: W - 16, y2: y, stroke: '#eaeef2' }), lg.svg);
  const height = Math.ceil(y + lg.height + 8);
  const title = `${result.id}: ${result.status}${result.diagnosis ? ` — ${result.diagnosis.code}` : ''}`;
  const desc = descs.length ? descs.join('; ') : 'no connections';
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${height}" viewBox="0 0 ${W} ${height}" role="img" aria-labelledby="wsc-title wsc-desc">` +
    `<title id="wsc-title">${esc(title)}</title><desc id="wsc-desc">${esc(desc)}</desc><style>${STYLE}</style>` +
    `${el('rect', { width: W, height, fill: '#ffffff' })}${body.join('')}</svg>\n`
  );
}
