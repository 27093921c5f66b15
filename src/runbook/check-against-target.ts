// A runbook checked against a target before anything runs: every node, VM and NIC name it writes exists
// there, every fault and action is one the driver can carry out, destructive faults only on a lab, and
// windows written as expressions are still in order with this cluster's settings.
import type { Diagnostic, DiagnosticCode, SourcePosition } from '../errors/drill-error.js';
import { actionCatalogue, faultCatalogue, type DriverName } from '../targets/catalogue.js';
import { unreadClusterSettings, type ClusterSettings, type Inventory } from '../targets/cluster-state.js';
import type { LoadedTarget, TargetConfig } from '../targets/target-config.js';
import { evaluateDurationChecked, isSettingFree } from './duration.js';
import type { Duration, Runbook } from './model.js';
import { resolveVars } from './resolve-vars.js';
import { runbookReferences } from './runbook-references.js';
import { unknownName } from './suggest.js';

/** What a target is known to hold before connecting; undefined lists are not checked. */
export interface TargetNames {
  readonly driver: DriverName;
  readonly name: string;
  readonly lab: boolean;
  readonly nodes: readonly string[] | undefined;
  readonly vms: readonly string[] | undefined;
  readonly nics: readonly string[] | undefined;
  readonly cluster: ClusterSettings | undefined;
}

/** VM names of a simulated target: <prefix>0001.. numbered across groups, in order. */
export function simulatedVmNames(config: Extract<TargetConfig, { driver: 'simulated' }>): string[] {
  const names: string[] = [];
  let number = 1;
  for (const group of config.vms) for (let i = 0; i < group.count; i += 1, number += 1) names.push(`${group.prefix}${String(number).padStart(4, '0')}`);
  return names;
}

/** The names a target file makes known offline (all of them for the simulator; `nodes:` for a real one). */
export function targetNamesOf(config: TargetConfig): TargetNames {
  if (config.driver === 'simulated') {
    return {
      driver: 'simulated',
      name: config.name,
      lab: config.lab,
      nodes: config.nodes,
      vms: simulatedVmNames(config),
      nics: [...new Set(config.networks.flatMap((n) => n.nics))],
      cluster: config.cluster,
    };
  }
  return { driver: 'powershell', name: config.name, lab: config.lab, nodes: config.nodes, vms: undefined, nics: undefined, cluster: undefined };
}

/** The names of a target as its inventory reports them at preflight (everything known). */
export function inventoryNamesOf(config: TargetConfig, inventory: Inventory): TargetNames {
  return {
    ...targetNamesOf(config),
    nodes: inventory.nodes.map((n) => n.name),
    vms: inventory.vms.map((v) => v.name),
    nics: [...new Set(inventory.nodes.flatMap((n) => n.networks.flatMap((w) => w.nics)))],
    cluster: inventory.cluster,
  };
}

/**
 * What a target file says its inventory is, before connecting: all of it for the simulator (VMs placed
 * round-robin, as the simulator places them), the listed nodes (no VMs) for a real cluster, else nothing.
 */
export function staticInventoryOf(config: TargetConfig): Inventory | undefined {
  if (config.driver === 'powershell') {
    return config.nodes === undefined ? undefined : { cluster: staticSettings, nodes: config.nodes.map((name) => ({ name, networks: [] })), vms: [] };
  }
  const networks = config.networks.map((n) => ({ name: n.name, nics: [...n.nics] }));
  const vmNames = simulatedVmNames(config);
  const groups = config.vms.flatMap((g) => Array.from({ length: g.count }, () => g));
  return {
    cluster: config.cluster,
    nodes: config.nodes.map((name) => ({ name, networks })),
    vms: vmNames.map((name, i) => {
      const group = groups[i];
      return {
        name,
        owner: config.nodes[i % config.nodes.length] ?? '',
        storage: group?.storage ?? 'csv',
        memoryBytes: group?.memoryBytes ?? 0,
        configVersion: group?.configVersion ?? '8.0',
        resilient: Number(group?.configVersion ?? '8.0') >= 8,
      };
    }),
  };
}

// Never evaluated: a real cluster's settings are read at preflight; picks need only node names.
const staticSettings: ClusterSettings = unreadClusterSettings();

