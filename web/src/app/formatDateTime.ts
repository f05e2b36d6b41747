const shanghaiFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** "2024-01-31 09:05:00" in Asia/Shanghai time (R-X5) whatever the browser's zone; "" for no value. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    shanghaiFormat.formatToParts(date).find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}:${part('second')}`;
}

const shanghaiDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today in Beijing time as YYYY-MM-DD (R-X5) — the one "today" of the web, as kernel/time.ts is the server's. */
export function todayInShanghai(): string {
  return shanghaiDay.format(new Date());
}

/** Today as YYYYMMDD, for the names of downloaded files. */
export function todayStamp(): string {
  return todayInShanghai().replaceAll('-', '');
}
