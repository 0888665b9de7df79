/** Timeline builders for the judge tests: plain events, as a probe records them. */
import type { TimelineEvent } from '../../../harness/timeline.js';

export const WELCOME = { type: 'connection_established' };

export const opened = (t = 5): TimelineEvent[] => [
  { t: 0, kind: 'dial', url: 'ws://x/ws' },
  { t: 1, kind: 'tcp-connect' },
  { t: t - 0.1, kind: 'upgrade', status: 101, headers: {} },
  { t, kind: 'open', protocol: '' },
];

export const inbound = (t: number, text: string, lateMs?: number): TimelineEvent => ({ t, kind: 'message', dir: 'in', text, bytes: text.length, binary: false, ...(lateMs ? { lateMs } : {}) });

export const welcome = (t: number, lateMs?: number): TimelineEvent => inbound(t, JSON.stringify(WELCOME), lateMs);

export const closed = (t: number, code: number, reason = '', by: 'server' | 'client' | 'transport' = code === 1006 ? 'transport' : 'server'): TimelineEvent => ({
  t,
  kind: 'close',
  code,
  reason,
  wasClean: code !== 1006,
  by,
});
