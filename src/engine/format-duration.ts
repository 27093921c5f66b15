// Durations printed the way users write them (`1h30m`, `2m30s`, `1500ms`), for texts the engine writes.

/** Formats ms as a runbook duration. */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 0) return `-${formatDuration(-ms)}`;
  if (ms % 1000 !== 0) return ms > 1000 ? `${(ms / 1000).toFixed(3).replace(/0+$/, '')}s` : `${ms}ms`;
  let rest = ms / 1000;
  const parts: string[] = [];
  for (const [unit, size] of [['h', 3600], ['m', 60], ['s', 1]] as const) {
    const n = Math.floor(rest / size);
    if (n > 0) parts.push(`${n}${unit}`);
    rest -= n * size;
  }
  return parts.join('');
}

/** A time on the run's clock relative to a step start: `+12s`, `+1m30s`. */
export const formatOffset = (ms: number): string => `+${formatDuration(Math.max(0, ms))}`;
