// The run's record as it happens: every journal event goes to the in-memory journal, to the recorder
// (a later issue backs it with an fsync'd file) and to the progress listener of the terminal UI.
import type { ExpectationRecord, JournalEvent, StepRecord } from './journal.js';

/** Where journal events are written as they happen. `append` of an injection's intent is awaited before the fault is made. */
export interface RunRecorder {
  append(event: JournalEvent): void | Promise<void>;
}

/** Phases of the run, in order (the run machine's top-level states). */
export type RunPhase = 'preflight' | 'steadyStateBefore' | 'steps' | 'rollback' | 'steadyStateAfter' | 'verdict';

/** What the terminal UI is told while a drill runs. */
export type ProgressEvent =
  | { readonly kind: 'phase'; readonly at: number; readonly phase: RunPhase }
  | {
      readonly kind: 'stepStarted';
      readonly at: number;
      readonly step: number;
      readonly repetition: number;
      readonly repetitions: number;
      readonly name: string;
      readonly act: string;
      /** Each expectation with its absolute window, all waiting. */
      readonly expectations: readonly { readonly id: string; readonly text: string; readonly from: number; readonly to: number; readonly min?: number }[];
    }
  | { readonly kind: 'expectationDecided'; readonly record: ExpectationRecord }
  | { readonly kind: 'stepEnded'; readonly record: StepRecord }
  | { readonly kind: 'journal'; readonly event: JournalEvent };

export type ProgressListener = (event: ProgressEvent) => void;

export class RunLog {
  readonly events: JournalEvent[] = [];
  readonly #recorder: RunRecorder | undefined;
  readonly #listener: ProgressListener | undefined;
  readonly #hold: <T>(work: Promise<T>) => Promise<T>;
  #pending: Promise<void> = Promise.resolve();
  #recorderError: unknown = undefined;

  /**
   * `hold` keeps a virtual clock still while the recorder writes (real I/O during a virtual run), so a
   * slow disk never lets simulated time pass between the write-ahead and the injection.
   */
  constructor(recorder?: RunRecorder, listener?: ProgressListener, hold: <T>(work: Promise<T>) => Promise<T> = (work) => work) {
    this.#recorder = recorder;
    this.#listener = listener;
    this.#hold = hold;
  }

  /** Records an event; the recorder's write is chained so the order on disk is the order of events. */
  append(event: JournalEvent): void {
    this.events.push(event);
    const recorder = this.#recorder;
    if (recorder) {
      this.#pending = this.#hold(
        this.#pending
          .then(() => recorder.append(event))
          .catch((e: unknown) => {
            this.#recorderError ??= e;
          }),
      );
    }
    this.progress({ kind: 'journal', event });
  }

  /** Records an event and waits until the recorder has it (write-ahead: before a fault is made). Throws if it could not. */
  async appendDurably(event: JournalEvent): Promise<void> {
    this.append(event);
    await this.flush();
    if (this.#recorderError !== undefined) throw this.#recorderError;
  }

  /** Waits for every write handed to the recorder so far. */
  async flush(): Promise<void> {
    await this.#pending;
  }

  /** Tells the terminal UI; a listener that throws must not break the drill. */
  progress(event: ProgressEvent): void {
    try {
      this.#listener?.(event);
    } catch {
      // The UI is a bystander: its failure is not the cluster's.
    }
  }
}
