// Timings as an operator reads them: `11s`, `3m5s`, `1.5s`, `850ms`.
import { formatDuration } from '../runbook/duration.js';

/** Whole seconds in the runbook's duration syntax; fractions of a second to one decimal. */
export function formatTiming(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  const rounded = Math.round(ms);
  if (rounded % 1000 === 0 || rounded >= 60_000) return formatDuration(Math.round(rounded / 1000) * 1000);
  if (rounded < 1000) return `${rounded}ms`;
  return `${(rounded / 1000).toFixed(1)}s`;
}

/** `+44 %` for a ratio of 1.44. */
export function formatDrift(ratio: number | null): string {
  if (ratio === null || !Number.isFinite(ratio)) return '';
  const percent = Math.round((ratio - 1) * 100);
  return `${percent >= 0 ? '+' : ''}${percent} %`;
}
