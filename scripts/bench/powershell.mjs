#!/usr/bin/env node
// Benchmark: one full observation of 64 nodes / 8,000 VMs through the agent protocol and parser, with the
// fake pwsh (test/fixtures/fake-pwsh) standing in for PowerShell. Reports drill's own time per observation
// (median): the CPU time of drill's process during observe() — the fake runs in another process, so its
// work is not counted — and, separately, the CPU time of decoding + checking + parsing a captured line.
// The goal (issue 5) is under 20 ms of drill's own time, and exactly one pwsh started for the whole run.
// Run after `npm run build`:  node scripts/bench/powershell.mjs [--runs N]
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dist = (path) => import(pathToFileURL(join(root, 'dist', path)).href);
const runsArg = process.argv.indexOf('--runs');
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 30;
const scale = '64x8000';

const { createPowerShellTarget } = await dist('targets/powershell/powershell-target.js');
const { decodeResponse } = await dist('targets/powershell/protocol.js');
const { checkObservation } = await dist('targets/powershell/wire-guards.js');
const { parseObservation } = await dist('targets/powershell/snapshot-parser.js');
const { BootTimeLedger } = await dist('targets/powershell/boot-time-ledger.js');
const { VirtualClock } = await dist('time/virtual-clock.js');
const { RealClock } = await dist('time/real-clock.js');
const { createSimulatedTarget } = await dist('targets/simulated/simulated-target.js');
const { defaultSimulatedConfig, nodeNames, vmGroup } = await dist('targets/simulated/default-config.js');
const { wireObservation } = await import(pathToFileURL(join(root, 'test/fixtures/fake-pwsh/wire-from-simulator.mjs')).href);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmt = (ms) => `${ms.toFixed(2)} ms`;

// 1. Through the protocol: a real child process (the fake pwsh), one per run.
const starts = join(mkdtempSync(join(tmpdir(), 'drill-bench-')), 'starts');
const config = {
  driver: 'powershell', name: 'bench', cluster: 'bench.lab', nodes: undefined, lab: true,
  transport: { kind: 'winrm' }, credential: undefined, pwsh: join(root, 'test/fixtures/fake-pwsh/pwsh'), observeMs: 2000,
};
const target = createPowerShellTarget(config, new RealClock(), { env: { FAKE_PWSH_SCALE: scale, FAKE_PWSH_STARTS_FILE: starts } });
const inventory = await target.inventory();
if (!inventory.ok) throw new Error(inventory.error.message);
const cpu = [];
const wall = [];
let vmCount = 0;
for (let i = 0; i < runs + 3; i++) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const seen = await target.observe();
  const t1 = performance.now();
  const c1 = process.cpuUsage(c0);
  if (!seen.ok) throw new Error(seen.error.message);
  vmCount = seen.value.vms.length;
  if (i >= 3) {
    cpu.push((c1.user + c1.system) / 1000);
    wall.push(t1 - t0);
  }
}
await target.close();
const pwshStarts = readFileSync(starts, 'utf8').trim().split('\n').length;

// 2. drill's code alone on the same bytes: decode the response line, check it, parse it.
const clock = new VirtualClock();
const [nodes, vms] = scale.split('x').map(Number);
const base = defaultSimulatedConfig();
const sim = createSimulatedTarget({ ...base, nodes: nodeNames(nodes), vms: [vmGroup(vms * 0.75, 'csv', 4), vmGroup(vms * 0.25, 'smb', 4)] }, clock);
const snapshot = (await sim.observe()).value;
const line = JSON.stringify({ id: 7, ok: true, result: wireObservation(snapshot, clock.now(), clock.wallTime()) });
const ledger = new BootTimeLedger();
const parse = [];
for (let i = 0; i < runs + 3; i++) {
  // CPU time, not wall time: on a shared machine another process may take the core mid-measurement.
  const c0 = process.cpuUsage();
  const decoded = decodeResponse(line);
  const wire = checkObservation(decoded.response.result);
  // The same reading again: the uptimes in the line were measured at time 0.
  const parsed = parseObservation(wire.value, 0, ledger);
  const c1 = process.cpuUsage(c0);
  if (parsed.vms.length !== vms) throw new Error('parse lost VMs');
  if (i >= 3) parse.push((c1.user + c1.system) / 1000);
}

const result = {
  cluster: `${nodes} nodes, ${vmCount} VMs`,
  responseBytes: line.length,
  runs,
  drillOwnCpuPerObservationMedian: fmt(median(cpu)),
  decodeCheckParseCpuMedian: fmt(median(parse)),
  roundTripWallMedian: fmt(median(wall)),
  pwshStarts,
  goal: 'drill own time < 20 ms; exactly 1 pwsh start',
  met: median(cpu) < 20 && pwshStarts === 1,
};
console.log(JSON.stringify(result, null, 2));
if (pwshStarts !== 1) process.exitCode = 1;
