/**
 * The time the plugin's live views read, and the timers they schedule, behind one seam.
 *
 * A rate is a difference in counters over a difference in the times the scrapes were taken. Reading
 * `Date.now()` directly ties that figure to how fast the machine ran between two scrapes; reading it
 * from the clock in context lets a test drive time exactly (`test/clock.ts`), so a loaded machine cannot
 * change a figure. The app always runs on the system clock.
 */
import { createContext, type ReactNode, useContext } from 'react';

export type TimerHandle = unknown;

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  setTimeout(callback: () => void, delayMs: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, delayMs) => globalThis.setTimeout(callback, delayMs),
  clearTimeout: handle => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

const ClockContext = createContext<Clock>(systemClock);

export function ClockProvider(props: { clock: Clock; children: ReactNode }) {
  return <ClockContext.Provider value={props.clock}>{props.children}</ClockContext.Provider>;
}

export function useClock(): Clock {
  return useContext(ClockContext);
}
