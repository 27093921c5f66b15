// The baseline comparison as the terminal shows it after `drill run --baseline N`.
import type { BaselineComparison } from './baseline.js';
import { formatDrift, formatTiming } from './timing-text.js';

/** Lines naming each expectation that passed but slower than usual; one line when none did. */
export function baselineText(comparison: BaselineComparison): string {
  const runs = `${comparison.baselineRuns} earlier run${comparison.baselineRuns === 1 ? '' : 's'} of ${comparison.runbook} on ${comparison.target}`;
  if (comparison.baselineRuns === 0) return `baseline: no earlier run of ${comparison.runbook} on ${comparison.target} to compare with\n`;
  if (comparison.slower.length === 0) return `baseline: no timing slower than usual (${runs})\n`;
  const lines = comparison.slower.map(
    (m) => `  slower than usual: ${m.name}: ${formatTiming(m.ms)} (median ${formatTiming(m.baselineMedianMs ?? Number.NaN)}, ${formatDrift(m.ratio)}; window ${formatTiming(m.windowMs)})`,
  );
  return `baseline: ${comparison.slower.length} expectation${comparison.slower.length === 1 ? '' : 's'} passed but slower than usual (${runs}):\n${lines.join('\n')}\n`;
}
