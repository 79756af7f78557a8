/**
 * A one-line progress bar for long CLI runs, drawn on a TTY only: when the stream is a
 * pipe or a file it writes nothing at all, so redirected output stays clean.
 */

/** Where the bar is drawn (process.stderr, or a test double). */
export interface ProgressStream {
  readonly isTTY?: boolean;
  readonly columns?: number;
  write(text: string): unknown;
}

/** A running progress bar. */
export interface Progress {
  /** Marks `count` more items done (default 1) and redraws. */
  tick(count?: number): void;
  /** Erases the bar (call before printing the results). */
  done(): void;
}

const WIDTH = 30;
/** At most one redraw per this many milliseconds: a TTY is slow to repaint. */
const REDRAW_MS = 50;

/** Renders the bar text for `done` of `total` (pure, for tests). */
export function renderProgress(label: string, done: number, total: number): string {
  const ratio = total === 0 ? 1 : Math.min(1, done / total);
  const filled = Math.round(ratio * WIDTH);
  return `${label} [${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${done}/${total}`;
}

/**
 * Starts a bar for `total` items on `stream`; silent unless `stream.isTTY`.
 * `now` is injectable for tests.
 */
export function createProgress(
  stream: ProgressStream,
  label: string,
  total: number,
  now: () => number = Date.now,
): Progress {
  if (stream.isTTY !== true) return { tick() {}, done() {} };
  let count = 0;
  let drawn = -Infinity;
  let visible = false;
  const draw = () => {
    drawn = now();
    visible = true;
    const text = renderProgress(label, count, total);
    const max = (stream.columns ?? 80) - 1;
    stream.write(`\r${text.length > max ? text.slice(0, max) : text}\x1b[K`);
  };
  draw();
  return {
    tick(n = 1) {
      count += n;
      if (count >= total || now() - drawn >= REDRAW_MS) draw();
    },
    done() {
      if (visible) stream.write('\r\x1b[K');
      visible = false;
    },
  };
}
