// The timings an operator asks first after a drill (time to isolation, quarantine, drain, clear),
// each against its window, plus any other expectation that failed, so a miss is never below the fold.
import type { ExpectationOutcome } from './expectation-outcome.js';

export interface KeyTiming {
  readonly label: string;
  readonly outcome: ExpectationOutcome;
}

/** What each key timing looks for in an expectation of a step. */
const kinds: readonly { readonly label: string; readonly matches: (o: ExpectationOutcome) => boolean }[] = [
  { label: 'time to isolation', matches: (o) => reaches(o) && /\bIsolated\b|isolated:\s*true/.test(o.record.text) },
  { label: 'time to quarantine', matches: (o) => reaches(o) && /\bQuarantined\b|quarantined:\s*true/.test(o.record.text) },
  // The live drain of a quarantine or maintenance, before a failover checked with `drained: any`.
  { label: 'time to drain', matches: (o) => o.record.predicate === 'drained' && /drained:? live/.test(o.record.text) },
  { label: 'time to drain', matches: (o) => o.record.predicate === 'drained' },
  {
    label: 'time to clear',
    matches: (o) => reaches(o) && (o.step?.action?.action === 'clear-quarantine' || /quarantined:\s*false/.test(o.record.text)),
  },
];

/** A `becomes` expectation of a step (key timings measure reaching a state after an injection). */
function reaches(o: ExpectationOutcome): boolean {
  return o.group === 'step' && o.record.predicate === 'becomes';
}

/**
 * The first expectation of each kind that was decided (a failed one wins over a passed one of the same
 * kind; a skipped one shows only when none was decided), then every failed expectation not already shown.
 */
export function keyTimings(outcomes: readonly ExpectationOutcome[]): KeyTiming[] {
  const chosen: KeyTiming[] = [];
  for (const kind of kinds) {
    const candidates = outcomes.filter((o) => kind.matches(o));
    const decided = candidates.filter((o) => o.record.verdict !== 'skipped');
    const pick = decided.find((o) => o.record.verdict === 'fail') ?? decided[0] ?? candidates[0];
    const labelTaken = chosen.some((k) => k.label === kind.label);
    if (pick !== undefined && !labelTaken && !chosen.some((k) => k.outcome === pick)) chosen.push({ label: kind.label, outcome: pick });
  }
  for (const o of outcomes) {
    if (o.record.verdict === 'fail' && !chosen.some((k) => k.outcome === o)) chosen.push({ label: 'failed', outcome: o });
  }
  return chosen;
}
