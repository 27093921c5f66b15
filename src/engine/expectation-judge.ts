// The judgement of one expectation over the observations of its step, as a pure reducer: each
// observation, observation gap or passing of time gives a new state; the verdict is reached as soon
// as it can be (a `becomes` when it holds, a `stays` at its first violation, any window when it closes).
// Times are absolute ms on the run's clock; windows are measured from the step's start.
import type { ExpectationRecord } from './journal.js';
import { formatDuration } from './format-duration.js';
import type { PlannedExpectation } from './plan-model.js';
import type { Truth } from './truth.js';

export type JudgeVerdict = 'pending' | 'pass' | 'fail' | 'inconclusive';

export interface Judge {
  readonly id: string;
  readonly text: string;
  readonly predicate: 'becomes' | 'stays' | 'never' | 'drained';
  /** The step's start (time 0 of the window), the inclusive end, and the inclusive start of `between`. */
  readonly from: number;
  readonly to: number;
  readonly min: number | null;
  readonly windowText: string;
  readonly verdict: JudgeVerdict;
  readonly reason: string;
  readonly lastFalseAt: number | null;
  readonly firstTrueAt: number | null;
  readonly decidedAt: number | null;
  /** `becomes`: the condition was seen not holding at an earlier observation of this step. */
  readonly sawFalse: boolean;
  /** First unknown observation or gap since the condition was last seen false (a reach may hide there). */
  readonly doubtSinceFalse: number | null;
  /** First unknown observation or gap anywhere in the window. */
  readonly doubt: number | null;
}

/** What an observation says about one expectation: its truth, and for `drained: live` any restart seen. */
export interface Reading {
  readonly truth: Truth;
  /** A VM of the set whose boot time changed since the step started (`drained: live` fails). */
  readonly restarted?: string;
  /** Some VM's boot time was unknown at the step's start, so a restart could not be ruled out. */
  readonly bootUnknown?: boolean;
}

/** A judge for an expectation of a step that started at `from`. */
export function openJudge(id: string, e: PlannedExpectation, from: number): Judge {
  return {
    id,
    text: e.text,
    predicate: e.predicate.kind,
    from,
    to: from + e.window.maxMs,
    min: e.window.minMs === null ? null : from + e.window.minMs,
    windowText: e.window.text,
    verdict: 'pending',
    reason: 'waiting',
    lastFalseAt: null,
    firstTrueAt: null,
    decidedAt: null,
    sawFalse: false,
    doubtSinceFalse: null,
    doubt: null,
  };
}

/** A time as an offset from the step's start, as reasons show it. */
const rel = (j: Judge, at: number): string => `+${formatDuration(Math.max(0, at - j.from))}`;
/** The judge with its verdict, reason and the moment it was reached. */
const decide = (j: Judge, verdict: Exclude<JudgeVerdict, 'pending'>, at: number, reason: string): Judge => ({
  ...j,
  verdict,
  reason,
  decidedAt: at,
});

/** Applies one observation taken at `at`. */
export function judgeReading(j: Judge, at: number, reading: Reading): Judge {
  if (j.verdict === 'pending' && at > j.to) j = judgeTime(j, j.to);
  if (j.verdict !== 'pending') return lateReading(j, at, reading);
  const { truth } = reading;
  switch (j.predicate) {
    case 'stays':
      if (truth === false) return decide({ ...j, lastFalseAt: at }, 'fail', at, `did not hold at ${rel(j, at)}`);
      if (truth === 'unknown') return { ...j, doubt: j.doubt ?? at };
      return j.firstTrueAt === null ? { ...j, firstTrueAt: at } : j;
    case 'never':
      if (truth === true) return decide({ ...j, firstTrueAt: at }, 'fail', at, `held at ${rel(j, at)}`);
      if (truth === 'unknown') return { ...j, doubt: j.doubt ?? at };
      return { ...j, lastFalseAt: at };
    case 'becomes':
    case 'drained':
      return reachReading(j, at, reading);
  }
}

