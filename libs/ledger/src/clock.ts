/** Injection token for the clock that stamps `recordedAt`; tests inject a fixed one. */
export const CLOCK = Symbol('CLOCK');

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
