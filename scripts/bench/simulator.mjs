#!/usr/bin/env node
// Benchmark: the three-crash quarantine scenario with drain and clear-quarantine, simulator alone, on
// the 4-node default and on targets/scale.yaml (64 nodes, 8,000 VMs). Each run is a fresh Node process
// (so peak memory is that run's): build the cluster, crash the node with the most VMs at 0, 100 s and
// 200 s, run until its quarantine drain completes, clear the quarantine, run until it is Up again.
// observe() is called after every pushed batch, as the engine does. Reports the median of 5 runs:
// wall time, events per second, peak RSS of the process and peak JS heap.
// Goal (issue 3): scale scenario under 500 ms and 300 MB.
// Run after `npm run build`:  node scripts/bench/simulator.mjs [--runs N]
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dist = (path) => import(pathToFileURL(join(root, 'dist', path)).href);

if (process.argv[2] === '--child') {
  console.log(JSON.stringify(await runOnce(process.argv[3])));
} else {
  const runsArg = process.argv.indexOf('--runs');
  const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;
  console.log(`simulator: three crashes -> quarantine -> live-migration drain -> clear-quarantine (median of ${runs} runs, one process each)`);
  for (const target of ['default', 'scale']) {
    const results = [];
    for (let i = 0; i < runs; i++) {
      const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--child', target], { encoding: 'utf8' });
      results.push(JSON.parse(out.trim().split('\n').pop()));
    }
    const m = (key) => median(results.map((r) => r[key]));
    const r = results[0];
    console.log(
      `${target.padEnd(8)} ${String(r.nodes).padStart(2)} nodes ${String(r.vms).padStart(5)} VMs: ` +
        `${m('wallMs').toFixed(1)} ms wall, ${r.events} events (${Math.round(m('eventsPerSecond')).toLocaleString('en-US')} events/s), ` +
        `${r.batches} batches, peak RSS ${m('peakRssMb').toFixed(1)} MB, peak heap ${m('peakHeapMb').toFixed(1)} MB, ` +
        `virtual ${(r.virtualMs / 1000).toFixed(1)} s`,
    );
    if (target === 'scale') {
      const met = m('wallMs') < 500 && m('peakRssMb') < 300;
      console.log(`goal (scale: < 500 ms, < 300 MB): ${met ? 'met' : 'NOT met'}`);
    }
  }
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** One run of the scenario in this process. */
async function runOnce(which) {
  const { VirtualClock } = await dist('time/virtual-clock.js');
  const { createSimulatedTarget } = await dist('targets/simulated/simulated-target.js');
  const { defaultSimulatedConfig } = await dist('targets/simulated/default-config.js');
  const { loadTargetFile } = await dist('runbook/load-target-file.js');
  let config = defaultSimulatedConfig();
  if (which === 'scale') {
    const loaded = await loadTargetFile(join(root, 'targets/scale.yaml'));
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics));
    config = loaded.target.config;
  }
  let peakHeap = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const clock = new VirtualClock();
  const target = createSimulatedTarget(config, clock);
  let batches = 0;
  target.watch(() => {
    batches++;
    target.snapshot();
    if (batches % 16 === 0) peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  });
  const victim = config.nodes[0];
  const node = () => target.snapshot().nodes.find((n) => n.name === victim);
  /** Steps the virtual clock until `done` holds. */
  const runUntil = (done) => {
    while (!done()) if (!clock.step()) throw new Error('the scenario stalled');
  };
  for (const at of [0, 100_000, 200_000]) {
    clock.advanceTo(at);
    const injected = await target.inject({ fault: 'crash-cluster-service', node: victim });
    if (!injected.ok) throw new Error(injected.error.message);
  }
  runUntil(() => node().quarantined && node().drain === 'Completed');
  const cleared = await target.act({ action: 'clear-quarantine', node: victim });
  if (!cleared.ok || !cleared.value.changed) throw new Error('clear-quarantine did nothing');
  runUntil(() => node().state === 'Up' && !node().quarantined);
  const wallMs = performance.now() - t0;
  const events = target.events().length;
  const snapshot = target.snapshot();
  if (snapshot.vms.some((v) => v.owner === victim) || snapshot.vms.some((v) => v.state !== 'Running')) throw new Error('scenario ended wrong');
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  return {
    nodes: config.nodes.length,
    vms: snapshot.vms.length,
    wallMs,
    events,
    batches,
    eventsPerSecond: events / (wallMs / 1000),
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    peakHeapMb: peakHeap / 2 ** 20,
    virtualMs: clock.now(),
  };
}
