// The cluster-lock script and the TypeScript that calls it agree: the agent binds the operation (from the
// request's op, never its data) and then the JSON arguments by position, so drill's arguments must list
// exactly the script's param() names after Operation, in order; the script parses; values never become source.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Node } from 'web-tree-sitter';
import { describe, expect, it } from 'vitest';
import { agentDirectory } from '../../../src/targets/powershell/agent-location.js';
import { AgentClusterLock, type LockArguments } from '../../../src/targets/powershell/agent-cluster-lock.js';
import { ok, type Outcome } from '../../../src/errors/drill-error.js';
import { VirtualClock } from '../../../src/time/virtual-clock.js';
import { parsePowerShell, syntaxProblems } from './powershell-syntax.js';

const scriptPath = join(agentDirectory(), 'lock', 'cluster-lock.ps1');
const script = readFileSync(scriptPath, 'utf8');

// The names of a script's param() block, in order, with a ValidateSet's values.
async function parameters(text: string): Promise<{ name: string; validateSet: string[] | undefined }[]> {
  const root = await parsePowerShell(text);
  const block = root.namedChildren.find((n): n is Node => n?.type === 'param_block');
  if (!block) throw new Error('no param() block');
  return block.descendantsOfType('script_parameter').filter((p): p is Node => p !== null).map((p) => {
    const set = /ValidateSet\(([^)]*)\)/.exec(p.text)?.[1];
    return {
      name: p.namedChildren.find((c) => c?.type === 'variable')!.text.slice(1),
      validateSet: set === undefined ? undefined : [...set.matchAll(/'([^']*)'/g)].map((m) => m[1]!),
    };
  });
}

// A lock over a recording agent call that answers what the script would for a fresh cluster.
function recordingLock(answer: unknown) {
  const sent: { op: string; params: Readonly<Record<string, unknown>> }[] = [];
  const call = async (op: string, params: Readonly<Record<string, unknown>>): Promise<Outcome<unknown>> => {
    sent.push({ op, params });
    return ok(answer);
  };
  const wall = new VirtualClock(0, Date.parse('2026-11-22T04:00:00.000Z'));
  const lock = new AgentClusterLock(call, { cluster: 'hvc01', wallClock: wall, pid: 4242, host: 'ops-box' });
  return { lock, sent, wall };
}

describe('the cluster-lock script', () => {
  it('parses with tree-sitter-powershell', async () => {
    expect(await syntaxProblems(script)).toEqual([]);
  });

  it('binds Operation first, then exactly the arguments drill sends, in order', async () => {
    const params = await parameters(script);
    expect(params[0]).toEqual({ name: 'Operation', validateSet: ['acquire', 'renew', 'release'] });
    const { lock, sent } = recordingLock({ acquired: true, released: false, holder: null, where: 'X' });
    await lock.acquire({ runId: 'r1', owner: 'ann@box', expiresAt: '2026-11-22T04:05:00.000Z' });
    await lock.renew();
    await lock.release();
    expect(sent.map((s) => s.op)).toEqual(['lock-acquire', 'lock-renew', 'lock-release']);
    for (const { params: p } of sent) expect(Object.keys(p['arguments'] as LockArguments)).toEqual(params.slice(1).map((x) => x.name));
  });

  it('the agent takes the operation from the request op and runs only the shipped lock script', () => {
    const agent = readFileSync(join(agentDirectory(), 'drill-agent.ps1'), 'utf8');
    for (const op of ['acquire', 'renew', 'release']) {
      expect(agent).toContain(`'lock-${op}' { Write-DrillResult -Id $id -ResultJson (Invoke-DrillLock -Operation '${op}' -Parameters $parameters) }`);
    }
    const operations = readFileSync(join(agentDirectory(), 'lib', 'drill-operations.ps1'), 'utf8');
    expect(operations).toMatch(/Invoke-Command -Session \$session -ScriptBlock \(Get-DrillScript 'lock\/cluster-lock\.ps1'\) -ArgumentList \$argumentValues/);
  });

  it('values that look like PowerShell travel as JSON data and appear nowhere in the script (golden)', async () => {
    const { lock, sent } = recordingLock({ acquired: true, released: false, holder: null, where: 'X' });
    const owner = "ann'; Remove-Item C:\\ -Recurse; '@box $(whoami)";
    await lock.acquire({ runId: '20261122T040000Z-abc123', owner, expiresAt: '2026-11-22T04:05:00.000Z' });
    expect(JSON.stringify(sent[0]!.params)).toBe(
      JSON.stringify({
        arguments: { RunId: '20261122T040000Z-abc123', Owner: owner, DrillPid: 4242, DrillHost: 'ops-box', LeaseMs: 300_000, DeadRunId: '' },
        avoid: [],
      }),
    );
    expect(script).not.toContain('Invoke-Expression');
    expect(script).not.toMatch(/\[scriptblock\]::Create/i);
  });

  it('writes nothing but its answer: cluster cmdlets that change things are silenced (stdout is the protocol)', () => {
    const changes = script.match(/^.*Set-ClusterParameter.*$/gm) ?? [];
    expect(changes.length).toBeGreaterThanOrEqual(3);
    for (const line of changes) expect(line).toMatch(/-WarningAction SilentlyContinue \| Out-Null/);
    expect(script).not.toMatch(/Write-(Host|Output|Warning)/);
  });

  it('creates the marker with CreateNew, renews by replacing it whole, and checks the run id first', () => {
    expect(script).toMatch(/\[System\.IO\.File\]::Open\(\$markerPath, \[System\.IO\.FileMode\]::CreateNew/);
    expect(script).toMatch(/\[System\.IO\.File\]::Replace\(\$temp, \$markerPath, \$null\)/);
    const renew = /'renew' \{([\s\S]*?)\n {4}\}/.exec(script)?.[1] ?? '';
    const release = /'release' \{([\s\S]*?)\n {4}\}/.exec(script)?.[1] ?? '';
    for (const body of [renew, release]) expect(body.indexOf('$holder.runId -ne $RunId')).toBeGreaterThan(-1);
    expect(release.indexOf('$holder.runId -ne $RunId')).toBeLessThan(release.indexOf('Remove-DrillMarker'));
  });
});
