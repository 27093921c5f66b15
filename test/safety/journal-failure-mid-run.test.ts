// A full disk in the middle of a run: the fault whose intent could not be written is never made, the
// rollback still runs, and the recorder keeps the failure so `drill run` exits 3.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runDrill } from '../../src/engine/run-drill.js';
import { evaluateDuration } from '../../src/runbook/duration.js';
import { loadRunbook } from '../../src/runbook/load-runbook.js';
import { resolveVars } from '../../src/runbook/resolve-vars.js';
import { startRunLog } from '../../src/safety/write-ahead-recorder.js';
import { nodeFileSystem, type SyncFileSystem } from '../../src/safety/write-ahead-log.js';
import { defaultSimulatedConfig } from '../../src/targets/simulated/default-config.js';
import { createSimulatedTarget } from '../../src/targets/simulated/simulated-target.js';
import { VirtualClock } from '../../src/time/virtual-clock.js';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'drill-full-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const runbookText = [
  'runbook: crash-then-freeze',
  'steps:',
  '  - name: first crash',
  '    inject: crash-cluster-service',
  '    node: HV01',
  '    expect:',
  '      - node: HV01',
  '        becomes: Isolated',
  '        within: 2 * cluster.heartbeatTimeout',
  '  - name: freeze a VM',
  '    inject: freeze-vm',
  '    vm: VM0002',
  '    for: 1m',
  '',
].join('\n');

describe('the disk fills up during a run', () => {
  it('the fault whose intent could not be written is not made; the rollback still undoes the first', async () => {
    const file = path.join(dir, 'crash-then-freeze.yaml');
    fs.writeFileSync(file, runbookText);
    const rb = await loadRunbook(file);
    if (!rb.ok) throw new Error(JSON.stringify(rb.diagnostics));
    const clock = new VirtualClock();
    let full = false;
    const quota: SyncFileSystem = {
      ...nodeFileSystem,
      writeSync: (fd, buffer, offset, length) => {
        if (full) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
        // The disk fills once the first crash is recorded as made.
        if (Buffer.from(buffer).subarray(offset, offset + length).toString().includes('"fault-made"')) full = true;
        return nodeFileSystem.writeSync(fd, buffer, offset, length);
      },
    };
    const recorder = startRunLog({ runsDir: dir, clock, target: { name: 'simulated', driver: 'simulated', path: 'x' }, runbooks: [file], fileSystem: quota });
    const target = createSimulatedTarget({ ...defaultSimulatedConfig(), behaviour: { ...defaultSimulatedConfig().behaviour, serviceRestartMs: undefined } }, clock);
    const journal = await runDrill({ runbook: rb.runbook, target, clock, resolveVars, evaluateDuration, recorder });
    const node = (name: string) => target.peek().nodes.find((n) => n.name === name);
    const second = journal.steps.find((s) => s.name === 'freeze a VM');
    expect(second?.status).not.toBe('passed');
    expect(JSON.stringify(journal)).toContain('the journal could not be written, so nothing was injected');
    // VM0002 was never frozen: nothing is injected without its intent on disk.
    expect(target.peek().vms.find((v) => v.name === 'VM0002')?.frozen).toBe(false);
    expect(target.events().filter((e) => e.vm === 'VM0002' && /froze|frozen|heartbeat/i.test(e.text))).toEqual([]);
    // The first crash was rolled back even though nothing more could be written.
    expect(node('HV01')?.service).toBe('running');
    expect(journal.rollback.some((r) => r.ok && r.text.includes('HV01'))).toBe(true);
    expect(recorder.failure).toMatchObject({ code: 'journal-unwritable', exitStatus: 3 });
  });
});
