// `drill schedule`: run drills on their schedules (long-running), or once for whatever is due (`--once`,
// for cron, systemd timers, CI schedules and Kubernetes CronJobs). Logs JSON lines to stderr.
import type { Command } from 'commander';
import { durationOption } from '../history/cli-options.js';
import type { LogLevel } from '../history/logger.js';
import { runScheduledDrill } from '../history/run-scheduled-drill.js';
import { runSchedule } from '../history/schedule-command.js';
import { DrillError } from '../errors/drill-error.js';
import { RealClock } from '../time/real-clock.js';
import type { Wrap } from './main.js';

interface ScheduleCliOptions {
  readonly once?: boolean;
  readonly grace: string;
  readonly drill?: string[];
  readonly target?: string;
  readonly db?: string;
  readonly logLevel: string;
  readonly maxWait: string;
}

const logLevels: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

export function registerSchedule(program: Command, wrap: Wrap): void {
  program
    .command('schedule <drills>')
    .description('run drills on their schedules')
    .option('--once', 'run every drill that is due once, then exit (for cron, systemd timers, CronJobs)')
    .option('--grace <duration>', 'with --once: how late a missed occurrence may still run', '1h')
    .option('--drill <name...>', 'only these drills')
    .option('--target <name>', 'only the drills on this target (its name or file): one job per cluster')
    .option('--db <path>', 'history database (default: the drills file\'s, else .drill/history.db)')
    .option('--log-level <level>', 'debug, info, warn or error', 'info')
    .option('--max-wait <duration>', 'longest single wait before the wall clock is read again', '1m')
    .action(
      wrap(async (drillsFile: string, options: ScheduleCliOptions) => {
        if (!(logLevels as readonly string[]).includes(options.logLevel)) {
          throw new DrillError('invalid-input', `--log-level ${options.logLevel}: expected ${logLevels.join(', ')}`);
        }
        const graceMs = durationOption(options.grace, '--grace');
        const maxSleepMs = durationOption(options.maxWait, '--max-wait');
        if (maxSleepMs < 1000) throw new DrillError('invalid-input', `--max-wait ${options.maxWait}: at least 1s`);
        const shutdown = new AbortController();
        // SIGTERM (systemd stop, Kubernetes, Task Scheduler end) and Ctrl-C: finish or roll back, then exit.
        const stop = (signal: NodeJS.Signals) => shutdown.abort(new DrillError('interrupted', `received ${signal}`));
        process.once('SIGTERM', stop);
        process.once('SIGINT', stop);
        try {
          return await runSchedule(
            { drillsFile, once: options.once ?? false, graceMs, drills: options.drill, target: options.target, db: options.db, logLevel: options.logLevel as LogLevel },
            { runDrill: runScheduledDrill, clock: new RealClock(), writeLog: (line) => process.stderr.write(line), shutdown: shutdown.signal, maxSleepMs },
          );
        } finally {
          process.off('SIGTERM', stop);
          process.off('SIGINT', stop);
        }
      }),
    );
}
