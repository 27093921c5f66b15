// JUnit XML for CI gates (RUNBOOK-FORMAT.md): one <testsuite> per runbook, one <testcase> per
// expectation and repetition named `<step name> › <expectation>`. Failed: <failure> with the window and
// what was observed when; skipped steps: <skipped/>; inconclusive: <error>. Valid against junit-10.xsd.
import type { JournalEvent, RunJournal } from '../engine/journal.js';
import { expectationOutcomes, type ExpectationOutcome } from './expectation-outcome.js';
import { escapeAttribute as attr, escapeText as text } from './markup-escape.js';
import { formatOffset, formatSeconds } from './run-time-text.js';

/** Verdicts that stop a run early: the suite also gets a case saying so, so a CI gate shows it. */
const stoppedVerdicts = new Set(['aborted', 'interrupted', 'invalid']);

/** JUnit XML of one run or of several (one suite each). */
export function renderJunit(journals: RunJournal | readonly RunJournal[]): string {
  const runs: readonly RunJournal[] = Array.isArray(journals) ? journals : [journals as RunJournal];
  const suites = runs.map(suiteOf);
  const total = (key: keyof SuiteCounts): number => suites.reduce((n, s) => n + s.counts[key], 0);
  const seconds = runs.reduce((n, j) => n + (j.clock.end - j.clock.start), 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="drill" tests="${total('tests')}" failures="${total('failures')}" errors="${total('errors')}" time="${formatSeconds(seconds)}">`,
    ...suites.map((s) => s.xml),
    '</testsuites>',
    '',
  ].join('\n');
}

interface SuiteCounts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

function suiteOf(journal: RunJournal): { xml: string; counts: SuiteCounts } {
  const cases = expectationOutcomes(journal).map((o) => caseOf(journal, o));
  if (stoppedVerdicts.has(journal.verdict)) cases.push(stoppedCase(journal));
  const counts: SuiteCounts = {
    tests: cases.length,
    failures: cases.filter((c) => c.kind === 'failure').length,
    errors: cases.filter((c) => c.kind === 'error').length,
    skipped: cases.filter((c) => c.kind === 'skipped').length,
  };
  const lines = [
    `  <testsuite name="${attr(journal.runbook.name)}" tests="${counts.tests}" failures="${counts.failures}" errors="${counts.errors}" skipped="${counts.skipped}"` +
      ` time="${formatSeconds(journal.clock.end - journal.clock.start)}" timestamp="${attr(journal.startedAt)}" hostname="${attr(journal.target.name)}"` +
      ` id="${attr(journal.runId)}" package="drill" file="${attr(journal.runbook.path)}">`,
    '    <properties>',
    ...propertiesOf(journal).map(([name, value]) => `      <property name="${attr(name)}" value="${attr(value)}"/>`),
    '    </properties>',
    ...cases.map((c) => c.xml),
    `    <system-out>${text(logOf(journal))}</system-out>`,
    '  </testsuite>',
  ];
  return { xml: lines.join('\n'), counts };
}

/** What a CI viewer shows beside the suite: the run, the target and the resolved vars. */
function propertiesOf(j: RunJournal): [string, string][] {
  return [
    ['drill.version', j.drillVersion],
    ['run.id', j.runId],
    ['run.verdict', j.verdict],
    ['run.exitStatus', String(j.exitStatus)],
    ['run.reason', j.reason],
    ['run.clock', j.clock.virtual ? 'virtual' : 'real'],
    ['runbook.path', j.runbook.path],
    ['runbook.sha256', j.runbook.sha256],
    ['target.name', j.target.name],
    ['target.driver', j.target.driver],
    ['target.cluster', j.target.cluster.name],
    ['seed', j.seed === null ? 'none' : String(j.seed)],
    ...Object.entries(j.vars).map(([k, v]): [string, string] => [`var.${k}`, v]),
  ];
}

interface Case {
  kind: 'pass' | 'failure' | 'error' | 'skipped';
  xml: string;
}

function caseOf(journal: RunJournal, o: ExpectationOutcome): Case {
  const r = o.record;
  const decided = r.decidedAt ?? journal.clock.end;
  const time = r.verdict === 'skipped' ? 0 : Math.max(0, decided - r.window.from);
  const open = `    <testcase name="${attr(o.caseName)}" classname="${attr(classnameOf(journal, o))}" time="${formatSeconds(time)}"`;
  const details = detailsOf(journal, o);
  switch (r.verdict) {
    case 'pass':
      return { kind: 'pass', xml: `${open}/>` };
    case 'skipped':
      return { kind: 'skipped', xml: `${open}>\n      <skipped message="${attr(r.reason)}"/>\n    </testcase>` };
    case 'fail':
      return { kind: 'failure', xml: `${open}>\n      <failure message="${attr(o.summary)}" type="${r.predicate}">${text(details)}</failure>\n    </testcase>` };
    case 'inconclusive':
      return { kind: 'error', xml: `${open}>\n      <error message="${attr(o.summary)}" type="inconclusive">${text(details)}</error>\n    </testcase>` };
  }
}

/** Groups cases in CI viewers: `<runbook>.steady-state` or `<runbook>.step<N>`. */
function classnameOf(journal: RunJournal, o: ExpectationOutcome): string {
  return `${journal.runbook.name}.${o.step === null ? 'steady-state' : `step${o.step.index}`}`;
}

/** The body of a failure or error: every recorded time of the expectation, one per line. */
function detailsOf(journal: RunJournal, o: ExpectationOutcome): string {
  const r = o.record;
  const at = (t: number | null): string => (t === null ? 'never' : formatOffset(t, journal.clock.start));
  return [
    `expectation: ${r.text}`,
    `verdict: ${r.verdict} (${r.reason})`,
    `window: ${r.window.text}, from ${at(r.window.from)} to ${at(r.window.to)}${r.window.min === undefined ? '' : ` (opens at ${at(r.window.from + r.window.min)})`}`,
    `last seen false: ${at(r.lastFalseAt)}`,
    `first seen true: ${at(r.firstTrueAt)}`,
    `decided: ${at(r.decidedAt)}`,
  ].join('\n');
}

/** A case for a run stopped early, so the gate shows why even when every expectation was decided. */
function stoppedCase(journal: RunJournal): Case {
  const name = `run › ${journal.verdict}`;
  const open = `    <testcase name="${attr(name)}" classname="${attr(`${journal.runbook.name}.run`)}" time="${formatSeconds(journal.clock.end - journal.clock.start)}">`;
  return { kind: 'error', xml: `${open}\n      <error message="${attr(journal.reason)}" type="${journal.verdict}"/>\n    </testcase>` };
}

/** The run's story without per-VM noise: phases, faults, actions, undos, verdicts, stops. */
function logOf(journal: RunJournal): string {
  const shown = (e: JournalEvent): boolean => e.kind !== 'vm' && e.kind !== 'node' && e.kind !== 'cluster';
  return `\n${journal.events.filter(shown).map((e) => `${formatOffset(e.at, journal.clock.start)} ${e.text}`).join('\n')}\n    `;
}
