/**
 * A concurrency limit: at most `max` tasks run at once, the others wait in FIFO order,
 * so the probes of the first URLs finish first and progress moves steadily.
 */

/** Runs `task` when a slot is free; resolves or rejects as the task does. */
export type Limit = <T>(task: () => Promise<T>) => Promise<T>;

/** A limiter allowing `max` (≥ 1) tasks in flight. */
export function createLimit(max: number): Limit {
  let running = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    running--;
    const next = waiting.shift();
    if (next !== undefined) next();
  };
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running >= max) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await task();
    } finally {
      release();
    }
  };
}
