// Runs a runbook against a fake target on a virtual clock and returns the journal, for engine tests.
import type { Runbook } from '../../src/runbook/model.js';
import type { RunJournal, ExpectationRecord } from '../../src/engine/journal.js';
import { runDrill } from '../../src/engine/run-drill.js';
import type { ProgressEvent, RunRecorder } from '../../src/engine/run-log.js';
import { VirtualClock } from '../../src/time/virtual-clock.js';
import { FakeTarget, type FakeTargetOptions } from './fake-target.js';
import { evaluateDuration, resolveVars } from './runbook-builders.js';

export function fake(options: FakeTargetOptions = {}): FakeTarget {
  return new FakeTarget(new VirtualClock(), options);
}

export interface DrillOptions {
  readonly signal?: AbortSignal;
  readonly recorder?: RunRecorder;
  readonly progress?: ProgressEvent[];
  readonly vars?: Record<string, string>;
}

export function drill(target: FakeTarget, rb: Runbook, options: DrillOptions = {}): Promise<RunJournal> {
  return runDrill({
    runbook: rb,
    target,
    clock: target.clock,
    resolveVars,
    evaluateDuration,
    ...(options.vars ? { vars: options.vars } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.recorder ? { recorder: options.recorder } : {}),
    ...(options.progress ? { onProgress: (e: ProgressEvent) => options.progress!.push(e) } : {}),
  });
}

/** The expectation records of every step, in order. */
export const expectations = (j: RunJournal): ExpectationRecord[] => j.steps.flatMap((s) => s.expectations);
export const only = (j: RunJournal): ExpectationRecord => {
  const all = expectations(j);
  if (all.length !== 1) throw new Error(`expected one expectation, got ${all.length}`);
  return all[0]!;
};