/**
 * Checks a runbook against a loaded target file (validate --target, run before connecting): names,
 * faults, and — when the file tells the inventory — that every var's pick finds a node.
 */
export function checkRunbookAgainstTarget(runbook: Runbook, target: LoadedTarget | TargetConfig): Diagnostic[] {
  const config = 'config' in target ? target.config : target;
  const diagnostics = checkRunbookAgainstNames(runbook, targetNamesOf(config));
  const inventory = staticInventoryOf(config);
  if (inventory !== undefined && !diagnostics.some((d) => d.code === 'unknown-node')) {
    const vars = resolveVars(runbook, inventory, config.driver === 'simulated' ? config.seed : 1);
    if (!vars.ok) diagnostics.push(...vars.diagnostics);
  }
  return diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
}

/** Checks a runbook against what the target reported at preflight: no unknown name reaches a target. */
export function checkRunbookAgainstInventory(runbook: Runbook, config: TargetConfig, inventory: Inventory): Diagnostic[] {
  return checkRunbookAgainstNames(runbook, inventoryNamesOf(config, inventory));
}

export function checkRunbookAgainstNames(runbook: Runbook, names: TargetNames): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const report = (at: SourcePosition, code: DiagnosticCode, message: string) => diagnostics.push({ ...at, code, message });
  const refs = runbookReferences(runbook);
  const where = `target '${names.name}'`;

  const known = (kind: string, list: readonly string[] | undefined, name: string, at: SourcePosition, code: DiagnosticCode) => {
    if (list !== undefined && !list.includes(name)) report(at, code, `${unknownName(kind, name, list).replace(/^unknown /, `${where} has no `)}`);
  };
  for (const { ref, at } of refs.nodes) if (ref.kind === 'name') known('node', names.nodes, ref.name, at, 'unknown-node');
  for (const { name, at } of refs.vms) known('VM', names.vms, name, at, 'unknown-vm');
  for (const { name, at } of refs.nics) known('network adapter', names.nics, name, at, 'unknown-nic');

  for (const { fault, at } of refs.faults) {
    const entry = faultCatalogue[fault.fault];
    if (!(entry.drivers as readonly DriverName[]).includes(names.driver)) {
      report(at, 'unsupported-fault', `fault '${fault.fault}' is simulator only: the ${names.driver} ${where} cannot run it`);
    } else if (entry.destructive && names.driver === 'powershell' && !names.lab) {
      report(at, 'unsupported-fault', `fault '${fault.fault}' is destructive and ${where} is not marked 'lab: true'`);
    }
  }
  for (const { action, at } of refs.actions) {
    const entry = actionCatalogue[action.action];
    if (!(entry.drivers as readonly DriverName[]).includes(names.driver)) {
      report(at, 'unsupported-fault', `action '${action.action}' is simulator only: the ${names.driver} ${where} cannot run it`);
    }
  }
  // requires: (node count, cluster settings) is preflight's to check on the live cluster: exit 3, not 2.
  if (names.cluster !== undefined) diagnostics.push(...checkDurations(runbook, names.cluster));
  return diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
}

/** Durations written as expressions, evaluated with this cluster's settings: not negative, windows in order. */
export function checkDurations(runbook: Runbook, cluster: ClusterSettings): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  // Literals were checked at load; only expressions can go wrong on a particular cluster.
  const evaluate = (d: Duration): number | undefined => {
    const result = evaluateDurationChecked(d, cluster);
    if (result.ok) return result.ms;
    if (!isSettingFree(d.expr)) diagnostics.push({ ...d.at, code: 'invalid-duration', message: result.message });
    return undefined;
  };
  for (const step of runbook.steps) {
    for (const { window: w } of step.expect) {
      if (w.kind === 'within') evaluate(w.max);
      else if (w.kind === 'for') evaluate(w.duration);
      else {
        const min = evaluate(w.min);
        const max = evaluate(w.max);
        if (min !== undefined && max !== undefined && min > max) {
          diagnostics.push({ ...w.min.at, code: 'window', message: `between: min ${w.min.text} (${min} ms) is after max ${w.max.text} (${max} ms) on this cluster` });
        }
      }
    }
  }
  return diagnostics;
}
