// Ctrl-C during a drill: the first SIGINT/SIGTERM stops injecting and rolls back (exit 130 after the
// rollback); a second one exits at once, leaving the write-ahead log for `drill cleanup`.
export interface InterruptHandle {
  readonly signal: AbortSignal;
  /** Stops listening (after the run). */
  dispose(): void;
}

export function listenForInterrupts(runId: () => string, say: (line: string) => void): InterruptHandle {
  const controller = new AbortController();
  const onSignal = (name: NodeJS.Signals) => {
    if (!controller.signal.aborted) {
      say(`\n${name}: stopping the drill and rolling back (press Ctrl-C again to exit at once)`);
      controller.abort(new Error(`interrupted by ${name}`));
      return;
    }
    say(`${name} again: exiting without finishing the rollback. Undo what is left with: drill cleanup ${runId()}`);
    process.exit(130);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    dispose() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
