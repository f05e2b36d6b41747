import { AppError } from './errors.ts';

/** A fixed-window limit per client address, held in memory: enough to keep one address from flooding a public form. */
export function createRateLimiter(maxPerMinute: number, what: string) {
  const windows = new Map<string, { startedAt: number; count: number }>();
  return {
    assertAllowed(address: string, now: Date): void {
      const current = windows.get(address);
      if (!current || now.getTime() - current.startedAt >= 60_000) {
        windows.set(address, { startedAt: now.getTime(), count: 1 });
        if (windows.size > 10_000) windows.clear();
        return;
      }
      current.count += 1;
      if (current.count > maxPerMinute) {
        const retryAfterSeconds = Math.max(1, Math.ceil((current.startedAt + 60_000 - now.getTime()) / 1000));
        throw new AppError('RATE_LIMITED', `${what}过于频繁，请 ${retryAfterSeconds} 秒后再试（每分钟最多 ${maxPerMinute} 次）`, { maxPerMinute, retryAfterSeconds });
      }
    },
  };
}
