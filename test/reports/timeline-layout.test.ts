import { describe, expect, it } from 'vitest';
import { chooseLanes, fmtMs, outcomeOf, outcomeSummary, placeLabels, textWidth, warpScale } from '../../harness/reporters/timeline-layout.js';
import { opened, timeline } from './helpers/fixtures.js';

describe('warpScale', () => {
  it('keeps sub-millisecond events apart inside a one-second window, in order', () => {
    const times = [0, 0.02, 0.05, 0.3, 0.31, 500, 1000];
    const { x } = warpScale(times, 0, 700, 16);
    const xs = times.map(x);
    expect(xs[0]).toBe(0);
    expect(xs[xs.length - 1]).toBeCloseTo(700, 6);
    for (let i = 1; i < xs.length; i++) expect(xs[i]! - xs[i - 1]!).toBeGreaterThanOrEqual(16 - 1e-9);
    // The two long gaps share what is left in proportion to their length.
    expect(xs[5]! - xs[4]!).toBeCloseTo(xs[6]! - xs[5]!, 0);
  });

  it('is linear when no gap needs widening, and clamps outside the range', () => {
    const { x, gaps } = warpScale([0, 250, 1000], 100, 500);
    expect(x(250)).toBeCloseTo(200, 6);
    expect(x(625)).toBeCloseTo(350, 6);
    expect(x(-5)).toBe(100);
    expect(x(2000)).toBe(500);
    expect(gaps.map((g) => g.to - g.from)).toEqual([250, 750]);
  });

  it('falls back to even spacing when there are more events than room, and handles one event', () => {
    const times = Array.from({ length: 100 }, (_, i) => i * 0.001);
    const { x } = warpScale(times, 0, 100, 16);
    expect(x(times[50]!)).toBeCloseTo(5000 / 99, 6);
    expect(warpScale([3], 10, 20).x(3)).toBe(10);
  });
});

describe('chooseLanes', () => {
  const storm = (odd?: number) =>
    Array.from({ length: 50 }, (_, i) =>
      opened(`cycle-${i + 1}`, [{ t: 5, kind: 'close', code: i === odd ? 1011 : 1000, reason: '', wasClean: true, by: i === odd ? 'server' : 'client' }]),
    );

  it('draws every connection up to six', () => {
    expect(chooseLanes(storm().slice(0, 6)).every((s) => s.kind === 'lane')).toBe(true);
  });

  it('folds a storm into the first three, the last, and the odd ones out, saying what was folded', () => {
    const slots = chooseLanes(storm(36));
    expect(slots).toEqual([
      { kind: 'lane', index: 0 },
      { kind: 'lane', index: 1 },
      { kind: 'lane', index: 2 },
      { kind: 'fold', from: 3, to: 35 },
      { kind: 'lane', index: 36 },
      { kind: 'fold', from: 37, to: 48 },
      { kind: 'lane', index: 49 },
    ]);
    expect(outcomeSummary(storm(36))).toBe('49 closed 1000 by client, 1 closed 1011 by server');
  });
});

describe('outcomeOf', () => {
  it('a server close frame read while the socket is still up is a close, not "still open" (issue 13 item 2)', () => {
    const o = outcomeOf(opened('a', [{ t: 3, kind: 'close-frame', code: 1009, reason: 'too big' }]));
    expect(o.kind).toBe('closed');
    expect(o.text).toContain('server sent close 1009');
  });
  it('names clean closes, other closes, rejections, failures and open connections', () => {
    expect(outcomeOf(opened('a', [{ t: 3, kind: 'close', code: 1000, reason: '', wasClean: true, by: 'client' }])).kind).toBe('clean');
    expect(outcomeOf(opened('a', [{ t: 3, kind: 'close', code: 1006, reason: '', wasClean: false, by: 'transport' }])).text).toBe('closed 1006 by transport');
    expect(outcomeOf(timeline('a', [{ t: 2, kind: 'rejected', status: 503, headers: {}, body: '' }])).text).toBe('rejected HTTP 503');
    expect(outcomeOf(timeline('a', [{ t: 2, kind: 'error', message: 'connect ECONNREFUSED', code: 'ECONNREFUSED' }])).text).toBe('never opened: ECONNREFUSED');
    expect(outcomeOf(opened('a', [])).kind).toBe('open');
  });
});

describe('placeLabels', () => {
  const rows = { above: 2, below: 1 };

  it('never overlaps two labels in a row, and moves to the next row or side instead', () => {
    const labels = [0, 1, 2, 3].map((i) => ({ text: `label number ${i}`, x: 100 + i * 10, side: 'above' as const, priority: 1 }));
    const { placed, dropped } = placeLabels(labels, { rows, xMin: 0, xMax: 700 });
    expect(placed.length + dropped).toBe(4);
    expect(placed.map((p) => `${p.side}:${p.row}`).sort()).toEqual(['above:0', 'above:1', 'below:0']);
    expect(dropped).toBe(1);
    for (const a of placed) {
      for (const b of placed) {
        if (a === b || a.side !== b.side || a.row !== b.row) continue;
        expect(a.left + a.width <= b.left || b.left + b.width <= a.left).toBe(true);
      }
    }
  });

  it('places important labels first, and ends labels at their marker near the right edge', () => {
    const { placed } = placeLabels(
      [
        { text: 'a minor label', x: 690, side: 'above', priority: 9, alignEnd: true },
        { text: 'close 1011 "Service unavailable"', x: 690, side: 'above', priority: 0, alignEnd: true },
      ],
      { rows: { above: 1, below: 1 }, xMin: 0, xMax: 700 },
    );
    const close = placed.find((p) => p.text.startsWith('close'))!;
    expect([close.side, close.row, close.anchor]).toEqual(['above', 0, 'end']);
    expect(close.left + close.width).toBeLessThanOrEqual(700);
    expect(placed.find((p) => p.text === 'a minor label')?.side).toBe('below');
  });

  it('cuts a label wider than the lane instead of dropping it', () => {
    const { placed, dropped } = placeLabels([{ text: 'x'.repeat(200), x: 10, side: 'below', priority: 0 }], {
      rows: { above: 0, below: 1 },
      xMin: 0,
      xMax: 700,
    });
    expect(dropped).toBe(0);
    expect(placed[0]!.text.endsWith('…')).toBe(true);
    expect(placed[0]!.left + placed[0]!.width).toBeLessThanOrEqual(700);
    expect(textWidth('abc')).toBeGreaterThan(0);
  });
});

describe('fmtMs', () => {
  it('keeps sub-millisecond precision and drops it for long times', () => {
    expect([0.042, 2.254, 53.64, 940.4, 12_345].map(fmtMs)).toEqual(['0.04 ms', '2.25 ms', '53.6 ms', '940 ms', '12.3 s']);
  });
});
