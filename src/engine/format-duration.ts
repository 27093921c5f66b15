// Durations in the texts the engine writes: the runbook's own notation (`1h30m`, `2m30s`), except that a
// moment off the whole second reads as seconds with decimals (`102.488s`), easier to compare than ms.
import { formatDuration as runbookDuration } from '../runbook/duration.js';

/** Formats ms as a duration for reasons and plans. */
export function formatDuration(ms: number): string {
  // A real clock gives fractions of a millisecond; nobody needs them in a reason.
  ms = Math.round(ms);
  if (Math.abs(ms) > 1000 && ms % 1000 !== 0) return `${(ms / 1000).toFixed(3).replace(/0+$/, '')}s`;
  return runbookDuration(ms);
}

/** A time on the run's clock relative to a step start: `+12s`, `+1m30s`. */
export const formatOffset = (ms: number): string => `+${formatDuration(Math.max(0, ms))}`;