/** `becomes` and `drained`: reached when it holds having not held before (drained never holds at 0). */
function reachReading(j: Judge, at: number, reading: Reading): Judge {
  if (reading.restarted !== undefined) {
    return decide(j, 'fail', at, `${reading.restarted} was restarted (boot time changed) on its way off the node, at or before ${rel(j, at)}`);
  }
  if (reading.truth === false) return { ...j, sawFalse: true, lastFalseAt: at, doubtSinceFalse: null };
  if (reading.truth === 'unknown') return { ...j, doubtSinceFalse: j.doubtSinceFalse ?? at, doubt: j.doubt ?? at };
  const reached = j.predicate === 'drained' || j.sawFalse;
  if (!reached) return j;
  const seen = { ...j, firstTrueAt: at };
  const lastFalse = j.lastFalseAt === null ? '' : ` (last seen not holding at ${rel(j, j.lastFalseAt)})`;
  if (j.min !== null && at < j.min) {
    return decide(seen, 'fail', at, `reached at ${rel(j, at)}${lastFalse}, before the window opened at ${rel(j, j.min)}`);
  }
  if (j.min !== null && j.doubtSinceFalse !== null && j.doubtSinceFalse < j.min) {
    return decide(
      seen,
      'inconclusive',
      at,
      `seen reached at ${rel(j, at)}, but it could not be observed from ${rel(j, j.doubtSinceFalse)}: it may have been reached before ${rel(j, j.min)}`,
    );
  }
  if (reading.bootUnknown) {
    return decide(seen, 'inconclusive', at, `drained at ${rel(j, at)}, but a boot time was unknown when the step started: a restart cannot be ruled out`);
  }
  return decide(seen, 'pass', at, `reached at ${rel(j, at)}${lastFalse}`);
}

/** Whether an observation can still change the judge: pending, or a missed deadline not yet seen reached. */
export function wantsReadings(j: Judge): boolean {
  if (j.verdict === 'pending') return true;
  const reachable = j.predicate === 'becomes' || j.predicate === 'drained';
  return reachable && j.verdict === 'fail' && j.decidedAt === j.to && j.firstTrueAt === null;
}

/** After a verdict: a `becomes` that failed its deadline still records when it was first seen true. */
function lateReading(j: Judge, at: number, reading: Reading): Judge {
  if (!wantsReadings(j) || reading.truth === 'unknown') return j;
  if (reading.truth === false) return j.predicate === 'becomes' ? { ...j, sawFalse: true, lastFalseAt: at } : { ...j, lastFalseAt: at };
  if (j.predicate === 'drained' || j.sawFalse) return { ...j, firstTrueAt: at, reason: `${j.reason}; first seen reached at ${rel(j, at)}` };
  return j;
}

/** The target could not be observed at `at`: the span is unknown. */
export function judgeGap(j: Judge, at: number): Judge {
  if (j.verdict !== 'pending') return j;
  if (at > j.to) return judgeTime(j, j.to);
  return { ...j, doubt: j.doubt ?? at, doubtSinceFalse: j.doubtSinceFalse ?? at };
}

/** Time has reached `now` with no newer observation: a window that has closed is decided. */
export function judgeTime(j: Judge, now: number): Judge {
  if (j.verdict !== 'pending' || now < j.to) return j;
  const at = j.to;
  switch (j.predicate) {
    case 'stays':
    case 'never':
      if (j.doubt !== null) return decide(j, 'inconclusive', at, `could not be observed from ${rel(j, j.doubt)}`);
      return decide(j, 'pass', at, j.predicate === 'stays' ? `held at every observation to ${rel(j, at)}` : `never held to ${rel(j, at)}`);
    case 'becomes':
    case 'drained': {
      if (j.doubt !== null) {
        return decide(j, 'inconclusive', at, `not seen reached by ${rel(j, at)}; it could not be observed from ${rel(j, j.doubt)}`);
      }
      if (j.predicate === 'becomes' && !j.sawFalse) {
        return decide(j, 'fail', at, `it already held at +0s and never stopped holding, so it was never reached (by ${rel(j, at)})`);
      }
      const lastFalse = j.lastFalseAt === null ? '' : `; last seen not holding at ${rel(j, j.lastFalseAt)}`;
      return decide(j, 'fail', at, `not reached by ${rel(j, at)}${lastFalse}`);
    }
  }
}

/** Nothing to judge: the subject set was empty when the step started. */
export const judgeEmpty = (j: Judge, at: number, subject: string): Judge =>
  j.verdict === 'pending' ? decide(j, 'inconclusive', at, `nothing was tested: ${subject} was empty when the step started`) : j;

/** The step was cut short (stop condition, interrupt, target error) before this expectation was decided. */
export const judgeCutShort = (j: Judge, at: number, why: string): Judge =>
  j.verdict === 'pending' ? decide(j, 'inconclusive', at, `not decided: ${why} at ${rel(j, at)}`) : j;

/** The journal's record of a decided judge. */
export function judgeRecord(j: Judge): ExpectationRecord {
  return {
    id: j.id,
    text: j.text,
    predicate: j.predicate,
    window: j.min === null ? { from: j.from, to: j.to, text: j.windowText } : { from: j.from, to: j.to, min: j.min, text: j.windowText },
    verdict: j.verdict === 'pending' ? 'inconclusive' : j.verdict,
    reason: j.verdict === 'pending' ? 'not decided' : j.reason,
    lastFalseAt: j.lastFalseAt,
    firstTrueAt: j.firstTrueAt,
    decidedAt: j.decidedAt,
  };
}
