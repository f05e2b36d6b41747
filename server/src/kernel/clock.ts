/** Time comes from here so that deadlines and lock-outs can be tested. */
export type Clock = { now(): Date };

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still until moved; for tests. */
export function fixedClock(start: Date): Clock & { advance(milliseconds: number): void; set(date: Date): void } {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    advance(milliseconds) {
      current = new Date(current.getTime() + milliseconds);
    },
    set(date) {
      current = new Date(date);
    },
  };
}
