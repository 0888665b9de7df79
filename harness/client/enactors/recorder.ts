/**
 * What an enactor saw of a client's connection attempts: one ConnectionTimeline per attempt,
 * every event stamped in ms since the scenario's common origin, from the client's point of
 * view (`in` = server to client, `out` = client to server). `reset()` starts a new
 * observation; events of attempts from before it are dropped. URLs are stored redacted.
 */
import { now } from '../../clock.js';
import { redactString } from '../../redact.js';
import type { Closer, ConnectionTimeline, Direction, TimelineEvent } from '../../timeline.js';

const TEXT_EXCERPT_CHARS = 2000;

export class AttemptLog {
  readonly events: TimelineEvent[] = [];
  readonly startedAt = new Date().toISOString();
  ended = false;
  opened = false;

  constructor(
    private readonly owner: AttemptRecorder,
    private readonly generation: number,
    readonly label: string,
    readonly url: string,
    at: number,
  ) {
    this.push({ t: at - owner.origin, kind: 'dial', url });
  }

  get live(): boolean {
    return this.generation === this.owner.generation;
  }

  private push(e: TimelineEvent): void {
    if (!this.live) return;
    this.events.push(e);
    this.owner.changed();
  }

  private t(at: number): number {
    return at - this.owner.origin;
  }

  open(at = now()): void {
    if (this.ended || this.opened) return;
    this.opened = true;
    this.push({ t: this.t(at), kind: 'open', protocol: '' });
  }

  rejected(status: number, body = '', at = now()): void {
    if (this.ended) return;
    this.ended = true;
    this.push({ t: this.t(at), kind: 'rejected', status, headers: {}, body });
  }

  message(dir: Direction, text: string, at = now()): void {
    if (this.ended) return;
    this.push({ t: this.t(at), kind: 'message', dir, text: text.slice(0, TEXT_EXCERPT_CHARS), bytes: text.length, binary: false });
  }

  close(code: number, reason: string, by: Closer, at = now()): void {
    if (this.ended) return;
    this.ended = true;
    this.push({ t: this.t(at), kind: 'close', code, reason, wasClean: code !== 1006, by });
  }

  note(text: string, at = now()): void {
    this.push({ t: this.t(at), kind: 'note', text });
  }

  timeline(): ConnectionTimeline {
    return { label: this.label, url: this.url, startedAt: this.startedAt, origin: this.owner.origin, events: [...this.events] };
  }
}

export class AttemptRecorder {
  origin = now();
  generation = 0;
  private logs: AttemptLog[] = [];
  private failures: string[] = [];
  private listeners = new Set<() => void>();

  /** Start a new observation at `origin`: attempts and enactor failures so far are forgotten. */
  reset(origin = now()): void {
    this.origin = origin;
    this.generation++;
    this.logs = [];
    this.failures = [];
    this.changed();
  }

  /**
   * The enactor itself failed (a handler threw, msw or Playwright refused it): the scenario
   * that is running cannot be judged and must end `errored` with this cause, never pass.
   */
  enactorFailed(where: string, e: unknown): void {
    const message = e instanceof Error ? e.message : String(e);
    this.failures.push(`${where}: ${message}`);
    this.changed();
  }

  /** Why the enactor failed during this observation, in order; empty when it did not. */
  enactorFailures(): readonly string[] {
    return this.failures;
  }

  /** A new attempt to `url` (tokens in it are redacted before they are stored). */
  begin(url: string, at = now()): AttemptLog {
    const log = new AttemptLog(this, this.generation, `attempt-${this.logs.length + 1}`, redactString(url), at);
    this.logs.push(log);
    this.changed();
    return log;
  }

  attempts(): readonly AttemptLog[] {
    return this.logs;
  }

  timelines(): ConnectionTimeline[] {
    return this.logs.map((l) => l.timeline());
  }

  /** Called on every recorded event; returns the unsubscribe function. */
  onChange(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  changed(): void {
    for (const fn of this.listeners) fn();
  }
}

/**
 * Wrap an enactor's connection handler so that whatever it throws (synchronously or as a
 * rejected promise) is recorded as an enactor failure instead of vanishing into the
 * transport (msw and Playwright swallow or log handler errors).
 */
export function guardHandler<A extends unknown[]>(recorder: AttemptRecorder, where: string, fn: (...args: A) => void | Promise<void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await fn(...args);
    } catch (e) {
      recorder.enactorFailed(where, e);
    }
  };
}
