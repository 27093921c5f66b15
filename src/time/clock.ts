// The one source of time. Engine, simulator and observation loop take a Clock; nothing else reads
// Date.now() or calls setTimeout. Its shape is a superset of xstate's Clock, so it is passed to
// createActor(machine, { clock }) as is.

export type TimerId = number;

export interface Clock {
  /** Milliseconds since the clock's origin (a run starts at or near 0 on a virtual clock). */
  now(): number;
  setTimeout(callback: () => void, delayMs: number): TimerId;
  clearTimeout(id: TimerId): void;
  /** Resolves after `delayMs` of this clock's time; rejects with the signal's reason when aborted. */
  sleep(delayMs: number, signal?: AbortSignal): Promise<void>;
  /** Wall-clock time for reports (ISO 8601). The only place a real date may be read. */
  wallTime(): string;
}
