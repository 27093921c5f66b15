// An expectation bound to its members at the step's start: reads each later snapshot into the truth
// its judge needs. `drained` compares every VM with where it was, and its boot time, at the start.
import { compileCondition } from './conditions.js';
import type { Reading } from './expectation-judge.js';
import { fixMembers } from './members.js';
import type { ResolvedVars } from './node-refs.js';
import type { PlannedExpectation } from './plan-model.js';
import type { SnapshotIndex } from './snapshot-index.js';
import type { Truth } from './truth.js';

export interface ExpectationWatch {
  readonly members: readonly string[];
  read(index: SnapshotIndex): Reading;
}

/** Binds an expectation to the snapshot at which its step started. */
export function watchExpectation(e: PlannedExpectation, start: SnapshotIndex, vars: ResolvedVars): ExpectationWatch {
  const members = fixMembers(e.subject, start);
  if (e.predicate.kind !== 'drained') {
    const condition = compileCondition(e.predicate.condition, e.subject.kind, vars);
    return { members, read: (index) => ({ truth: condition.evaluate(index, members) }) };
  }
  return drainedWatch(members, start, e.predicate.mode === 'live');
}

/** `drained`: every VM Running on another node than its owner at the start; `live`: none restarted. */
function drainedWatch(members: readonly string[], start: SnapshotIndex, live: boolean): ExpectationWatch {
  const startOwner = members.map((name) => start.vm(name)?.owner);
  const startBoot = members.map((name) => start.vm(name)?.bootTime);
  const bootUnknown = live && startBoot.some((b) => b === undefined);
  return {
    members,
    read(index) {
      let truth: Truth = true;
      let restarted: string | undefined;
      const obs = index.vmsOf(members);
      for (let i = 0; i < members.length; i++) {
        const name = members[i]!;
        const v = obs[i];
        if (v === undefined) {
          if (truth === true) truth = 'unknown';
          continue;
        }
        const boot = startBoot[i];
        if (live && restarted === undefined && boot !== undefined && v.bootTime !== undefined && v.bootTime !== boot) restarted = name;
        const member: Truth = v.owner === startOwner[i] ? false : v.state === undefined ? 'unknown' : v.state === 'Running';
        if (member === false) truth = false;
        else if (member === 'unknown' && truth === true) truth = 'unknown';
      }
      return restarted === undefined ? (bootUnknown ? { truth, bootUnknown } : { truth }) : { truth, restarted };
    },
  };
}
