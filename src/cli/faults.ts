// `drill faults`: the catalogue of faults and actions, and which targets support each.
import type { Command } from 'commander';
import { ExitStatus } from '../errors/drill-error.js';
import { actionCatalogue, driverNames, faultCatalogue, type CatalogueEntry } from '../targets/catalogue.js';
import type { Wrap } from './main.js';

/** One row per fault and action: name, parameters, a yes/no per driver, what it runs on a real cluster. */
export function catalogueTable(): string {
  const rows: string[][] = [['', 'name', 'parameters', ...driverNames, 'on a real cluster']];
  const add = (kind: string, entry: CatalogueEntry) =>
    rows.push([
      kind,
      entry.name,
      entry.parameters.length === 0 ? '-' : entry.parameters.map((p) => (p.required ? p.name : `${p.name}?`)).join(', '),
      ...driverNames.map((d) => ((entry.drivers as readonly string[]).includes(d) ? (d === 'powershell' && entry.destructive ? 'yes (lab)' : 'yes') : 'no')),
      entry.onRealCluster,
    ]);
  for (const entry of Object.values(faultCatalogue)) add('inject', entry);
  for (const entry of Object.values(actionCatalogue)) add('do', entry);
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  const lines = rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ').trimEnd());
  const note = "parameters ending in '?' are optional; 'yes (lab)': only on a target marked lab: true";
  return `${lines.join('\n')}\n\n${note}\n`;
}

export function registerFaults(program: Command, wrap: Wrap): void {
  program
    .command('faults')
    .description('list the faults and actions, and which targets support each')
    .action(
      wrap(async () => {
        process.stdout.write(catalogueTable());
        return ExitStatus.passed;
      }),
    );
}
