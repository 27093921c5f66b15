// Steady state: it must hold at the observation before step 1, and be reached again within
// `settings.settle` after the rollback. Each entry is recorded like an expectation.
import { compileCondition, type CompiledCondition } from './conditions.js';
import type { ExpectationRecord } from './journal.js';
import { formatDuration } from './format-duration.js';
import { fixMembers } from './members.js';
import type { ResolvedVars } from './node-refs.js';
import type { PlannedCheck } from './plan-model.js';
import type { SnapshotIndex } from './snapshot-index.js';
import type { Truth } from './truth.js';

interface CompiledCheck {
  readonly plan: PlannedCheck;
  readonly condition: CompiledCondition;
}

/** Steady-state entries with their conditions compiled once. */
const compileChecks = (checks: readonly PlannedCheck[], vars: ResolvedVars): CompiledCheck[] =>
  checks.map((plan) => ({ plan, condition: compileCondition(plan.condition, plan.subject.kind, vars) }));

/** Up to five members that do not hold the condition (and how many in all), for reasons. */
function offenders(check: CompiledCheck, index: SnapshotIndex, members: readonly string[]): string {
  const off = members.filter((m) => check.condition.member(index, m) !== true);
  if (off.length === 0) return '';
  const shown = off.slice(0, 5).join(', ');
  return ` (${off.length} of ${members.length} not: ${shown}${off.length > 5 ? ', ...' : ''})`;
}

/** A three-valued truth as a verdict: unknown is inconclusive. */
const verdictOf = (t: Truth) => (t === true ? 'pass' : t === false ? 'fail' : 'inconclusive') as ExpectationRecord['verdict'];

/** Steady state before step 1, at one observation. */
export function judgeSteadyBefore(checks: readonly PlannedCheck[], index: SnapshotIndex, vars: ResolvedVars): ExpectationRecord[] {
  return compileChecks(checks, vars).map((c) => {
    const members = fixMembers(c.plan.subject, index);
    const truth = c.condition.evaluate(index, members);
    const reason =
      truth === true ? 'held before step 1' : truth === false ? `did not hold${offenders(c, index, members)}` : `unknown${offenders(c, index, members)}`;
    return {
      id: `steady.before.${c.plan.index}`,
      text: c.plan.text,
      predicate: 'is',
      window: { from: index.at, to: index.at, text: 'at the observation before step 1' },
      verdict: verdictOf(truth),
      reason,
      lastFalseAt: truth === false ? index.at : null,
      firstTrueAt: truth === true ? index.at : null,
      decidedAt: index.at,
    };
  });
}

/** Steady state after the rollback: every entry must hold at one observation before the settle time ends. */
export interface SteadyAfter {
  readonly checks: readonly CompiledCheck[];
  readonly from: number;
  readonly to: number;
  readonly lastTruth: readonly Truth[];
  readonly lastFalseAt: readonly (number | null)[];
  readonly firstTrueAt: readonly (number | null)[];
  readonly reachedAt: number | null;
  readonly records: readonly ExpectationRecord[] | null;
  readonly reasons: readonly string[];
}

/** The steady state after the rollback, from `from` until the settle time ends. */
export function openSteadyAfter(checks: readonly PlannedCheck[], vars: ResolvedVars, from: number, settleMs: number): SteadyAfter {
  const compiled = compileChecks(checks, vars);
  return {
    checks: compiled,
    from,
    to: from + settleMs,
    lastTruth: compiled.map(() => 'unknown'),
    lastFalseAt: compiled.map(() => null),
    firstTrueAt: compiled.map(() => null),
    reachedAt: null,
    records: null,
    reasons: compiled.map(() => 'not observed'),
  };
}

/** Applies an observation; decides as soon as every entry holds at once. */
export function steadyAfterReading(s: SteadyAfter, index: SnapshotIndex): SteadyAfter {
  if (s.records !== null || index.at < s.from) return s;
  if (index.at > s.to) return steadyAfterTime(s, s.to);
  const at = index.at;
  const lastTruth: Truth[] = [];
  const reasons: string[] = [];
  s.checks.forEach((c) => {
    const members = fixMembers(c.plan.subject, index);
    const t = c.condition.evaluate(index, members);
    lastTruth.push(t);
    reasons.push(t === true ? '' : `${t === false ? 'did not hold' : 'unknown'} at the last observation (+${formatDuration(at - s.from)})${offenders(c, index, members)}`);
  });
  const next: SteadyAfter = {
    ...s,
    lastTruth,
    reasons,
    lastFalseAt: s.lastFalseAt.map((v, i) => (lastTruth[i] === false ? at : v)),
    firstTrueAt: s.firstTrueAt.map((v, i) => (v === null && lastTruth[i] === true ? at : v)),
  };
  return lastTruth.every((t) => t === true) ? finish({ ...next, reachedAt: at }, at) : next;
}

/** Time has reached `now`: when the settle time is over, what does not hold at the last observation fails. */
export function steadyAfterTime(s: SteadyAfter, now: number): SteadyAfter {
  return s.records !== null || now < s.to ? s : finish(s, s.to);
}

/** The records of the steady state after, once it is decided. */
function finish(s: SteadyAfter, at: number): SteadyAfter {
  const records = s.checks.map((c, i): ExpectationRecord => {
    const t = s.reachedAt !== null ? true : s.lastTruth[i]!;
    return {
      id: `steady.after.${c.plan.index}`,
      text: c.plan.text,
      predicate: 'is',
      window: { from: s.from, to: s.to, text: `within settle (${formatDuration(s.to - s.from)}) after the rollback` },
      verdict: verdictOf(t),
      reason:
        s.reachedAt !== null
          ? `steady state reached again at +${formatDuration(s.reachedAt - s.from)} after the rollback`
          : t === true
            ? 'held, but the steady state as a whole was not reached'
            : `the cluster did not recover within settle (${formatDuration(s.to - s.from)}): ${s.reasons[i]}`,
      lastFalseAt: s.lastFalseAt[i]!,
      firstTrueAt: s.firstTrueAt[i]!,
      decidedAt: at,
    };
  });
  return { ...s, records };
}
