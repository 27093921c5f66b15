// Every way the pwsh child can fail ends as a clear failed Outcome, never a hang: pwsh missing, exit on
// start, crash mid-run (one restart, an observation gap, then giving up), garbage lines, slow answers.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { VirtualClock } from '../../../src/time/virtual-clock.js';
import type { Target } from '../../../src/targets/target.js';
import { fakeTarget, scratch } from './fake-pwsh.js';

const open: Target[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((t) => t.close()));
});

// A fake-backed target with a starts file, so tests can count pwsh children.
function target(env: Record<string, string>, options: Parameters<typeof fakeTarget>[2] = {}, overrides: Parameters<typeof fakeTarget>[3] = {}) {
  const dir = scratch();
  const starts = join(dir, 'starts');
  const log = join(dir, 'requests.log');
  const t = fakeTarget(new VirtualClock(), { FAKE_PWSH_STARTS_FILE: starts, FAKE_PWSH_REQUEST_LOG: log, ...env }, options, overrides);
  open.push(t);
  const lines = (file: string) => {
    try {
      return readFileSync(file, 'utf8').trim().split('\n').filter(Boolean);
    } catch {
      return [];
    }
  };
  return { t, startCount: () => lines(starts).length, pids: () => lines(starts).map(Number), requests: () => lines(log) };
}

