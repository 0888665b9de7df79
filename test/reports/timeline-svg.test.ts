import { describe, expect, it } from 'vitest';
import { renderTimelineSvg } from '../../harness/reporters/timeline-svg.js';
import type { TimelineEvent } from '../../harness/timeline.js';
import { opened, scenario, timeline } from './helpers/fixtures.js';
import { xmlProblems } from './helpers/xml.js';

/** The text a reader sees: the SVG's text content, entities decoded. */
const visible = (svg: string): string =>
  svg
    .replace(/<style>[\s\S]*?<\/style>/, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

const closed1011: TimelineEvent = { t: 53.8, kind: 'close', code: 1011, reason: 'Service unavailable', wasClean: true, by: 'server' };

describe('renderTimelineSvg', () => {
  it('shows a failing connection the way a QA person reads it: 1011, who closed, when, and the diagnosis', () => {
    const svg = renderTimelineSvg(
      scenario('conformance/welcome-timing', 'failed', {
        code: 'INTERNAL_ERROR_BEFORE_WELCOME',
        summary: 'server closed 1011 (internal error) "Service unavailable" 51.6 ms after open, before the welcome',
        timelines: [opened('main', [closed1011])],
      }),
    );
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    const text = visible(svg);
    expect(text).toContain('conformance/welcome-timing');
    expect(text).toContain('FAILED');
    expect(text).toContain('INTERNAL_ERROR_BEFORE_WELCOME');
    expect(text).toContain('before the welcome');
    expect(text).toContain('close 1011 internal error "Service unavailable" · by server · at 53.8 ms, 51.6 ms after open');
    expect(text).toContain('open 2.20 ms');
    expect(text).toContain('upgrade 101');
    expect(text).toContain('0 in / 0 out messages');
    // Red for a 1011, and an accessible description that says the same.
    expect(svg).toContain('fill="#cf222e"');
    expect(svg).toMatch(/<desc id="wsc-desc">main: open at 2.20 ms, close 1011/);
  });

  it('draws messages each way, pings and pongs, notes and a client close', () => {
    const svg = renderTimelineSvg(
      scenario('conformance/dead-client-detected', 'passed', {
        timelines: [
          opened('main', [
            { t: 3.1, kind: 'message', dir: 'in', text: '{"type":"connection_established"}', bytes: 33, binary: false },
            { t: 3.4, kind: 'message', dir: 'out', text: '{"type":"ping","id":"probe-1"}', bytes: 30, binary: false },
            { t: 4, kind: 'note', text: 'probe stops answering pings' },
            { t: 300, kind: 'ping', dir: 'in', payload: '', bytes: 0 },
            { t: 310, kind: 'pong', dir: 'out', payload: '', bytes: 0 },
            { t: 640, kind: 'close-sent', code: 1000, reason: 'done' },
            { t: 641, kind: 'close', code: 1000, reason: 'done', wasClean: true, by: 'client' },
          ]),
        ],
      }),
    );
    expect(xmlProblems(svg)).toEqual([]);
    const text = visible(svg);
    expect(text).toContain('↓ 3.10 ms {"type":"connection_established"}');
    expect(text).toContain('↑ 3.40 ms {"type":"ping","id":"probe-1"}');
    expect(text).toContain('probe stops answering pings (4.00 ms)');
    expect(text).toContain('client sent close 1000 at 640 ms');
    expect(text).toContain('1 pings from server · 1 pongs from client');
    expect(text).toContain('close 1000 normal closure "done" · by client');
  });

  it('shows a rejected upgrade and a connection that never opened', () => {
    const svg = renderTimelineSvg(
      scenario('conformance/handshake', 'failed', {
        code: 'HANDSHAKE_REJECTED',
        timelines: [
          timeline('main', [
            { t: 0, kind: 'dial', url: 'ws://x' },
            { t: 0.3, kind: 'tcp-connect' },
            { t: 4.5, kind: 'rejected', status: 503, headers: {}, body: '{"detail":"down"}' },
          ]),
          timeline('retry', [
            { t: 0, kind: 'dial', url: 'ws://x' },
            { t: 1, kind: 'error', message: 'connect ECONNREFUSED 127.0.0.1:1', code: 'ECONNREFUSED' },
          ], 10),
        ],
      }),
    );
    expect(xmlProblems(svg)).toEqual([]);
    const text = visible(svg);
    expect(text).toContain('rejected: HTTP 503 at 4.50 ms {"detail":"down"}');
    expect(text).toContain('never opened: ECONNREFUSED');
    expect(text).toContain('starts 10.0 ms into the scenario');
  });

  it('renders a skipped scenario with no connections', () => {
    const svg = renderTimelineSvg(scenario('conformance/app-ping-pong', 'skipped', { reason: 'profile "x" has no `appPing` part' }));
    expect(xmlProblems(svg)).toEqual([]);
    const text = visible(svg);
    expect(text).toContain('SKIPPED');
    expect(text).toContain('skipped: profile "x" has no `appPing` part');
    expect(text).toContain('No connections: the scenario was skipped.');
    expect(svg).not.toContain('class="lane"');
  });

  it('folds a 50-connection storm, says so, and still draws the odd one out', () => {
    const timelines = Array.from({ length: 50 }, (_, i) =>
      opened(`cycle-${i + 1}`, [i === 36 ? closed1011 : { t: 5, kind: 'close', code: 1000, reason: '', wasClean: true, by: 'client' }], i * 6),
    );
    const svg = renderTimelineSvg(scenario('conformance/reconnect-storm', 'failed', { code: 'PREMATURE_CLOSE', timelines }));
    expect(xmlProblems(svg)).toEqual([]);
    const text = visible(svg);
    expect(svg.match(/class="lane"/g)).toHaveLength(5);
    expect(text).toContain('50 connections: 49 closed 1000 by client, 1 closed 1011 by server');
    expect(text).toContain('33 connection(s) not drawn (cycle-4 … cycle-36)');
    expect(text).toContain('12 connection(s) not drawn (cycle-38 … cycle-49)');
    expect(text).toContain('cycle-37');
    expect(text).toContain('cycle-50');
    expect(text).toContain('starts 294 ms into the scenario');
  });

  it('keeps a one-second window with sub-millisecond events readable and escapes what it quotes', () => {
    const events: TimelineEvent[] = [
      { t: 2.25, kind: 'message', dir: 'in', text: '<script>alert("x")</script> & \u0007bell', bytes: 40, binary: false },
      { t: 2.26, kind: 'message', dir: 'in', text: 'second', bytes: 6, binary: false },
      { t: 2.27, kind: 'message', dir: 'out', text: 'AAECAw==', bytes: 4, binary: true },
      { t: 1000.5, kind: 'close', code: 1006, reason: '', wasClean: false, by: 'transport' },
    ];
    const svg = renderTimelineSvg(scenario('conformance/stays-open', 'failed', { code: 'PREMATURE_CLOSE', timelines: [opened('main', events)] }));
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg).not.toContain('<script');
    expect(svg).not.toContain('\u0007');
    const text = visible(svg);
    expect(text).toContain('<script>alert("x")</script> & bell');
    expect(text).toContain('binary 4 B');
    expect(text).toContain('↓ 2.26 ms second');
    expect(text).toContain('··· 998 ms ···');
    expect(text).toContain('close 1006 abnormal closure (no close frame) · by transport · at 1001 ms, 998 ms after open');
    // Markers of the three messages 10 µs apart are still distinct x positions.
    const xs = [...svg.matchAll(/<path d="M([\d.]+) [\d.]+h8l-4 ?-?7z"/g)].map((m) => Number(m[1]));
    expect(new Set(xs).size).toBe(3);
  });

  it('draws the close frame and FIN where they were read, apart from a later teardown, and a whisker for a late stamp (issue 13 items 1, 2)', () => {
    const events: TimelineEvent[] = [
      { t: 40, kind: 'message', dir: 'out', text: '61', bytes: 16777216, binary: true },
      { t: 180, kind: 'close-frame', code: 1009, reason: 'message too big', lateMs: 30 },
      { t: 181, kind: 'tcp-end' },
      { t: 2180, kind: 'close', code: 1009, reason: 'message too big', wasClean: false, by: 'server' },
    ];
    const svg = renderTimelineSvg(scenario('conformance/close-codes', 'passed', { timelines: [opened('oversized', events)] }));
    expect(xmlProblems(svg)).toEqual([]);
    const text = visible(svg);
    expect(text).toContain('close frame 1009 read at 180');
    expect(text).toContain('FIN read at 181');
    expect(text).toContain('close 1009');
    expect(text).toContain('FIN read');
    expect(text).toContain('may have been stamped this late');
    expect(svg.match(/class="late"/g)?.length).toBe(1);
  });
});
