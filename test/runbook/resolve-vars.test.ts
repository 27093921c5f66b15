// Vars resolved against an inventory at preflight: picks, ties, seeded random, not:, --var overrides.
import { describe, expect, it } from 'vitest';
import { parseRunbook } from '../../src/runbook/load-runbook.js';
import type { Runbook } from '../../src/runbook/model.js';
import { resolveNodeRef, resolveVars } from '../../src/runbook/resolve-vars.js';
import type { Inventory } from '../../src/targets/cluster-state.js';
import { defaultSimulatedConfig } from '../../src/targets/simulated/default-config.js';

/** A runbook declaring `vars` (YAML flow lines) and one wait step. */
function withVars(...vars: string[]): Runbook {
  const loaded = parseRunbook(['runbook: v', 'vars:', ...vars.map((v) => `  ${v}`), 'steps:', '  - wait: 1m'].join('\n'), 'r.yaml');
  if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => `${d.line}:${d.column}: ${d.message}`).join('\n'));
  return loaded.runbook;
}

/** Nodes with the given VM counts, in inventory order. */
function inventory(counts: Readonly<Record<string, number>>): Inventory {
  return {
    cluster: defaultSimulatedConfig().cluster,
    nodes: Object.keys(counts).map((name) => ({ name, networks: [] })),
    vms: Object.entries(counts).flatMap(([owner, n]) =>
      Array.from({ length: n }, (_, i) => ({ name: `${owner}-vm${i}`, owner, storage: 'csv' as const, memoryBytes: 1, configVersion: '8.0', resilient: true })),
    ),
  };
}

const cluster = inventory({ HV01: 3, HV02: 5, HV03: 5, HV04: 1 });

function resolved(runbook: Runbook, inv: Inventory = cluster, seed = 1, overrides: Record<string, string> = {}) {
  const result = resolveVars(runbook, inv, seed, overrides);
  if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join('\n'));
  return result.vars;
}

const failures = (runbook: Runbook, inv: Inventory = cluster, overrides: Record<string, string> = {}) => {
  const result = resolveVars(runbook, inv, 1, overrides);
  return result.ok ? [] : result.diagnostics.map((d) => `${d.line}:${d.column}: ${d.message}`);
};

describe('picks', () => {
  it('chooses by VM count, ties going to the first in inventory order', () => {
    expect(resolved(withVars('a: { node: most-vms }', 'b: { node: fewest-vms }', 'c: { node: first }', 'd: { node: last }'))).toEqual({
      a: 'HV02',
      b: 'HV04',
      c: 'HV01',
      d: 'HV04',
    });
  });

  it('honours not: with earlier vars and names', () => {
    expect(resolved(withVars('victim: { node: most-vms }', 'other: { node: most-vms, not: $victim }', 'third: { node: first, not: [$victim, HV01] }'))).toEqual({
      victim: 'HV02',
      other: 'HV03',
      third: 'HV03',
    });
  });

  it('picks at random deterministically for a seed, and differently across seeds', () => {
    const runbook = withVars('a: { node: random }');
    const bySeed = Array.from({ length: 20 }, (_, seed) => resolved(runbook, cluster, seed)['a']);
    expect(Array.from({ length: 20 }, (_, seed) => resolved(runbook, cluster, seed)['a'])).toEqual(bySeed);
    expect(new Set(bySeed).size).toBeGreaterThan(1);
    for (const node of bySeed) expect(['HV01', 'HV02', 'HV03', 'HV04']).toContain(node);
  });

  it('takes a node named directly', () => {
    expect(resolved(withVars('a: { node: HV03 }'))).toEqual({ a: 'HV03' });
  });
});

describe('problems name the var and where it is declared', () => {
  it('refuses a named node not in the inventory', () => {
    expect(failures(withVars('a: { node: HV9 }'))).toEqual(["3:3: $a (node: HV9): the inventory has no node 'HV9' (one of HV01, HV02, HV03, HV04)"]);
  });

  it('refuses when every node is excluded', () => {
    const two = inventory({ A: 1, B: 1 });
    expect(failures(withVars('a: { node: first }', 'b: { node: first, not: [$a, B] }'), two)).toEqual([
      '4:3: $b: no node left to pick (2 in the inventory, 2 excluded by not:)',
    ]);
  });

  it('refuses an exclusion naming a node the inventory lacks', () => {
    expect(failures(withVars('a: { node: first, not: HV7 }'))).toEqual(["3:26: $a: not: the inventory has no node 'HV7' (one of HV01, HV02, HV03, HV04)"]);
  });
});

describe('--var overrides', () => {
  it('replace a pick with an inventory node', () => {
    expect(resolved(withVars('victim: { node: most-vms }', 'other: { node: first, not: $victim }'), cluster, 1, { victim: 'HV01' })).toEqual({
      victim: 'HV01',
      other: 'HV02',
    });
  });

  it('must name a node of the inventory, not an excluded one, and a declared var', () => {
    const runbook = withVars('victim: { node: most-vms }', 'other: { node: first, not: $victim }');
    expect(failures(runbook, cluster, { victim: 'HV9' })).toEqual(["3:3: $victim (--var victim=HV9): the inventory has no node 'HV9' (one of HV01, HV02, HV03, HV04)"]);
    expect(failures(runbook, cluster, { other: 'HV02' })).toEqual(['4:3: $other (--var other=HV02): HV02 is excluded by not: HV02']);
    expect(failures(runbook, cluster, { victm: 'HV01' })).toEqual(["1:1: --var victm: the runbook declares no var 'victm', did you mean 'victim'?"]);
  });
});

describe('resolveNodeRef', () => {
  it('reads names as written and vars from the resolution', () => {
    expect(resolveNodeRef({ kind: 'name', name: 'HV02' }, {})).toBe('HV02');
    expect(resolveNodeRef({ kind: 'var', var: 'victim' }, { victim: 'HV03' })).toBe('HV03');
    expect(() => resolveNodeRef({ kind: 'var', var: 'nobody' }, {})).toThrow(/not resolved/);
  });
});
