// Hand-built journals for history tests: the engine is not needed to test what is made of its output.
import type { ExpectationRecord, RunJournal, RunVerdict, StepRecord } from '../../src/engine/journal.js';
import { journalSchemaVersion } from '../../src/engine/journal.js';

/** One timed expectation: reached `atMs` after its step started, in a window of `withinMs`. */
export interface TimedExpectation {
  readonly text: string;
  readonly atMs: number | null;
  readonly withinMs: number;
  readonly predicate?: ExpectationRecord['predicate'];
  readonly verdict?: ExpectationRecord['verdict'];
}

export interface JournalSpec {
  readonly runId: string;
  readonly runbook?: string;
  readonly target?: string;
  readonly startedAt?: string;
  readonly verdict?: RunVerdict;
  readonly exitStatus?: number;
  /** Steps by name, each with its timed expectations. */
  readonly steps?: ReadonlyArray<{ readonly name: string; readonly repetition?: number; readonly expect: readonly TimedExpectation[] }>;
  readonly steadyAfter?: readonly TimedExpectation[];
}

/** The usual timings of quarantine-drain-clear on the simulator (ms after the step starts). */
export function quarantineSteps(isolationMs: number, drainMs: number, clearMs: number): NonNullable<JournalSpec['steps']> {
  return [
    { name: 'first crash isolates the node', expect: [{ text: 'HV02 becomes Isolated', atMs: isolationMs, withinMs: 20_000 }] },
    { name: 'third crash quarantines and drains', expect: [{ text: 'VMs on HV02 drained: live', atMs: drainMs, withinMs: 600_000, predicate: 'drained' }] },
    { name: 'clearing quarantine brings the node back', expect: [{ text: 'HV02 becomes Up, quarantined false', atMs: clearMs, withinMs: 120_000 }] },
  ];
}

/** Builds a journal whose steps start one after another, 10 minutes apart on the run's clock. */
export function makeJournal(spec: JournalSpec): RunJournal {
  const startedAt = spec.startedAt ?? '2026-01-05T02:00:00.000Z';
  const steps: StepRecord[] = (spec.steps ?? []).map((step, index) => {
    const from = index * 600_000;
    return {
      index,
      repetition: step.repetition ?? 0,
      name: step.name,
      kind: 'inject',
      status: 'passed',
      startedAt: from,
      endedAt: from + 600_000,
      expectations: step.expect.map((e, i) => expectation(`s${index}.r${step.repetition ?? 0}.e${i}`, from, e)),
    };
  });
  const end = Math.max(600_000, steps.length * 600_000);
  return {
    schemaVersion: journalSchemaVersion,
    drillVersion: '0.1.0-test',
    runId: spec.runId,
    runbook: { name: spec.runbook ?? 'quarantine-drain-clear', path: 'runbooks/quarantine-drain-clear.yaml', sha256: '0'.repeat(64) },
    target: {
      name: spec.target ?? 'simulated',
      driver: 'simulated',
      path: 'targets/simulated.yaml',
      cluster: {
        name: 'HVC01',
        resiliencyLevel: 'AlwaysIsolate',
        resiliencyDefaultPeriodMs: 240_000,
        quarantineThreshold: 3,
        quarantineDurationMs: 7_200_000,
        heartbeatDelayMs: 1000,
        heartbeatThreshold: 10,
        liveMigrationConcurrent: 2,
        liveMigrationBandwidthBps: 10e9,
        quarantineCapFraction: 0.25,
      },
      nodes: ['HV01', 'HV02', 'HV03', 'HV04'],
      vmCount: 38,
    },
    seed: 1,
    startedAt,
    endedAt: new Date(Date.parse(startedAt) + end).toISOString(),
    clock: { start: 0, end, virtual: true },
    vars: { victim: 'HV02' },
    steadyState: { before: [], after: (spec.steadyAfter ?? []).map((e, i) => expectation(`steady.after.${i}`, end - 300_000, { predicate: 'is', ...e })) },
    steps,
    rollback: [],
    events: [],
    verdict: spec.verdict ?? 'pass',
    exitStatus: spec.exitStatus ?? 0,
    reason: spec.verdict === undefined || spec.verdict === 'pass' ? 'every expectation passed' : `run ${spec.verdict}`,
  };
}

/** An expectation record whose window starts at `from`. */
function expectation(id: string, from: number, e: TimedExpectation): ExpectationRecord {
  const verdict = e.verdict ?? (e.atMs !== null && e.atMs <= e.withinMs ? 'pass' : 'fail');
  return {
    id,
    text: e.text,
    predicate: e.predicate ?? 'becomes',
    window: { from, to: from + e.withinMs, text: `within ${e.withinMs / 1000}s` },
    verdict,
    reason: verdict,
    lastFalseAt: e.atMs === null ? null : from + Math.max(0, e.atMs - 1000),
    firstTrueAt: e.atMs === null ? null : from + e.atMs,
    decidedAt: e.atMs === null ? from + e.withinMs : from + e.atMs,
  };
}
