// Maps run time to x on the timeline and picks round tick steps, so the axis reads 0, 2m, 4m...

export interface TimeScale {
  readonly start: number;
  readonly end: number;
  readonly left: number;
  readonly right: number;
  x(at: number): number;
  ticks(): number[];
}

/** Tick steps a person reads easily, from 1s to 12h. */
const steps = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200].map((s) => s * 1000);

export function timeScale(start: number, end: number, left: number, right: number): TimeScale {
  const span = Math.max(end - start, 1);
  const x = (at: number): number => left + ((Math.min(Math.max(at, start), end) - start) / span) * (right - left);
  const ticks = (): number[] => {
    const step = steps.find((s) => span / s <= 12) ?? span / 10;
    const out: number[] = [];
    for (let t = 0; t <= span; t += step) out.push(start + t);
    return out;
  };
  return { start, end, left, right, x, ticks };
}

/** Axis label of a tick: 0, 30s, 2m, 1h30m. */
export function tickLabel(ms: number): string {
  if (ms === 0) return '0';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  if (h === 0) return rest === 0 ? `${m}m` : `${m}m${rest}s`;
  return m === 0 ? `${h}h` : `${h}h${m}m`;
}
