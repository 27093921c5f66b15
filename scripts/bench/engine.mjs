#!/usr/bin/env node
// Benchmark: the engine's own work per observation on the 8,000-VM cluster (targets/scale.yaml). The
// simulator runs the three-crash quarantine scenario and every pushed batch's snapshot is kept; then,
// for each snapshot, the engine does what it does per observation: index the snapshot by name, judge
// every expectation of runbooks/quarantine-drain-clear.yaml (all four steps at once, as if all were
// live), the stop conditions and the steady state; and, separately, the journal's diff of two
// successive snapshots. Reports the median per observation over several runs.
// Goal (issue 4): evaluating every expectation under 2 ms per observation.
// Run after `npm run build`:  node scripts/bench/engine.mjs [--runs N]
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dist = (path) => import(pathToFileURL(join(root, 'dist', path)).href);
const runsArg = process.argv.indexOf('--runs');
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 7;

const { VirtualClock } = await dist('time/virtual-clock.js');
const { createSimulatedTarget } = await dist('targets/simulated/simulated-target.js');
const { loadTargetFile } = await dist('runbook/load-target-file.js');
const { loadRunbook } = await dist('runbook/load-runbook.js');
const { resolveVars } = await dist('runbook/resolve-vars.js');
const { evaluateDuration } = await dist('runbook/duration.js');
const { planDrill } = await dist('engine/plan.js');
const { indexSnapshot } = await dist('engine/snapshot-index.js');
const { watchExpectation } = await dist('engine/expectation-watch.js');
const { openJudge, judgeReading } = await dist('engine/expectation-judge.js');
const { openAbortWatch, abortReading } = await dist('engine/abort-watch.js');
const { judgeSteadyBefore } = await dist('engine/steady-state.js');
const { diffSnapshots } = await dist('engine/snapshot-diff.js');

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

// The cluster and the runbook.
const loaded = await loadTargetFile(join(root, 'targets/scale.yaml'));
if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics));
const clock = new VirtualClock();
const target = createSimulatedTarget(loaded.target.config, clock);
const rb = await loadRunbook(join(root, 'runbooks/quarantine-drain-clear.yaml'));
if (!rb.ok) throw new Error(JSON.stringify(rb.diagnostics));
const inventory = (await target.inventory()).value;
const plan = planDrill({
  runbook: rb.runbook,
  inventory,
  evaluateDuration,
  resolveVars,
});
const victim = plan.vars.victim;

// The observations: one snapshot per pushed batch through three crashes, quarantine and its drain.
const snapshots = [target.snapshot()];
target.watch(() => snapshots.push(target.snapshot()));
for (const at of [0, 100_000, 200_000]) {
  clock.advanceTo(at);
  await target.inject({ fault: 'crash-cluster-service', node: victim });
}
clock.advanceTo(20 * 60_000);
const start = indexSnapshot(snapshots[0]);
const expectations = plan.steps.flatMap((s) => s.expectations);
const watches = expectations.map((e) => watchExpectation(e, start, plan.vars));

/** One observation as the engine handles it; a shallow copy so the index is rebuilt as for a new snapshot. */
function evaluate(snapshot, judges, abort) {
  const index = indexSnapshot({ ...snapshot });
  for (let i = 0; i < judges.length; i++) judges[i] = judgeReading(judges[i], snapshot.at, watches[i].read(index));
  const next = abortReading(abort, index).watch;
  judgeSteadyBefore(plan.steadyState, index, plan.vars);
  return next;
}

const evalRuns = [];
const diffRuns = [];
for (let r = 0; r < runs + 2; r++) {
  let judges = expectations.map((e, i) => openJudge(`e${i}`, e, 0));
  let abort = openAbortWatch(plan.abort, plan.vars);
  const t0 = performance.now();
  for (const s of snapshots) abort = evaluate(s, judges, abort);
  const t1 = performance.now();
  let events = 0;
  for (let i = 1; i < snapshots.length; i++) events += diffSnapshots(indexSnapshot({ ...snapshots[i - 1] }), snapshots[i]).length;
  const t2 = performance.now();
  if (r >= 2) {
    evalRuns.push((t1 - t0) / snapshots.length);
    diffRuns.push((t2 - t1) / (snapshots.length - 1));
  }
}
const evalMs = median(evalRuns);
const diffMs = median(diffRuns);
console.log(
  `engine: ${inventory.nodes.length} nodes, ${inventory.vms.length} VMs, ${snapshots.length} observations, ` +
    `${expectations.length} expectations + ${plan.abort.length} stop conditions + ${plan.steadyState.length} steady-state checks (median of ${runs} runs)`,
);
console.log(`per observation: evaluate every expectation ${evalMs.toFixed(3)} ms; journal diff of successive snapshots ${diffMs.toFixed(3)} ms`);
console.log(`goal (evaluate every expectation < 2 ms per observation): ${evalMs < 2 ? 'met' : 'NOT met'}`);
