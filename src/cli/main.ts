// The commander program: one file per command, and the one error boundary of the tool. Only the CLI
// prints errors and sets the exit status.
import { Command, CommanderError } from 'commander';
import { DrillError, ExitStatus, formatDiagnostic } from '../errors/drill-error.js';
import { drillVersion } from './version.js';
import { registerValidate } from './validate.js';
import { registerSchema } from './schema.js';
import { registerFaults } from './faults.js';
import { registerRun } from './run.js';
import { registerReport } from './report.js';
import { registerCleanup } from './cleanup.js';
import { registerDiscover } from './discover.js';
import { registerSchedule } from './schedule.js';
import { registerHistory } from './history.js';

/** A command's action resolves to the exit status it wants. */
export type CommandAction = (...args: never[]) => Promise<number>;

/** Builds the program; `setStatus` receives the exit status of whichever command ran. */
export function buildProgram(setStatus: (status: number) => void): Command {
  const program = new Command('drill')
    .description('Chaos-test runbooks for Hyper-V failover clusters')
    .version(drillVersion, '-V, --version')
    .showHelpAfterError()
    .exitOverride();
  const wrap =
    <A extends unknown[]>(action: (...args: A) => Promise<number>) =>
    async (...args: A) => {
      setStatus(await action(...args));
    };
  registerValidate(program, wrap);
  registerSchema(program, wrap);
  registerFaults(program, wrap);
  registerRun(program, wrap);
  registerReport(program, wrap);
  registerCleanup(program, wrap);
  registerDiscover(program, wrap);
  registerSchedule(program, wrap);
  registerHistory(program, wrap);
  return program;
}

/** Type of the wrapper each register function receives to report its exit status. */
export type Wrap = <A extends unknown[]>(action: (...args: A) => Promise<number>) => (...args: A) => Promise<void>;

/**
 * A reader that goes away (`drill run ... | head`) must not kill a drill in the middle: output errors
 * are dropped, and the drill goes on to its rollback.
 */
function keepRunningWhenOutputCloses(): void {
  for (const stream of [process.stdout, process.stderr]) {
    if (stream.listenerCount('error') === 0) stream.on('error', () => undefined);
  }
}

export async function main(argv: readonly string[]): Promise<number> {
  keepRunningWhenOutputCloses();
  let status: number = ExitStatus.passed;
  const program = buildProgram((s) => {
    status = s;
  });
  try {
    await program.parseAsync([...argv]);
    return status;
  } catch (error) {
    return reportError(error);
  }
}

/** The error boundary: prints what went wrong and what to do, returns the exit status. */
export function reportError(error: unknown): number {
  if (error instanceof CommanderError) {
    // --help and --version exit 0; usage errors are invalid input.
    return error.exitCode === 0 ? ExitStatus.passed : ExitStatus.invalidInput;
  }
  if (error instanceof DrillError) {
    for (const d of error.diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`);
    process.stderr.write(`drill: ${error.message}\n`);
    if (error.hint) process.stderr.write(`  ${error.hint}\n`);
    return error.exitStatus;
  }
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`drill: internal error: ${text}\n`);
  return ExitStatus.inconclusive;
}
