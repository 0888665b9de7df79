/**
 * The load chart (harness/reporters/load-chart.ts): open connections, the backend count, arrivals
 * and failures per second, saturated seconds, the storm's mark and the latency percentiles.
 */
import { describe, expect, it } from 'vitest';
import { loadChartSvg, niceMax } from '../../harness/reporters/load-chart.js';
import type { SecondSample } from '../../harness/load/series.js';

const second = (n: number, o: Partial<SecondSample> = {}): SecondSample => ({ second: n, arrivals: 0, opened: 0, failed: 0, messagesIn: 0, messagesOut: 0, open: 0, lagMaxMs: 0, saturated: false, ...o });

describe('loadChartSvg', () => {
  const svg = loadChartSvg({
    title: 'deploy storm: restart, no-jitter',
    series: [second(0, { arrivals: 100, open: 100, health: 100 }), second(1, { open: 0, failed: 3, saturated: true }), second(2, { arrivals: 100, open: 100, health: 100 })],
    latency: { welcome: { count: 200, p50: 1.2, p90: 2, p95: 3.4, p99: 8.1, max: 40 }, ping: { count: 0, p50: 0, p90: 0, p95: 0, p99: 0, max: 0 } },
    marks: [{ atMs: 1200, label: 'restart' }],
  });

  it('is one SVG with the title, the open and backend lines, the bars and the storm mark', () => {
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('deploy storm: restart, no-jitter');
    expect(svg.match(/class="open"/g)?.length).toBe(1);
    expect(svg).toContain('class="health"');
    expect(svg.match(/class="fail"/g)?.length).toBe(1);
    expect(svg.match(/class="sat"/g)?.length).toBe(2); // one saturated second, two panels
    expect(svg.match(/class="mark"/g)?.length).toBe(2);
    expect(svg).toContain('>restart<');
  });

  it('shows a latency row per latency with samples, with its percentiles', () => {
    expect(svg).toContain('p50 1.2 · p95 3.4 · p99 8.1 · max 40');
    expect(svg).toContain('>welcome<');
    expect(svg).not.toContain('>ping<');
  });

  it('rounds the axis tops', () => {
    expect([0, 3, 100, 101, 4300].map(niceMax)).toEqual([1, 5, 100, 200, 5000]);
  });
});
