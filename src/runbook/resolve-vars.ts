// Vars resolved once at preflight against the target's inventory: picks (most-vms, fewest-vms, first,
// last, random), `not:` exclusions and `--var name=value` overrides, each to a node of the inventory.
import type { Diagnostic, SourcePosition } from '../errors/drill-error.js';
import type { Inventory } from '../targets/cluster-state.js';
import type { NodePick, NodeRef, Runbook, VarDefinition } from './model.js';
import { unknownName } from './suggest.js';

/** Var name (without `$`) -> node name. */
export type ResolvedVars = Readonly<Record<string, string>>;

export type VarResolution = { readonly ok: true; readonly vars: ResolvedVars } | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/** A small seeded generator (mulberry32): the same seed picks the same node on every run. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a of the var's name: each var draws from its own stream, so adding a var does not move another. */
function nameHash(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i += 1) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Picks a node among `candidates` (inventory order); ties go to the first. */
function pickNode(pick: NodePick, candidates: readonly string[], vmCount: (node: string) => number, random: () => number): string | undefined {
  switch (pick) {
    case 'first':
      return candidates[0];
    case 'last':
      return candidates.at(-1);
    case 'random':
      return candidates[Math.floor(random() * candidates.length)];
    case 'most-vms':
    case 'fewest-vms': {
      let best: string | undefined;
      for (const node of candidates) {
        if (best === undefined) best = node;
        else if (pick === 'most-vms' ? vmCount(node) > vmCount(best) : vmCount(node) < vmCount(best)) best = node;
      }
      return best;
    }
  }
}

/**
 * Resolves every var of the runbook in order. `overrides` (from `--var name=value`) replace a var's pick;
 * the value must be a node of the inventory, and the var's `not:` still applies.
 */
export function resolveVars(runbook: Runbook, inventory: Inventory, seed: number, overrides: Readonly<Record<string, string>> = {}): VarResolution {
  const diagnostics: Diagnostic[] = [];
  const report = (at: SourcePosition, message: string, code: Diagnostic['code'] = 'unknown-node') => diagnostics.push({ ...at, code, message });
  const nodeNames = inventory.nodes.map((n) => n.name);
  const owned = new Map<string, number>();
  for (const vm of inventory.vms) owned.set(vm.owner, (owned.get(vm.owner) ?? 0) + 1);
  const vmCount = (node: string) => owned.get(node) ?? 0;
  const resolved: Record<string, string> = {};
  // Vars that could not be resolved (already reported): vars excluding them are not reported again.
  const failed = new Set<string>();
  const fileStart: SourcePosition = { file: runbook.source.path, line: 1, column: 1 };

  for (const name of Object.keys(overrides)) {
    if (!runbook.vars.some((v) => v.name === name)) {
      report(fileStart, `--var ${name}: ${unknownName('var', name, runbook.vars.map((v) => v.name)).replace(/^unknown var/, 'the runbook declares no var')}`, 'unknown-var');
    }
  }
  for (const v of runbook.vars) {
    const excluded = exclusions(v, resolved, failed, nodeNames, report);
    if (excluded === undefined) {
      failed.add(v.name);
      continue;
    }
    const override = overrides[v.name];
    const chosen = override !== undefined ? checkNamed(v, override, `--var ${v.name}=${override}`, nodeNames, excluded, report) : choose(v, nodeNames, excluded, vmCount, seed, report);
    if (chosen !== undefined) resolved[v.name] = chosen;
    else failed.add(v.name);
  }
  return diagnostics.length === 0 ? { ok: true, vars: resolved } : { ok: false, diagnostics };
}

/** The nodes a var may not be; undefined when its `not:` could not be resolved (reported). */
function exclusions(v: VarDefinition, resolved: Record<string, string>, failed: ReadonlySet<string>, nodeNames: readonly string[], report: (at: SourcePosition, m: string) => void): Set<string> | undefined {
  const excluded = new Set<string>();
  for (const ref of v.not) {
    if (ref.kind === 'var') {
      const node = resolved[ref.var];
      if (node === undefined && failed.has(ref.var)) return undefined;
      if (node === undefined) {
        report(ref.at ?? v.at, `$${v.name}: not: $${ref.var} has no node (it is declared later or could not be resolved)`);
        return undefined;
      }
      excluded.add(node);
    } else if (!nodeNames.includes(ref.name)) {
      report(ref.at ?? v.at, `$${v.name}: not: ${unknownName('node', ref.name, nodeNames).replace(/^unknown node/, 'the inventory has no node')}`);
      return undefined;
    } else {
      excluded.add(ref.name);
    }
  }
  return excluded;
}

function checkNamed(v: VarDefinition, node: string, source: string, nodeNames: readonly string[], excluded: ReadonlySet<string>, report: (at: SourcePosition, m: string) => void): string | undefined {
  if (!nodeNames.includes(node)) {
    report(v.at, `$${v.name} (${source}): ${unknownName('node', node, nodeNames).replace(/^unknown node/, 'the inventory has no node')}`);
    return undefined;
  }
  if (excluded.has(node)) {
    report(v.at, `$${v.name} (${source}): ${node} is excluded by not: ${[...excluded].join(', ')}`);
    return undefined;
  }
  return node;
}

function choose(
  v: VarDefinition,
  nodeNames: readonly string[],
  excluded: ReadonlySet<string>,
  vmCount: (node: string) => number,
  seed: number,
  report: (at: SourcePosition, m: string) => void,
): string | undefined {
  if (v.pick.kind === 'name') return checkNamed(v, v.pick.name, `node: ${v.pick.name}`, nodeNames, excluded, report);
  const candidates = nodeNames.filter((n) => !excluded.has(n));
  const node = pickNode(v.pick.pick, candidates, vmCount, seededRandom(seed ^ nameHash(v.name)));
  if (node === undefined) report(v.at, `$${v.name}: no node left to pick (${nodeNames.length} in the inventory, ${excluded.size} excluded by not:)`);
  return node;
}

/** The node a reference names once vars are resolved (a var that is not resolved throws: resolve first). */
export function resolveNodeRef(ref: NodeRef, vars: ResolvedVars): string {
  if (ref.kind === 'name') return ref.name;
  const node = vars[ref.var];
  if (node === undefined) throw new Error(`var $${ref.var} is not resolved`);
  return node;
}
