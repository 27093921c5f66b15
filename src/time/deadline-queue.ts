// Pending work ordered by deadline, ties in the order it was added: the one priority queue under the
// virtual clock's timers and the simulator's agenda. Cancelling is lazy (skipped when it reaches the top),
// so cancel is O(1) and the heap never needs a search.

/** Something due at a time; `seq` breaks ties in insertion order, `id` names it for cancelling. */
export interface Deadline {
  readonly id: number;
  readonly due: number;
  readonly seq: number;
}

export class DeadlineQueue<T extends Deadline> {
  #heap: T[] = [];
  #cancelled = new Set<number>();

  /** The earliest entry still pending, without removing it. */
  peek(): T | undefined {
    this.#dropCancelled();
    return this.#heap[0];
  }

  /** Removes and returns the earliest pending entry due at or before `time`. */
  popDue(time: number): T | undefined {
    const top = this.peek();
    if (!top || top.due > time) return undefined;
    this.#pop();
    return top;
  }

  push(entry: T): void {
    const heap = this.#heap;
    heap.push(entry);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  /** Marks an entry as cancelled; it is dropped when it reaches the top. */
  cancel(id: number): void {
    this.#cancelled.add(id);
  }

  /** Pending entries in due order (for export and inspection). */
  pending(): T[] {
    return this.#heap.filter((t) => !this.#cancelled.has(t.id)).sort((a, b) => (before(a, b) ? -1 : 1));
  }

  clear(): void {
    this.#heap = [];
    this.#cancelled.clear();
  }

  #dropCancelled(): void {
    while (this.#heap.length > 0 && this.#cancelled.has(this.#heap[0]!.id)) {
      this.#cancelled.delete(this.#heap[0]!.id);
      this.#pop();
    }
  }

  #pop(): void {
    const heap = this.#heap;
    const last = heap.pop();
    if (heap.length === 0 || !last) return;
    heap[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && before(heap[l]!, heap[m]!)) m = l;
      if (r < heap.length && before(heap[r]!, heap[m]!)) m = r;
      if (m === i) break;
      [heap[i], heap[m]] = [heap[m]!, heap[i]!];
      i = m;
    }
  }
}

const before = (a: Deadline, b: Deadline): boolean => a.due < b.due || (a.due === b.due && a.seq < b.seq);
