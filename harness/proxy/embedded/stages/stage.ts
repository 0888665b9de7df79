/**
 * One toxic applied to one direction of one connection (Toxiproxy's "ToxicStub").
 *
 * Items flow in order: a chunk (what one socket read returned, at most 32 KiB, stamped with the
 * time it was read) or `null` for end of stream. A stage handles one item at a time; while it is
 * `busy` (waiting on a timer) later items queue up, which is what back-pressures the source.
 *
 * Life cycle, mirroring Toxiproxy's interrupt/restart of a stub:
 * - `start()` runs whenever the toxic (re)starts on this link: at link start, when added to a
 *   live link, and after an update. Toxicity is drawn at those moments only (`active`).
 * - `reconfigure()` = toxic updated: held data is flushed at once ("don't drop data on the floor"),
 *   then the stage restarts with the new attributes and a fresh toxicity draw.
 * - `retire()` = toxic removed: held data is flushed, `cleanup()` runs (timeout closes the
 *   link here) and the stage turns into a pass-through until the link splices it out.
 * - `dispose()` = connection gone: every timer is cleared, nothing more is emitted.
 */
import type { Direction } from '../ws-stream.js';

/** setTimeout fires after about 1 ms for anything longer than this (a signed 32-bit count of ms). */
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface Chunk {
  data: Buffer;
  /** performance.now() when the bytes were read from the source socket. */
  t: number;
}

/** A chunk, or null for end of stream (Go's nil chunk). */
export type Item = Chunk | null;

export type Attributes = Readonly<Record<string, number | string>>;

export abstract class Stage {
  next: (item: Item) => void = () => {};
  /** Called after the queue shrank, so the link can resume a paused source. */
  onDrain: () => void = () => {};
  active = true;
  retired = false;
  /** Emitted end of stream; all later input is dropped. */
  closed = false;
  queuedBytes = 0;

  protected busy = false;
  /** ws stages see every item even when inactive/retired (they must keep their parse state). */
  protected handlesWhenIdle = false;
  /** A stage that cannot be interrupted any more (reset_peer once triggered). */
  protected locked = false;
  private disposed = false;
  private readonly queue: Item[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    public attrs: Attributes,
    readonly direction: Direction,
  ) {}

  get engaged(): boolean {
    return this.active && !this.retired;
  }

  push(item: Item): void {
    if (this.closed || this.disposed) return;
    this.queue.push(item);
    if (item) this.queuedBytes += item.data.length;
    this.pump();
  }

  /** Runs when the toxic (re)starts on this link with `active` already drawn. */
  start(): void {}

  reconfigure(attrs: Attributes, active: boolean): void {
    if (this.locked || this.disposed) return;
    this.clearTimers();
    this.interrupt();
    this.busy = false;
    this.attrs = attrs;
    this.active = active;
    if (this.engaged) this.start();
    this.pump();
  }

  retire(): void {
    if (this.locked || this.disposed) {
      this.retired = true;
      return;
    }
    this.clearTimers();
    this.interrupt();
    this.busy = false;
    this.retired = true;
    this.cleanup();
    this.pump();
  }

  dispose(): void {
    this.disposed = true;
    this.closed = true;
    this.clearTimers();
    this.queue.length = 0;
    this.queuedBytes = 0;
  }

  /** True when a retired stage can be removed from the chain without losing or corrupting data. */
  canSplice(): boolean {
    return this.queue.length === 0 && !this.busy;
  }

  /** Process one item. Either finish synchronously or set `busy` and call `resume()` later. */
  protected abstract handle(item: Item): void;

  /** Flush whatever is held (timers are already cleared). */
  protected interrupt(): void {}

  /** Toxic removed (Toxiproxy's CleanupToxic). */
  protected cleanup(): void {}

  protected resume(): void {
    this.busy = false;
    this.pump();
  }

  protected emit(item: Item): void {
    if (this.closed || this.disposed) return;
    if (item === null) {
      this.closed = true;
      this.queue.length = 0;
      this.queuedBytes = 0;
    }
    this.next(item);
  }

  /** Put an item back at the head of the queue (e.g. an end of stream whose delay was interrupted). */
  protected requeue(item: Item): void {
    this.queue.unshift(item);
    if (item) this.queuedBytes += item.data.length;
  }

  /** Runs `fn` after `ms`; waits over setTimeout's 2^31-1 ms limit are chained, so they really hold. */
  protected setTimer(ms: number, fn: () => void): void {
    const waitMs = Math.max(0, ms);
    const stepMs = Math.min(waitMs, MAX_TIMER_MS);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (this.disposed) return;
      if (waitMs > stepMs) this.setTimer(waitMs - stepMs, fn);
      else fn();
    }, stepMs);
    this.timers.add(timer);
  }

  protected clearTimers(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  protected num(name: string): number {
    const v = this.attrs[name];
    return typeof v === 'number' ? v : 0;
  }

  protected str(name: string): string {
    const v = this.attrs[name];
    return typeof v === 'string' ? v : '';
  }

  private pump(): void {
    while (!this.busy && !this.closed && !this.disposed && this.queue.length > 0) {
      const item = this.queue.shift()!;
      if (item) this.queuedBytes -= item.data.length;
      if (this.engaged || this.handlesWhenIdle) this.handle(item);
      else this.emit(item);
    }
    this.onDrain();
  }
}

/** `noop`: passes everything on. */
export class NoopStage extends Stage {
  protected handle(item: Item): void {
    this.emit(item);
  }
}
