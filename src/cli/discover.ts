// `drill discover <target> --write <file>`: reads a real cluster's inventory and settings through the
// PowerShell agent and writes a simulated twin of it (a target file the simulator runs).
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { DrillError, ExitStatus, invalidInput } from '../errors/drill-error.js';
import { loadTargetFile } from '../runbook/load-target-file.js';
import { createPowerShellTarget, type PowerShellTargetOptions } from '../targets/powershell/powershell-target.js';
import { twinTargetYaml, vmGroups } from '../targets/powershell/twin.js';
import { RealClock } from '../time/real-clock.js';
import type { Wrap } from './main.js';

export interface DiscoverOptions {
  readonly write: string;
  /** Options of the PowerShell target (tests pass the fake's environment). */
  readonly target?: PowerShellTargetOptions;
  /** Where the summary line goes (default stdout). */
  readonly print?: (line: string) => void;
}

/** Reads the cluster behind `targetPath` and writes its twin to `options.write`; returns the exit status. */
export async function runDiscover(targetPath: string, options: DiscoverOptions): Promise<number> {
  const loaded = await loadTargetFile(targetPath);
  if (!loaded.ok) throw invalidInput(loaded.diagnostics);
  const config = loaded.target.config;
  if (config.driver !== 'powershell') {
    throw new DrillError('invalid-input', `${targetPath} is a ${config.driver} target: drill discover reads a real cluster (driver: powershell)`);
  }
  const clock = new RealClock();
  const target = createPowerShellTarget(config, clock, options.target);
  try {
    const inventory = await target.inventory();
    if (!inventory.ok) {
      throw new DrillError('target-unreachable', `could not read the inventory of ${config.cluster}: ${inventory.error.message}`, {
        hint: 'check the remoting prerequisites in src/targets/powershell/README.md',
      });
    }
    const yaml = twinTargetYaml(inventory.value, { name: `${config.name}-twin`, source: targetPath, readAt: clock.wallTime() });
    await writeFile(options.write, yaml, 'utf8');
    const groups = vmGroups(inventory.value.vms).length;
    (options.print ?? ((line) => process.stdout.write(`${line}\n`)))(
      `wrote ${options.write}: ${inventory.value.nodes.length} nodes, ${inventory.value.vms.length} VMs in ${groups} kinds, settings of ${inventory.value.cluster.name}`,
    );
    return ExitStatus.passed;
  } finally {
    await target.close();
  }
}

export function registerDiscover(program: Command, wrap: Wrap): void {
  program
    .command('discover <target>')
    .description('write a simulated twin of a real cluster: its settings, nodes, networks and VM kinds')
    .requiredOption('--write <file>', 'the simulated target file to write')
    .action(wrap(async (targetPath: string, opts: { write: string }) => runDiscover(targetPath, { write: opts.write })));
}
