/**
 * A clock the test drives (see platform/clock.tsx): time stands still until `advance` moves it, and then
 * exactly the timers that fell due run, in order. Nothing here reads the machine's time, so a figure
 * computed from these timestamps is the same on an idle and on a fully loaded machine.
 */
import type { Clock } from '../platform/clock';

interface Timer {
  id: number;
  due: number;
  delayMs: number;
  callback: () => void;
}

export interface ManualClock extends Clock {
  /** Moves time forward by `ms` and runs every timer that falls due on the way, at its due time. */
  advance(ms: number): void;
  /** The delays of the timers waiting to run (a scrape loop that finished its round has one queued). */
  pendingDelays(): number[];
}

/** Starts at a fixed instant so that dates shown on the page do not depend on when the test ran. */
export const CLOCK_START = Date.parse('2026-06-01T12:00:00Z');

export function manualClock(start = CLOCK_START): ManualClock {
  let now = start;
  let nextId = 1;
  let timers: Timer[] = [];
  return {
    now: () => now,
    setTimeout(callback, delayMs) {
      const timer = { id: nextId++, due: now + Math.max(0, delayMs), delayMs, callback };
      timers.push(timer);
      return timer.id;
    },
    clearTimeout(handle) {
      timers = timers.filter(timer => timer.id !== handle);
    },
    advance(ms) {
      const until = now + ms;
      for (;;) {
        const next = timers
          .filter(timer => timer.due <= until)
          .sort((a, b) => a.due - b.due || a.id - b.id)[0];
        if (!next) break;
        timers = timers.filter(timer => timer !== next);
        now = next.due;
        next.callback();
      }
      now = until;
    },
    pendingDelays: () => timers.map(timer => timer.delayMs),
  };
}
