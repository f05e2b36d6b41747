import type { Clock } from './clock.ts';

export const TIME_ZONE = 'Asia/Shanghai';

/** The calendar year in Asia/Shanghai at the clock's current instant. */
export function currentYear(clock: Clock): number {
  return Number(new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric' }).format(clock.now()));
}