describe('PowerShell agent failures', () => {
  it('pwsh missing: unreachable, with the path and what to do', async () => {
    const { t } = target({}, {}, { pwsh: '/nonexistent/bin/pwsh' });
    const first = await t.observe();
    expect(first).toMatchObject({ ok: false, error: { code: 'unreachable', retryable: false } });
    if (!first.ok) expect(first.error.message).toMatch(/"\/nonexistent\/bin\/pwsh" is not an executable.*install PowerShell 7/);
    expect(await t.inventory()).toMatchObject({ ok: false, error: { code: 'unreachable' } });
  });

  it('exit on start: unreachable with the exit code and stderr, and no restart', async () => {
    const { t, startCount } = target({ FAKE_PWSH_EXIT_ON_START: '3' });
    const first = await t.observe();
    expect(first).toMatchObject({ ok: false, error: { code: 'unreachable' } });
    if (!first.ok) expect(first.error.message).toMatch(/exited with code 3.*could not be loaded/);
    expect(await t.observe()).toMatchObject({ ok: false, error: { code: 'unreachable' } });
    expect(startCount()).toBe(1);
  });

  it('crash mid-run: the request fails as crashed, the agent restarts once and the gap is marked', async () => {
    const { t, startCount } = target({ FAKE_PWSH_CRASH_AFTER: '4' });
    expect((await t.observe()).ok).toBe(true); // hello, connect, observe
    expect((await t.observe()).ok).toBe(true); // 4 answered
    const crashed = await t.observe();
    expect(crashed).toMatchObject({ ok: false, error: { code: 'crashed', retryable: true } });
    if (!crashed.ok) expect(crashed.error.message).toMatch(/exited with code 70.*Unhandled exception.*while "observe" was running/);
    const after = await t.observe();
    expect(after.ok).toBe(true);
    if (after.ok) expect(after.note).toMatch(/^observation gap: the PowerShell agent was restarted/);
    const next = await t.observe();
    expect(next.ok && next.note).toBe(undefined);
    expect(startCount()).toBe(2);
  });

  it('rollback still runs through the restarted agent after a crash', async () => {
    const { t } = target({ FAKE_PWSH_CRASH_AFTER: '4' });
    const injected = await t.inject({ fault: 'crash-cluster-service', node: 'HV01' }); // hello, connect, inventory, inject
    if (!injected.ok) throw new Error(injected.error.message);
    expect((await t.observe()).ok).toBe(false);
    const undone = await t.undo(injected.value.undo);
    expect(undone.ok).toBe(true);
  });

  it('a second crash after the restart gives up: every later call fails without starting pwsh again', async () => {
    const { t, startCount } = target({ FAKE_PWSH_CRASH_AFTER: '3', FAKE_PWSH_CRASH_EVERY_START: '1' });
    expect((await t.observe()).ok).toBe(true);
    expect(await t.observe()).toMatchObject({ ok: false, error: { code: 'crashed' } });
    expect((await t.observe()).ok).toBe(true);
    expect(await t.observe()).toMatchObject({ ok: false, error: { code: 'crashed' } });
    const gaveUp = await t.observe();
    expect(gaveUp).toMatchObject({ ok: false, error: { code: 'crashed', retryable: false } });
    if (!gaveUp.ok) expect(gaveUp.error.message).toMatch(/giving up/);
    expect(startCount()).toBe(2);
  });

  it('garbage on stdout: a protocol error naming the line of output', async () => {
    const { t } = target({ FAKE_PWSH_GARBAGE_ON: 'observe' });
    const outcome = await t.observe();
    expect(outcome).toMatchObject({ ok: false, error: { code: 'protocol' } });
    if (!outcome.ok) expect(outcome.error.message).toBe(`line 3 of the agent's output is not JSON: "WARNING: this is not JSON {\\"id\\":" (while "observe" was running)`);
  });

  it('a malformed observation is a protocol error with the path of the bad field', async () => {
    const { t } = target({ FAKE_PWSH_CORRUPT_ON: 'observe' });
    const outcome = await t.observe();
    expect(outcome).toMatchObject({ ok: false, error: { code: 'protocol', retryable: true } });
    if (!outcome.ok) {
      expect(outcome.error.message).toBe("the PowerShell agent's observation is malformed: result.cluster.nodes[1].state: expected an integer");
    }
  });

  it('slow answers: the request times out on the timeout clock and a late answer is dropped', async () => {
    const timeoutClock = new VirtualClock();
    const { t } = target({ FAKE_PWSH_SLOW_MS: '300', FAKE_PWSH_SLOW_ON: 'observe' }, { timeoutClock, requestTimeoutMs: 10_000 });
    expect((await t.inventory()).ok).toBe(true);
    const pending = t.observe();
    await vi.waitFor(() => expect(timeoutClock.nextDue()).toBe(10_000));
    timeoutClock.advanceTo(10_000);
    const outcome = await pending;
    expect(outcome).toMatchObject({ ok: false, error: { code: 'timeout', retryable: true } });
    if (!outcome.ok) expect(outcome.error.message).toBe('the PowerShell agent did not answer "observe" within 10000 ms');
    expect((await t.inventory()).ok).toBe(true);
  });

  it('a dropped session: that host\'s VMs are unknown, steps on it fail unreachable and retryable', async () => {
    const { t } = target({ FAKE_PWSH_DROP_HOST: 'HV02' });
    const seen = await t.observe();
    if (!seen.ok) throw new Error(seen.error.message);
    const onHv02 = seen.value.vms.filter((v) => v.owner === 'HV02');
    expect(onHv02.length).toBeGreaterThan(0);
    expect(onHv02.every((v) => v.state === undefined && v.heartbeat === undefined && v.bootTime === undefined)).toBe(true);
    expect(seen.value.vms.filter((v) => v.owner === 'HV01').every((v) => v.state === 'Running')).toBe(true);
    expect(seen.value.nodes.map((n) => n.state)).toEqual(['Up', 'Up', 'Up', 'Up']);
    const injected = await t.inject({ fault: 'crash-cluster-service', node: 'HV02' });
    expect(injected).toMatchObject({ ok: false, error: { code: 'unreachable', retryable: true } });
    expect((await t.observe()).ok).toBe(true);
  });

  it('tells the agent which nodes carry a fault, so it does not read the cluster through them first', async () => {
    const { t, requests } = target({});
    const injected = await t.inject({ fault: 'partition-node', node: 'HV03', forMs: 60_000 });
    if (!injected.ok) throw new Error(injected.error.message);
    expect((await t.observe()).ok).toBe(true);
    expect((await t.undo(injected.value.undo)).ok).toBe(true);
    expect((await t.observe()).ok).toBe(true);
    const observes = requests().map((l) => JSON.parse(l)).filter((r) => r.op === 'observe');
    expect(observes.map((r) => r.params.avoid)).toEqual([['HV03'], []]);
  });

  it('never sends the credential: only the name of where it is', async () => {
    const secret = 'hunter2-do-not-print';
    const { t, requests } = target(
      { DRILL_TEST_CREDENTIAL: JSON.stringify({ user: 'LAB\\drill', password: secret }) },
      {},
      { credential: { env: 'DRILL_TEST_CREDENTIAL' } },
    );
    expect((await t.observe()).ok).toBe(true);
    const connect = requests().map((l) => JSON.parse(l)).find((r) => r.op === 'connect');
    expect(connect.params).toEqual({ cluster: 'hvc01.lab.example.com', nodes: null, transport: { kind: 'winrm' }, credential: { env: 'DRILL_TEST_CREDENTIAL' } });
    expect(requests().join('\n')).not.toContain(secret);
  });

  it('a credential variable that is not set fails the connection clearly', async () => {
    const { t } = target({}, {}, { credential: { env: 'DRILL_TEST_UNSET_CREDENTIAL' } });
    const outcome = await t.observe();
    expect(outcome).toMatchObject({ ok: false, error: { code: 'unreachable' } });
    if (!outcome.ok) expect(outcome.error.message).toMatch(/DRILL_TEST_UNSET_CREDENTIAL is not set/);
  });

  it('close ends the child', async () => {
    const { t, pids } = target({});
    expect((await t.observe()).ok).toBe(true);
    await t.close();
    const [pid] = pids();
    expect(() => process.kill(pid!, 0)).toThrow();
    expect(await t.observe()).toMatchObject({ ok: false, error: { code: 'crashed' } });
  });
});
