/**
 * One direction of a proxied connection (Toxiproxy's ToxicLink): source socket -> chain of
 * stages (one per toxic of that direction, in insertion order) -> destination socket.
 *
 * - Reads are cut into chunks of at most 32 KiB (Toxiproxy's io.Copy buffer), stamped with the
 *   time they were read.
 * - Back-pressure: the source is paused while the destination's buffer is full or more than
 *   8 MiB wait inside stages, and resumed when that drains below 1 MiB.
 * - The link's output is followed by a WsStreamTracker, so a WebSocket-aware toxic added to a live
 *   link starts from the exact framing state of the stream at its insertion point.
 * - End of stream reaching the end of the chain tells the connection, which closes the sockets.
 */
import type { Socket } from 'node:net';
import type { Stage, Item } from './stages/stage.js';
import type { ToxicEntry } from './toxic-entry.js';
import { WsStreamTracker, type Direction } from './ws-stream.js';

const CHUNK_BYTES = 32 * 1024;
const PAUSE_ABOVE_BYTES = 8 * 1024 * 1024;
const RESUME_BELOW_BYTES = 1024 * 1024;
const IGNORE_PIECES = (): void => {};

export interface LinkOwner {
  onLinkFinished(link: Link): void;
}

interface Slot {
  entry: ToxicEntry;
  stage: Stage;
}

export class Link {
  private readonly slots: Slot[] = [];
  private readonly tracker: WsStreamTracker;
  private inputEnded = false;
  private finished = false;
  private destDead = false;
  private destBlocked = false;
  private sourcePaused = false;
  private disposed = false;

  constructor(
    private readonly owner: LinkOwner,
    readonly direction: Direction,
    readonly source: Socket,
    readonly dest: Socket,
  ) {
    this.tracker = new WsStreamTracker(direction);
  }

  get isFinished(): boolean {
    return this.finished;
  }

  /** Builds the chain from the toxics present when the connection starts. */
  start(entries: readonly ToxicEntry[]): void {
    for (const entry of entries) this.slots.push({ entry, stage: this.makeStage(entry, new WsStreamTracker(this.direction)) });
    this.rewire();
    for (const { stage } of this.slots) if (stage.engaged) stage.start();
  }

  input(data: Buffer): void {
    if (this.inputEnded || this.disposed) return;
    const t = performance.now();
    for (let pos = 0; pos < data.length; pos += CHUNK_BYTES) {
      const piece = data.length <= CHUNK_BYTES ? data : data.subarray(pos, pos + CHUNK_BYTES);
      this.enter({ data: piece, t });
    }
    this.checkPressure();
  }

  inputEnd(): void {
    if (this.inputEnded || this.disposed) return;
    this.inputEnded = true;
    this.enter(null);
  }

  /** The destination socket died (error/close): stop writing to it. */
  markDestDead(): void {
    this.destDead = true;
  }

  addToxic(entry: ToxicEntry): void {
    if (this.finished || this.disposed) return;
    const stage = this.makeStage(entry, this.tracker.clone());
    this.slots.push({ entry, stage });
    this.rewire();
    if (stage.engaged) stage.start();
  }

  updateToxic(entry: ToxicEntry): void {
    const slot = this.slots.find((s) => s.entry === entry);
    if (!slot || this.disposed) return;
    slot.stage.reconfigure(entry.attributes, drawToxicity(entry.toxicity));
    this.spliceRetired();
  }

  removeToxic(entry: ToxicEntry): void {
    const slot = this.slots.find((s) => s.entry === entry);
    if (!slot || this.disposed) return;
    slot.stage.retire();
    this.spliceRetired();
  }

  dispose(): void {
    this.disposed = true;
    for (const { stage } of this.slots) stage.dispose();
  }

  private makeStage(entry: ToxicEntry, tracker: WsStreamTracker): Stage {
    const stage = entry.def.createStage(entry.attributes, this.direction, tracker);
    stage.active = drawToxicity(entry.toxicity);
    stage.onDrain = () => {
      this.maybeResume();
      if (stage.retired) queueMicrotask(() => this.spliceRetired());
    };
    return stage;
  }

  private rewire(): void {
    for (let i = 0; i < this.slots.length; i++) {
      const next = this.slots[i + 1]?.stage;
      this.slots[i]!.stage.next = next ? (item) => next.push(item) : (item) => this.deliver(item);
    }
  }

  private spliceRetired(): void {
    if (this.disposed) return;
    let changed = false;
    for (let i = this.slots.length - 1; i >= 0; i--) {
      const stage = this.slots[i]!.stage;
      if (stage.retired && !stage.closed && stage.canSplice()) {
        this.slots.splice(i, 1);
        stage.dispose();
        changed = true;
      }
    }
    if (changed) this.rewire();
  }

  private enter(item: Item): void {
    const first = this.slots[0]?.stage;
    if (first) first.push(item);
    else this.deliver(item);
  }

  private deliver(item: Item): void {
    if (this.finished || this.disposed) return;
    if (item === null) {
      this.finished = true;
      this.owner.onLinkFinished(this);
      return;
    }
    if (this.tracker.mode !== 'raw') this.tracker.push(item.data, IGNORE_PIECES);
    if (this.destDead || this.dest.destroyed) return;
    if (!this.dest.write(item.data) && !this.destBlocked) {
      this.destBlocked = true;
      this.pauseSource();
      this.dest.once('drain', () => {
        this.destBlocked = false;
        this.maybeResume();
      });
    }
  }

  private queuedBytes(): number {
    let total = 0;
    for (const { stage } of this.slots) total += stage.queuedBytes;
    return total;
  }

  private checkPressure(): void {
    if (!this.sourcePaused && this.slots.length > 0 && this.queuedBytes() > PAUSE_ABOVE_BYTES) this.pauseSource();
  }

  private pauseSource(): void {
    if (this.sourcePaused) return;
    this.sourcePaused = true;
    this.source.pause();
  }

  private maybeResume(): void {
    if (!this.sourcePaused || this.destBlocked || this.disposed) return;
    if (this.queuedBytes() > RESUME_BELOW_BYTES) return;
    this.sourcePaused = false;
    if (!this.source.destroyed) this.source.resume();
  }
}

/** Toxiproxy draws `rand.Float32() < toxicity` each time a toxic (re)starts on a link. */
export function drawToxicity(toxicity: number): boolean {
  return Math.fround(Math.random()) < toxicity;
}
