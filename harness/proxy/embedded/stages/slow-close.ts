import { Stage, type Item } from './stage.js';

/** `slow_close` {delay ms}: data unchanged; the end of stream is passed on `delay` ms late. */
export class SlowCloseStage extends Stage {
  private holdingEnd = false;

  protected handle(item: Item): void {
    if (item !== null) {
      this.emit(item);
      return;
    }
    this.busy = true;
    this.holdingEnd = true;
    this.setTimer(this.num('delay'), () => {
      this.holdingEnd = false;
      this.emit(null);
      this.resume();
    });
  }

  protected override interrupt(): void {
    // Toxiproxy re-reads the closed input after an interrupt: the end is handled again.
    if (this.holdingEnd) {
      this.holdingEnd = false;
      this.requeue(null);
    }
  }
}
