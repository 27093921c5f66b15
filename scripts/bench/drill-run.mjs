// The whole `drill run` process on the 64-node / 8,000-VM cluster: the quarantine drill end to end
// (start-up, loading, preflight, the engine over the simulator, write-ahead log, journal), median of N
// fresh processes. Goal (issue 3): under 5 s.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const root = fileURLToPath(new URL('../../', import.meta.url));
const runs = Number(process.argv.find((a) => a.startsWith('--runs='))?.slice(7) ?? 5);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

for (const [label, target] of [['default (4 nodes, 38 VMs)', 'targets/simulated.yaml'], ['scale (64 nodes, 8,000 VMs)', 'targets/scale.yaml']]) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'drill-bench-'));
    const started = performance.now();
    const result = spawnSync(process.execPath, ['bin/drill.js', 'run', 'runbooks/quarantine-drain-clear.yaml', '--target', target, '--no-history'], {
      cwd: root,
      env: { ...process.env, CI: 'true', DRILL_RUNS_DIR: join(dir, 'runs'), DRILL_LOCK_DIR: join(dir, 'locks') },
      encoding: 'utf8',
    });
    times.push(performance.now() - started);
    if (result.status !== 0) {
      console.error(result.stdout, result.stderr);
      throw new Error(`drill run exited ${result.status}`);
    }
  }
  const m = median(times);
  console.log(`drill run quarantine-drain-clear on ${label}: median ${m.toFixed(0)} ms of ${runs} processes (min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)})${target.includes('scale') ? `; goal < 5000 ms: ${m < 5000 ? 'met' : 'MISSED'}` : ''}`);
}
