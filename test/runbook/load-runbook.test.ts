// The checked model of the contract's example runbook, and the defaults the format promises.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadRunbook, parseRunbook } from '../../src/runbook/load-runbook.js';
import type { Runbook } from '../../src/runbook/model.js';

const example = fileURLToPath(new URL('../fixtures/runbooks/good/quarantine-drain-clear.yaml', import.meta.url));

async function exampleRunbook(): Promise<Runbook> {
  const loaded = await loadRunbook(example);
  if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => `${d.line}:${d.column}: ${d.message}`).join('\n'));
  return loaded.runbook;
}

/** Loads inline runbook text, failing the test with its diagnostics. */
function load(text: string): Runbook {
  const loaded = parseRunbook(text, 'inline.yaml');
  if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => `${d.line}:${d.column}: ${d.message}`).join('\n'));
  return loaded.runbook;
}

describe('the example runbook of the contract', () => {
  it('records its source path and sha256', async () => {
    const runbook = await exampleRunbook();
    const text = await readFile(example, 'utf8');
    expect(runbook.source).toEqual({ path: example, sha256: createHash('sha256').update(text).digest('hex') });
    expect(runbook.name).toBe('quarantine-drain-clear');
    expect(runbook.description).toMatch(/^Three cluster-service crashes/);
  });

  it('reads requires, vars and settings', async () => {
    const runbook = await exampleRunbook();
    expect(runbook.requires.nodes).toBe(3);
    expect(runbook.requires.cluster).toEqual({ resiliencyLevel: 'AlwaysIsolate', quarantineThreshold: 3 });
    expect(runbook.vars.map((v) => [v.name, v.pick, v.not.map((n) => (n.kind === 'var' ? `$${n.var}` : n.name))])).toEqual([
      ['victim', { kind: 'pick', pick: 'most-vms' }, []],
      ['other', { kind: 'pick', pick: 'first' }, ['$victim']],
    ]);
    expect(runbook.settings.observe.expr).toEqual({ kind: 'literal', ms: 2_000 });
    expect(runbook.settings.settle.expr).toEqual({ kind: 'literal', ms: 300_000 });
    expect(runbook.settings.onFailure).toBe('stop');
    expect(runbook.settings.maxNodesAffected).toBe(1);
  });

  it('builds steps with their kinds, names and expectations', async () => {
    const runbook = await exampleRunbook();
    expect(runbook.steps.map((s) => [s.kind, s.name, s.repeat, s.expect.length])).toEqual([
      ['inject', 'first crash isolates the node', 1, 5],
      ['inject', 'second crash isolates again and the node recovers', 1, 2],
      ['inject', 'third crash within the hour quarantines the node and drains it by live migration', 1, 2],
      ['do', 'clearing quarantine brings the node back', 1, 1],
    ]);
    expect(runbook.steps[0]?.expect.map((e) => e.text)).toEqual([
      'node $victim becomes Isolated within 2 * cluster.heartbeatTimeout',
      'vms { on: $victim, storage: csv, resilient: true } becomes PausedCritical within 30s',
      'vms { on: $victim, resilient: false } drained any within 2m',
      'vms { on: $victim, storage: smb } becomes [Running, Unmonitored] within 30s',
      'node $victim becomes { state: Up, isolated: false } within 3m',
    ]);
    const first = runbook.steps[0]?.expect[0];
    expect(first?.at).toMatchObject({ line: 31, column: 9 });
    expect(first?.window).toMatchObject({ kind: 'within', max: { text: '2 * cluster.heartbeatTimeout', at: { line: 33, column: 17 } } });
  });

  it('turns every word, list and mapping into terms', async () => {
    const runbook = await exampleRunbook();
    const conditionOf = (step: number, expectation: number) => {
      const predicate = runbook.steps[step]?.expect[expectation]?.predicate;
      return predicate?.kind === 'becomes' ? predicate.condition : undefined;
    };
    expect(conditionOf(0, 3)).toEqual({
      kind: 'every',
      member: {
        text: '[Running, Unmonitored]',
        terms: [
          { subject: 'vm', field: 'state', anyOf: ['Running'] },
          { subject: 'vm', field: 'monitored', anyOf: [false] },
        ],
      },
    });
    expect(conditionOf(1, 1)?.kind === 'every' ? conditionOf(1, 1) : undefined).toMatchObject({
      member: {
        terms: [
          { subject: 'node', field: 'state', anyOf: ['Up'] },
          { subject: 'node', field: 'isolated', anyOf: [false] },
          { subject: 'node', field: 'quarantined', anyOf: [false] },
        ],
      },
    });
  });

  it('reads rollback and stop conditions, with count', async () => {
    const runbook = await exampleRunbook();
    expect(runbook.rollback.map((r) => r.text)).toEqual(['clear-quarantine on $victim', 'start-cluster-service on $victim']);
    expect(runbook.abort.map((a) => a.text)).toEqual(['nodes all { count: { not: Up, above: 1 } }', 'vms all { count: { is: Off, above: 0 } } for 30s']);
    expect(runbook.abort[0]?.condition).toEqual({
      kind: 'count',
      polarity: 'not',
      member: { terms: [{ subject: 'node', field: 'state', anyOf: ['Up'] }], text: 'Up' },
      compare: 'above',
      n: 1,
      text: '{ count: { not: Up, above: 1 } }',
    });
    expect(runbook.abort[1]?.for?.expr).toEqual({ kind: 'literal', ms: 30_000 });
  });
});

