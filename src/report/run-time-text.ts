// How reports write times of the run clock: compact durations for people ("2m07s"), offsets from
// the run's start ("+12m11s"), and exact times for hovers ("00:12:11.000").

/** A length of time, compact and unambiguous: 850ms, 9.5s, 10s, 1m05s, 1m05.5s, 5m, 2h, 2h00m05s. */
export function formatDuration(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  const abs = Math.abs(ms);
  if (abs === 0) return '0s';
  if (abs < 1000) return `${sign}${Math.round(abs)}ms`;
  const tenths = Math.round(abs / 100);
  const hours = Math.floor(tenths / 36_000);
  const minutes = Math.floor((tenths % 36_000) / 600);
  const secondTenths = tenths % 600;
  const seconds = secondTenths % 10 === 0 ? String(secondTenths / 10) : (secondTenths / 10).toFixed(1);
  if (hours === 0 && minutes === 0) return `${sign}${seconds}s`;
  const ss = secondTenths === 0 ? '' : `${secondTenths < 100 ? `0${seconds}` : seconds}s`;
  if (hours === 0) return `${sign}${minutes}m${ss}`;
  if (minutes === 0 && ss === '') return `${sign}${hours}h`;
  return `${sign}${hours}h${String(minutes).padStart(2, '0')}m${ss}`;
}

/** A moment of the run as an offset from its start: +12m11s. */
export function formatOffset(at: number, start = 0): string {
  return `+${formatDuration(Math.max(0, at - start))}`;
}

/** Exact moment for hovers and tables: 00:12:11.000 (h:mm:ss.mmm since the run started). */
export function formatExact(at: number, start = 0): string {
  const ms = Math.max(0, Math.round(at - start));
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  const milli = ms % 1000;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}.${String(milli).padStart(3, '0')}`;
}

/** Seconds with millisecond precision, as JUnit's `time` attribute wants them. */
export function formatSeconds(ms: number): string {
  return (Math.max(0, ms) / 1000).toFixed(3);
}
