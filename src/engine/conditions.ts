// Conditions of the contract compiled into functions over observations, in three-valued logic:
// a term over an unknown value (VM state or heartbeat of an unreachable host) is unknown.
import type { NodeObservation, VmObservation } from '../targets/cluster-state.js';
import type { Condition, MemberCondition, SubjectKind, Term } from '../runbook/model.js';
import { nodeName, type ResolvedVars } from './node-refs.js';
import type { SnapshotIndex } from './snapshot-index.js';
import { compareCount, everyTruth, type Truth } from './truth.js';

export type NodeTest = (node: NodeObservation) => Truth;
export type VmTest = (vm: VmObservation) => Truth;

/** A condition ready to judge a fixed list of members at any snapshot. */
export interface CompiledCondition {
  readonly subject: SubjectKind;
  readonly text: string;
  /** The truth of the condition over `members` (names) at the snapshot; a missing member is unknown. */
  evaluate(index: SnapshotIndex, members: readonly string[]): Truth;
  /** The truth for one member (for messages naming who does not hold it). */
  member(index: SnapshotIndex, name: string): Truth;
}

// `includes` on a readonly tuple of a wider type: the value set is small, a linear scan is fastest.
const among = <T>(values: readonly T[], v: T): boolean => values.includes(v);

/** One term on a node: node state Unknown (-1) is unknown; flags are always known. */
function nodeTerm(term: Extract<Term, { subject: 'node' }>): NodeTest {
  switch (term.field) {
    case 'state':
      return (n) => (n.state === 'Unknown' ? 'unknown' : among(term.anyOf, n.state));
    case 'isolated':
      return (n) => among(term.anyOf, n.isolated);
    case 'quarantined':
      return (n) => among(term.anyOf, n.quarantined);
    case 'drain':
      return (n) => among(term.anyOf, n.drain);
  }
}

/** One term on a VM: state and heartbeat are unknown when undefined; cluster-side fields are known. */
function vmTerm(term: Extract<Term, { subject: 'vm' }>, vars: ResolvedVars): VmTest {
  switch (term.field) {
    case 'state':
      return (v) => (v.state === undefined ? 'unknown' : among(term.anyOf, v.state));
    case 'heartbeat':
      return (v) => (v.heartbeat === undefined ? 'unknown' : among(term.anyOf, v.heartbeat));
    case 'monitored':
      return (v) => among(term.anyOf, v.monitored);
    case 'group':
      return (v) => among(term.anyOf, v.group);
    case 'owner': {
      const owners = term.anyOf.map((ref) => nodeName(ref, vars));
      return (v) => owners.includes(v.owner);
    }
  }
}

/** All terms must hold (three-valued AND). */
function allTerms<T>(tests: readonly ((o: T) => Truth)[]): (o: T) => Truth {
  if (tests.length === 1) return tests[0]!;
  return (o) => everyTruth(tests.length, (i) => tests[i]!(o));
}

/** A member condition as a test on one node. */
export function compileNodeTest(c: MemberCondition): NodeTest {
  const tests = c.terms.map((t) => {
    if (t.subject !== 'node') throw new TypeError(`condition '${c.text}' has a VM term on a node`);
    return nodeTerm(t);
  });
  return allTerms(tests);
}

/** A member condition as a test on one VM. */
export function compileVmTest(c: MemberCondition, vars: ResolvedVars): VmTest {
  const tests = c.terms.map((t) => {
    if (t.subject !== 'vm') throw new TypeError(`condition '${c.text}' has a node term on a VM`);
    return vmTerm(t, vars);
  });
  return allTerms(tests);
}

/** Compiles a condition (`every` member, or a `count` of members) for subjects of one kind. */
export function compileCondition(condition: Condition, subject: SubjectKind, vars: ResolvedVars): CompiledCondition {
  const nodeTest = subject === 'node' ? compileNodeTest(condition.member) : undefined;
  const vmTest = subject === 'vm' ? compileVmTest(condition.member, vars) : undefined;
  // The truth of every member, in order (VMs through the positional lookup of the index).
  const truths = (index: SnapshotIndex, members: readonly string[]): Truth[] => {
    const out = new Array<Truth>(members.length);
    if (vmTest) {
      const obs = index.vmsOf(members);
      for (let i = 0; i < obs.length; i++) {
        const v = obs[i];
        out[i] = v === undefined ? 'unknown' : vmTest(v);
      }
    } else {
      for (let i = 0; i < members.length; i++) {
        const n = index.nodes.get(members[i]!);
        out[i] = n === undefined ? 'unknown' : nodeTest!(n);
      }
    }
    return out;
  };
  const member = (index: SnapshotIndex, name: string): Truth => {
    if (vmTest) {
      const v = index.vm(name);
      return v === undefined ? 'unknown' : vmTest(v);
    }
    const n = index.nodes.get(name);
    return n === undefined ? 'unknown' : nodeTest!(n);
  };

  if (condition.kind === 'every') {
    return {
      subject,
      text: condition.member.text,
      member,
      evaluate(index, members) {
        const all = truths(index, members);
        let result: Truth = true;
        for (let i = 0; i < all.length; i++) {
          const t = all[i];
          if (t === false) return false;
          if (t === 'unknown') result = 'unknown';
        }
        return result;
      },
    };
  }
  const { polarity, compare, n } = condition;
  return {
    subject,
    text: condition.text,
    member,
    evaluate(index, members) {
      const all = truths(index, members);
      const counts = polarity === 'is' ? true : false;
      let sure = 0;
      let unsure = 0;
      for (let i = 0; i < all.length; i++) {
        const t = all[i];
        if (t === counts) sure++;
        else if (t === 'unknown') unsure++;
      }
      return compareCount(sure, unsure, compare, n);
    },
  };
}