describe('defaults and readable names', () => {
  it('fills the settings defaults', () => {
    const runbook = load('runbook: minimal\nsteps:\n  - wait: 30s\n');
    expect(runbook.settings).toMatchObject({ onFailure: 'stop', maxNodesAffected: 1, allowDegradedStart: false });
    expect(runbook.settings.observe.expr).toEqual({ kind: 'literal', ms: 2_000 });
    expect(runbook.settings.settle.expr).toEqual({ kind: 'literal', ms: 300_000 });
    expect(runbook.steadyState).toEqual([]);
    expect(runbook.requires).toEqual({ cluster: {} });
  });

  it('names unnamed steps after what they do, and defaults action parameters', () => {
    const runbook = load(
      [
        'runbook: names',
        'settings: { maxNodesAffected: 2 }',
        'steps:',
        '  - inject: partition-node',
        '    node: HV01',
        '    for: 30s',
        '  - inject: fail-nic',
        '    node: HV01',
        '    nic: NIC3',
        '  - do: move-vm',
        '    vm: VM0001',
        '    to: HV02',
        '  - do: resume-node',
        '    node: HV01',
        '  - wait: 1m30s',
        '    repeat: 3',
        '  - inject: freeze-vm',
        '    vm: VM0002',
        '    for: 1m',
      ].join('\n'),
    );
    expect(runbook.steps.map((s) => s.name)).toEqual([
      'inject partition-node on HV01 for 30s',
      'inject fail-nic NIC3 on HV01',
      'move-vm VM0001 to HV02 (live)',
      'resume-node HV01',
      'wait 1m30s',
      'inject freeze-vm VM0002 for 1m',
    ]);
    expect(runbook.steps[2]).toMatchObject({ kind: 'do', action: { action: 'move-vm', type: 'live' } });
    expect(runbook.steps[3]).toMatchObject({ kind: 'do', action: { action: 'resume-node', failback: 'none' } });
    expect(runbook.steps[4]?.repeat).toBe(3);
  });

  it('reads a mapping condition with lists of values, owner and drain', () => {
    const runbook = load(
      [
        'runbook: fields',
        'vars: { victim: { node: HV02 } }',
        'steps:',
        '  - do: drain-node',
        '    node: $victim',
        '    expect:',
        '      - node: $victim',
        '        becomes: { state: [Paused, Down], drain: Completed }',
        '        between: [1s, cluster.heartbeatTimeout]',
        '      - vm: VM0001',
        '        stays: { owner: $victim, heartbeat: Ok, group: Online }',
        '        for: 10s',
        '      - vms: all',
        '        never: HeartbeatLost',
        '        for: 10s',
      ].join('\n'),
    );
    const [node, vm, vms] = runbook.steps[0]?.expect ?? [];
    expect(runbook.vars[0]?.pick).toEqual({ kind: 'name', name: 'HV02' });
    expect(node?.predicate).toMatchObject({
      kind: 'becomes',
      condition: { member: { terms: [{ field: 'state', anyOf: ['Paused', 'Down'] }, { field: 'drain', anyOf: ['Completed'] }] } },
    });
    expect(node?.window.kind).toBe('between');
    expect(vm?.predicate).toMatchObject({
      kind: 'stays',
      // Terms and text keep the order the fields are written in.
      condition: {
        member: {
          terms: [{ field: 'owner', anyOf: [{ kind: 'var', var: 'victim' }] }, { field: 'heartbeat', anyOf: ['Ok'] }, { field: 'group', anyOf: ['Online'] }],
          text: '{ owner: $victim, heartbeat: Ok, group: Online }',
        },
      },
    });
    expect(vms?.predicate).toMatchObject({ kind: 'never', condition: { member: { terms: [{ field: 'heartbeat', anyOf: ['LostCommunication', 'NoContact'] }] } } });
  });
});

