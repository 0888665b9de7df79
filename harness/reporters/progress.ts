/**
 * The live status line on long runs: when a scenario has been running for more than `delayMs`,
 * a single TTY line shows which one and for how long, redrawn in place and erased before the
 * next result line is printed. Nothing at all is written when the stream is not a TTY.
 */
import { formatMs, SECONDS } from '../diagnose/format.js';

export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(s: string): boolean;
}

export interface Progress {
  start(label: string): void;
  /** Erase the status line (if one is showing) and stop redrawing. */
  stop(): void;
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const CLEAR = '\r\x1b[2K';

/** The status line's text: `⠹ running conformance/stays-open … 2.4 s`, cut to the terminal width. */
export function progressText(label: string, elapsedMs: number, frame: number, columns = 80): string {
  const line = `${FRAMES[frame % FRAMES.length]} running ${label} … ${formatMs(elapsedMs, SECONDS)}`;
  return line.length < columns ? line : `${line.slice(0, Math.max(10, columns - 2))}…`;
}

export function createProgress(
  stream: ProgressStream,
  opts: { enabled: boolean; delayMs?: number; intervalMs?: number; now?: () => number },
): Progress {
  const delayMs = opts.delayMs ?? 2000;
  const intervalMs = opts.intervalMs ?? 250;
  const now = opts.now ?? (() => performance.now());
  const active = opts.enabled && stream.isTTY === true;
  let timer: NodeJS.Timeout | undefined;
  let showing = false;
  const stop = (): void => {
    clearTimeout(timer);
    clearInterval(timer);
    timer = undefined;
    if (showing) stream.write(CLEAR);
    showing = false;
  };
  return {
    start(label) {
      stop();
      if (!active) return;
      const started = now();
      let frame = 0;
      const draw = (): void => {
        stream.write(`${CLEAR}${progressText(label, now() - started, frame++, stream.columns || 80)}`);
        showing = true;
      };
      timer = setTimeout(() => {
        draw();
        timer = setInterval(draw, intervalMs);
        timer.unref();
      }, delayMs);
      timer.unref();
    },
    stop,
  };
}