describe('semantic problems beyond the bad-runbook table', () => {
  const messages = (text: string) => {
    const loaded = parseRunbook(text, 'r.yaml');
    return loaded.ok ? [] : loaded.diagnostics.map((d) => `${d.line}:${d.column}: ${d.message}`);
  };

  it('refuses count on a single subject, and a count without a comparison', () => {
    expect(messages('runbook: c\nsteps:\n  - wait: 1m\n    expect:\n      - node: HV01\n        never: { count: { not: Up, above: 1 } }\n        for: 1m\n')).toEqual([
      '6:18: count needs a set of subjects (nodes: ... or vms: ...), not a node',
    ]);
    expect(messages('runbook: c\nsteps:\n  - wait: 1m\nabort:\n  - nodes: all\n    count: { not: Up }\n')).toEqual([
      '6:12: count needs one of above, below or equals: N',
    ]);
  });

  it('refuses a parameter the fault does not take, and a wait step with parameters', () => {
    expect(messages('runbook: p\nsteps:\n  - inject: crash-cluster-service\n    node: HV01\n    nic: NIC1\n  - wait: 1m\n    node: HV01\n')).toEqual([
      "5:5: 'nic' is not a parameter of crash-cluster-service (it takes node)",
      "7:5: a wait step takes no 'node'",
    ]);
  });

  it('refuses a var that excludes a later var or itself', () => {
    expect(messages('runbook: v\nvars:\n  a: { node: first, not: $b }\n  b: { node: last, not: $b }\nsteps:\n  - wait: 1m\n')).toEqual([
      "3:26: not: $b must name a var declared before 'a'",
      "4:25: var '$b' cannot exclude itself",
    ]);
  });

  it('refuses an unknown pick with a suggestion', () => {
    expect(messages('runbook: v\nvars:\n  a: { node: most-vm }\nsteps:\n  - wait: 1m\n')).toEqual(["3:14: unknown pick 'most-vm', did you mean 'most-vms'?"]);
  });

  it('refuses a missing predicate or window', () => {
    expect(messages('runbook: w\nsteps:\n  - wait: 1m\n    expect:\n      - node: HV01\n        becomes: Up\n      - node: HV01\n        within: 1m\n')).toEqual([
      '6:9: becomes needs a window: within: <duration> or between: [min, max]',
      '7:9: needs a predicate: becomes, stays, never or drained',
    ]);
  });

  it('refuses a runbook that is not a mapping and one without steps', () => {
    expect(messages('- a\n- b\n')).toEqual(['1:1: a runbook is a mapping of fields: runbook:, steps:, ...']);
    expect(messages('runbook: x\n')).toEqual(["1:1: missing field 'steps'"]);
  });
});
